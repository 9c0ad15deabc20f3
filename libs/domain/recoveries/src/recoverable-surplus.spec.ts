import { DomainError } from '@dpe/errors';
import { payrollStream } from '@dpe/pay-runs';
import {
  completeYears,
  recoverableSurplus,
  recoveryStream,
  redundancyWeeklyPayCapOn,
  surplusInputsOf,
  type SurplusInputs,
} from '@dpe/recoveries';
import type { PaHiredData } from '@dpe/recipients';
import {
  HAND_COMPUTED,
  ON,
  account,
  april,
  budget,
  employment,
  hire,
  may,
  payroll2026,
  payslip,
  policy,
  recipientWith,
  spend,
  streams,
} from '../test/fixtures';

const inputs = (changes: Partial<SurplusInputs> = {}): SurplusInputs => ({
  ...surplusInputsOf(streams(), [], recoveryStream.initialState),
  ...changes,
});
const surplusOf = (changes: Partial<SurplusInputs> = {}, ringFences = policy.ringFences, on = ON) =>
  recoverableSurplus(inputs(changes), { ...policy, ringFences }, on);

describe('the recoverable surplus (dp-domain.md §1.6)', () => {
  it('computes cash, liabilities, contingency, the surplus and its split, every component as money text', () => {
    expect(surplusOf()).toEqual(HAND_COMPUTED);
  });

  it('always deducts what payroll owes, whether or not the policy names unpaid-wages, paye-due or pension-due', () => {
    // The liabilities are debts (LGO Hillingdon 20 001 443), not a policy choice.
    expect(surplusOf({}, [])).toEqual(HAND_COMPUTED);
  });

  it('subtracts money already returned to the council from the cash, and so from the surplus', () => {
    const after = surplusOf({ returnedToCouncil: ['1000.00', '500.00'] });
    // 4,370.00 − 1,500.00 = 2,870.00; available 2,870.00 − 710.00 − 1,600.00 = 560.00; client 200.00, council 360.00.
    expect(after.cash).toMatchObject({ returnedToCouncil: '1500.00', balance: '2870.00' });
    expect(after).toMatchObject({ available: '560.00', surplus: '560.00' });
    expect(after.split).toEqual({
      clientMoney: '200.00',
      councilMoney: '2670.00',
      clientShare: '200.00',
      councilShare: '360.00',
    });
  });

  describe('the split between council and client money (Gateshead, dp-domain.md §0.3, §5.4)', () => {
    it('gives the client a share no larger than the surplus', () => {
      // Other spend of 1,900.00 more: cash 2,470.00, available 2,470.00 − 710.00 − 1,600.00 = 160.00 < client money.
      const small = surplusOf({
        account: { ...account, spend: [...account.spend, spend('1900.00', '2026-05-20', 'X')] },
      });
      expect(small).toMatchObject({ available: '160.00', surplus: '160.00' });
      expect(small.split).toEqual({
        clientMoney: '200.00',
        councilMoney: '2270.00',
        clientShare: '160.00',
        councilShare: '0.00',
      });
    });

    it('counts no client money once spending has used more than the council paid, and floors the surplus at 0', () => {
      // Spend of 4,500.00 more: cash 4,370.00 − 4,500.00 = −130.00. Nothing is left of anyone's money.
      const overdrawn = surplusOf({
        account: { ...account, spend: [...account.spend, spend('4500.00', '2026-05-20', 'Y')] },
      });
      expect(overdrawn.cash.balance).toBe('-130.00');
      // −130.00 − 710.00 − 1,600.00 = −2,440.00: a shortfall, so no surplus.
      expect(overdrawn).toMatchObject({ available: '-2440.00', surplus: '0.00' });
      expect(overdrawn.split).toEqual({
        clientMoney: '0.00',
        councilMoney: '0.00',
        clientShare: '0.00',
        councilShare: '0.00',
      });
    });
  });

  describe('contingency: the policy’s weeks × the gross weekly budget in force (Trafford: gross)', () => {
    it('uses the budget version in force on the date, not an earlier or a later one', () => {
      const budgets = [
        budget(1, '400.00', '2022-03-01'),
        budget(2, '450.00', '2026-05-01'),
        budget(3, '500.00', '2026-07-01'),
      ];
      const six = recoverableSurplus(inputs({ budgets }), { ...policy, contingencyWeeks: 6 }, ON);
      // 6 × 450.00 = 2,700.00; available 4,370.00 − 710.00 − 2,700.00 = 960.00.
      expect(six.contingency).toEqual({ weeks: 6, grossWeekly: '450.00', amount: '2700.00' });
      expect(six).toMatchObject({ available: '960.00', surplus: '960.00' });
      expect(six.split).toMatchObject({ clientShare: '200.00', councilShare: '760.00' });
    });

    it('counts none when no budget is in force (the commands refuse that case)', () => {
      const none = surplusOf({ budgets: [budget(1, '400.00', '2026-07-01')] });
      expect(none.contingency).toEqual({ weeks: 4, grossWeekly: null, amount: '0.00' });
    });
  });

  describe('accrued holiday (12.07% accrual on the payslips, uk-payroll-rules.md §9)', () => {
    const accrual: PaHiredData = {
      ...hire,
      contractedHoursPerWeek: null,
      holiday: { basis: 'accrual', rolledUp: false },
    };
    const slips = [
      // 100 hours worked × 12.07% = 12.07 hours accrued; 80 hours × 12.07% = 9.656, and 8 hours taken.
      { ...april, holiday: { accruedHours: '12.07', takenHours: '0' } },
      { ...may, holiday: { accruedHours: '9.656', takenHours: '8' } },
    ];
    const rise = employment({
      payRates: [
        { recipientId: 'r-1001', employmentId: 'e-2001', effectiveFrom: '2026-05-01', rates: { standard: '16.50' } },
      ],
    });
    const holidayInputs = {
      payroll: [{ ...payroll2026, payslips: slips }],
      employments: [{ hire: accrual, employment: rise }],
    };

    it('values the hours accrued less taken at the PA’s current standard rate, and deducts them when ring-fenced', () => {
      const fenced = surplusOf(holidayInputs, [...policy.ringFences, 'accrued-holiday']);
      // (12.07 + 9.656) − 8 = 13.726 hours × £16.50 (the rate from 1 May, not the hire's £16.00) = 226.479 → 226.48.
      expect(fenced.ringFences.accruedHoliday).toEqual({
        applied: true,
        amount: '226.48',
        employments: [
          {
            employmentId: 'e-2001',
            accruedHours: '21.726',
            takenHours: '8',
            owedHours: '13.726',
            rate: '16.50',
            amount: '226.48',
          },
        ],
      });
      // 2,060.00 − 226.48 = 1,833.52; the council's share 1,833.52 − 200.00 = 1,633.52.
      expect(fenced).toMatchObject({ available: '1833.52', surplus: '1833.52' });
      expect(fenced.ringFences.total).toBe('226.48');
      expect(fenced.split.councilShare).toBe('1633.52');
    });

    it('shows the holiday but does not deduct it when the policy does not ring-fence it', () => {
      const shown = surplusOf(holidayInputs);
      expect(shown.ringFences.accruedHoliday).toMatchObject({ applied: false, amount: '226.48' });
      expect(shown.ringFences.total).toBe('0.00');
      expect(shown.surplus).toBe('2060.00');
    });

    it('never counts holiday taken beyond what was accrued as negative', () => {
      const over = surplusOf(
        { payroll: [{ ...payroll2026, payslips: [{ ...april, holiday: { accruedHours: '2', takenHours: '7.5' } }] }] },
        ['accrued-holiday'],
      );
      expect(over.ringFences.accruedHoliday.employments[0]).toMatchObject({ owedHours: '0', amount: '0.00' });
    });
  });

  describe('notice and redundancy for PAs with 2 or more years’ service (dp-domain.md §1.10; ERA 1996 ss.86, 162)', () => {
    /** Hired 1 March 2022: 4 complete years on 1 June 2026. Born 20 September 1983. */
    const long: PaHiredData = {
      ...hire,
      employmentId: 'e-2003',
      startDate: '2022-03-01',
      pa: { ...hire.pa, dateOfBirth: '1983-09-20' },
      contractedHoursPerWeek: '30',
      rates: { standard: '26.00' },
    };
    const withLong = (pa: PaHiredData) => ({
      employments: [
        { hire, employment: employment() },
        { hire: pa, employment: employment() },
      ],
    });
    const fences = [...policy.ringFences, 'notice-and-redundancy'] as const;

    it('counts 1 week’s notice a year and the age-banded weeks at the week’s pay capped at £751', () => {
      const exposed = surplusOf(withLong(long), [...fences]);
      // A week's pay: 30 hours × £26.00 = £780.00. Notice: 4 complete years → 4 weeks × £780.00 = 3,120.00.
      // Redundancy, counting back from 1 June 2026: the year from 1 June 2025 (aged 41 at its start) 1.5 weeks; the
      // years from 1 June 2024, 2023 and 2022 (aged 40, 39, 38) 1 week each: 4.5 weeks × £751.00 (the cap for a
      // dismissal on or after 6 April 2026, not £780.00) = 3,379.50. e-2001 (9 months' service) has none.
      expect(exposed.ringFences.noticeAndRedundancy).toEqual({
        applied: true,
        notice: '3120.00',
        redundancy: '3379.50',
        amount: '6499.50',
        employments: [
          {
            employmentId: 'e-2003',
            completeYears: 4,
            weeklyPay: '780.00',
            weeklyPayBasis: 'contracted-hours',
            noticeWeeks: 4,
            noticePay: '3120.00',
            redundancyWeeks: '4.5',
            weeklyPayCap: '751.00',
            redundancyPay: '3379.50',
            amount: '6499.50',
          },
        ],
      });
      // 2,060.00 − 6,499.50 = −4,439.50: the exposure leaves no surplus.
      expect(exposed).toMatchObject({ available: '-4439.50', surplus: '0.00' });
    });

    it('uses the cap for the date: £719 for a dismissal a day before 6 April 2026', () => {
      const earlier = surplusOf(withLong(long), [...fences], '2026-04-05');
      // On 5 April 2026: still 4 complete years; years from 5 April 2025 (aged 41), 2024, 2023, 2022 (40, 39, 38).
      expect(earlier.ringFences.noticeAndRedundancy.employments[0]).toMatchObject({
        weeklyPayCap: '719.00',
        redundancyWeeks: '4.5',
        // 4.5 × £719.00 = 3,235.50
        redundancyPay: '3235.50',
      });
    });

    it('counts half a week for years under 22, at most 12 weeks’ notice and at most 20 years', () => {
      // Hired at 18 on 1 March 2003: 23 complete years on 1 June 2026. Born 1 January 1985.
      const young: PaHiredData = {
        ...long,
        startDate: '2003-03-01',
        pa: { ...long.pa, dateOfBirth: '1985-01-01' },
        contractedHoursPerWeek: '10',
        rates: { standard: '15.00' },
      };
      const row = surplusOf(withLong(young), [...fences]).ringFences.noticeAndRedundancy.employments[0]!;
      // Notice: min(23, 12) = 12 weeks × £150.00 = 1,800.00. Redundancy: the last 20 years, from 1 June 2006 (aged
      // 21 at its start: 0.5), from 1 June 2007 to 2025 (aged 22 to 40: 19 × 1 = 19), and none aged 41 throughout
      // a year (41 on 1 January 2026, inside the year from 1 June 2025). 19.5 weeks × £150.00 = 2,925.00.
      expect(row).toMatchObject({
        completeYears: 23,
        weeklyPay: '150.00',
        noticeWeeks: 12,
        noticePay: '1800.00',
        redundancyWeeks: '19.5',
        redundancyPay: '2925.00',
      });
    });

    it('for a PA without contracted hours, averages the gross of the payslips ending in the last 12 weeks', () => {
      // Hired 1 May 2024: 2 complete years on 1 June 2026. Born 1 March 2004: aged 21 and 20 at the two years' starts.
      const irregular: PaHiredData = {
        ...long,
        employmentId: 'e-2004',
        startDate: '2024-05-01',
        pa: { ...long.pa, dateOfBirth: '2004-03-01' },
        contractedHoursPerWeek: null,
        holiday: { basis: 'accrual', rolledUp: false },
      };
      const of = (payDate: string, start: string, gross: string) =>
        payslip({ employmentId: 'e-2004', payDate, periodStart: start, periodEnd: payDate, gross, netPay: '0.00' });
      const slips2025 = [of('2026-02-28', '2026-02-01', '5000.00'), of('2026-03-31', '2026-03-01', '930.00')];
      const slips2026 = [of('2026-04-30', '2026-04-01', '900.00'), of('2026-05-31', '2026-05-01', '1010.00')];
      const row = surplusOf(
        {
          payroll: [
            { ...payrollStream.initialState, payslips: slips2025 },
            { ...payroll2026, payslips: [...payroll2026.payslips, ...slips2026] },
          ],
          employments: [{ hire: irregular, employment: employment() }],
        },
        [...fences],
      ).ringFences.noticeAndRedundancy.employments[0]!;
      // The 12 weeks before 1 June 2026 start after 9 March 2026: February's payslip (ending 28 February) is out.
      // March, April and May: (930.00 + 900.00 + 1,010.00) × 7 / (31 + 30 + 31 days) = 19,880 / 92 = 216.0869… → 216.09.
      // Notice 2 × 216.09 = 432.18; redundancy (0.5 + 0.5) × 216.09 = 216.09.
      expect(row).toEqual({
        employmentId: 'e-2004',
        completeYears: 2,
        weeklyPay: '216.09',
        weeklyPayBasis: 'twelve-week-average',
        noticeWeeks: 2,
        noticePay: '432.18',
        redundancyWeeks: '1',
        weeklyPayCap: '751.00',
        redundancyPay: '216.09',
        amount: '648.27',
      });
    });

    it('counts nobody a day short of 2 years, and nobody who has left', () => {
      const short = surplusOf(withLong({ ...long, startDate: '2024-06-02' }), [...fences]);
      expect(short.ringFences.noticeAndRedundancy.employments).toEqual([]);
      const left = surplusOf(
        {
          employments: [
            {
              hire: long,
              employment: employment({
                leaver: {
                  recipientId: 'r-1001',
                  employmentId: 'e-2003',
                  leavingDate: '2026-05-31',
                  reason: 'redundancy',
                  finalPay: { noticePay: '3120.00', holidayOwed: null, statutoryRedundancyPay: '3379.50' },
                },
              }),
            },
          ],
        },
        [...fences],
      );
      expect(left.ringFences.noticeAndRedundancy.employments).toEqual([]);
      // Instead the final pay recorded, not yet issued by a payslip, is a liability: 3,120.00 + 3,379.50 = 6,499.50.
      expect(left.liabilities).toMatchObject({ finalPay: '6499.50', total: '7209.50' });
    });

    it('counts no final pay as owed once a final payslip has issued it', () => {
      const leaver = employment({
        leaver: {
          recipientId: 'r-1001',
          employmentId: 'e-2001',
          leavingDate: '2026-05-31',
          reason: 'resignation',
          finalPay: {
            noticePay: '400.00',
            holidayOwed: { hours: '10', amount: '160.00' },
            statutoryRedundancyPay: null,
          },
        },
      });
      const unissued = surplusOf({ employments: [{ hire, employment: leaver }] });
      expect(unissued.liabilities.finalPay).toBe('560.00');
      const issued = surplusOf({
        employments: [{ hire, employment: leaver }],
        payroll: [{ ...payroll2026, payslips: [april, { ...may, inputs: { ...may.inputs, finalPay: true } }] }],
      });
      expect(issued.liabilities.finalPay).toBe('0.00');
    });
  });

  it('counts earmarks only when the policy ring-fences them', () => {
    const earmarks = [
      { purpose: 'respite week', amount: '450.00' },
      { purpose: 'hoist', amount: '110.50' },
    ];
    expect(surplusOf({ earmarks }).ringFences.earmarks).toEqual({ applied: false, amount: '560.50' });
    const fenced = surplusOf({ earmarks }, ['earmarks']);
    // 2,060.00 − 560.50 = 1,499.50
    expect(fenced.ringFences.earmarks).toEqual({ applied: true, amount: '560.50' });
    expect(fenced.surplus).toBe('1499.50');
  });

  it('reads the roster from the recipient, and an employment not yet read as an empty one', () => {
    const gathered = surplusInputsOf(
      streams({ recipient: recipientWith({ roster: [hire, { ...hire, employmentId: 'e-2009' }] }) }),
      [],
      recoveryStream.initialState,
    );
    expect(gathered.employments.map((e) => [e.hire.employmentId, e.employment.leaver])).toEqual([
      ['e-2001', null],
      ['e-2009', null],
    ]);
    expect(
      surplusInputsOf(streams({ recipient: { status: 'not-enrolled' } }), [], recoveryStream.initialState),
    ).toMatchObject({ budgets: [], employments: [] });
  });
});

