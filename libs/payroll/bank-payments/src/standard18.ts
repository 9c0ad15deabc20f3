/**
 * Bacs Standard 18: the fixed-width file a service user (here a DP employer's payroll bureau) submits to pay wages by
 * Bacs Direct Credit. Layouts and rules, and where each comes from:
 *
 * - File structure VOL1, HDR1, HDR2, UHL1, data records, contra, EOF1, EOF2, UTL1; labels 80 characters, data records
 *   100 (106 with a per-record processing day in multi-day files): FinDock, "Bacs Direct Debit collection file"
 *   (https://docs.findock.com/May-25-sandbox/payment-processors/bacs-dd-collection-file); HSBC, "Message Implementation
 *   Guide BACS Standard 18", August 2012 (https://vdocuments.us/message-implementation-guide-bacs-standard-18.html);
 *   IBM Sterling, "Example for the UK" (https://www.ibm.com/docs/en/ste/11.0.1?topic=examples-example-uk): "The BACS
 *   input format can be either 100 or 106 bytes". We write single-processing-day ("DAILY") files of 100-character
 *   records, one processing day per file, as a pay run needs.
 * - VOL1 and HDR1 field positions: FinDock (above) and Bank of Ireland, "Appendix 2 - BACS File Specification"
 *   (https://online.documentine.com/bank-branch-number-on-check/2/pdf-bacs-file-specification.html): VOL1 serial 5-10
 *   "must not be all zeros or blanks, must be unique for that day", owner identification (the SUN) 42-47, label
 *   standard level "1" at 80.
 * - Data record positions (1-6 destination sort code, 7-14 account, 15 account type, 16-17 transaction code, 18-23 and
 *   24-31 originating sort code and account, 32-35 free format, 36-46 amount in pence right-justified zero-filled,
 *   47-64 service user's name, 65-82 reference, 83-100 destination account name): tracey-stobbs/ddcms-direct-file-
 *   generator documentation/FileFormats/Bacs18PaymentLines.md (https://github.com/tracey-stobbs/ddcms-direct-file-
 *   generator); Access PaySuite, "Create a BACS Standard 18 file" (https://help-accesspaysuiteddcms.theaccessgroup.com/
 *   en/articles/12578041-create-a-bacs-standard-18-file), "Amount in Pence ... (no decimal)", "Destination Account Type
 *   ... 0 = unspecified"; FinchContext, "Build a Bacs Standard 18 Payment File" (https://finchcontext.com/skills/uk/
 *   payments/build-bacs-standard18-file.html): "Amounts to pence, right-justified, zero-filled, 11 digits", names and
 *   references 18 characters.
 * - Transaction codes: 99 "Direct Credit", 17 "credit contra (debit record to balance credit records)": Unified
 *   Software, "Bacs Transaction Codes" (http://www.unifiedsoftware.co.uk/resources/bacscodes.html).
 * - Processing day as bYYDDD (a space, the year's last two digits, the day of the year): tracey-stobbs (above):
 *   "' 25201' for 201st day of 2025"; Access PaySuite (above): "Processing Date ... in format YYDDD".
 *
 * Not confirmed from a source read in full here (the HSBC guide's tables could not be read, only its contents list):
 * the sub-fields of HDR1 after the file identifier, HDR2, UHL1 after the processing day, the contra record's fields
 * 47-100 and UTL1. They follow the layout in common use (see each builder); a bureau should check a first file with
 * its sponsor bank or Bacs-approved software before live use.
 */
import { InvalidMoney, Money } from '@dpe/money';
import {
  BankHolidaysNotHeld,
  dayNumberOf,
  dayNumberOfIso,
  isoOfDayNumber,
  isWorkingDay,
  yearMonthDayOf,
} from '@dpe/tax-calendar';
import { accountProblem, normaliseAccountNumber, normaliseSortCode } from './account';
import { bacsReferenceProblem, toBacsText } from './bacs-text';
import { InvalidBankPaymentInput, type PaymentProblem } from './errors';

/** One payment to one payee's account. */
export interface BacsPayment {
  readonly sortCode: string;
  readonly accountNumber: string;
  readonly accountName: string;
  /** Pounds, as Money or its text ("1234.56"); never a float. */
  readonly amount: Money | string;
  readonly reference: string;
}

