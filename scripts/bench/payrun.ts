/**
 * Pay runs per second at a provider's scale, through the real command path on the embedded SQLite store with its
 * normal durable settings (WAL; no append acknowledged before the WAL is flushed to disk), in a temporary file.
 *
 * 1. Generates a scheme through executeCommand with each command's real declaration: councils; for every employer
 *    enrol-recipient, register-as-employer (distinct valid PAYE and Accounts Office references) and hire-pa for each
 *    of its PAs. Employers are paid four-weekly (70%), monthly (25%) or weekly (5%).
 * 2. Submits and approves, through submit-timesheet and approve-timesheet, the timesheets of every pay period paid in
 *    one four-week window (2026-04-10 to 2026-05-07: one for a four-weekly or monthly PA, four for a weekly one), timed
 *    as timesheetsPerSec (timesheets submitted and approved, per second).
 * 3. Runs the bureau's pay day (runPayDay: run-payroll for every employer with a PA paid that day) for every pay date
 *    in the window, in order, so every employment is paid at least once; every payslip is stored. Each pay day is
 *    shared by --workers worker threads (default 1), each on its own connection to the store file, with 32
 *    employers in flight each. Timed as payslipsPerSec and seconds.
 *
 * 5. The busiest pay date's filings: prepare-fps for every run of the day (rendered, checked against HMRC's XSD,
 *    FpsPrepared stored; 32 in flight, so the XSD checks batch), timed as fpsPerSec, then produce-payment-file (Bacs Standard 18, reconciled)
 *    for the day; the same-run baseline reads and renders the same FPSs in memory, with no XSD check and no append.
 *
 * 4. Same-run baseline (`breakdown`): the same runs taken apart, each part timed alone (reads, the decision in memory,
 *    and the append of the very same events into a fresh file with the same durable settings), as payslips/s ceilings.
 *
 * Usage: npm run bench:payrun [-- --profile small|default|england] [--employers N --pas N] [--workers N]
 *   [--in-flight N] [--cpu-profile FILE]. --workers 0 runs the pay days in this process, on the connection that took
 *   the timesheets; --cpu-profile writes a CPU profile of the pay-run phase of this thread.
 *   default: 9,000 employers, 17,000 PAs; england: 69,000 and 130,000; small: 300 and 560.
 * Progress goes to stderr every few seconds. The last stdout line is JSON:
 *   {"employers","payslips","timesheetsPerSec","payslipsPerSec","seconds","peakRssMb", …}
 * (seconds is the pay-run time; peakRssMb is process.resourceUsage().maxRSS / 1024).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { DateTime } from 'luxon';
import { systemPrincipal } from '@dpe/access';
import { registerCouncil } from '@dpe/councils';
import {
  executeCommand,
  fold,
  type AnyCommandDeclaration,
  type CommandOutcome,
  type DomainEvent,
  type StreamDeclaration,
} from '@dpe/decider';
import { fpsOfPayRun, loadFpsSources, prepareFps, producePaymentFile } from '@dpe/filings';
import { hirePa, payDatesBetween, payPeriodFor } from '@dpe/employment';
import { openSqliteEventStore, type EventStore } from '@dpe/event-store';
import { accountsOfficeReferenceProblem } from '@dpe/identifiers';
import { Money } from '@dpe/money';
import { decidePayRun, payrollStream, preparePayRun, runPayDay } from '@dpe/pay-runs';
import { enrolRecipient, registerAsEmployer, type PaySchedule } from '@dpe/recipients';
import { dayNumberOfIso, isoOfDayNumber, weekdayOfDayNumber } from '@dpe/tax-calendar';
import { approveTimesheet, submitTimesheet } from '@dpe/timesheets';
import { startProfile } from './cpu-profile';

const PROFILES = {
  small: { employers: 300, pas: 560 },
  default: { employers: 9_000, pas: 17_000 },
  england: { employers: 69_000, pas: 130_000 },
} as const;

const flag = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const profileName = (flag('profile') ?? 'default') as keyof typeof PROFILES;
if (!(profileName in PROFILES)) {
  process.stderr.write(`--profile must be one of ${Object.keys(PROFILES).join(', ')}\n`);
  process.exit(2);
}
const EMPLOYERS = Number(flag('employers')) || PROFILES[profileName].employers;
const PAS = Math.max(EMPLOYERS, Number(flag('pas')) || PROFILES[profileName].pas);

const ZONE = 'Europe/London';
const WINDOW = { from: '2026-04-10', to: '2026-05-07' } as const;
const COUNCILS = ['kent', 'leeds', 'essex', 'hampshire', 'lancashire', 'surrey', 'norfolk', 'devon'];
const TAX_OFFICES = ['475', '120', '581', '402', '083', '846', '635', '951'];
const NINO_PREFIXES = ['AB', 'CE', 'HJ', 'JM', 'KP', 'LR', 'ME', 'NW', 'PA', 'RT', 'SE', 'TB', 'WL', 'YH'];
const AOR_CHECKS = 'ABCDEFGHXJKLMNYPQRSTZVW';
const FORENAMES = ['Sarah', 'Tom', 'Priya', 'James', 'Grace', 'Fiona', 'Lucy', 'Joseph', 'Amira', 'Daniel', 'Zofia'];
const SURNAMES = ['Mitchell', 'Baker', 'Shah', 'Carter', 'Okafor', 'MacLeod', 'Turner', 'Ellis', 'Hussain', 'Evans'];

type Frequency = 'four-weekly' | 'monthly' | 'weekly';

const principal = systemPrincipal('bench-payrun');
const VALID_ACCOUNTS = [
  { sortCode: '089999', accountNumber: '66374958' },
  { sortCode: '107999', accountNumber: '88837491' },
  { sortCode: '202959', accountNumber: '63748472' },
] as const;
const at = (date: string, time = '09:00'): DateTime => DateTime.fromISO(`${date}T${time}`, { zone: ZONE });
// Business dates are calendar days: stepping and weekdays are day-number arithmetic, no zone (these run per day of
// every timesheet, inside the timed loop).
const plusDays = (date: string, days: number): string => isoOfDayNumber(dayNumberOfIso(date)! + days);
const weekday = (date: string): number => weekdayOfDayNumber(dayNumberOfIso(date)!);

/** A valid Accounts Office reference: the check character (5th) is the one @dpe/identifiers accepts. */
function accountsOfficeReference(office: string, digits: string): string {
  for (const check of AOR_CHECKS) {
    const candidate = `${office}P${check}${digits}01`;
    if (!accountsOfficeReferenceProblem(candidate)) return candidate;
  }
  throw new Error(`no valid check character for ${office}P?${digits}01`);
}

