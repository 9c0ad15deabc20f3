import Decimal from 'decimal.js';
import { InvalidInput, describeValue } from '@dpe/errors';

/**
 * Every amount of money in the engine is a Money: pounds held exactly as a decimal.js Decimal.
 * No JavaScript float ever holds money. Rounding happens only through the named methods below,
 * each of which is the rounding an HMRC rule asks for, so a reader can see which rule applies.
 */
const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type DecimalValue = Decimal;
export const DecimalOf = Exact;

export type MoneyInput = Money | Decimal | string | number;

const MONEY_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * Amounts travel as text (events, JSON), and a pay run reads the same few thousand of them again and again: rates,
 * thresholds, "0.00". A Decimal is immutable, so each distinct text is parsed once. Amounts (checked against
 * MONEY_TEXT) and factors (any text decimal.js reads) are kept apart, so a factor's text never passes as an amount.
 * A table is emptied when full, which bounds its memory and costs only a re-parse.
 */
const PARSED_LIMIT = 16_384;
const parsedAmounts = new Map<string, Decimal>();
const parsedFactors = new Map<string, Decimal>();
function parsedIn(table: Map<string, Decimal>, text: string): Decimal {
  let parsed = table.get(text);
  if (parsed === undefined) {
    parsed = new Exact(text);
    if (table.size >= PARSED_LIMIT) table.clear();
    table.set(text, parsed);
  }
  return parsed;
}
/** A factor for times or dividedBy as an Exact: text through its parsed table, an Exact as it is. */
function exactOf(value: Decimal | string | number): Decimal {
  if (typeof value === 'string') return parsedIn(parsedFactors, value);
  return value instanceof Exact ? value : new Exact(value);
}

export class InvalidMoney extends InvalidInput {
  constructor(field: string, value: unknown, rule: string) {
    super(field, rule, value, `${field}: ${rule} (got ${describeValue(value)})`);
  }
}

export class Money {
  private constructor(readonly amount: Decimal) {}

  static readonly zero = new Money(new Exact(0));

