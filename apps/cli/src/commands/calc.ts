import type { Command } from 'commander';
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { PAY_FREQUENCIES } from '@dpe/tax-calendar';
import { InvalidPeriodInput, calcSummary, calculatePeriod, parsePeriodInput } from '@dpe/gross-to-net';

interface CalcFlags {
  batch?: string;
  taxYear?: string;
  frequency?: string;
  period?: string;
  payDate?: string;
  taxCode?: string;
  week1Month1?: boolean;
  gross?: string;
  payToDate?: string;
  taxPaidToDate?: string;
  niCategory?: string;
  studentLoanPlans?: string;
  postgraduateLoan?: boolean;
}

/** One batch line or one set of flags, calculated; a bad input becomes {"error": "field: rule"}. */
export function calculateLine(raw: unknown): Record<string, string> {
  try {
    return calcSummary(calculatePeriod(parsePeriodInput(raw)));
  } catch (error) {
    if (error instanceof InvalidPeriodInput) return { error: error.message };
    throw error;
  }
}

export interface BatchSummary {
  readonly lines: number;
  readonly calculated: number;
  readonly errors: number;
}

/**
 * Reads one JSON object per line and writes one JSON object per line, in order. A bad line is answered with an
 * error naming the field and the batch goes on, so one typo never loses the rest of a payroll file.
 */
export async function runBatch(
  input: Readable,
  output: Writable,
  onProgress?: (s: BatchSummary) => void,
): Promise<BatchSummary> {
  let lines = 0;
  let calculated = 0;
  let errors = 0;
  const reader = createInterface({ input, crlfDelay: Infinity });
  for await (const line of reader) {
    if (line.trim() === '') continue;
    lines++;
    let result: Record<string, string | number>;
    try {
      result = calculateLine(JSON.parse(line));
    } catch (error) {
      result = { error: error instanceof SyntaxError ? `(line): not valid JSON: ${error.message}` : String(error) };
    }
    if ('error' in result) {
      errors++;
      result = { ...result, line: lines };
    } else calculated++;
    if (!output.write(`${JSON.stringify(result)}\n`)) await new Promise((resolve) => output.once('drain', resolve));
    if (onProgress && lines % 10_000 === 0) onProgress({ lines, calculated, errors });
  }
  return { lines, calculated, errors };
}

export function registerCalcCommand(program: Command): void {
  program
    .command('calc')
    .description(
      'Calculate one pay period (income tax, NI, student and postgraduate loans); or --batch FILE (- for stdin), one JSON object per line',
    )
    .option('--batch <file>', 'JSON lines with the same fields in camelCase; "-" reads stdin')
    .option('--tax-year <year>', 'tax year, e.g. 2026-27')
    .option('--frequency <frequency>', PAY_FREQUENCIES.join(' | '))
    .option('--period <n>', 'tax week (weekly 1-53; fortnightly 2,4,…,54; four-weekly 4,8,…,56) or tax month (1-12)')
    .option(
      '--pay-date <yyyy-mm-dd>',
      'the pay date, in place of --period (and --tax-year): the period is numbered from it',
    )
    .option('--tax-code <code>', 'tax code as issued, e.g. 1257L, S1257L, K475, BR, D0, NT; W1/M1/X suffix allowed')
    .option('--week1-month1', 'operate the code on a week 1 / month 1 basis')
    .option('--gross <amount>', 'gross pay this period, e.g. 1250.00')
    .option('--pay-to-date <amount>', 'taxable pay to date including this period (default: gross)')
    .option('--tax-paid-to-date <amount>', 'tax deducted before this period (default: 0)')
    .option('--ni-category <letter>', 'NI category letter (default: A)')
    .option('--student-loan-plans <plans>', 'comma-separated plans: 1,2,4,5')
    .option('--postgraduate-loan', 'deduct the postgraduate loan')
    .action(async (flags: CalcFlags) => {
      if (flags.batch !== undefined) {
        if (flags.batch !== '-' && !existsSync(flags.batch)) {
          process.stderr.write(`dpe calc: --batch ${flags.batch}: no such file\n`);
          process.exitCode = 1;
          return;
        }
        const input: Readable = flags.batch === '-' ? process.stdin : createReadStream(flags.batch);
        const progress = process.stderr.isTTY
          ? (s: BatchSummary) => process.stderr.write(`dpe calc: ${s.lines} lines, ${s.errors} errors so far\n`)
          : undefined;
        const summary = await runBatch(input, process.stdout, progress);
        process.stderr.write(
          `dpe calc: ${summary.lines} lines, ${summary.calculated} calculated, ${summary.errors} errors\n`,
        );
        return;
      }
      const { batch: _batch, ...fields } = flags;
      const result = calculateLine({
        ...fields,
        week1Month1: flags.week1Month1 ?? false,
        postgraduateLoan: flags.postgraduateLoan ?? false,
      });
      if ('error' in result) {
        process.stderr.write(`${JSON.stringify(result)}\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(`${JSON.stringify(result)}\n`);
    });
}
