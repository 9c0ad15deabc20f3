import type { TaxYearTables } from '../schema';

/** Statutory figures for tax year 2024-25. Each figure cites its source beside it. */
const tables: TaxYearTables = {
  taxYear: '2024-25',
  // ---- incomeTax (owned by @dpe/income-tax) ----
  incomeTax: {
    // gov.uk P9X(2024) "Tax codes to use from 6 April 2024": basic Personal Allowance £12,570 (CIPP news 5 Feb 2024 reporting the P9X).
    personalAllowance: '12570',
    // gov.uk P9X(2024): "the emergency code continues to be 1257L" (CIPP news, 5 Feb 2024).
    emergencyTaxCode: '1257L',
    // gov.uk "If you have a K in your tax code" (https://www.gov.uk/tax-codes/k-in-your-tax-code): employers "cannot take
    // more than half of your pre-tax wages"; HMRC Specification for PAYE Tax Table Routines, Appendix A, M = 0.50
    // (transcribed in Silver-Saucepan/paye src/paye/data/hmrc.toml); applied to all code types since 2015-16.
    regulatoryLimitRate: '0.50',
    regimes: {
      // gov.uk "Income Tax rates and Personal Allowances" (previous tax years, 2024 to 2025): basic 20% £0–£37,700 above the allowance, higher 40% to £125,140, additional 45% above.
      // The spec's zero-width 10% band (R1, B1 = 0) is left out: a band of no width never taxes anything.
      restOfUk: {
        basicRateBand: 0,
        bands: [
          { name: 'basic', rate: '0.20', width: '37700' }, // £1–£37,700 above the allowance (higher rate from £50,270)
          { name: 'higher', rate: '0.40', width: '87440' }, // £37,701–£125,140 (125,140 − 37,700 = 87,440)
          { name: 'additional', rate: '0.45' }, // over £125,140
        ],
      },
      // gov.uk "Income Tax in Scotland: 2024 to 2025 tax year" (https://gov.uk/scottish-income-tax/2024-to-2025-tax-year) and gov.scot "Scottish Income Tax 2024 to 2025: rates and bands" (19 Dec 2023).
      // Widths are the bands net of the £12,570 allowance, as payroll applies them (spec Appendix B SB1..SB5).
      scotland: {
        basicRateBand: 1,
        bands: [
          { name: 'starter', rate: '0.19', width: '2306' }, // £1–£2,306 (£12,571–£14,876 with the allowance)
          { name: 'basic', rate: '0.20', width: '11685' }, // £2,307–£13,991 (£14,877–£26,561)
          { name: 'intermediate', rate: '0.21', width: '17101' }, // £13,992–£31,092 (£26,562–£43,662)
          { name: 'higher', rate: '0.42', width: '31338' }, // £31,093–£62,430 (£43,663–£75,000 with the allowance)
          { name: 'advanced', rate: '0.45', width: '62710' }, // £62,431–£125,140 (£75,001–£125,140)
          { name: 'top', rate: '0.48' }, // over £125,140
        ],
      },
      // Income Tax Act 2007 s.11B: Welsh rates = UK rates less 10p plus the Welsh rate; the Senedd set the Welsh rate at 10p for 2024-25 (rates equal to rest of UK since 2019-20, reference §1.3: calchub.uk "Is income tax different in Wales").
      wales: {
        basicRateBand: 0,
        bands: [
          { name: 'basic', rate: '0.20', width: '37700' }, // UK 10% + Welsh rate 10%
          { name: 'higher', rate: '0.40', width: '87440' }, // UK 30% + Welsh rate 10%
          { name: 'additional', rate: '0.45' }, // UK 35% + Welsh rate 10%
        ],
      },
    },
  },
  // ---- nationalInsurance (owned by @dpe/national-insurance) ----
  nationalInsurance: {
    thresholds: {
      // Weekly and monthly: gov.uk "National Insurance rates and categories" 2024 to 2025 (hmrc.gov.uk/national-insurance-rates-letters/print).
      // Annual: gov.uk "Rates and thresholds for employers 2024 to 2025" as reproduced by delphiniaccounting.co.uk and
      // thomascoombs.com tax tables; FUST/IZUST: HMRC NIM01535 (£25,000, £481 a week, £2,083 a month).
      LEL: { annual: '6396', weekly: '123', monthly: '533' }, // £6,396 = £123 x 52
      PT: { annual: '12570', weekly: '242', monthly: '1048' }, // frozen with the personal allowance
      ST: { annual: '9100', weekly: '175', monthly: '758' }, // £9,100 = £175 x 52
      UEL: { annual: '50270', weekly: '967', monthly: '4189' }, // aligned with the higher-rate threshold
      UST: { annual: '50270', weekly: '967', monthly: '4189' }, // under-21s: equal to the UEL
      AUST: { annual: '50270', weekly: '967', monthly: '4189' }, // apprentices under 25: equal to the UEL
      VUST: { annual: '50270', weekly: '967', monthly: '4189' }, // veterans: equal to the UEL
      FUST: { annual: '25000', weekly: '481', monthly: '2083' }, // NIM01535
      IZUST: { annual: '25000', weekly: '481', monthly: '2083' }, // NIM01535: same as the FUST
    },
    categories: {
      // Rates per letter: gov.uk "National Insurance rates and categories" 6 April 2024 to 5 April 2025 (hmrc.gov.uk/national-insurance-rates-letters/print):
      // employee 8% / 1.85% (B, E, I) / 2% (D, J, L, Z) up to the UEL and 2% above; C, K, S nil; employer 13.8%, 0% up to the
      // UST/AUST/VUST for H, M, V, Z and up to the FUST/IZUST for F, I, L, S / D, E, K, N. X: no Class 1 (gov.uk category list).
      A: {
        meaning: 'All employees not in another category',
        employeeMainRate: '0.08',
        employeeAdditionalRate: '0.02',
        employerRate: '0.138',
        class1Applies: true,
      },
      B: {
        meaning: 'Married women and widows entitled to pay reduced National Insurance',
        employeeMainRate: '0.0185',
        employeeAdditionalRate: '0.02',
        employerRate: '0.138',
        class1Applies: true,
      },
      C: {
        meaning: 'Employees over the State Pension age',
        employeeMainRate: '0',
        employeeAdditionalRate: '0',
        employerRate: '0.138',
        class1Applies: true,
      },
      D: {
        meaning: 'Investment Zone: employees who can defer National Insurance (paying it in another job)',
        employeeMainRate: '0.02',
        employeeAdditionalRate: '0.02',
        employerRate: '0.138',
        employerZeroRateUpTo: 'IZUST',
        class1Applies: true,
      },
      E: {
        meaning: 'Investment Zone: married women and widows entitled to pay reduced National Insurance',
        employeeMainRate: '0.0185',
        employeeAdditionalRate: '0.02',
        employerRate: '0.138',
        employerZeroRateUpTo: 'IZUST',
        class1Applies: true,
      },
      F: {
        meaning: 'Freeport: all employees not in another Freeport category',
        employeeMainRate: '0.08',
        employeeAdditionalRate: '0.02',
        employerRate: '0.138',
        employerZeroRateUpTo: 'FUST',
        class1Applies: true,
      },
      H: {
        meaning: 'Apprentices under 25',
        employeeMainRate: '0.08',
        employeeAdditionalRate: '0.02',
        employerRate: '0.138',
        employerZeroRateUpTo: 'AUST',
        class1Applies: true,
      },
      I: {
        meaning: 'Freeport: married women and widows entitled to pay reduced National Insurance',
        employeeMainRate: '0.0185',
        employeeAdditionalRate: '0.02',
        employerRate: '0.138',
        employerZeroRateUpTo: 'FUST',
        class1Applies: true,
      },
      J: {
        meaning: 'Employees who can defer National Insurance because they pay it in another job',
        employeeMainRate: '0.02',
        employeeAdditionalRate: '0.02',
        employerRate: '0.138',
        class1Applies: true,
      },
      K: {
        meaning: 'Investment Zone: employees over the State Pension age',
        employeeMainRate: '0',
        employeeAdditionalRate: '0',
        employerRate: '0.138',
        employerZeroRateUpTo: 'IZUST',
        class1Applies: true,
      },
      L: {
        meaning: 'Freeport: employees who can defer National Insurance because they pay it in another job',
        employeeMainRate: '0.02',
        employeeAdditionalRate: '0.02',
        employerRate: '0.138',
        employerZeroRateUpTo: 'FUST',
        class1Applies: true,
      },
      M: {
        meaning: 'Employees under 21',
        employeeMainRate: '0.08',
        employeeAdditionalRate: '0.02',
        employerRate: '0.138',
        employerZeroRateUpTo: 'UST',
        class1Applies: true,
      },
      N: {
        meaning: 'Investment Zone: all employees not in another Investment Zone category',
        employeeMainRate: '0.08',
        employeeAdditionalRate: '0.02',
        employerRate: '0.138',
        employerZeroRateUpTo: 'IZUST',
        class1Applies: true,
      },
      S: {
        meaning: 'Freeport: employees over the State Pension age',
        employeeMainRate: '0',
        employeeAdditionalRate: '0',
        employerRate: '0.138',
        employerZeroRateUpTo: 'FUST',
        class1Applies: true,
      },
      V: {
        meaning: 'Veterans in the first 12 months of their first civilian employment since leaving the armed forces',
        employeeMainRate: '0.08',
        employeeAdditionalRate: '0.02',
        employerRate: '0.138',
        employerZeroRateUpTo: 'VUST',
        class1Applies: true,
      },
      X: {
        meaning: 'Employees who do not pay National Insurance, for example under 16',
        employeeMainRate: '0',
        employeeAdditionalRate: '0',
        employerRate: '0',
        class1Applies: false,
      },
      Z: {
        meaning: 'Employees under 21 who can defer National Insurance because they pay it in another job',
        employeeMainRate: '0.02',
        employeeAdditionalRate: '0.02',
        employerRate: '0.138',
        employerZeroRateUpTo: 'UST',
        class1Applies: true,
      },
    },
  },
  // ---- employmentAllowance (owned by @dpe/national-insurance) ----
  employmentAllowance: {
    // NICA 2014 s1(2)(a): £5,000 from 6 April 2022 (gov.uk "Employers of care and support workers and Employment Allowance:
    // further employer guidance", updated 15 February 2023). The £100,000 previous-year limit and the de minimis state aid
    // rule are NICA 2014 s2(4B)-(4G), omitted only from 6 April 2025 by the National Insurance Contributions (Secondary
    // Class 1 Contributions) Act 2025 s3 (legislation.gov.uk/ukpga/2025/11/section/3).
    annualAmount: '5000',
    previousYearSecondaryLiabilityLimit: '100000',
    isDeMinimisStateAid: true,
    // NICA 2014 s2(3A), inserted by the Employment Allowance (Care and Support Workers) Regulations 2015 (SI 2015/578); HMRC NIM06520.
    careAndSupportEmployersQualify: true,
  },
  // ---- studentLoans (owned by @dpe/student-loans) ----
  // Rates: 9% over the threshold for Plans 1, 2, 4 (and 5), 6% for the Postgraduate Loan (HMRC CSLM10111,
  // https://www.gov.uk/hmrc-internal-manuals/collection-of-student-loans-manual/cslm10111).
  // Thresholds: gov.uk 'Student loan and postgraduate loan repayment guidance for employers' (https://www.gov.uk/guidance/special-rules-for-student-loans), April 2024 figures, read via a copy of the page (iandiaccountants.com/news/student-loan-information).
  // Plan 5 is absent: its deductions start in 2026-27 (ICB, HMRC communication to software developers).
  studentLoans: {
    plans: {
      '1': { rate: '0.09', thresholds: { annual: '24990', weekly: '480.57', monthly: '2082.50' } },
      '2': { rate: '0.09', thresholds: { annual: '27295', weekly: '524.90', monthly: '2274.58' } },
      '4': { rate: '0.09', thresholds: { annual: '31395', weekly: '603.75', monthly: '2616.25' } },
    },
    // Postgraduate Loan £21,000 (£1,750 a month, £403.84 a week) unchanged 2024-25 to 2026-27 (same sources as above).
    postgraduate: { rate: '0.06', thresholds: { annual: '21000', weekly: '403.84', monthly: '1750.00' } },
  },
  // ---- autoEnrolment (owned by @dpe/pensions) ----
  // TPR 'Automatic enrolment earnings thresholds', table for 2024-25
  // (https://www.thepensionsregulator.gov.uk/en/business-advisers/automatic-enrolment-guide-for-business-advisers/automatic-enrolment-earnings-threshold).
  autoEnrolment: {
    annual: { qualifyingEarningsLowerLimit: '6240', earningsTrigger: '10000', qualifyingEarningsUpperLimit: '50270' },
    perPayReferencePeriod: {
      weekly: { qualifyingEarningsLowerLimit: '120', earningsTrigger: '192', qualifyingEarningsUpperLimit: '967' },
      fortnightly: {
        qualifyingEarningsLowerLimit: '240',
        earningsTrigger: '384',
        qualifyingEarningsUpperLimit: '1934',
      },
      'four-weekly': {
        qualifyingEarningsLowerLimit: '480',
        earningsTrigger: '768',
        qualifyingEarningsUpperLimit: '3867',
      },
      monthly: { qualifyingEarningsLowerLimit: '520', earningsTrigger: '833', qualifyingEarningsUpperLimit: '4189' },
    },
    // Pensions Act 2008 s20(1): at least 8% of qualifying earnings in total, at least 3% from the employer, since 6 April 2019
    // (TPR 'Contributions' guidance; https://www.legislation.gov.uk/ukpga/2008/30/section/20).
    minimumEmployerRate: '0.03',
    minimumTotalRate: '0.08',
    // Basic rate of income tax 20% (https://www.gov.uk/income-tax-rates), reclaimed by relief-at-source schemes.
    reliefAtSourceBasicRate: '0.2',
  },
  // ---- minimumWage (owned by @dpe/minimum-wage) ----
  // gov.uk 'National Minimum Wage and National Living Wage rates' (https://www.gov.uk/national-minimum-wage-rates), read via a
  // mirror of the page listing April 2024, April 2025 and April 2026; NLW from age 21 since 1 April 2024.
  minimumWage: {
    ratesEffectiveFrom: {
      '2024-04-01': { '21-and-over': '11.44', '18-to-20': '8.60', 'under-18': '6.40', apprentice: '6.40' },
    },
  },
  // ---- statutoryPay (owned by @dpe/statutory-pay) ----
  // SSP £116.75 and SMP £184.03 for 24/25: HMRC SPM220400 (https://www.gov.uk/hmrc-internal-manuals/statutory-payments-manual/spm220400).
  // LEL £123 a week for 2024-25: gov.uk 'Statutory Maternity Pay: manually calculate your employee's payments'
  // (https://www.gov.uk/guidance/statutory-maternity-pay-manually-calculate-your-employees-payments).
  statutoryPay: {
    ssp: {
      flatWeeklyRate: '116.75',
      earningsRelatedFraction: null,
      lowerEarningsLimit: '123',
      waitingDays: 3, // SSCBA 1992 s155(1)
      minimumDaysOfIncapacity: 4, // SSCBA 1992 s152(2)
      linkingGapDays: 56, // SSCBA 1992 s152(3): periods separated by not more than 8 weeks link (HMRC SPM110500)
      maximumWeeks: 28, // SSCBA 1992 s155(4): at most 28 times the weekly rate in a period of entitlement
    },
    smp: {
      standardWeeklyRate: '184.03',
      earningsRelatedFraction: '0.9', // SSCBA 1992 s166(2); SPM220400
      earningsRelatedWeeks: 6, // SSCBA 1992 s166(1)(a); SPM220400
      payPeriodWeeks: 39, // SMP (General) Regulations 1986 reg 2(2)
      lowerEarningsLimit: '123', // SSCBA 1992 s164(2)(b)
    },
  },
  // ---- holiday (owned by @dpe/holiday-pay) ----
  // gov.uk 'Holiday entitlement' (https://www.gov.uk/holiday-entitlement-rights): 5.6 weeks, capped at 28 days; for leave years
  // starting on or after 1 April 2024 irregular-hours and part-year workers accrue 12.07% of hours worked in each pay period.
  // DBT 'Simplifying holiday entitlement and holiday pay calculations' (https://www.gov.uk/government/publications/simplifying-
  // holiday-entitlement-and-holiday-pay-calculations): rolled-up holiday pay at 12.07% of pay for work done, same leave years.
  holiday: {
    statutoryWeeks: '5.6',
    maximumStatutoryDays: '28',
    irregularHoursAccrualRate: '0.1207',
    irregularHoursLeaveYearsFrom: '2024-04-01',
  },
};

export default tables;