export interface Standard18Input {
  /** The Bacs service user number (SUN) the file is submitted under: 6 digits. */
  readonly serviceUserNumber: string;
  /** The account the wages leave from; its name is the service user's name on every payee's statement. */
  readonly originator: { readonly sortCode: string; readonly accountNumber: string; readonly accountName: string };
  /** The Bacs processing day (day 2 of the 3-day cycle; the payees are paid the next working day), ISO yyyy-mm-dd. */
  readonly processingDate: string;
  /** The day the file is made, ISO; defaults to the processing day. */
  readonly createdOn?: string;
  /** VOL1 submission serial number, 6 letters or digits, unique for the day; defaults to "000001". */
  readonly submissionSerial?: string;
  readonly payments: readonly BacsPayment[];
}

export interface BacsTotal {
  readonly count: number;
  readonly amount: Money;
}

/** Credits are the payments; debits are the contra that takes their sum from the originating account. */
export interface Standard18Totals {
  readonly credits: BacsTotal;
  readonly debits: BacsTotal;
}

export type Standard18Result =
  | { readonly text: string; readonly totals: Standard18Totals; readonly problems: readonly [] }
  | { readonly text: null; readonly totals: null; readonly problems: readonly PaymentProblem[] };

export const BACS_RULES = {
  serviceUserNumberFormat: 'bacs.service-user-number-format',
  submissionSerialFormat: 'bacs.submission-serial-format',
  processingDateFormat: 'bacs.processing-date-format',
  processingDayNotWorkingDay: 'bacs.processing-day-not-working-day',
  createdAfterProcessingDay: 'bacs.created-after-processing-day',
  noPayments: 'bacs.no-payments',
  amountFormat: 'bacs.amount-format',
  amountNotPositive: 'bacs.amount-not-positive',
  amountOverItemLimit: 'bacs.amount-over-item-limit',
  fileTotalTooLarge: 'bacs.file-total-too-large',
  nameEmpty: 'bacs.name-empty',
  referenceTooShort: 'bacs.reference-too-short',
  referenceAllSameCharacter: 'bacs.reference-all-same-character',
  unreadable: 'bacs.unreadable-file',
  trailerMismatch: 'bacs.trailer-totals-mismatch',
} as const;

export const TRANSACTION_CODES = { directCredit: '99', creditContra: '17' } as const;

/**
 * Bacs Direct Credit's maximum per payment, £20 million: Atlar, "Bacs Direct Credit" (https://atlar.com/learn/bacs-
 * direct-credit): "Maximum amount: £20 million per payment (may vary by bank)". A third-party statement of the scheme
 * limit, not read from the Bacs scheme rules themselves; a sponsor bank may set a lower one.
 */
export const BACS_ITEM_LIMIT = Money.of('20000000.00');

// The 11-digit pence field holds at most £999,999,999.99, which bounds the contra, the one record carrying a sum.
const MAX_RECORD_PENCE = 99_999_999_999n;

const NAME_LENGTH = 18;
const REFERENCE_LENGTH = 18;
const DEFAULT_SERIAL = '000001';
const LINE_END = '\r\n';

function left(text: string, width: number): string {
  return text.slice(0, width).padEnd(width, ' ');
}
function zeros(value: bigint | number, width: number): string {
  return String(value).padStart(width, '0');
}
function blanks(width: number): string {
  return ' '.repeat(width);
}

/** Pence in a Money of at most two decimal places. */
function penceOf(amount: Money): bigint {
  return BigInt(amount.amount.times(100).toFixed(0));
}
function moneyOfPence(pence: bigint): Money {
  return Money.of(String(pence)).dividedBy(100);
}

/** The bYYDDD form of an ISO date known to be valid. */
export function bacsDay(iso: string): string {
  const dayNumber = dayNumberOfIso(iso)!;
  const { year } = yearMonthDayOf(dayNumber);
  const dayOfYear = dayNumber - dayNumberOf(year, 1, 1) + 1;
  return ` ${zeros(year % 100, 2)}${zeros(dayOfYear, 3)}`;
}

