import { isDeepStrictEqual } from 'node:util';
import type { EventStore, RecordedEvent } from '@dpe/event-store';
import { Money } from '@dpe/money';
import { Projector, type AnyProjection } from '@dpe/projector';

/** One broken invariant: which, where (the event or row), and the figures that disagree. */
export interface Breach {
  readonly invariant: string;
  readonly where: string;
  readonly detail: string;
}

/** An invariant over the whole log (replayed once) and the live read models. */
export interface Invariant {
  readonly name: string;
  check(context: VerifyContext): Breach[] | Promise<Breach[]>;
}

export interface VerifyContext {
  readonly store: EventStore;
  /** Every stored event, in global order. */
  readonly events: readonly RecordedEvent[];
  /** The live read models, caught up to the head. */
  readonly live: Projector;
  readonly projections: readonly AnyProjection[];
}

interface PayslipFigures {
  payslipId: string;
  gross: string;
  netPay: string;
  lines: readonly { amount: string }[];
  deductions: Record<'incomeTax' | 'employeeNic' | 'studentLoan' | 'postgraduateLoan' | 'pensionEmployee', string>;
}

/** Every payslip's lines sum to its gross, and its net pay is gross minus every deduction. */
export const payslipArithmetic: Invariant = {
  name: 'payslip net pay = gross − deductions',
  check: ({ events }) =>
    events
      .filter((event) => event.type === 'PayslipIssued')
      .flatMap((event): Breach[] => {
        const slip = event.data as PayslipFigures;
        const where = `payslip ${slip.payslipId} (event ${event.globalPosition} on ${event.streamId})`;
        const breaches: Breach[] = [];
        const lines = Money.sum(slip.lines.map((line) => Money.of(line.amount)));
        if (!lines.equals(Money.of(slip.gross))) {
          breaches.push({
            invariant: 'payslip lines = gross',
            where,
            detail: `lines sum to ${lines.toString()}, gross is ${slip.gross}`,
          });
        }
        const { incomeTax, employeeNic, studentLoan, postgraduateLoan, pensionEmployee } = slip.deductions;
        const net = Money.of(slip.gross)
          .minus(incomeTax)
          .minus(employeeNic)
          .minus(studentLoan)
          .minus(postgraduateLoan)
          .minus(pensionEmployee);
        if (!net.equals(Money.of(slip.netPay))) {
          breaches.push({
            invariant: 'payslip net pay = gross − deductions',
            where,
            detail:
              `gross ${slip.gross} − tax ${incomeTax} − NI ${employeeNic} − student loan ${studentLoan} − ` +
              `postgraduate loan ${postgraduateLoan} − pension ${pensionEmployee} = ${net.toString()}, but net pay is ${slip.netPay}`,
          });
        }
        return breaches;
      }),
};

/** Every pay run's PAYE due equals the sum over its payslips of tax, NI and loans less the employment allowance. */
export const payeDueOfRuns: Invariant = {
  name: 'PAYE due = Σ payslips − allowance',
  check: ({ events }) => {
    const slips = new Map<
      string,
      PayslipFigures & { employer: { employerNic: string; employmentAllowance: string } }
    >();
    const byRun = new Map<string, Money>();
    for (const event of events) {
      if (event.type !== 'PayslipIssued') continue;
      const slip = event.data as PayslipFigures & {
        payRunId: string;
        employer: { employerNic: string; employmentAllowance: string };
      };
      slips.set(slip.payslipId, slip);
      const due = Money.of(slip.deductions.incomeTax)
        .plus(slip.deductions.employeeNic)
        .plus(slip.employer.employerNic)
        .minus(slip.employer.employmentAllowance)
        .plus(slip.deductions.studentLoan)
        .plus(slip.deductions.postgraduateLoan);
      byRun.set(slip.payRunId, (byRun.get(slip.payRunId) ?? Money.zero).plus(due));
    }
    return events
      .filter((event) => event.type === 'PayRunCompleted')
      .flatMap((event): Breach[] => {
        const run = event.data as { payRunId: string; payDate: string; totals: { payeDue: string } };
        const summed = byRun.get(run.payRunId) ?? Money.zero;
        return summed.equals(Money.of(run.totals.payeDue))
          ? []
          : [
              {
                invariant: 'PAYE due = Σ payslips − allowance',
                where: `pay run ${run.payRunId} of ${run.payDate} (event ${event.globalPosition} on ${event.streamId})`,
                detail: `its payslips come to ${summed.toString()}, the run records ${run.totals.payeDue}`,
              },
            ];
      });
  },
};

/** No projection has stopped on an event: each one's rows cover the whole log. */
export const projectionsHealthy: Invariant = {
  name: 'every projection has projected every event',
  check: async ({ live }) =>
    (await live.status()).flatMap((status): Breach[] =>
      status.failed
        ? [
            {
              invariant: 'every projection has projected every event',
              where: `projection ${status.name}, stopped on event ${status.failed.position} (${status.failed.eventType})`,
              detail: status.failed.error,
            },
          ]
        : [],
    ),
};

/** Every projection's live rows equal a replay of the whole log into a fresh model of it. */
export const projectionsEqualReplay: Invariant = {
  name: 'every projection equals a fresh replay',
  check: async ({ store, live, projections }) => {
    const breaches: Breach[] = [];
    for (const projection of projections) {
      const fresh = new Projector(store, ':memory:', [projection]);
      try {
        await fresh.catchUp();
        const expected = fresh.snapshot(projection.name);
        const actual = live.snapshot(projection.name);
        for (const table of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
          const want = expected[table] ?? [];
          const got = actual[table] ?? [];
          if (isDeepStrictEqual(want, got)) continue;
          const missing = want.filter((row) => !got.some((other) => isDeepStrictEqual(row, other)));
          const extra = got.filter((row) => !want.some((other) => isDeepStrictEqual(row, other)));
          breaches.push({
            invariant: 'every projection equals a fresh replay',
            where: `projection ${projection.name}, table ${table}`,
            detail:
              `${missing.length} rows of the replay are missing or differ, ${extra.length} live rows are not in it; ` +
              `first: ${JSON.stringify(missing[0] ?? extra[0], (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`,
          });
        }
      } finally {
        await fresh.close();
      }
    }
    return breaches;
  },
};

/**
 * `dpe verify`: replays the whole log and checks every invariant against it and the read models. Returns every
 * breach (none: the store and its views are consistent).
 */
export async function verify(
  store: EventStore,
  live: Projector,
  projections: readonly AnyProjection[],
  invariants: readonly Invariant[],
): Promise<{ events: number; checked: string[]; breaches: Breach[] }> {
  const events: RecordedEvent[] = [];
  for (let after = 0n; ;) {
    const page = await store.readAll({ after, maxCount: 2000 });
    events.push(...page);
    if (page.length < 2000) break;
    after = page[page.length - 1]!.globalPosition;
  }
  await live.catchUp();
  const context: VerifyContext = { store, events, live, projections };
  const breaches: Breach[] = [];
  for (const invariant of invariants) breaches.push(...(await invariant.check(context)));
  return { events: events.length, checked: invariants.map((invariant) => invariant.name), breaches };
}
