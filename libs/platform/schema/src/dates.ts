import { DateTime } from 'luxon';
import { z } from 'zod';

export interface DateRange {
  /** Earliest plausible date, yyyy-mm-dd, with the reason in `because`. */
  readonly from: string;
  readonly to: string;
}

/**
 * A calendar date yyyy-mm-dd in Europe/London, within a range plausible for its meaning (an enrolment before Direct
 * Payments existed, or in the year 3026, is a typing error, not a fact to record).
 */
export function businessDate(range: DateRange, description?: string) {
  const schema = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a calendar date yyyy-mm-dd')
    .refine((value) => DateTime.fromISO(value, { zone: 'Europe/London' }).isValid, 'must be a calendar date yyyy-mm-dd')
    .refine((value) => value >= range.from && value <= range.to, `must be between ${range.from} and ${range.to}`);
  return description ? schema.describe(description) : schema;
}