/** The ISO date of a bYYDDD field; years are read as 20YY, as Bacs has no files from the 1900s to read. */
export function isoOfBacsDay(field: string): string | undefined {
  const match = /^ (\d{2})(\d{3})$/.exec(field);
  if (!match) return undefined;
  const year = 2000 + Number(match[1]);
  const dayOfYear = Number(match[2]);
  const first = dayNumberOf(year, 1, 1);
  if (dayOfYear < 1 || dayOfYear > dayNumberOf(year + 1, 1, 1) - first) return undefined;
  return isoOfDayNumber(first + dayOfYear - 1);
}

interface RecordFields {
  readonly destinationSortCode: string;
  readonly destinationAccountNumber: string;
  readonly transactionCode: string;
  readonly originatingSortCode: string;
  readonly originatingAccountNumber: string;
  readonly amountPence: bigint;
  readonly userName: string;
  readonly reference: string;
  readonly accountName: string;
}

/** A 100-character data record, laid out as in the header comment; account type 0 ("unspecified"), free format blank. */
function dataRecord(f: RecordFields): string {
  return [
    f.destinationSortCode,
    f.destinationAccountNumber,
    '0',
    f.transactionCode,
    f.originatingSortCode,
    f.originatingAccountNumber,
    blanks(4),
    zeros(f.amountPence, 11),
    left(f.userName, NAME_LENGTH),
    left(f.reference, REFERENCE_LENGTH),
    left(f.accountName, NAME_LENGTH),
  ].join('');
}

interface Labels {
  readonly sun: string;
  readonly serial: string;
  readonly created: string;
  readonly processing: string;
}

function vol1({ sun, serial }: Labels): string {
  // 1-3 VOL, 4 "1", 5-10 serial, 11 accessibility blank, 12-41 blank, 42-47 owner (SUN), 48-79 blank, 80 "1".
  return `VOL1${serial} ${blanks(30)}${sun}${blanks(32)}1`;
}

/** HDR1 and EOF1 share a layout: the file identifier 5-21 ("A" + SUN + "S" + 2 blanks + "1" + SUN), set identifier
 * 22-27 (the VOL1 serial), section and sequence numbers "0001", generation fields blank, creation and expiry days,
 * accessibility "0", block count "000000", system code and reserved blank. */
function fileLabel(kind: 'HDR1' | 'EOF1', { sun, serial, created }: Labels): string {
  return `${kind}A${sun}S  1${sun}${serial}00010001${blanks(6)}${created}${created}0000000${blanks(20)}`;
}

/** HDR2 and EOF2: record format "F", block length 02000, record length 00100, buffer offset "00" at 51-52. */
function formatLabel(kind: 'HDR2' | 'EOF2'): string {
  return `${kind}F0200000100${blanks(35)}00${blanks(28)}`;
}

/** UHL1: processing day 5-10, receiving party 999999 + 4 blanks, currency "00", country "000000", work code
 * "1 DAILY  " (one processing day), file number "001", the rest blank. */
function uhl1({ processing }: Labels): string {
  return `UHL1${processing}999999${blanks(4)}00000000${'1 DAILY  '}001${blanks(40)}`;
}

/** UTL1: debit value 5-17 and credit value 18-30 in pence (13 digits), debit count 31-37 and credit count 38-44. */
function utl1(totals: { debitPence: bigint; creditPence: bigint; debitCount: number; creditCount: number }): string {
  return `UTL1${zeros(totals.debitPence, 13)}${zeros(totals.creditPence, 13)}${zeros(totals.debitCount, 7)}${zeros(
    totals.creditCount,
    7,
  )}${blanks(36)}`;
}

function problem(path: string, rule: string, message: string): PaymentProblem {
  return { path, rule, message };
}

function accountProblems(path: string, sortCode: unknown, accountNumber: unknown): PaymentProblem[] {
  const found = accountProblem(sortCode, accountNumber);
  return found ? [problem(`${path}.${found.field}`, found.rule, found.message)] : [];
}