/** 70% four-weekly, 25% monthly, 5% weekly, spread evenly through the employers. */
function frequencyOf(employer: number): Frequency {
  const slot = employer % 20;
  return slot === 0 ? 'weekly' : slot <= 5 ? 'monthly' : 'four-weekly';
}

/** The PAs of employer i, spread so that the total is exactly PAS (Bresenham). */
function pasOf(employer: number): number {
  const extra = PAS - EMPLOYERS;
  return 1 + Math.floor(((employer + 1) * extra) / EMPLOYERS) - Math.floor((employer * extra) / EMPLOYERS);
}

/** Every pay date of the schedule falls in the window at least once; the first period contains the start date. */
function scheduleOf(employer: number, frequency: Frequency): { schedule: PaySchedule; startDate: string } {
  if (frequency === 'monthly') {
    const schedule: PaySchedule =
      employer % 2 === 0
        ? { frequency: 'monthly', payDay: 'last-working-day', firstPayDate: '2026-04-30', daysInArrears: 0 }
        : { frequency: 'monthly', payDay: 28, firstPayDate: '2026-04-28', daysInArrears: 0 };
    return { schedule, startDate: '2026-04-01' };
  }
  if (frequency === 'weekly') {
    return { schedule: { frequency: 'weekly', firstPayDate: WINDOW.from, daysInArrears: 0 }, startDate: '2026-04-04' };
  }
  // Four-weekly cohorts paid on each Friday of the window.
  const firstPayDate = plusDays(WINDOW.from, 7 * (employer % 4));
  return {
    schedule: { frequency: 'four-weekly', firstPayDate, daysInArrears: 0 },
    startDate: plusDays(firstPayDate, -27),
  };
}

