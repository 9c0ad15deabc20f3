import { z } from 'zod';

/**
 * An amount of money as decimal text in pounds ("1234.56"), never a JSON number: a float cannot hold pence exactly,
 * and money is decimal end to end (the domain turns it into Money). Bounded so a typo of three extra zeros is caught.
 */
export function poundsAmount(options: { max: string; description?: string; allowZero?: boolean }) {
  const schema = z
    .string({
      error: (issue) =>
        issue.input === undefined ? 'is required' : 'must be an amount in pounds written as text, e.g. "412.50"',
    })
    .regex(/^\d{1,9}(\.\d{1,2})?$/, 'must be an amount in pounds such as "412.50" (at most 2 decimal places, no sign)')
    .refine((value) => options.allowZero !== false || toPence(value) > 0n, 'must be more than 0')
    // Comparing as decimals by padding: both sides have at most 2 decimal places, so string arithmetic is exact.
    .refine((value) => toPence(value) <= toPence(options.max), `must be at most ${options.max}`);
  return options.description ? schema.describe(options.description) : schema;
}

/** Pence of well-formed amount text; anything else (already refused by the pattern) counts as 0. */
function toPence(value: string): bigint {
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(value)) return 0n;
  const [pounds, pence = ''] = value.split('.');
  return BigInt(pounds!) * 100n + BigInt(pence.padEnd(2, '0'));
}
