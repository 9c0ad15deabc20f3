import { minimumRateProblem } from '@dpe/employment';

// NLW £12.71 (21 and over), £10.85 (18 to 20), £8.00 (under 18) from 1 April 2026 (uk-payroll-rules.md §6).
describe('minimum rate problem', () => {
  it('accepts rates at or above the minimum for the age on the day', () => {
    expect(minimumRateProblem({ standard: '12.71', night: '13.00' }, '1990-03-14', '2026-04-01')).toBeUndefined();
    expect(minimumRateProblem({ standard: '10.85' }, '2007-01-10', '2026-06-08')).toBeUndefined();
  });

  it('uses the rates in force on the day: £12.21 was the National Living Wage until 31 March 2026', () => {
    expect(minimumRateProblem({ standard: '12.21' }, '1990-03-14', '2026-03-31')).toBeUndefined();
    expect(minimumRateProblem({ standard: '12.21' }, '1990-03-14', '2026-04-01')).toMatchObject({
      kind: 'rule',
      code: 'employment.rate-below-minimum-wage',
      message:
        'rates.standard: £12.21 an hour is below the National Living Wage (21 and over) of £12.71 an hour in force from 2026-04-01, for a PA aged 36 on 2026-04-01',
    });
  });

  it('moves the PA up an age band on their birthday', () => {
    expect(minimumRateProblem({ standard: '10.85' }, '2005-06-08', '2026-06-07')).toBeUndefined();
    expect(minimumRateProblem({ standard: '10.85' }, '2005-06-08', '2026-06-08')?.message).toContain(
      'National Living Wage (21 and over) of £12.71',
    );
  });

  it('checks every hourly kind and names the field', () => {
    const rates = { standard: '13.00', night: '13.00', weekend: '13.00', 'bank-holiday': '12.00' };
    expect(minimumRateProblem(rates, '1990-03-14', '2026-06-08')?.message).toMatch(/^rates\.bank-holiday: £12\.00/);
  });

  it('does not check a sleep-in, a flat amount a night (Royal Mencap Society v Tomlinson-Blake [2021] UKSC 8)', () => {
    expect(minimumRateProblem({ standard: '12.71', 'sleep-in': '1.00' }, '1990-03-14', '2026-06-08')).toBeUndefined();
  });

  it('refuses to guess for a day before any rates held', () => {
    expect(minimumRateProblem({ standard: '12.71' }, '1990-03-14', '2020-06-08')).toMatchObject({
      code: 'employment.minimum-wage-unchecked',
    });
  });
});