interface Employment {
  readonly recipientId: string;
  readonly employmentId: string;
  readonly schedule: PaySchedule;
  readonly startDate: string;
  /** Shift weekdays, start time and hours. */
  readonly days: readonly number[];
  readonly start: string;
  readonly hours: string;
}

let commands = 0;
let lastReport = performance.now();
const benchStart = performance.now();
function progress(phase: string, done: number, total: number, phaseStart: number): void {
  const now = performance.now();
  if (now - lastReport < 3_000 && done !== total) return;
  lastReport = now;
  const rate = done / ((now - phaseStart) / 1000);
  const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
  process.stderr.write(
    `bench:payrun ${phase}: ${done}/${total} (${rate.toFixed(0)}/s), ${commands} commands, ` +
      `${((now - benchStart) / 1000).toFixed(0)} s elapsed, rss ${rss} MB\n`,
  );
}

/** Commands in flight at once: the store commits those that arrive together in one transaction. */
const CONCURRENCY = Number(flag('in-flight')) || 32;
/**
 * Worker threads sharing a pay day. Default 1: measured on 2 cores, two writer connections contending for SQLite's
 * write lock gave 1,378 payslips/s against 1,766 for one (docs/benchmarks.md).
 */
const WORKERS_FLAG = flag('workers');
const WORKERS = WORKERS_FLAG === '0' ? 0 : Math.max(1, Math.min(availableParallelism(), Number(WORKERS_FLAG) || 1));