function readAmount(value: unknown, path: string, problems: PaymentProblem[]): Money | undefined {
  let amount: Money;
  try {
    amount = value instanceof Money ? value : Money.parse(value, path, { allowNegative: true });
  } catch (error) {
    if (!(error instanceof InvalidMoney)) throw error;
    problems.push(problem(path, BACS_RULES.amountFormat, 'must be an amount in pounds such as "1234.56"'));
    return undefined;
  }
  if (amount.amount.decimalPlaces() > 2) {
    problems.push(problem(path, BACS_RULES.amountFormat, 'must be whole pence (at most 2 decimal places)'));
    return undefined;
  }
  if (!amount.isPositive()) {
    problems.push(problem(path, BACS_RULES.amountNotPositive, 'must be more than £0.00'));
    return undefined;
  }
  if (amount.greaterThan(BACS_ITEM_LIMIT)) {
    problems.push(
      problem(path, BACS_RULES.amountOverItemLimit, `must not exceed the Bacs item limit of £${BACS_ITEM_LIMIT}`),
    );
    return undefined;
  }
  return amount;
}

function readName(value: unknown, path: string, problems: PaymentProblem[]): string {
  const name = typeof value === 'string' ? toBacsText(value, NAME_LENGTH) : '';
  if (!/[A-Z0-9]/.test(name)) {
    problems.push(problem(path, BACS_RULES.nameEmpty, 'must have a letter or digit in the Bacs character set'));
  }
  return name;
}

function readReference(value: unknown, path: string, problems: PaymentProblem[]): string {
  const reference = typeof value === 'string' ? toBacsText(value, REFERENCE_LENGTH) : '';
  const broken = bacsReferenceProblem(reference);
  if (broken === 'too-short') {
    problems.push(problem(path, BACS_RULES.referenceTooShort, 'must have at least 6 letters or digits'));
  } else if (broken === 'all-same-character') {
    problems.push(problem(path, BACS_RULES.referenceAllSameCharacter, 'must not be one character repeated'));
  }
  return reference;
}

function readDay(value: unknown, path: string, problems: PaymentProblem[]): string | undefined {
  if (typeof value !== 'string' || dayNumberOfIso(value) === undefined) {
    problems.push(problem(path, BACS_RULES.processingDateFormat, 'must be a date written yyyy-mm-dd'));
    return undefined;
  }
  return value;
}

/**
 * A Bacs Standard 18 file paying every payment from the originator's account on the processing day, balanced by one
 * contra (code 17) debiting the originator with their sum. A file with any problem is refused whole: text and totals
 * are null and every problem is listed, so no partial file can be submitted.
 */
