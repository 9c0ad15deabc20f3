import { DateTime } from 'luxon';
import { DecimalOf, Money, readAmount, type DecimalValue, type MoneyInput } from '@dpe/money';
import type { TaxYearTables } from '@dpe/statutory-data';
import { HolidayPayInputError } from './errors';

export interface IrregularHoursAccrualInput {
  readonly tables: TaxYearTables;
  /** First day of the worker's leave year (ISO date); the method applies to leave years starting on or after 1 April 2024. */
  readonly leaveYearStart: string;
  /** Hours actually worked in the pay period, as decimal text ("23.5") or a whole number. */
  readonly hoursWorked: string | number;
  /**
   * Optional cap for the leave year in hours (5.6 weeks of the worker's hours) and what has accrued so far; when
   * both are given the accrual stops at the cap. Converting 5.6 weeks into hours for a worker with no normal week
   * is the employer's call, so the engine does not guess it.
   */
  readonly leaveYearCapHours?: string | number;
  readonly accruedSoFarThisLeaveYear?: string | number;
}

export interface IrregularHoursAccrual {
  /** Hours of statutory leave accrued on the last day of the pay period, exact (no rounding). */
  readonly accruedHours: string;
  readonly capped: boolean;
}

/**
 * Leave accrued by an irregular-hours or part-year worker for one pay period: 12.07% of the hours worked in the
 * period, accruing on its last day (Working Time Regulations 1998 reg 15B, for leave years starting on or after
 * 1 April 2024; gov.uk "Holiday entitlement": "their entitlement will be 12.07% of the hours they work in a pay
 * period, up to a maximum of 5.6 weeks"). 12.07% is 5.6 weeks of leave over the 46.4 weeks a year left for work.
 * The result is exact: the regulations set no rounding (one law firm's note of rounding up to the hour was not
 * found in the regulations or gov.uk guidance), so any rounding is for the employer's leave policy to apply.
 */
export function accrueIrregularHoursLeave(input: IrregularHoursAccrualInput): IrregularHoursAccrual {
  const raw = readObject(input);
  const tables = readTables(raw['tables']);
  requireReformedLeaveYear(raw['leaveYearStart'], tables);
  const hours = readHours(raw['hoursWorked'], 'hoursWorked');
  const accrued = hours.times(tables.holiday.irregularHoursAccrualRate);
  const capRaw = raw['leaveYearCapHours'];
  const soFarRaw = raw['accruedSoFarThisLeaveYear'];
  if (capRaw === undefined && soFarRaw === undefined) return { accruedHours: accrued.toString(), capped: false };
  if (capRaw === undefined || soFarRaw === undefined) {
    throw new HolidayPayInputError(
      capRaw === undefined ? 'leaveYearCapHours' : 'accruedSoFarThisLeaveYear',
      'leaveYearCapHours and accruedSoFarThisLeaveYear must be given together',
      capRaw ?? soFarRaw,
    );
  }
  const cap = readHours(capRaw, 'leaveYearCapHours');
  const soFar = readHours(soFarRaw, 'accruedSoFarThisLeaveYear');
  const room = DecimalOf.max(cap.minus(soFar), 0);
  return accrued.greaterThan(room)
    ? { accruedHours: room.toString(), capped: true }
    : { accruedHours: accrued.toString(), capped: false };
}

export interface RolledUpHolidayPayInput {
  readonly tables: TaxYearTables;
  readonly leaveYearStart: string;
  /** Pay for work done in the pay period, including overtime, commission and allowances (reg 16A). */
  readonly payForWorkDone: MoneyInput;
}

/**
 * Rolled-up holiday pay for an irregular-hours or part-year worker: 12.07% of the pay for work done in the pay
 * period, paid with it and shown as its own payslip line (WTR 1998 reg 16A; DBT "Simplifying holiday entitlement
 * and holiday pay calculations"). Rounded UP to the penny, so the line is never less than 12.07% of the pay.
 */
export function rolledUpHolidayPay(input: RolledUpHolidayPayInput): Money {
  const raw = readObject(input);
  const tables = readTables(raw['tables']);
  requireReformedLeaveYear(raw['leaveYearStart'], tables);
  const pay = readMoney(raw['payForWorkDone'], 'payForWorkDone');
  return pay.times(new DecimalOf(tables.holiday.irregularHoursAccrualRate)).roundUpToPenny();
}

export interface RegularHoursEntitlementInput {
  readonly tables: TaxYearTables;
  /** Days worked in a normal week, as decimal text ("2.5") or a whole number, more than 0 and at most 7. */
  readonly daysPerWeek: string | number;
}

/**
 * Statutory annual leave in days for a worker with regular hours: 5.6 weeks of their working week, capped at 28 days
 * (WTR 1998 regs 13 and 13A; gov.uk "Holiday entitlement": 5 days × 5.6 = 28; "if they work 3 days a week, they must get
 * at least 16.8 days"; "staff working 6 days a week are only entitled to 28 days"). The result is exact, in days.
 */
export function regularHoursEntitlementDays(input: RegularHoursEntitlementInput): string {
  const raw = readObject(input);
  const tables = readTables(raw['tables']);
  const days = readHours(raw['daysPerWeek'], 'daysPerWeek');
  if (!days.greaterThan(0) || days.greaterThan(7)) {
    throw new HolidayPayInputError('daysPerWeek', 'must be more than 0 and at most 7', raw['daysPerWeek']);
  }
  const entitlement = days.times(tables.holiday.statutoryWeeks);
  return DecimalOf.min(entitlement, tables.holiday.maximumStatutoryDays).toString();
}

function requireReformedLeaveYear(value: unknown, tables: TaxYearTables): void {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new HolidayPayInputError('leaveYearStart', 'must be a date written YYYY-MM-DD', value);
  }
  if (!DateTime.fromISO(value, { zone: 'Europe/London' }).isValid) {
    throw new HolidayPayInputError('leaveYearStart', 'is not a real calendar date', value);
  }
  if (value < tables.holiday.irregularHoursLeaveYearsFrom) {
    throw new HolidayPayInputError(
      'leaveYearStart',
      `the 12.07% accrual and rolled-up holiday pay apply only to leave years starting on or after ${tables.holiday.irregularHoursLeaveYearsFrom}`,
      value,
    );
  }
}

function readObject(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null) throw new HolidayPayInputError('input', 'must be an object', input);
  return input as Record<string, unknown>;
}

function readTables(value: unknown): TaxYearTables {
  const tables = value as TaxYearTables | undefined;
  if (typeof tables !== 'object' || tables === null || typeof tables.holiday !== 'object' || tables.holiday === null) {
    throw new HolidayPayInputError('tables', "must be a tax year's statutory tables with a holiday section", value);
  }
  return tables;
}

const DECIMAL_TEXT = /^\d+(\.\d+)?$/;

function readHours(value: unknown, field: string): DecimalValue {
  const text = typeof value === 'number' && Number.isInteger(value) && value >= 0 ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL_TEXT.test(text)) {
    throw new HolidayPayInputError(field, 'must be a non-negative number written as decimal text, e.g. "23.5"', value);
  }
  return new DecimalOf(text);
}

function readMoney(value: unknown, field: string): Money {
  return readAmount(value, field, HolidayPayInputError);
}
