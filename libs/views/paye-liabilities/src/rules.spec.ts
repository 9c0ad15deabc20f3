import { Money, rate } from '@dpe/money';
import {
  amountDue,
  dueDateOfQuarter,
  dueDateOfTaxMonth,
  isOverdue,
  monthsOfQuarter,
  quarterOfTaxMonth,
  RecoveryRateNotHeld,
  recovered,
  statutoryPayRecoveryRate,
  underQuarterlyLimit,
} from '@dpe/paye-liabilities';

// The rules of the P32 view, each against the reference (uk-payroll-rules.md) by hand.
describe('PAYE liability rules', () => {
  it('is due on the 22nd after the tax month ends on the 5th (§10)', () => {
    // month 1 = 6 Apr–5 May 2026 → 22 May; month 9 = 6 Dec–5 Jan 2027 → 22 Jan 2027; month 12 = 6 Mar–5 Apr → 22 Apr
    expect(dueDateOfTaxMonth('2026-27', 1)).toBe('2026-05-22');
    expect(dueDateOfTaxMonth('2026-27', 9)).toBe('2027-01-22');
    expect(dueDateOfTaxMonth('2026-27', 12)).toBe('2027-04-22');
  });

  it('groups tax months into quarters ending 5 July, 5 October, 5 January and 5 April, due the 22nd after (§10)', () => {
    expect([1, 3, 4, 6, 7, 9, 10, 12].map(quarterOfTaxMonth)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect(monthsOfQuarter(3)).toEqual([7, 8, 9]);
    expect([1, 2, 3, 4].map((q) => dueDateOfQuarter('2026-27', q as 1 | 2 | 3 | 4))).toEqual([
      '2026-07-22',
      '2026-10-22',
      '2027-01-22',
      '2027-04-22',
    ]);
  });

  it('recovers 92% normally, or the Small Employers’ Relief rate of the year (§5.2)', () => {
    expect(statutoryPayRecoveryRate('2026-27', false).toString()).toBe('0.92');
    expect(statutoryPayRecoveryRate('2024-25', true).toString()).toBe('1.03');
    expect(statutoryPayRecoveryRate('2025-26', true).toString()).toBe('1.085');
    expect(statutoryPayRecoveryRate('2026-27', true).toString()).toBe('1.09');
    expect(() => statutoryPayRecoveryRate('2027-28', true)).toThrow(RecoveryRateNotHeld);
    // 360.00 × 0.92 = 331.20; 194.32 × 1.085 = 210.8372 → 210.84; 0.50 × 1.09 = 0.545 → 0.55 (half a penny up)
    expect(recovered(Money.of('360.00'), rate('0.92')).toString()).toBe('331.20');
    expect(recovered(Money.of('194.32'), rate('1.085')).toString()).toBe('210.84');
    expect(recovered(Money.of('0.50'), rate('1.09')).toString()).toBe('0.55');
  });

  it('owes tax + employee NI + employer NI − Employment Allowance + loans − statutory pay recovered (§4)', () => {
    const due = amountDue({
      incomeTax: Money.of('100.00'),
      employeeNic: Money.of('40.00'),
      employerNic: Money.of('46.00'),
      employmentAllowance: Money.of('46.00'),
      studentLoan: Money.of('12.00'),
      postgraduateLoan: Money.of('5.00'),
      statutoryPayRecovered: Money.of('20.00'),
    });
    // 100.00 + 40.00 + 46.00 − 46.00 + 12.00 + 5.00 − 20.00 = 137.00
    expect(due.toString()).toBe('137.00');
  });

  it('is overdue only after the due date with something outstanding', () => {
    expect(isOverdue('2026-05-22', '2026-05-22', Money.of('0.01'))).toBe(false);
    expect(isOverdue('2026-05-23', '2026-05-22', Money.of('0.01'))).toBe(true);
    expect(isOverdue('2026-05-23', '2026-05-22', Money.of('0.00'))).toBe(false);
    expect(isOverdue('2026-05-23', '2026-05-22', Money.of('-5.00'))).toBe(false);
    expect(isOverdue(undefined, '2026-05-22', Money.of('5.00'))).toBe(false);
  });

  it('allows quarterly payment under an average of £1,500 a month, not at it (§10)', () => {
    expect(underQuarterlyLimit(Money.of('1499.99'))).toBe(true);
    expect(underQuarterlyLimit(Money.of('1500.00'))).toBe(false);
  });
});