export function writeStandard18(input: Standard18Input): Standard18Result {
  const problems: PaymentProblem[] = [];
  const sun = typeof input.serviceUserNumber === 'string' ? input.serviceUserNumber.trim() : '';
  if (!/^\d{6}$/.test(sun)) {
    problems.push(problem('serviceUserNumber', BACS_RULES.serviceUserNumberFormat, 'must be 6 digits'));
  }
  const serial = input.submissionSerial ?? DEFAULT_SERIAL;
  if (!/^[A-Z0-9]{6}$/.test(serial) || /^0+$/.test(serial)) {
    problems.push(
      problem('submissionSerial', BACS_RULES.submissionSerialFormat, 'must be 6 letters or digits, not all zeros'),
    );
  }
  problems.push(...accountProblems('originator', input.originator?.sortCode, input.originator?.accountNumber));
  const originatorName = readName(input.originator?.accountName, 'originator.accountName', problems);

  const processing = readDay(input.processingDate, 'processingDate', problems);
  if (processing !== undefined) {
    // Bacs processes Monday to Friday except bank holidays; we take England and Wales's (@dpe/tax-calendar). Not
    // checked against Bacs's own published non-processing days, which a bureau should compare each year.
    try {
      if (!isWorkingDay(processing, 'processingDate')) {
        problems.push(
          problem(
            'processingDate',
            BACS_RULES.processingDayNotWorkingDay,
            'must be a Bacs working day (not a weekend or bank holiday)',
          ),
        );
      }
    } catch (error) {
      if (!(error instanceof BankHolidaysNotHeld)) throw error;
      problems.push(problem('processingDate', BACS_RULES.processingDayNotWorkingDay, error.rule));
    }
  }
  const created = input.createdOn === undefined ? processing : readDay(input.createdOn, 'createdOn', problems);
  if (created !== undefined && processing !== undefined && created > processing) {
    problems.push(problem('createdOn', BACS_RULES.createdAfterProcessingDay, 'must not be after the processing day'));
  }

  const payments = Array.isArray(input.payments) ? input.payments : [];
  if (payments.length === 0) {
    problems.push(problem('payments', BACS_RULES.noPayments, 'a file must have at least one payment'));
  }
  const lines: RecordFields[] = [];
  payments.forEach((payment, index) => {
    const path = `payments[${index}]`;
    problems.push(...accountProblems(path, payment?.sortCode, payment?.accountNumber));
    const amount = readAmount(payment?.amount, `${path}.amount`, problems);
    const accountName = readName(payment?.accountName, `${path}.accountName`, problems);
    const reference = readReference(payment?.reference, `${path}.reference`, problems);
    if (amount === undefined) return;
    lines.push({
      destinationSortCode: normaliseSortCode(payment.sortCode) ?? '',
      destinationAccountNumber: normaliseAccountNumber(payment.accountNumber) ?? '',
      transactionCode: TRANSACTION_CODES.directCredit,
      originatingSortCode: normaliseSortCode(input.originator?.sortCode) ?? '',
      originatingAccountNumber: normaliseAccountNumber(input.originator?.accountNumber) ?? '',
      amountPence: penceOf(amount),
      userName: originatorName,
      reference,
      accountName,
    });
  });
  const creditPence = lines.reduce((sum, line) => sum + line.amountPence, 0n);
  if (creditPence > MAX_RECORD_PENCE) {
    problems.push(
      problem(
        'payments',
        BACS_RULES.fileTotalTooLarge,
        'the total must fit the 11-digit contra amount (£999,999,999.99)',
      ),
    );
  }
  if (problems.length > 0 || processing === undefined || created === undefined) {
    return { text: null, totals: null, problems };
  }

  const originatorSort = normaliseSortCode(input.originator.sortCode)!;
  const originatorAccount = normaliseAccountNumber(input.originator.accountNumber)!;
  // The contra debits the originator with the credits' sum so the file balances. Fields 47-100 follow the common
  // layout: a narrative (here the service user's name), "CONTRA" as the reference, and the originating account name.
  const contra = dataRecord({
    destinationSortCode: originatorSort,
    destinationAccountNumber: originatorAccount,
    transactionCode: TRANSACTION_CODES.creditContra,
    originatingSortCode: originatorSort,
    originatingAccountNumber: originatorAccount,
    amountPence: creditPence,
    userName: originatorName,
    reference: 'CONTRA',
    accountName: originatorName,
  });
  const labels: Labels = { sun, serial, created: bacsDay(created), processing: bacsDay(processing) };
  const records = [
    vol1(labels),
    fileLabel('HDR1', labels),
    formatLabel('HDR2'),
    uhl1(labels),
    ...lines.map(dataRecord),
    contra,
    fileLabel('EOF1', labels),
    formatLabel('EOF2'),
    utl1({ debitPence: creditPence, creditPence, debitCount: 1, creditCount: lines.length }),
  ];
  const total = moneyOfPence(creditPence);
  return {
    text: records.join(LINE_END) + LINE_END,
    totals: { credits: { count: lines.length, amount: total }, debits: { count: 1, amount: total } },
    problems: [],
  };
}

/** One data record read back from a file. */
export interface Standard18Record {
  readonly sortCode: string;
  readonly accountNumber: string;
  readonly transactionCode: string;
  readonly originatingSortCode: string;
  readonly originatingAccountNumber: string;
  readonly amountPence: bigint;
  readonly amount: Money;
  readonly userName: string;
  readonly reference: string;
  readonly accountName: string;
}

export interface ParsedStandard18 {
  readonly serviceUserNumber: string;
  readonly submissionSerial: string;
  readonly createdOn: string;
  readonly processingDate: string;
  /** Direct credits (code 99). */
  readonly payments: readonly Standard18Record[];
  /** Contras (code 17). */
  readonly contras: readonly Standard18Record[];
  /** As the UTL1 trailer states them, checked against the records. */
  readonly totals: Standard18Totals;
}

