/** How often a PA is paid. Tax weeks drive weekly, fortnightly and four-weekly pay; tax months drive monthly pay. */
export const PAY_FREQUENCIES = ['weekly', 'fortnightly', 'four-weekly', 'monthly'] as const;
export type PayFrequency = (typeof PAY_FREQUENCIES)[number];

/** A UK tax year named as HMRC writes it, e.g. "2026-27" (6 April 2026 to 5 April 2027). */
export type TaxYearId = `${number}-${number}`;
