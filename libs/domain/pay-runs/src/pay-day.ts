import { EngineError } from '@dpe/errors';
import type { Principal } from '@dpe/access';
import { stateCacheOf, type AnyCommandDeclaration, type CommandOutcome, type Envelope } from '@dpe/decider';
import { isPayDate } from '@dpe/employment';
import type { EventStore } from '@dpe/event-store';
import { recipientStream } from '@dpe/recipients';
import type { DateTime } from 'luxon';
import { runPayroll } from './run-payroll';

/**
 * The bureau's pay day: run-payroll for every registered employer with an employment paid on the date, each as its own
 * command (one employer's payroll is one consistent stream), with the command id derived from the pay day's, so a
 * pay day interrupted part way is resumed by running it again with the same id: employers already run replay from the
 * ledger, the rest run. Employers are found from the store's claims on PAYE references (`paye-scheme/…`), which
 * register-as-employer takes atomically with its event, so no read model that may lag decides who is paid.
 */
export interface PayDayOptions {
  readonly store: EventStore;
  /** Runs one command through the engine (the executor, or the Nest command bus). */
  readonly execute: (declaration: AnyCommandDeclaration, input: unknown, envelope: Envelope) => Promise<CommandOutcome>;
  readonly payDate: string;
  /** The pay day's own id: each employer's run is `{commandId}:{recipientId}`. */
  readonly commandId: string;
  readonly principal: Principal;
  readonly now: DateTime;
  /** Employers run at once; their appends share commits (the store's group commit). */
  readonly concurrency?: number;
  readonly onProgress?: (progress: PayDayProgress) => void;
  /**
   * This process's share of the employers, when several processes (or worker threads) run one pay day together, each
   * on its own store connection: employer i of the list is run by the process whose index is i mod count.
   */
  readonly partition?: { readonly index: number; readonly count: number };
}

export interface PayDayProgress {
  readonly employers: number;
  readonly done: number;
  readonly payslips: number;
  readonly held: number;
}

export interface PayDayResult extends PayDayProgress {
  readonly payDate: string;
  /** Employers whose run was recorded before (the pay day was resumed). */
  readonly replayed: number;
  /** Employers with an employment due but nothing approved to pay (no timesheet, absence or final pay). */
  readonly skipped: number;
  readonly failed: readonly { readonly recipientId: string; readonly code: string; readonly message: string }[];
  readonly heldPayslips: readonly {
    readonly recipientId: string;
    readonly employmentId: string;
    readonly shortfall: string;
  }[];
}

const EMPLOYER_CLAIMS = 'paye-scheme/';
const PAGE = 1000;

/** The recipient ids of every registered employer, from the claims on PAYE references. */
export async function* registeredEmployers(store: EventStore): AsyncGenerator<string> {
  let after: string | undefined;
  for (;;) {
    const page = await store.listClaims(EMPLOYER_CLAIMS, { ...(after ? { after } : {}), limit: PAGE });
    for (const claim of page) {
      if (claim.streamId.startsWith('recipient-')) yield claim.streamId.slice('recipient-'.length);
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.key;
  }
}

export async function runPayDay(options: PayDayOptions): Promise<PayDayResult> {
  const { store, payDate } = options;
  // Only employers with an employment paid on the date are run; the rest would be refused as nothing due.
  const due: string[] = [];
  const partition = options.partition ?? { index: 0, count: 1 };
  let position = 0;
  for await (const recipientId of registeredEmployers(store)) {
    if (position++ % partition.count !== partition.index) continue;
    // The connection's folded states: an employer's roster is read once, then only what was appended since.
    const { state: recipient } = await stateCacheOf(store).load(
      store,
      recipientStream,
      recipientStream.streamId(recipientId),
    );
    if (recipient.status !== 'enrolled' || recipient.termination) continue;
    if (recipient.roster.some((hire) => hire.startDate <= payDate && isPayDate(hire.schedule, payDate))) {
      due.push(recipientId);
    }
  }
  const result = {
    payDate,
    employers: due.length,
    done: 0,
    payslips: 0,
    held: 0,
    replayed: 0,
    skipped: 0,
    failed: [] as { recipientId: string; code: string; message: string }[],
    heldPayslips: [] as { recipientId: string; employmentId: string; shortfall: string }[],
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < due.length; index = next++) {
      const recipientId = due[index]!;
      try {
        const outcome = await options.execute(
          runPayroll,
          { recipientId, payDate },
          { commandId: `${options.commandId}:${recipientId}`, principal: options.principal, now: options.now },
        );
        const reply = outcome.reply as { payslips: number; held: { employmentId: string; shortfall: string }[] };
        result.payslips += reply.payslips;
        result.held += reply.held.length;
        for (const held of reply.held) result.heldPayslips.push({ recipientId, ...held });
        if (outcome.replayed) result.replayed += 1;
      } catch (error) {
        // One employer's refusal (nothing approved to pay, a rule broken) never stops the others' pay.
        if (!(error instanceof EngineError)) throw error;
        if (error.code === 'payroll.nothing-to-pay') result.skipped += 1;
        else result.failed.push({ recipientId, code: error.code, message: error.message });
      }
      result.done += 1;
      options.onProgress?.({
        employers: result.employers,
        done: result.done,
        payslips: result.payslips,
        held: result.held,
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 16) }, worker));
  return result;
}