  /** From a string such as "1234.56"; integers are accepted as numbers (never fractional floats). */
  static of(value: MoneyInput): Money {
    if (value instanceof Money) return value;
    if (typeof value === 'string') {
      const known = parsedAmounts.get(value);
      if (known !== undefined) return new Money(known);
    }
    if (value instanceof Exact) return new Money(value);
    if (Decimal.isDecimal(value)) return new Money(new Exact(value));
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) {
        throw new InvalidMoney('amount', value, 'fractional amounts must be given as decimal strings, never floats');
      }
      return new Money(new Exact(value));
    }
    if (typeof value !== 'string' || !MONEY_TEXT.test(value.trim())) {
      throw new InvalidMoney('amount', value, 'must be a decimal number such as "1234.56"');
    }
    return new Money(parsedIn(parsedAmounts, value.trim()));
  }

  /** Parse user input naming the field in the error, e.g. Money.parse(body.gross, 'gross'). */
  static parse(value: unknown, field: string, options: { allowNegative?: boolean; maxDecimals?: number } = {}): Money {
    const { allowNegative = false, maxDecimals = 2 } = options;
    const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    if (typeof text !== 'string' || !MONEY_TEXT.test(text.trim())) {
      throw new InvalidMoney(field, value, 'must be an amount in pounds such as "1234.56"');
    }
    const m = new Money(new Exact(text.trim()));
    if (!allowNegative && m.isNegative()) throw new InvalidMoney(field, value, 'must not be negative');
    if (m.amount.decimalPlaces() > maxDecimals) {
      throw new InvalidMoney(field, value, `must have at most ${maxDecimals} decimal places`);
    }
    return m;
  }

  plus(other: MoneyInput): Money {
    return new Money(this.amount.plus(Money.of(other).amount));
  }
  minus(other: MoneyInput): Money {
    return new Money(this.amount.minus(Money.of(other).amount));
  }
  /** Multiply by a rate or count (a Decimal, a decimal string, or an integer). */
  times(factor: Decimal | string | number): Money {
    return new Money(this.amount.times(exactOf(factor)));
  }
  dividedBy(divisor: Decimal | string | number): Money {
    return new Money(this.amount.dividedBy(exactOf(divisor)));
  }
  negated(): Money {
    return new Money(this.amount.negated());
  }

  /** HMRC: tax, NI and loan deductions are generally rounded down to the penny. */
  roundDownToPenny(): Money {
    return new Money(this.amount.toDecimalPlaces(2, Decimal.ROUND_DOWN));
  }
  /** Towards minus infinity, e.g. a refund that must not be overstated. */
  floorToPenny(): Money {
    return new Money(this.amount.toDecimalPlaces(2, Decimal.ROUND_FLOOR));
  }
  /** HMRC: earnings compared with loan thresholds are taken in whole pounds, fractions ignored. */
  roundDownToPound(): Money {
    return new Money(this.amount.toDecimalPlaces(0, Decimal.ROUND_DOWN));
  }
  roundUpToPound(): Money {
    return new Money(this.amount.toDecimalPlaces(0, Decimal.ROUND_UP));
  }
  roundUpToPenny(): Money {
    return new Money(this.amount.toDecimalPlaces(2, Decimal.ROUND_UP));
  }
  /**
   * Truncated (towards zero) to 4 decimal places. HMRC's Specification for PAYE Tax Table Routines works its
   * intermediate figures — pro-rated band thresholds, tax at the top of each band to date, period free pay before
   * it is rounded up to the penny — to 4 decimal places, dropping the rest, before the final penny rounding.
   */
  truncateToFourDecimalPlaces(): Money {
    return new Money(this.amount.toDecimalPlaces(4, Decimal.ROUND_DOWN));
  }
  /** Nearest penny, exactly half a penny rounded up (the usual commercial rule, e.g. pension contributions). */
  roundHalfUpToPenny(): Money {
    return new Money(this.amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
  }
  /**
   * Nearest penny, exactly half a penny rounded down. HMRC's NI exact-percentage rule looks only at the third
   * decimal place (0.5p or less down), so the NI calculator truncates to 3 places before calling this.
   */
  roundHalfDownToPenny(): Money {
    return new Money(this.amount.toDecimalPlaces(2, Decimal.ROUND_HALF_DOWN));
  }
  roundHalfUpToPound(): Money {
    return new Money(this.amount.toDecimalPlaces(0, Decimal.ROUND_HALF_UP));
  }

  isZero(): boolean {
    return this.amount.isZero();
  }
  isNegative(): boolean {
    return this.amount.isNegative() && !this.amount.isZero();
  }
  isPositive(): boolean {
    return this.amount.greaterThan(0);
  }
  equals(other: MoneyInput): boolean {
    return this.amount.equals(Money.of(other).amount);
  }
  greaterThan(other: MoneyInput): boolean {
    return this.amount.greaterThan(Money.of(other).amount);
  }
  greaterThanOrEqual(other: MoneyInput): boolean {
    return this.amount.greaterThanOrEqualTo(Money.of(other).amount);
  }
  lessThan(other: MoneyInput): boolean {
    return this.amount.lessThan(Money.of(other).amount);
  }
  lessThanOrEqual(other: MoneyInput): boolean {
    return this.amount.lessThanOrEqualTo(Money.of(other).amount);
  }
  compare(other: MoneyInput): number {
    return this.amount.comparedTo(Money.of(other).amount);
  }

  static max(...values: Money[]): Money {
    return values.reduce((a, b) => (b.greaterThan(a) ? b : a));
  }
  static min(...values: Money[]): Money {
    return values.reduce((a, b) => (b.lessThan(a) ? b : a));
  }
  static sum(values: Iterable<Money>): Money {
    let total = Money.zero;
    for (const v of values) total = total.plus(v);
    return total;
  }

  /** Two decimal places, as money travels in events, JSON and the CLI. */
  toString(): string {
    return this.amount.toFixed(2);
  }
  toJSON(): string {
    return this.toString();
  }
}

/** A rate such as 0.2 (20%) held exactly. */
export type Rate = Decimal;
export function rate(value: string): Rate {
  return new Exact(value);
}

/** A calculator library's own validation error class (a subclass of InvalidInput taking field, rule, value). */
export type InputErrorClass = new (field: string, rule: string, value?: unknown) => InvalidInput;

/**
 * The one reader of a non-negative amount from untrusted calculator input: a Money passes through, text is parsed
 * exactly, and any failure is raised as the calling library's own error class, naming the field and the rule.
 */
export function readAmount(
  value: unknown,
  field: string,
  fail: InputErrorClass,
  options: { maxDecimals?: number } = {},
): Money {
  if (value instanceof Money) {
    if (value.isNegative()) throw new fail(field, 'must not be negative', value);
    return value;
  }
  try {
    return Money.parse(value, field, options);
  } catch (error) {
    if (error instanceof InvalidMoney) throw new fail(field, error.rule, value);
    throw error;
  }
}
