/**
 * Rebuilding every projection from a provider-sized history, against a raw read of the same store in the same run,
 * and as-at answers for one recipient on that store.
 *
 * 1. Generates the history straight into a fresh embedded SQLite store (WAL, synchronous=FULL), as the commands record
 *    it, recipient by recipient: enrolment and budget; a year of four-weekly funding; two weekly PAs, each week their
 *    payslips (that add up), the pay run, and net pay paid; PAYE paid each tax month. About 290 events a recipient;
 *    --recipients 7000 (the default) makes about 2 million.
 * 2. Baseline (rawReadPerSec): readAll in pages of 1,000 over the whole log, each event's JSON parsed (the adapter
 *    parses data and metadata), nothing else.
 * 3. rebuildPerSec: a Projector over the same store into a new read-model file, every projection of the catalogue,
 *    from the first event to the last (pages of 1,000, each page and its checkpoints one transaction).
 * 4. asAtMedianMs: 100 as-at questions (show-balance's replay: one recipient's streams into a throwaway model), each
 *    for another recipient and date; the median and the 95th percentile.
 *
 * Usage: npm run bench:replay [-- --recipients N] [--cpu-profile FILE] (a CPU profile of the rebuild alone).
 * Progress goes to stderr. The last stdout line is JSON:
 *   {"events","rebuildPerSec","rawReadPerSec","asAtMedianMs",…}
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { v4 as uuid } from 'uuid';
import { accountBalance, balancesProjection } from '@dpe/balances';
import { currentVersion } from '@dpe/decider';
import { openSqliteEventStore, type EventStore, type NewEvent } from '@dpe/event-store';
import { Money } from '@dpe/money';
import { Projector, replayAsAt } from '@dpe/projector';
import { recipientStream } from '@dpe/recipients';
import { dayNumberOfIso, isoOfDayNumber, taxMonthOf } from '@dpe/tax-calendar';
import { PROJECTIONS, recipientStreams } from '@dpe/view-catalogue';
import { startProfile } from './cpu-profile';

const flag = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const RECIPIENTS = Number(flag('recipients')) || 7_000;
const COUNCILS = ['kent', 'leeds', 'essex', 'devon'];
const plusDays = (date: string, days: number): string => isoOfDayNumber(dayNumberOfIso(date)! + days);

let lastReport = 0;
function progress(phase: string, done: number, total: number, start: number): void {
  const now = performance.now();
  if (now - lastReport < 3_000 && done !== total) return;
  lastReport = now;
  const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
  process.stderr.write(
    `bench:replay ${phase}: ${done}/${total} (${Math.round(done / ((now - start) / 1000))}/s), rss ${rss} MB\n`,
  );
}

const metadata = (commandId: string, occurredAt: string) => ({
  correlationId: commandId,
  causationId: commandId,
  commandId,
  actor: 'system:bench-replay',
  occurredAt,
});
const event = (type: string, data: unknown, occurredOn: string, schemaVersion = 1): NewEvent => ({
  id: uuid(),
  type,
  schemaVersion,
  data,
  metadata: metadata(uuid(), `${occurredOn}T12:00:00.000+01:00`),
});

// One PA's weekly payslip: 300.00 gross; tax, NI and net pay that add up (300.00 − 11.40 − 4.64 = 283.96).
const PAYSLIP = { gross: '300.00', tax: '11.40', employeeNic: '4.64', net: '283.96', employerNic: '30.60' };

function payslip(recipientId: string, employmentId: string, payRunId: string, payDate: string, n: number) {
  return {
    payslipId: `${payRunId}-${n}`,
    payRunId,
    recipientId,
    employmentId,
    payrollId: employmentId,
    payDate,
    taxYear: '2026-27',
    frequency: 'weekly',
    taxPeriod: 1,
    periodStart: plusDays(payDate, -6),
    periodEnd: payDate,
    correction: false,
    lines: [
      {
        kind: 'hours',
        description: 'standard hours',
        quantity: '24',
        rate: '12.50',
        amount: PAYSLIP.gross,
        taxable: true,
        source: `${plusDays(payDate, -6)}-1`,
      },
    ],
    gross: PAYSLIP.gross,
    taxablePay: PAYSLIP.gross,
    niablePay: PAYSLIP.gross,
    taxCode: '1257L',
    week1Month1: false,
    niCategory: 'A',
    deductions: {
      incomeTax: PAYSLIP.tax,
      employeeNic: PAYSLIP.employeeNic,
      studentLoan: '0.00',
      postgraduateLoan: '0.00',
      pensionEmployee: '0.00',
    },
    employer: { employerNic: PAYSLIP.employerNic, employmentAllowance: '0.00', pensionEmployer: '0.00' },
    niBands: { atLel: '125.00', lelToPt: '117.00', ptToUel: '58.00' },
    netPay: PAYSLIP.net,
    ytd: {
      gross: PAYSLIP.gross,
      taxablePay: PAYSLIP.gross,
      tax: PAYSLIP.tax,
      employeeNic: PAYSLIP.employeeNic,
      employerNic: PAYSLIP.employerNic,
      studentLoan: '0.00',
      postgraduateLoan: '0.00',
      pensionEmployee: '0.00',
      pensionEmployer: '0.00',
      ssp: '0.00',
    },
    pension: { assessment: 'not-eligible', enrolled: false },
    holiday: { accruedHours: '0.00', takenHours: '0.00' },
    minimumWage: { requiredRate: '12.71', hours: '24', pay: PAYSLIP.gross },
    inputs: { timesheetIds: [`${plusDays(payDate, -6)}-1`], absenceIds: [], taxCodeSource: 'hire', finalPay: false },
    paidTo: { sortCode: '200000', accountEnding: '1234' },
  };
}

/** One recipient's year, as the commands record it, appended stream by stream. */
async function generateRecipient(store: EventStore, r: number): Promise<number> {
  const recipientId = `r-${r}`;
  const councilId = COUNCILS[r % COUNCILS.length]!;
  const enrolled = [
    event(
      'RecipientEnrolled',
      {
        recipientId,
        councilId,
        recipientType: 'adult',
        name: `Recipient ${r}`,
        representative: null,
        accountType: 'managed-account',
        employerReferences: null,
        enrolledOn: '2026-03-01',
      },
      '2026-03-01',
      currentVersion(recipientStream as never, 'RecipientEnrolled'),
    ),
    event(
      'BudgetAgreed',
      { recipientId, version: 1, grossWeekly: '700.00', effectiveFrom: '2026-04-06', clientContribution: null },
      '2026-03-02',
    ),
  ];
  const funding: NewEvent[] = [];
  for (let period = 0; period < 13; period++) {
    const from = plusDays('2026-04-06', 28 * period);
    funding.push(
      event(
        'FundingReceived',
        {
          recipientId,
          amount: '2800.00',
          periodFrom: from,
          periodTo: plusDays(from, 27),
          remittanceReference: `REM-${r}-${period}`,
          receivedOn: from,
        },
        from,
      ),
    );
  }
  const payroll: NewEvent[] = [];
  const payeByMonth = new Map<number, Money>();
  for (let week = 0; week < 52; week++) {
    const payDate = plusDays('2026-04-10', 7 * week);
    const payRunId = `run-${r}-${week}`;
    const employments = [`e-${r}-a`, `e-${r}-b`];
    employments.forEach((employmentId, n) =>
      payroll.push(event('PayslipIssued', payslip(recipientId, employmentId, payRunId, payDate, n + 1), payDate)),
    );
    const payeDue = Money.of(PAYSLIP.tax).plus(PAYSLIP.employeeNic).plus(PAYSLIP.employerNic).times(2);
    const month = taxMonthOf(payDate).month;
    payeByMonth.set(month, (payeByMonth.get(month) ?? Money.zero).plus(payeDue));
    payroll.push(
      event(
        'PayRunCompleted',
        {
          payRunId,
          recipientId,
          payDate,
          taxYear: '2026-27',
          taxMonth: month,
          correction: null,
          payslips: 2,
          held: [],
          netPay: employments.map((employmentId) => ({ employmentId, amount: PAYSLIP.net })),
          totals: {
            gross: Money.of(PAYSLIP.gross).times(2).toString(),
            netPay: Money.of(PAYSLIP.net).times(2).toString(),
            payeDue: payeDue.toString(),
            employmentAllowance: '0.00',
            pensionDue: '0.00',
          },
        },
        payDate,
      ),
    );
    for (const employmentId of employments) {
      payroll.push(
        event(
          'PaymentRecorded',
          {
            paymentId: uuid(),
            recipientId,
            payee: 'pa',
            settles: { kind: 'net-pay', employmentId, payDate },
            amount: PAYSLIP.net,
            paidOn: payDate,
            reference: `NET-${r}-${week}`,
          },
          payDate,
        ),
      );
    }
  }
  for (const [month, due] of payeByMonth) {
    payroll.push(
      event(
        'PaymentRecorded',
        {
          paymentId: uuid(),
          recipientId,
          payee: 'hmrc',
          settles: { kind: 'paye', taxYear: '2026-27', taxMonth: month },
          amount: due.toString(),
          paidOn: '2027-04-20',
          reference: `PAYE-${r}-${month}`,
        },
        '2027-04-20',
      ),
    );
  }
  await Promise.all([
    store.append(`recipient-${recipientId}`, enrolled, 'no-stream'),
    store.append(`account-${recipientId}`, funding, 'no-stream'),
    store.append(`payroll-${recipientId}-2026-27`, payroll, 'no-stream'),
  ]);
  return enrolled.length + funding.length + payroll.length;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dpe-bench-replay-'));
  const store = await openSqliteEventStore(join(dir, 'dpe.db'));
  try {
    let start = performance.now();
    let events = 0;
    for (let r = 0; r < RECIPIENTS; r += 8) {
      const batch = Array.from({ length: Math.min(8, RECIPIENTS - r) }, (_, i) => generateRecipient(store, r + i));
      for (const count of await Promise.all(batch)) events += count;
      progress('generate', r + batch.length, RECIPIENTS, start);
    }
    const generateSeconds = (performance.now() - start) / 1000;

    // Baseline: the raw read of the same log, every event's JSON parsed.
    start = performance.now();
    let read = 0;
    for (let after = 0n; ;) {
      const page = await store.readAll({ after, maxCount: 1000 });
      read += page.length;
      if (page.length < 1000) break;
      after = page[page.length - 1]!.globalPosition;
      progress('raw read', read, events, start);
    }
    const rawSeconds = (performance.now() - start) / 1000;

    start = performance.now();
    const projector = new Projector(store, join(dir, 'views.db'), PROJECTIONS, {
      pageSize: 1000,
      onProgress: ({ position }) => progress('rebuild', Number(position), events, start),
    });
    const profiler = flag('cpu-profile') ? await startProfile() : undefined;
    await projector.catchUp();
    await profiler?.(flag('cpu-profile')!);
    const rebuildSeconds = (performance.now() - start) / 1000;
    const status = await projector.status();
    if (status.some((s) => s.failed || s.lagEvents > 0n))
      throw new Error(
        `rebuild incomplete: ${JSON.stringify(status, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`,
      );
    await projector.close();

    // As-at answers for one recipient: its streams replayed into a throwaway model of the balances view.
    const timings: number[] = [];
    for (let q = 0; q < 100; q++) {
      const recipientId = `r-${(q * 7919) % RECIPIENTS}`;
      const asAt = plusDays('2026-04-10', (q * 13) % 360);
      const t = performance.now();
      const replay = await replayAsAt(store, balancesProjection, { asAt }, recipientStreams(recipientId, '2026-12-02'));
      const balance = accountBalance(replay.readModel, recipientId, { councils: 'all', asOf: asAt });
      await replay.close();
      timings.push(performance.now() - t);
      if (!balance) throw new Error(`as-at: no balance for ${recipientId}`);
    }
    timings.sort((a, b) => a - b);

    const result = {
      events,
      rebuildPerSec: Math.round(events / rebuildSeconds),
      rawReadPerSec: Math.round(read / rawSeconds),
      rebuildOverRaw: Math.round((events / rebuildSeconds / (read / rawSeconds)) * 100) / 100,
      asAtMedianMs: Math.round(timings[50]! * 10) / 10,
      asAtP95Ms: Math.round(timings[95]! * 10) / 10,
      recipients: RECIPIENTS,
      projections: PROJECTIONS.map((projection) => projection.name),
      rebuildSeconds: Math.round(rebuildSeconds),
      rawReadSeconds: Math.round(rawSeconds * 10) / 10,
      generateSeconds: Math.round(generateSeconds),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:replay failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
