import type { EventStore, RecordedEvent } from '@dpe/event-store';

/** One link of a trace: an event, who caused it, when, through which command and channel. */
export interface TraceLink {
  readonly why: string;
  readonly position: string;
  readonly streamId: string;
  readonly type: string;
  readonly eventId: string;
  readonly actor: string;
  readonly commandId: string;
  readonly causationId: string;
  readonly correlationId: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  /** How it came in, where the event says: a timesheet's channel and who submitted or approved it. */
  readonly channel?: string;
  readonly by?: string;
}

const PAGE = 2000;

/** Ids an event answers to: its own, its command's, and the ids of what it records (payslip, payment, pay run). */
function idsOf(event: RecordedEvent): string[] {
  const data = event.data as Record<string, unknown>;
  const ids = [event.id, event.metadata.commandId];
  for (const field of ['payslipId', 'paymentId', 'payRunId', 'recoveryId', 'absenceId', 'keyId']) {
    if (typeof data[field] === 'string') ids.push(data[field] as string);
  }
  return ids;
}

function linkOf(event: RecordedEvent, why: string): TraceLink {
  const data = event.data as Record<string, unknown>;
  const by = [data['submittedBy'], data['approvedBy'], data['rejectedBy']].find((v) => typeof v === 'string');
  return {
    why,
    position: event.globalPosition.toString(),
    streamId: event.streamId,
    type: event.type,
    eventId: event.id,
    actor: event.metadata.actor,
    commandId: event.metadata.commandId,
    causationId: event.metadata.causationId,
    correlationId: event.metadata.correlationId,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.metadata.recordedAt,
    ...(typeof data['channel'] === 'string' ? { channel: data['channel'] } : {}),
    ...(typeof by === 'string' ? { by } : {}),
  };
}

/**
 * The chain of events and commands behind a payment, payslip, pay run, ledger line (its event id) or command: the
 * events that answer to the id, then what each was computed from (a payslip's timesheets, amendments and absences; a
 * payment's payslips; a timesheet's submission and approval), each with its actor, command, time and channel. Reads
 * the whole log once (an audit tool, not a hot path).
 */
export async function trace(store: EventStore, id: string): Promise<TraceLink[]> {
  const all: RecordedEvent[] = [];
  for (let after = 0n; ;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    all.push(...page);
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.globalPosition;
  }
  const links: TraceLink[] = [];
  const seen = new Set<string>();
  const add = (event: RecordedEvent, why: string): void => {
    if (seen.has(event.id)) return;
    seen.add(event.id);
    links.push(linkOf(event, why));
  };
  const matches = all.filter((event) => idsOf(event).includes(id));
  for (const event of matches) add(event, `answers to ${id}`);

  const inStream = (streamId: string) => all.filter((event) => event.streamId === streamId);
  const followPayslip = (payslip: RecordedEvent): void => {
    const data = payslip.data as {
      employmentId: string;
      inputs: { timesheetIds: readonly string[]; amendmentIds?: readonly string[]; absenceIds: readonly string[] };
    };
    for (const timesheetId of data.inputs.timesheetIds) {
      const periodStart = timesheetId.slice(0, 10);
      for (const event of inStream(`timesheets-${data.employmentId}-${periodStart}`)) {
        if ((event.data as { timesheetId?: string }).timesheetId === timesheetId)
          add(event, `timesheet ${timesheetId}`);
      }
    }
    for (const event of inStream(`employment-${data.employmentId}`)) {
      const recorded = event.data as { absenceId?: string; amendmentId?: string };
      if (recorded.absenceId && data.inputs.absenceIds.includes(recorded.absenceId))
        add(event, `absence ${recorded.absenceId}`);
      if (recorded.amendmentId && (data.inputs.amendmentIds ?? []).includes(recorded.amendmentId))
        add(event, `amendment ${recorded.amendmentId}`);
    }
  };
  for (const event of matches) {
    if (event.type === 'PayslipIssued') followPayslip(event);
    if (event.type === 'PaymentRecorded') {
      const payment = event.data as {
        settles: { kind: string; employmentId?: string; payDate?: string; taxYear?: string; taxMonth?: number };
      };
      const { settles } = payment;
      for (const slip of inStream(event.streamId).filter((e) => e.type === 'PayslipIssued')) {
        const data = slip.data as { employmentId: string; payDate: string };
        const settled =
          (settles.kind === 'net-pay' &&
            data.employmentId === settles.employmentId &&
            data.payDate === settles.payDate) ||
          (settles.kind === 'pension' && data.payDate === settles.payDate);
        if (settled) {
          add(slip, `settled by ${id}`);
          followPayslip(slip);
        }
      }
    }
  }
  return links.sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1));
}