/** Runs work over items with at most `limit` in flight, in order of start. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) await work(items[index]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dpe-bench-payrun-'));
  const file = join(dir, 'dpe.db');
  const store = await openSqliteEventStore(file);
  const send = async (
    declaration: AnyCommandDeclaration,
    commandId: string,
    input: unknown,
    now: DateTime,
  ): Promise<CommandOutcome> => {
    commands++;
    return executeCommand(store, declaration, input, { commandId, principal, now });
  };
  process.stderr.write(`bench:payrun: profile ${profileName}, ${EMPLOYERS} employers, ${PAS} PAs, store ${file}\n`);
  try {
    // ---- 1. the scheme
    let phaseStart = performance.now();
    for (const [i, councilId] of COUNCILS.entries()) {
      await send(registerCouncil, `council-${councilId}`, { councilId, name: `Council ${i + 1}` }, at('2026-01-05'));
    }
    const employments: Employment[] = [];
    let pa = 0;
    for (let e = 0; e < EMPLOYERS; e++) {
      const recipientId = `r-${e}`;
      const council = e % COUNCILS.length;
      const office = TAX_OFFICES[council]!;
      await send(
        enrolRecipient,
        `enrol-${e}`,
        {
          recipientId,
          councilId: COUNCILS[council],
          recipientType: 'adult',
          name: `${FORENAMES[e % FORENAMES.length]} ${SURNAMES[(e * 7) % SURNAMES.length]}`,
          accountType: e % 3 === 0 ? 'managed-account' : 'bank-account',
          enrolledOn: '2026-01-12',
        },
        at('2026-01-12'),
      );
      await send(
        registerAsEmployer,
        `employer-${e}`,
        {
          recipientId,
          payeReference: `${office}/B${e}`,
          accountsOfficeReference: accountsOfficeReference(office, String(e).padStart(6, '0')),
          pensionScheme: { provider: 'NEST', dutiesStartDate: '2026-02-01', taxRelief: 'relief-at-source' },
          bureauActsAsAgent: true,
          registeredOn: '2026-01-19',
        },
        at('2026-01-19'),
      );
      const frequency = frequencyOf(e);
      const { schedule, startDate } = scheduleOf(e, frequency);
      for (let k = 0; k < pasOf(e); k++, pa++) {
        const employmentId = `e-${pa}`;
        // Most PAs work three shifts a week; one in five full days; a few are full time.
        const pattern =
          pa % 10 === 0
            ? { days: [1, 2, 3, 4, 5], start: '08:00', hours: '8' }
            : pa % 5 === 0
              ? { days: [2, 4], start: '09:00', hours: '7.5' }
              : { days: [1, 3, 5], start: k % 2 === 0 ? '08:00' : '15:00', hours: '5' };
        // Born 1960-2003, avoiding 6 April 1977 to 5 April 1978 (see the report: their state pension date is not held).
        const born = 1960 + (pa % 44);
        const month = 1 + (pa % 12);
        const year = born === 1977 ? 1976 : born === 1978 && month <= 4 ? 1979 : born;
        const dateOfBirth = `${year}-${String(month).padStart(2, '0')}-15`;
        const taxCode = pa % 100 === 1 ? 'S1257L' : pa % 100 === 2 ? 'K475' : pa % 50 === 3 ? 'BR' : '1257L';
        await send(
          hirePa,
          `hire-${pa}`,
          {
            recipientId,
            employmentId,
            pa: {
              forename: FORENAMES[pa % FORENAMES.length],
              surname: SURNAMES[(pa * 3) % SURNAMES.length],
              nationalInsuranceNumber: `${NINO_PREFIXES[pa % NINO_PREFIXES.length]}${String(pa).padStart(6, '0')}C`,
              dateOfBirth,
              gender: pa % 3 === 0 ? 'M' : 'F',
              address: { lines: [`${1 + (pa % 200)} High Street`, 'Maidstone'], postcode: 'ME14 1XX' },
            },
            startDate,
            starter: { kind: 'statement', statement: taxCode === 'BR' ? 'C' : 'A' },
            taxCode,
            ...(pa % 20 === 7 ? { studentLoanPlans: ['2'] } : {}),
            schedule,
            // The 2026-27 National Living Wage (£12.71) and up to £1.75 above it, in 25p steps, in decimal money.
            rates: {
              standard: Money.of('12.71')
                .plus(Money.of('0.25').times(pa % 8))
                .toString(),
            },
            contractedHoursPerWeek: Money.of(pattern.hours).times(pattern.days.length).toString(),
            holiday: { basis: 'weeks', weeksPerYear: '5.6' },
            pension: 'assess',
            // VocaLink's published valid examples (modulus checking spec §4): the payment file checks every account.
            bank: { accountName: 'PA Account', ...VALID_ACCOUNTS[pa % VALID_ACCOUNTS.length]! },
          },
          at(plusDays(startDate, -14)),
        );
        employments.push({ recipientId, employmentId, schedule, startDate, ...pattern });
      }
      progress('scheme (enrol, register, hire)', e + 1, EMPLOYERS, phaseStart);
    }
    const setupSeconds = (performance.now() - phaseStart) / 1000;
    const setupCommands = commands;

    // ---- 2. the timesheets of every period paid in the window
    const sheets: { employment: Employment; payDate: string; start: string; end: string }[] = [];
    const runs = new Map<string, Set<string>>();
    for (const employment of employments) {
      for (const payDate of payDatesBetween(employment.schedule, WINDOW.from, WINDOW.to)) {
        const period = payPeriodFor(employment.schedule, payDate);
        sheets.push({ employment, payDate, ...period });
        const dates = runs.get(employment.recipientId) ?? new Set<string>();
        runs.set(employment.recipientId, dates.add(payDate));
      }
    }
    phaseStart = performance.now();
    const timesheetCommandsBefore = commands;
    // Timesheets arrive from many PAs at once (the portal, an import): 32 in flight, as a provider's front end sends them.
    let sheetsDone = 0;
    await inPool(sheets, CONCURRENCY, async (sheet) => {
      const { employment } = sheet;
      const shifts: { date: string; start: string; hours: string; rateKind: 'standard' }[] = [];
      for (let d = sheet.start; d <= sheet.end; d = plusDays(d, 1)) {
        if (d >= employment.startDate && employment.days.includes(weekday(d))) {
          shifts.push({ date: d, start: employment.start, hours: employment.hours, rateKind: 'standard' });
        }
      }
      const submittedAt = at(sheet.payDate, '08:00');
      const key = `${employment.employmentId}-${sheet.start}`;
      const submitted = await send(
        submitTimesheet,
        `submit-${key}`,
        {
          recipientId: employment.recipientId,
          employmentId: employment.employmentId,
          periodStart: sheet.start,
          periodEnd: sheet.end,
          shifts,
          channel: 'portal',
          submittedBy: 'pa',
        },
        submittedAt,
      );
      await send(
        approveTimesheet,
        `approve-${key}`,
        {
          recipientId: employment.recipientId,
          employmentId: employment.employmentId,
          timesheetId: submitted.reply['timesheetId'],
          approvedBy: 'employer',
        },
        submittedAt.plus({ hours: 1 }),
      );
      progress('timesheets (submit + approve)', (sheetsDone += 1), sheets.length, phaseStart);
    });
    const timesheetSeconds = (performance.now() - phaseStart) / 1000;
    const timesheetCommands = commands - timesheetCommandsBefore;

    // ---- 3. the pay runs of the window: the bureau's pay day for each date, employers run 32 at a time
    const payDates = [...new Set([...runs.values()].flatMap((dates) => [...dates]))].sort();
    const payRuns = [...runs.values()].reduce((total, dates) => total + dates.size, 0);
    let payslips = 0;
    let held = 0;
    let runsDone = 0;
    const paid = new Set<string>();
    const recorded: RunRecord[] = [];
    // Started (modules loaded, store opened) before the clock starts: a provider's workers are already running.
    const pool: PayDayWorker[] =
      WORKERS === 0
        ? [
            {
              payDay: (payDate, index, of) => payDayShare(store, { payDate, index, count: of }),
              stop: async () => undefined,
            },
          ]
        : await startWorkers(file, WORKERS);
    const profiler = flag('cpu-profile') ? await startProfile() : undefined;
    phaseStart = performance.now();
    try {
      for (const payDate of payDates) {
        // Each worker thread runs its share of the employers on its own store connection: decisions use both cores,
        // and each connection's group commit shares its fsyncs.
        const shares = await Promise.all(pool.map((worker, index) => worker.payDay(payDate, index, pool.length)));
        for (const share of shares) {
          if (share.failed.length > 0) {
            throw new Error(
              `pay day ${payDate}: ${share.failed.length} employers refused, e.g. ${JSON.stringify(share.failed[0])}`,
            );
          }
          payslips += share.payslips;
          held += share.held;
          for (const record of share.records) {
            recorded.push({ ...record, firstRevision: BigInt(record.firstRevision) });
            for (const employmentId of record.paid) paid.add(employmentId);
          }
          runsDone += share.records.length;
        }
        progress('pay runs', runsDone, payRuns, phaseStart);
      }
    } finally {
      await Promise.all(pool.map((worker) => worker.stop()));
      await profiler?.(flag('cpu-profile')!);
    }
    const order = recorded;
    const seconds = (performance.now() - phaseStart) / 1000;
    if (paid.size !== employments.length) {
      throw new Error(`only ${paid.size} of ${employments.length} employments were paid in the window`);
    }

    const breakdown = await sameRunBreakdown(store, join(dir, 'baseline.db'), recorded, payslips);

    // ---- 5. the busiest pay day's filings: every run's FPS (rendered, checked against HMRC's XSD, FpsPrepared
    // stored) and the bureau's Bacs payment file for the day; the same-run baseline renders the same FPSs in memory.
    const runsOn = new Map<string, RunRecord[]>();
    for (const record of recorded) runsOn.set(record.payDate, [...(runsOn.get(record.payDate) ?? []), record]);
    const [busiest, dayRuns] = [...runsOn.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    let filingStart = performance.now();
    let fpsDone = 0;
    await inPool(dayRuns, 32, async (run) => {
      await send(
        prepareFps,
        `fps-${run.payRunId}`,
        { recipientId: run.recipientId, payDate: busiest, payRunId: run.payRunId },
        at(busiest, '06:00'),
      );
      fpsDone++;
    });
    const fpsSeconds = (performance.now() - filingStart) / 1000;
    filingStart = performance.now();
    const file18 = await send(
      producePaymentFile,
      `payment-file-${busiest}`,
      {
        payDate: busiest,
        format: 'standard18',
        originator: { ...VALID_ACCOUNTS[0], accountName: 'DPSS CLIENT AC', serviceUserNumber: '123456' },
      },
      at(plusDays(busiest, -3), '10:00'),
    );
    const paymentFileSeconds = (performance.now() - filingStart) / 1000;
    filingStart = performance.now();
    const load = async <E extends DomainEvent, S>(stream: StreamDeclaration<E, S>, key: string): Promise<S> =>
      fold(stream, await store.readStream(stream.streamId(key)));
    for (const run of dayRuns) {
      const sources = await loadFpsSources(load, run.recipientId, '2026-27');
      if ('notEnrolled' in sources) throw new Error(`${run.recipientId} is not enrolled`);
      fpsOfPayRun(sources, run.payRunId);
    }
    const fpsRenderSeconds = (performance.now() - filingStart) / 1000;
    const filings = {
      payDate: busiest,
      fps: fpsDone,
      fpsSeconds: Math.round(fpsSeconds * 10) / 10,
      paymentFile: file18.reply,
      paymentFileSeconds: Math.round(paymentFileSeconds * 10) / 10,
      baselineReadAndRenderFpsPerSec: Math.round(dayRuns.length / fpsRenderSeconds),
    };

    const dbMb = Math.round(
      (statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0)) / 1e6,
    );
    const result = {
      employers: EMPLOYERS,
      payslips,
      timesheetsPerSec: Math.round(sheets.length / timesheetSeconds),
      payslipsPerSec: Math.round(payslips / seconds),
      fpsPerSec: Math.round(filings.fps / filings.fpsSeconds),
      seconds: Math.round(seconds * 10) / 10,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      profile: profileName,
      pas: PAS,
      payRuns: order.length,
      payRunsPerSec: Math.round(order.length / seconds),
      held,
      timesheets: sheets.length,
      timesheetCommandsPerSec: Math.round(timesheetCommands / timesheetSeconds),
      setupCommands,
      setupCommandsPerSec: Math.round(setupCommands / setupSeconds),
      setupSeconds: Math.round(setupSeconds),
      storeMb: dbMb,
      breakdown,
      filings,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface RunRecord {
  readonly recipientId: string;
  readonly payDate: string;
  readonly streamId: string;
  readonly firstRevision: bigint;
  readonly count: number;
  readonly payRunId: string;
}

/**
 * The same-run baseline: the pay runs just made, taken apart. For each run in the same order: its reads alone (the
 * prepare step and the payroll stream's read, as the executor does them), its decision alone (decidePayRun on what
 * was read, in memory), and the append alone (the very events it recorded, one durable transaction per run with its
 * ledger row, into a fresh file with the same settings). Each is a payslips-per-second ceiling for that part.
 */