function unreadable(line: number, message: string): InvalidBankPaymentInput {
  return new InvalidBankPaymentInput([problem(`lines[${line}]`, BACS_RULES.unreadable, message)]);
}

function readRecord(text: string, line: number): Standard18Record {
  if (!/^\d{14}0(99|17)\d{14}[ A-Z0-9/]{4}\d{11}/.test(text)) {
    throw unreadable(line, 'is not a credit (99) or contra (17) data record');
  }
  const amountPence = BigInt(text.slice(35, 46));
  return {
    sortCode: text.slice(0, 6),
    accountNumber: text.slice(6, 14),
    transactionCode: text.slice(15, 17),
    originatingSortCode: text.slice(17, 23),
    originatingAccountNumber: text.slice(23, 31),
    amountPence,
    amount: moneyOfPence(amountPence),
    userName: text.slice(46, 64).trimEnd(),
    reference: text.slice(64, 82).trimEnd(),
    accountName: text.slice(82, 100).trimEnd(),
  };
}

/**
 * Reads a single-processing-day Standard 18 file as writeStandard18 writes it: the labels, the data records, and the
 * UTL1 totals, which must equal the records' own sums (a trailer that disagrees with its records means the file was
 * altered or cut short, so nothing in it can be trusted).
 * Throws InvalidBankPaymentInput naming the line and rule when the file cannot be read or does not balance.
 */
export function parseStandard18(text: string): ParsedStandard18 {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const expect = (index: number, prefix: string, length: number): string => {
    const line = lines[index];
    if (line === undefined || !line.startsWith(prefix) || line.length !== length) {
      throw unreadable(index, `expected a ${length}-character ${prefix} label`);
    }
    return line;
  };
  const vol = expect(0, 'VOL1', 80);
  const hdr1 = expect(1, 'HDR1', 80);
  expect(2, 'HDR2', 80);
  const uhl = expect(3, 'UHL1', 80);
  const last = lines.length - 1;
  expect(last - 2, 'EOF1', 80);
  expect(last - 1, 'EOF2', 80);
  const utl = expect(last, 'UTL1', 80);

  const processingDate = isoOfBacsDay(uhl.slice(4, 10));
  const createdOn = isoOfBacsDay(hdr1.slice(41, 47));
  if (processingDate === undefined) throw unreadable(3, 'UHL1 processing day is not bYYDDD');
  if (createdOn === undefined) throw unreadable(1, 'HDR1 creation date is not bYYDDD');

  const payments: Standard18Record[] = [];
  const contras: Standard18Record[] = [];
  for (let index = 4; index < last - 2; index++) {
    const line = lines[index]!;
    if (line.length !== 100) throw unreadable(index, 'a data record must be 100 characters');
    const record = readRecord(line, index);
    (record.transactionCode === TRANSACTION_CODES.creditContra ? contras : payments).push(record);
  }

  const trailer = /^UTL1(\d{13})(\d{13})(\d{7})(\d{7})/.exec(utl);
  if (!trailer) throw unreadable(last, 'UTL1 totals are not numeric');
  const stated = {
    debitPence: BigInt(trailer[1]!),
    creditPence: BigInt(trailer[2]!),
    debitCount: Number(trailer[3]),
    creditCount: Number(trailer[4]),
  };
  const sum = (records: Standard18Record[]) => records.reduce((total, r) => total + r.amountPence, 0n);
  if (
    stated.debitPence !== sum(contras) ||
    stated.creditPence !== sum(payments) ||
    stated.debitCount !== contras.length ||
    stated.creditCount !== payments.length
  ) {
    throw new InvalidBankPaymentInput([
      problem(`lines[${last}]`, BACS_RULES.trailerMismatch, 'UTL1 totals and counts do not match the data records'),
    ]);
  }
  return {
    serviceUserNumber: vol.slice(41, 47),
    submissionSerial: vol.slice(4, 10),
    createdOn,
    processingDate,
    payments,
    contras,
    totals: {
      credits: { count: stated.creditCount, amount: moneyOfPence(stated.creditPence) },
      debits: { count: stated.debitCount, amount: moneyOfPence(stated.debitPence) },
    },
  };
}
