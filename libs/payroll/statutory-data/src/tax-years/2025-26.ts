import type { TaxYearTables } from '../schema';

/** Statutory figures for tax year 2025-26. Each figure cites its source beside it. */
const tables: TaxYearTables = {
  taxYear: '2025-26',
  // ---- incomeTax (owned by @dpe/income-tax) ----
  incomeTax: {
    // gov.uk "Rates and thresholds for employers 2025 to 2026" (published 31 Jan 2025, as reproduced by regfollower.com): employee personal allowance £12,570 a year (£242 a week, £1,048 a month).
    personalAllowance: '12570',
    // gov.uk P9X "Tax codes to use from 6 April 2025" (issued 31 Jan 2025, as reported by ICB, bookkeepers.org.uk "P9X for tax
    // year 2025/26"): "The Emergency Tax Code 2025/26 ... remains as 1257L".
    emergencyTaxCode: '1257L',
    // gov.uk "If you have a K in your tax code" (https://www.gov.uk/tax-codes/k-in-your-tax-code): employers "cannot take
    // more than half of your pre-tax wages"; HMRC Specification for PAYE Tax Table Routines, Appendix A, M = 0.50
    // (transcribed in Silver-Saucepan/paye src/paye/data/hmrc.toml); applied to all code types since 2015-16.
    regulatoryLimitRate: '0.50',
    regimes: {
      // gov.uk "Rates and thresholds for employers 2025 to 2026": England and Northern Ireland basic 20% up to £37,700, higher 40% £37,701–£125,140, additional 45% above £125,140.
      // The spec's zero-width 10% band (R1, B1 = 0) is left out: a band of no width never taxes anything.
      restOfUk: {
        basicRateBand: 0,
        bands: [
          { name: 'basic', rate: '0.20', width: '37700' }, // £1–£37,700 above the allowance (higher rate from £50,270)
          { name: 'higher', rate: '0.40', width: '87440' }, // £37,701–£125,140 (125,140 − 37,700 = 87,440)
          { name: 'additional', rate: '0.45' }, // over £125,140
        ],
      },
      // gov.scot "Scottish Income Tax: rates and bands 2025 to 2026" (Scottish Budget 4 Dec 2024) and mygov.scot "Current rates 6 April 2025 to 5 April 2026".
      // Widths are the bands net of the £12,570 allowance, as payroll applies them (spec Appendix B SB1..SB5).
      scotland: {
        basicRateBand: 1,
        bands: [
          { name: 'starter', rate: '0.19', width: '2827' }, // £1–£2,827 (£12,571–£15,397 with the allowance)
          { name: 'basic', rate: '0.20', width: '12094' }, // £2,828–£14,921 (£15,398–£27,491)
          { name: 'intermediate', rate: '0.21', width: '16171' }, // £14,922–£31,092 (£27,492–£43,662)
          { name: 'higher', rate: '0.42', width: '31338' }, // £31,093–£62,430 (£43,663–£75,000 with the allowance)
          { name: 'advanced', rate: '0.45', width: '62710' }, // £62,431–£125,140 (£75,001–£125,140)
          { name: 'top', rate: '0.48' }, // over £125,140
        ],
      },
      // gov.uk "Rates and thresholds for employers 2025 to 2026", Wales: basic 20% up to £37,700, higher 40% to £125,140, additional 45% (Income Tax Act 2007 s.11B; Welsh rate 10p in each band).
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
      // gov.uk "National Insurance rates and categories" 6 April 2025 to 5 April 2026 (weekly and monthly bands) and
      // "Rates and thresholds for employers 2025 to 2026" (annual), as reproduced by moorepay.co.uk (weekly, monthly and
      // annual for LEL, PT, ST, FUST and UEL/UST/AUST/VUST); FUST/IZUST: HMRC NIM01535. Every figure is also pinned by
      // HMRC's NIC test data v1.1 for 2025-26 (896 rows, shared/reference/hmrc-test-data/nic-2025-26.csv).
      LEL: { annual: '6500', weekly: '125', monthly: '542' }, // £6,500 = £125 x 52
      PT: { annual: '12570', weekly: '242', monthly: '1048' }, // frozen to April 2031
      ST: { annual: '5000', weekly: '96', monthly: '417' }, // cut from £9,100 on 6 April 2025; frozen to April 2031
      UEL: { annual: '50270', weekly: '967', monthly: '4189' }, // frozen to April 2031
      UST: { annual: '50270', weekly: '967', monthly: '4189' }, // under-21s: equal to the UEL
      AUST: { annual: '50270', weekly: '967', monthly: '4189' }, // apprentices under 25: equal to the UEL
      VUST: { annual: '50270', weekly: '967', monthly: '4189' }, // veterans: equal to the UEL
      FUST: { annual: '25000', weekly: '481', monthly: '2083' }, // NIM01535
      IZUST: { annual: '25000', weekly: '481', monthly: '2083' }, // NIM01535: same as the FUST
    },
    categories: {
      // Rates per letter: gov.uk "National Insurance rates and categories" 6 April 2025 to 5 April 2026 (gov.uk/national-insurance-rates-letters):
      // employee as 2024-25; employer 15% from 6 April 2025, 0% up to the UST/AUST/VUST for H, M, V, Z and up to the
      // FUST/IZUST for F, I, L, S / D, E, K, N. All 16 charged letters are pinned by HMRC's NIC test data v1.1 for 2025-26.
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
    // £10,500 and no £100,000 limit or state aid rule from 6 April 2025: National Insurance Contributions (Secondary
    // Class 1 Contributions) Act 2025 s3, amending NICA 2014 s1(2)(a) and omitting s2(4B)-(4G)
    // (legislation.gov.uk/ukpga/2025/11/section/3); gov.uk/claim-employment-allowance ("the £10,500 limit").
    annualAmount: '10500',
    previousYearSecondaryLiabilityLimit: null,
    isDeMinimisStateAid: false,
    // NICA 2014 s2(3A), inserted by the Employment Allowance (Care and Support Workers) Regulations 2015 (SI 2015/578); HMRC NIM06520.
    careAndSupportEmployersQualify: true,
  },
  // ---- studentLoans (owned by @dpe/student-loans) ----
  // Rates: 9% over the threshold for Plans 1, 2, 4 (and 5), 6% for the Postgraduate Loan (HMRC CSLM10111,
  // https://www.gov.uk/hmrc-internal-manuals/collection-of-student-loans-manual/cslm10111).
  // Thresholds: gov.uk 'Rates and thresholds for employers 2025 to 2026', student loan recovery; weekly/monthly as published in HMRC-derived tables (Sage KB 'Starting the student loan', Moorepay 'Student loan rates and thresholds 2025-26').
  // Plan 5 is absent: its deductions start in 2026-27 (ICB, HMRC communication to software developers).
  studentLoans: {
    plans: {
      '1': { rate: '0.09', thresholds: { annual: '26065', weekly: '501.25', monthly: '2172.08' } },
      '2': { rate: '0.09', thresholds: { annual: '28470', weekly: '547.50', monthly: '2372.50' } },
      '4': { rate: '0.09', thresholds: { annual: '32745', weekly: '629.71', monthly: '2728.75' } },
    },
    // Postgraduate Loan £21,000 (£1,750 a month, £403.84 a week) unchanged 2024-25 to 2026-27 (same sources as above).
    postgraduate: { rate: '0.06', thresholds: { annual: '21000', weekly: '403.84', monthly: '1750.00' } },
  },
  // ---- autoEnrolment (owned by @dpe/pensions) ----
  // TPR 'Automatic enrolment earnings thresholds', table for 2025-26
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
  // The April 2025 figures also match NMW Regulations 2015 regs 4 and 4A as amended by SI 2025/401
  // (https://www.legislation.gov.uk/uksi/2015/621/part/2).
  minimumWage: {
    ratesEffectiveFrom: {
      '2025-04-01': { '21-and-over': '12.21', '18-to-20': '10.00', 'under-18': '7.55', apprentice: '7.55' },
    },
  },
  // ---- statutoryPay (owned by @dpe/statutory-pay) ----
  // SSP £118.75 and SMP £187.18 for 25/26: HMRC SPM220400, read via a copy (sasastunts.com/hmrc-internal-manuals/statutory-payments-manual/spm220400).
  // LEL £125 a week for 2025-26: gov.uk/business.gov.uk SSP changes page ('currently ... at least £125 per week').
  statutoryPay: {
    ssp: {
      flatWeeklyRate: '118.75',
      earningsRelatedFraction: null,
      lowerEarningsLimit: '125',
      waitingDays: 3, // SSCBA 1992 s155(1)
      minimumDaysOfIncapacity: 4, // SSCBA 1992 s152(2)
      linkingGapDays: 56, // SSCBA 1992 s152(3): periods separated by not more than 8 weeks link (HMRC SPM110500)
      maximumWeeks: 28, // SSCBA 1992 s155(4): at most 28 times the weekly rate in a period of entitlement
    },
    smp: {
      standardWeeklyRate: '187.18',
      earningsRelatedFraction: '0.9', // SSCBA 1992 s166(2); SPM220400
      earningsRelatedWeeks: 6, // SSCBA 1992 s166(1)(a); SPM220400
      payPeriodWeeks: 39, // SMP (General) Regulations 1986 reg 2(2)
      lowerEarningsLimit: '125', // SSCBA 1992 s164(2)(b)
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