async function sameRunBreakdown(store: EventStore, baselineFile: string, runs: readonly RunRecord[], payslips: number) {
  const baseline = await openSqliteEventStore(baselineFile);
  const load: Parameters<typeof preparePayRun>[1] = async (stream, key) =>
    fold(stream, await store.readStream(stream.streamId(key)));
  let readMs = 0;
  let decideMs = 0;
  let appendMs = 0;
  const phaseStart = performance.now();
  try {
    for (const [n, run] of runs.entries()) {
      const command = { recipientId: run.recipientId, payDate: run.payDate, payRunId: run.payRunId };
      let t = performance.now();
      const prepared = await preparePayRun(command, load);
      const history = await store.readStream(run.streamId);
      readMs += performance.now() - t;
      const state = fold(
        payrollStream,
        history.filter((event) => event.revision < run.firstRevision),
      );
      t = performance.now();
      const decided = decidePayRun(command, state, prepared, run.payRunId);
      decideMs += performance.now() - t;
      if (decided.length !== run.count) throw new Error(`baseline: run ${run.payRunId} decided differently`);
      const events = history.filter((event) => event.revision >= run.firstRevision).slice(0, run.count);
      const newEvents = events.map(({ id, type, schemaVersion, data, metadata }) => ({
        id,
        type,
        schemaVersion,
        data,
        metadata: {
          correlationId: metadata.correlationId,
          causationId: metadata.causationId,
          commandId: metadata.commandId,
          actor: metadata.actor,
          occurredAt: metadata.occurredAt,
        },
      }));
      t = performance.now();
      await baseline.append(run.streamId, newEvents, 'any', {
        command: { commandId: run.payRunId, commandType: 'run-payroll', requestHash: run.payRunId },
      });
      appendMs += performance.now() - t;
      progress('same-run breakdown', n + 1, runs.length, phaseStart);
    }
  } finally {
    await baseline.close();
  }
  const perSec = (ms: number): number => Math.round(payslips / (ms / 1000));
  return {
    readsOnlyPayslipsPerSec: perSec(readMs),
    decideOnlyPayslipsPerSec: perSec(decideMs),
    appendOnlyPayslipsPerSec: perSec(appendMs),
    readsSeconds: Math.round(readMs / 100) / 10,
    decideSeconds: Math.round(decideMs / 100) / 10,
    appendSeconds: Math.round(appendMs / 100) / 10,
  };
}

