/**
 * Payslip calculations per second, single-threaded, for a realistic mix of DP payroll:
 * mostly four-weekly and monthly (dp-domain.md §0.4), some weekly and fortnightly; rUK, Scottish and Welsh codes,
 * K codes, BR, W1/M1; NI letters A, B, C, H, M, Z; student loans and PG; auto-enrolment pensions under both reliefs.
 * Baseline from the same run: income tax + NI alone on the same inputs, to show what the full payslip costs.
 * Usage: npm run bench:calc [-- --seconds 5]. Last line: {"payslipsPerSec": …}.
 */
import { Money } from '@dpe/money';
import { taxYearTables } from '@dpe/statutory-data';
import { calculateIncomeTax } from '@dpe/income-tax';
import { calculateClass1 } from '@dpe/national-insurance';
import { calculatePeriod, type PeriodCalculationInput } from '@dpe/gross-to-net';
import { periodNumbers, type PayFrequency } from '@dpe/tax-calendar';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 5;

// A deterministic generator, so every run measures the same mix.
let seed = 20261122;
function next(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

const FREQUENCIES: PayFrequency[] = [
  'four-weekly',
  'four-weekly',
  'four-weekly',
  'monthly',
  'monthly',
  'monthly',
  'weekly',
  'fortnightly',
];
const CODES = [
  '1257L',
  '1257L',
  '1257L',
  'S1257L',
  'C1257L',
  'BR',
  'K475',
  '1100L W1',
  '1257L M1',
  'D0',
  '0T',
  'SD1',
  'NT',
];
const CATEGORIES = ['A', 'A', 'A', 'A', 'B', 'C', 'H', 'M', 'Z'];
const PLANS = [[], [], [], [], ['1'], ['2'], ['4'], ['5'], ['1', '2']] as const;
// Weeks of pay in one period; a month is 52/12 weeks.
const PERIOD_WEEKS: Record<PayFrequency, string> = {
  weekly: '1',
  fortnightly: '2',
  'four-weekly': '4',
  monthly: '4.3333',
};

function makeInputs(count: number): PeriodCalculationInput[] {
  const inputs: PeriodCalculationInput[] = [];
  for (let i = 0; i < count; i++) {
    const frequency = pick(FREQUENCIES);
    const periods = periodNumbers(frequency).filter((p) => p <= 52);
    const period = pick(periods);
    // PAs earn roughly £150-£700 a week; whole pence, built from integers so no float ever becomes money.
    const weeklyPence = 15000 + Math.floor(next() * 55000);
    const gross = Money.of(weeklyPence).dividedBy(100).times(PERIOD_WEEKS[frequency]).roundDownToPenny();
    const elapsed =
      frequency === 'monthly' ? period : period / (frequency === 'weekly' ? 1 : frequency === 'fortnightly' ? 2 : 4);
    const payToDate = gross.times(elapsed);
    const taxCode = pick(CODES);
    const pension =
      next() < 0.6
        ? { taxRelief: next() < 0.7 ? ('relief-at-source' as const) : ('net-pay-arrangement' as const) }
        : undefined;
    inputs.push({
      taxYear: '2026-27',
      frequency,
      period,
      taxCode,
      week1Month1: false,
      gross,
      payToDate,
      taxPaidToDate: payToDate.minus(gross).times('0.1').roundDownToPenny(),
      niCategory: pick(CATEGORIES),
      studentLoanPlans: [...pick(PLANS)],
      postgraduateLoan: next() < 0.05,
      pension,
    });
  }
  return inputs;
}

function measure(
  label: string,
  inputs: readonly PeriodCalculationInput[],
  work: (input: PeriodCalculationInput) => unknown,
) {
  for (let i = 0; i < 2000; i++) work(inputs[i % inputs.length]!); // warm-up: let V8 optimise before timing
  let done = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() < deadline) {
    for (let i = 0; i < 1000; i++) work(inputs[(done + i) % inputs.length]!);
    done += 1000;
  }
  const elapsedNs = Number(process.hrtime.bigint() - start);
  const perSec = Math.round(done / (elapsedNs / 1e9));
  console.log(`${label.padEnd(44)} ${String(done).padStart(10)} ${String(perSec).padStart(12)}/s`);
  return perSec;
}

const inputs = makeInputs(10_000);
const tables = taxYearTables('2026-27');
console.log(
  `calc benchmark: ${inputs.length} distinct payslips, 2026-27, ${seconds}s per measurement, node ${process.version}`,
);
console.log(`${'measurement'.padEnd(44)} ${'payslips'.padStart(10)} ${'rate'.padStart(14)}`);
const baseline = measure('baseline: income tax + NI only', inputs, (input) => {
  calculateIncomeTax({
    tables: tables.incomeTax,
    frequency: input.frequency,
    period: input.period,
    taxCode: input.taxCode,
    grossThisPeriod: input.gross,
    taxablePayToDate: input.payToDate,
    taxPaidToDate: input.taxPaidToDate,
  });
  calculateClass1({ tables, frequency: input.frequency, category: input.niCategory, grossThisPeriod: input.gross });
});
const payslipsPerSec = measure('full payslip: tax, NI, loans, pension, net', inputs, (input) => calculatePeriod(input));
console.log(JSON.stringify({ payslipsPerSec, baselineTaxAndNiPerSec: baseline }));
