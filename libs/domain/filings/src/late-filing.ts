import type { LateFiling, RtiYearState } from './rti-stream';

/**
 * DMBM519505 (HMRC Debt Management and Banking Manual, "RTI late filing penalties"): an FPS is late when it is
 * received after the payment date; the monthly penalty depends on the number of employees in the PAYE scheme, and the
 * first failure in a tax year is not penalised (PAYE Regs 2003 reg 67B for the deadline).
 */
const PENALTY_BANDS: readonly { readonly upTo: number; readonly monthly: string }[] = [
  { upTo: 9, monthly: '100.00' },
  { upTo: 49, monthly: '200.00' },
  { upTo: 249, monthly: '300.00' },
  { upTo: Number.POSITIVE_INFINITY, monthly: '400.00' },
];

export const monthlyPenaltyFor = (employees: number): string =>
  PENALTY_BANDS.find((band) => employees <= band.upTo)!.monthly;

const dayNumber = (iso: string): number =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;

/** The late-filing risk of an FPS prepared on `preparedOn` for a payment on `payDate`, or null if it is on time. */
export function lateFiling(
  payDate: string,
  preparedOn: string,
  employeesInScheme: number,
  year: RtiYearState,
): LateFiling | null {
  if (preparedOn <= payDate) return null;
  return {
    daysLate: dayNumber(preparedOn) - dayNumber(payDate),
    employeesInScheme,
    monthlyPenalty: monthlyPenaltyFor(employeesInScheme),
    firstOfTaxYear: !year.documents.some((record) => record.kind === 'fps' && record.late !== null),
  };
}