// ------------------------------------------------------------------------------------------------ pay-day workers

interface ShareRecord extends Omit<RunRecord, 'firstRevision'> {
  readonly firstRevision: string;
  readonly paid: readonly string[];
}
interface Share {
  readonly payslips: number;
  readonly held: number;
  readonly failed: readonly unknown[];
  readonly records: readonly ShareRecord[];
}
interface PayDayWorker {
  payDay(payDate: string, index: number, count: number): Promise<Share>;
  stop(): Promise<void>;
}

/** Worker threads that each open the store file and run their partition of a pay day when asked. */
async function startWorkers(file: string, count: number): Promise<PayDayWorker[]> {
  const workers = Array.from({ length: count }, async (): Promise<PayDayWorker> => {
    const worker = new Worker(__filename, { workerData: { file } });
    let pending: { resolve: (share: Share) => void; reject: (error: Error) => void } | undefined;
    let ready: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (ready = resolve));
    worker.on('message', (message: { ready?: true; share?: Share; error?: string }) => {
      if (message.ready) return ready();
      const waiting = pending;
      pending = undefined;
      if (message.error !== undefined) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.share!);
    });
    worker.on('error', (error) => pending?.reject(error));
    await started;
    return {
      payDay: (payDate, index, of) =>
        new Promise<Share>((resolve, reject) => {
          pending = { resolve, reject };
          worker.postMessage({ payDate, index, count: of });
        }),
      stop: async () => {
        await worker.terminate();
      },
    };
  });
  return Promise.all(workers);
}

