import type { TaxYearTables } from '../schema';

/** Statutory figures for tax year 2026-27. Each figure cites its source beside it. */
const tables: TaxYearTables = {
  taxYear: '2026-27',
  // ---- incomeTax (owned by @dpe/income-tax) ----
  incomeTax: {
    // gov.uk P9X "Tax codes to use from 6 April 2026" (updated 19 Feb 2026): "the basic Personal Allowance will be £12,570 for the whole of the UK". Frozen to 5 April 2031 (gov.uk policy paper "Maintaining income tax and equivalent NICs thresholds until 5 April 2031").
    personalAllowance: '12570',
    // gov.uk P9X "Tax codes to use from 6 April 2026": "The emergency code is 1257L for all employees."
    emergencyTaxCode: '1257L',
    // gov.uk "If you have a K in your tax code" (https://www.gov.uk/tax-codes/k-in-your-tax-code): employers "cannot take
    // more than half of your pre-tax wages"; HMRC Specification for PAYE Tax Table Routines, Appendix A, M = 0.50
    // (transcribed in Silver-Saucepan/paye src/paye/data/hmrc.toml); applied to all code types since 2015-16.
    regulatoryLimitRate: '0.50',
    regimes: {
      // Basic rate limit £37,700 held to 5 April 2031 (gov.uk policy paper "Maintaining income tax ... thresholds until 5 April 2031"); rates 20/40/45% (gov.uk "Income Tax rates and Personal Allowances"). Reproduces every rest-of-UK row of HMRC 2026-27 test data v1.1.
      // The spec's zero-width 10% band (R1, B1 = 0) is left out: a band of no width never taxes anything.
      restOfUk: {
        basicRateBand: 0,
        bands: [
          { name: 'basic', rate: '0.20', width: '37700' }, // £1–£37,700 above the allowance (higher rate from £50,270)
          { name: 'higher', rate: '0.40', width: '87440' }, // £37,701–£125,140 (125,140 − 37,700 = 87,440)
          { name: 'additional', rate: '0.45' }, // over £125,140
        ],
      },
      // Scottish Rate Resolution 2026-27, motion S6M-20844 (parliament.scot, debated 19 Feb 2026), bands as tabled by ICB (bookkeepers.org.uk "Scottish income tax 2026/27"); reproduces every row of HMRC Scottish 2026-27 test data v1.1 (spec Appendix B 2026: SB1..SB5 = 3967, 12989, 14136, 31338, 62710).
      // Widths are the bands net of the £12,570 allowance, as payroll applies them (spec Appendix B SB1..SB5).
      scotland: {
        basicRateBand: 1,
        bands: [
          { name: 'starter', rate: '0.19', width: '3967' }, // £1–£3,967 (£12,571–£16,537 with the allowance)
          { name: 'basic', rate: '0.20', width: '12989' }, // £3,968–£16,956 (£16,538–£29,526)
          { name: 'intermediate', rate: '0.21', width: '14136' }, // £16,957–£31,092 (£29,527–£43,662)
          { name: 'higher', rate: '0.42', width: '31338' }, // £31,093–£62,430 (£43,663–£75,000 with the allowance)
          { name: 'advanced', rate: '0.45', width: '62710' }, // £62,431–£125,140 (£75,001–£125,140)
          { name: 'top', rate: '0.48' }, // over £125,140
        ],
      },
      // Welsh rate of income tax 10p in each band for 2026-27, Senedd motion NDM9117 of 27 Jan 2026 (bookkeepers.org.uk "Welsh budget published and agreed"); Income Tax Act 2007 s.11B. Reproduces HMRC Welsh 2026-27 test data v1.0.
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
      // LEL £6,708 a year / £129 a week: Autumn Budget 2025 (as reproduced in Robb Ferguson's Budget summary,
      // online.flippingbook.com/view/704252240/6); £559 a month: paypacket.io 2026/27 tables (= £6,708 / 12).
      // PT and UEL frozen to 5 April 2031: gov.uk policy paper "Maintaining income tax and equivalent National Insurance
      // contributions thresholds until 5 April 2031"; ST £5,000 frozen to April 2031: Deloitte Autumn Budget 2025 summary.
      // Weekly/monthly PT, ST, UEL: paypacket.io 2026/27 tables. UST/AUST/VUST = UEL and FUST/IZUST £25,000: delphiniaccounting.co.uk
      // 2026/27 tables; veterans relief extended to April 2028 (Autumn Budget 2025). NOT SEEN in an HMRC source: the 2026/27
      // weekly/monthly FUST/IZUST (£481/£2,083 are the prescribed equivalents of £25,000 as in earlier years) - confirm
      // against HMRC's "National Insurance guidance for software developers (2026 to 2027)".
      LEL: { annual: '6708', weekly: '129', monthly: '559' }, // £6,708 = £129 x 52
      PT: { annual: '12570', weekly: '242', monthly: '1048' }, // frozen to April 2031
      ST: { annual: '5000', weekly: '96', monthly: '417' }, // frozen to April 2031
      UEL: { annual: '50270', weekly: '967', monthly: '4189' }, // frozen to April 2031
      UST: { annual: '50270', weekly: '967', monthly: '4189' }, // under-21s: equal to the UEL
      AUST: { annual: '50270', weekly: '967', monthly: '4189' }, // apprentices under 25: equal to the UEL
      VUST: { annual: '50270', weekly: '967', monthly: '4189' }, // veterans: equal to the UEL
      FUST: { annual: '25000', weekly: '481', monthly: '2083' }, // weekly/monthly unconfirmed for 2026-27, see above
      IZUST: { annual: '25000', weekly: '481', monthly: '2083' }, // same as the FUST
    },
    categories: {
      // Rates per letter: unchanged from 2025-26: employee 8% / 1.85% / 2%, employer 15% (delphiniaccounting.co.uk 2026/27
      // tables; Autumn Budget 2025 made no rate change). No new category letter for 2026-27 was found; HMRC's 2026-27 NI
      // guidance for software developers was not read.
      A: {
        meaning: 'All employees not in another category',
        employeeMainRate: '0.08',
        employeeAdditionalRate: '0.02',
        employerRate: '0.15',
        class1Applies: true,
      },
      B: {
        meaning: 'Married women and widows entitled to pay reduced National Insurance',
        employeeMainRate: '0.0185',
        employeeAdditionalRate: '0.02',
        employerRate: '0.15',
        class1Applies: true,
      },
      C: {
        meaning: 'Employees over the State Pension age',
        employeeMainRate: '0',
        employeeAdditionalRate: '0',
        employerRate: '0.15',
        class1Applies: true,
      },
      D: {
        meaning: 'Investment Zone: employees who can defer National Insurance (paying it in another job)',
        employeeMainRate: '0.02',
        employeeAdditionalRate: '0.02',
        employerRate: '0.15',
        employerZeroRateUpTo: 'IZUST',
        class1Applies: true,
      },
      E: {
        meaning: 'Investment Zone: married women and widows entitled to pay reduced National Insurance',
        employeeMainRate: '0.0185',
        employeeAdditionalRate: '0.02',
        employerRate: '0.15',
        employerZeroRateUpTo: 'IZUST',
        class1Applies: true,
      },
      F: {
        meaning: 'Freeport: all employees not in another Freeport category',
        employeeMainRate: '0.08',
        employeeAdditionalRate: '0.02',
        employerRate: '0.15',
        employerZeroRateUpTo: 'FUST',
        class1Applies: true,
      },
      H: {
        meaning: 'Apprentices under 25',
        employeeMainRate: '0.08',
        employeeAdditionalRate: '0.02',
        employerRate: '0.15',
        employerZeroRateUpTo: 'AUST',
        class1Applies: true,
      },
      I: {
        meaning: 'Freeport: married women and widows entitled to pay reduced National Insurance',
        employeeMainRate: '0.0185',
        employeeAdditionalRate: '0.02',
        employerRate: '0.15',
        employerZeroRateUpTo: 'FUST',
        class1Applies: true,
      },
      J: {
        meaning: 'Employees who can defer National Insurance because they pay it in another job',
        employeeMainRate: '0.02',
        employeeAdditionalRate: '0.02',
        employerRate: '0.15',
        class1Applies: true,
      },
      K: {
        meaning: 'Investment Zone: employees over the State Pension age',
        employeeMainRate: '0',
        employeeAdditionalRate: '0',
        employerRate: '0.15',
        employerZeroRateUpTo: 'IZUST',
        class1Applies: true,
      },
      L: {
        meaning: 'Freeport: employees who can defer National Insurance because they pay it in another job',
        employeeMainRate: '0.02',
        employeeAdditionalRate: '0.02',
        employerRate: '0.15',
        employerZeroRateUpTo: 'FUST',
        class1Applies: true,
      },
      M: {
        meaning: 'Employees under 21',
        employeeMainRate: '0.08',
        employeeAdditionalRate: '0.02',
        employerRate: '0.15',
        employerZeroRateUpTo: 'UST',
        class1Applies: true,
      },
      N: {
        meaning: 'Investment Zone: all employees not in another Investment Zone category',
        employeeMainRate: '0.08',
        employeeAdditionalRate: '0.02',
        employerRate: '0.15',
        employerZeroRateUpTo: 'IZUST',
        class1Applies: true,
      },
      S: {
        meaning: 'Freeport: employees over the State Pension age',
        employeeMainRate: '0',
        employeeAdditionalRate: '0',
        employerRate: '0.15',
        employerZeroRateUpTo: 'FUST',
        class1Applies: true,
      },
      V: {
        meaning: 'Veterans in the first 12 months of their first civilian employment since leaving the armed forces',
        employeeMainRate: '0.08',
        employeeAdditionalRate: '0.02',
        employerRate: '0.15',
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
        employerRate: '0.15',
        employerZeroRateUpTo: 'UST',
        class1Applies: true,
      },
    },
  },
  // ---- employmentAllowance (owned by @dpe/national-insurance) ----
  employmentAllowance: {
    // £10,500, unchanged from 2025-26: NICA 2014 s1(2)(a) as amended by the National Insurance Contributions (Secondary
    // Class 1 Contributions) Act 2025 s3; delphiniaccounting.co.uk 2026/27 tables; Autumn Budget 2025 ("deduct £10,500").
    annualAmount: '10500',
    previousYearSecondaryLiabilityLimit: null,
    isDeMinimisStateAid: false,
    // NICA 2014 s2(3A), inserted by the Employment Allowance (Care and Support Workers) Regulations 2015 (SI 2015/578); HMRC NIM06520.
    careAndSupportEmployersQualify: true,
  },
  // ---- studentLoans (owned by @dpe/student-loans) ----
  // Rates: 9% over the threshold for Plans 1, 2, 4 (and 5), 6% for the Postgraduate Loan (HMRC CSLM10111,
  // https://www.gov.uk/hmrc-internal-manuals/collection-of-student-loans-manual/cslm10111).
  // Thresholds: annual thresholds: DfE 'Student loans: repayment thresholds from April 2026' as reported by Which? (which.co.uk, Dec 2025), ASESA (HMRC confirmation, Jan 2026) and ICB; weekly/monthly [derived] by HMRC's rule annual/52 and annual/12 truncated to the penny, which reproduces HMRC's published 2024-25 equivalents; the gov.uk 2026-27 employer page itself was not read.
  // Plan 5: first repayments through payroll from 6 April 2026 at 9% over £25,000 (HMRC to software developers, reported by
  // ICB https://www.bookkeepers.org.uk/resources/news/general/welcome-student-loan-plan-5/a/10374; ATT student loans update).
  // £25,000 = £2,083.33 a month or £480.76 a week, as HMRC published for the same annual figure (Plan 4, 2021-22).
  studentLoans: {
    plans: {
      '1': { rate: '0.09', thresholds: { annual: '26900', weekly: '517.30', monthly: '2241.66' } },
      '2': { rate: '0.09', thresholds: { annual: '29385', weekly: '565.09', monthly: '2448.75' } },
      '4': { rate: '0.09', thresholds: { annual: '33795', weekly: '649.90', monthly: '2816.25' } },
      '5': { rate: '0.09', thresholds: { annual: '25000', weekly: '480.76', monthly: '2083.33' } },
    },
    // Postgraduate Loan £21,000 (£1,750 a month, £403.84 a week) unchanged 2024-25 to 2026-27 (same sources as above).
    postgraduate: { rate: '0.06', thresholds: { annual: '21000', weekly: '403.84', monthly: '1750.00' } },
  },
  // ---- autoEnrolment (owned by @dpe/pensions) ----
  // Annual thresholds held at 2025-26 levels for 2026-27: Written Ministerial Statement HCWS1206, 18 Dec 2025
  // (https://www.gov.uk/government/publications/review-of-the-automatic-enrolment-earnings-trigger-and-qualifying-earnings-band-for-202627).
  // Per-period figures [derived]: TPR had not yet published the 2026-27 table when checked; with the annual figures unchanged the
  // Order's per-period roundings are those TPR lists for every year since 2022-23.
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
      '2026-04-01': { '21-and-over': '12.71', '18-to-20': '10.85', 'under-18': '8.00', apprentice: '8.00' },
    },
  },
  // ---- statutoryPay (owned by @dpe/statutory-pay) ----
  // From 6 April 2026 (Employment Rights Act 2025): SSP from the first day of sickness, no lower earnings limit, and the lower of
  // the flat rate £123.25 and 80% of average weekly earnings (business.gov.uk employer SSP changes page,
  // http://www.business.gov.uk/campaign/employment-changes/employers/statutory-sick-pay; £123.25 and SMP £194.32: DWP proposed
  // benefit rates 2026-27 as reported by VWV 9 Dec 2025 and Mondaq 29 Dec 2025). Single days of incapacity now qualify (Lewis Silkin
  // 17 Feb 2026, Make UK 27 Feb 2026) [secondary sources; the amended SSCBA 1992 s152 was not read]. LEL £129 (SMP test only).
  statutoryPay: {
    ssp: {
      flatWeeklyRate: '123.25',
      earningsRelatedFraction: '0.8',
      lowerEarningsLimit: null,
      waitingDays: 0, // SSCBA 1992 s155(1) as amended by the Employment Rights Act 2025
      minimumDaysOfIncapacity: 1, // SSCBA 1992 s152(2) [see note above]
      linkingGapDays: 56, // SSCBA 1992 s152(3): periods separated by not more than 8 weeks link (HMRC SPM110500)
      maximumWeeks: 28, // SSCBA 1992 s155(4): at most 28 times the weekly rate in a period of entitlement
    },
    smp: {
      standardWeeklyRate: '194.32',
      earningsRelatedFraction: '0.9', // SSCBA 1992 s166(2); SPM220400
      earningsRelatedWeeks: 6, // SSCBA 1992 s166(1)(a); SPM220400
      payPeriodWeeks: 39, // SMP (General) Regulations 1986 reg 2(2)
      lowerEarningsLimit: '129', // SSCBA 1992 s164(2)(b)
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
