import { InvalidMoney, Money } from '@dpe/money';
import { PAY_FREQUENCIES, type PayFrequency } from '@dpe/tax-calendar';
import { InvalidNationalInsuranceInput } from './errors';

/** An amount as callers may hold it: a Money, or decimal text such as "1234.56". */
export type AmountInput = Money | string;

/** Amounts of pay and NI are whole pence and never negative; anything else is refused naming the field. */
export function parseAmount(value: unknown, field: string): Money {
  if (value instanceof Money) {
    if (value.isNegative()) throw new InvalidNationalInsuranceInput(field, value, 'must not be negative');
    if (value.amount.decimalPlaces() > 2) {
      throw new InvalidNationalInsuranceInput(
        field,
        value,
        'must be a whole number of pence (at most 2 decimal places)',
      );
    }
    return value;
  }
  if (typeof value !== 'string') {
    throw new InvalidNationalInsuranceInput(field, value, 'must be a Money or an amount in pounds such as "1234.56"');
  }
  try {
    return Money.parse(value, field);
  } catch (error) {
    if (error instanceof InvalidMoney) throw new InvalidNationalInsuranceInput(field, value, error.rule);
    throw error;
  }
}

export function parseFrequency(value: unknown): PayFrequency {
  if (typeof value === 'string' && (PAY_FREQUENCIES as readonly string[]).includes(value)) return value as PayFrequency;
  throw new InvalidNationalInsuranceInput('frequency', value, `must be one of ${PAY_FREQUENCIES.join(', ')}`);
}