/** One share of a pay day, run through the real executor on `store`: what it stored, as the main thread records it. */
async function payDayShare(store: EventStore, job: { payDate: string; index: number; count: number }): Promise<Share> {
  const records: ShareRecord[] = [];
  const day = await runPayDay({
    store,
    execute: async (declaration, input, envelope) => {
      const outcome = await executeCommand(store, declaration, input, envelope);
      const completed = outcome.events.find((event) => event.type === 'PayRunCompleted');
      records.push({
        recipientId: (input as { recipientId: string }).recipientId,
        payDate: job.payDate,
        streamId: outcome.streamId,
        firstRevision: outcome.events[0]!.revision.toString(),
        count: outcome.events.length,
        payRunId: (completed!.data as { payRunId: string }).payRunId,
        paid: outcome.events
          .filter((event) => event.type === 'PayslipIssued')
          .map((event) => (event.data as { employmentId: string }).employmentId),
      });
      return outcome;
    },
    payDate: job.payDate,
    commandId: `pay-day-${job.payDate}`,
    principal,
    now: at(job.payDate, '07:00'),
    concurrency: CONCURRENCY,
    partition: { index: job.index, count: job.count },
  });
  return { payslips: day.payslips, held: day.held, failed: day.failed, records };
}

/** Inside a worker thread: run the asked share of each pay day and answer what it stored. */
async function serveWorker(file: string): Promise<void> {
  const store = await openSqliteEventStore(file);
  parentPort!.postMessage({ ready: true });
  parentPort!.on('message', (job: { payDate: string; index: number; count: number }) => {
    payDayShare(store, job).then(
      (share) => parentPort!.postMessage({ share }),
      (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

if (isMainThread) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `bench:payrun failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });
} else {
  void serveWorker((workerData as { file: string }).file);
}