describe('the statutory cap on a week’s pay (ERA 1996 s.227)', () => {
  it.each([
    ['2023-04-06', '643.00'],
    ['2024-04-05', '643.00'],
    ['2024-04-06', '700.00'],
    ['2025-04-06', '719.00'],
    ['2026-04-05', '719.00'],
    ['2026-04-06', '751.00'],
    ['2027-12-31', '751.00'],
  ])('for a dismissal on %s is £%s', (on, cap) => {
    expect(redundancyWeeklyPayCapOn(on)).toBe(cap);
  });

  it('is refused for a date before the table starts, naming it', () => {
    expect(() => redundancyWeeklyPayCapOn('2023-04-05')).toThrow(DomainError);
    expect(() => redundancyWeeklyPayCapOn('2023-04-05')).toThrow(
      "on: no statutory cap on a week's pay is held for a dismissal on 2023-04-05 (the table starts 2023-04-06)",
    );
  });
});

describe('complete years', () => {
  it.each([
    ['2024-06-01', '2026-06-01', 2],
    ['2024-06-02', '2026-06-01', 1],
    ['2024-02-29', '2026-02-28', 1],
    ['2024-02-29', '2026-03-01', 2],
    ['2026-06-02', '2026-06-01', 0],
  ])('from %s to %s: %i', (from, to, years) => {
    expect(completeYears(from, to)).toBe(years);
  });
});
