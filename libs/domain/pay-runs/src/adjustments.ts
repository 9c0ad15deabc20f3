import { employmentTermsOn, type AmendedShift, type EmploymentState, type TimesheetAmendedData } from '@dpe/employment';
import { Money } from '@dpe/money';
import type { PaHiredData } from '@dpe/recipients';
import type { PayLine, PayrollYear } from './payroll-stream';

/** The value of shifts at the employment's rates on each shift's day (a sleep-in is one flat amount a night). */
export function valueOfShifts(hire: PaHiredData, employment: EmploymentState, shifts: readonly AmendedShift[]): Money {
  const rates = new Map<string, ReturnType<typeof employmentTermsOn>['rates']>();
  let total = Money.zero;
  for (const shift of shifts) {
    let onDay = rates.get(shift.date);
    if (!onDay) {
      onDay = employmentTermsOn(hire, employment, shift.date).rates;
      rates.set(shift.date, onDay);
    }
    const rate = onDay[shift.rateKind];
    if (rate === undefined) continue;
    const quantity = shift.rateKind === 'sleep-in' ? Money.of('1') : Money.of(shift.hours);
    total = total.plus(quantity.times(rate).roundHalfUpToPenny());
  }
  return total;
}

export interface AmendmentsDue {
  /** Timesheets of the period being paid whose shifts were corrected before they were paid: the latest correction. */
  readonly replacedShifts: ReadonlyMap<string, TimesheetAmendedData>;
  /** Corrections of timesheets of earlier periods (already paid), each paid once as the difference. */
  readonly adjustments: readonly PayLine[];
  readonly amendmentIds: readonly string[];
}

/**
 * Corrections not yet paid. A correction of a timesheet of the period being paid replaces its shifts; one of an earlier
 * period's timesheet, already paid, is paid as the difference (a negative line recovers an overpayment), so an
 * approved timesheet is never edited and every change reaches the next pay (issue: "amend after payment").
 */
export function amendmentsDue(
  hire: PaHiredData,
  employment: EmploymentState,
  year: PayrollYear,
  periodStart: string,
): AmendmentsDue {
  const paid = new Set(
    year.payslips
      .filter((slip) => slip.employmentId === hire.employmentId)
      .flatMap((slip) => slip.inputs.amendmentIds ?? []),
  );
  const replacedShifts = new Map<string, TimesheetAmendedData>();
  const adjustments: PayLine[] = [];
  const amendmentIds: string[] = [];
  for (const amendment of employment.amendments ?? []) {
    if (paid.has(amendment.amendmentId)) continue;
    amendmentIds.push(amendment.amendmentId);
    if (amendment.periodStart >= periodStart) {
      replacedShifts.set(amendment.timesheetId, amendment);
      continue;
    }
    const difference = valueOfShifts(hire, employment, amendment.shifts).minus(
      valueOfShifts(hire, employment, amendment.replaces),
    );
    adjustments.push({
      kind: 'adjustment',
      description: `Correction of timesheet ${amendment.timesheetId} (${amendment.reason})`,
      quantity: null,
      rate: null,
      amount: difference.toString(),
      taxable: true,
      source: amendment.amendmentId,
    });
  }
  return { replacedShifts, adjustments, amendmentIds };
}
