/**
 * Exact decimal text ('37700', '0.20'), never a JS number: @dpe/income-tax turns it into Money or a Rate.
 * Text keeps each tax-year file plain data that needs no imports. Rates are fractions: '0.20' is 20%.
 */
type DecimalText = `${number}`;

/**
 * One income tax band as HMRC's "Specification for PAYE Tax Table Routines" parameterises it (Appendix A rest of
 * UK, B Scotland, C Wales): a rate and the band's annual width in whole pounds of taxable pay, i.e. pay above free
 * pay. Bands are stated net of the personal allowance, which is how payroll applies them (the allowance comes in
 * through the tax code's free pay, never through the bands).
 */
export interface IncomeTaxBand {
  /** The statutory name ("basic", "higher", "starter", …) — for payslips and error messages only. */
  readonly name: string;
  readonly rate: DecimalText;
  /** Annual width of the band (B1, B2, … in the spec). Absent on the top band, which has no upper limit. */
  readonly width?: DecimalText;
}

/** The bands and rates for one group of taxpayers (rest of UK, Scottish "S" codes, Welsh "C" codes). */
export interface IncomeTaxRegime {
  /** Lowest band first; every band except the last has a width. */
  readonly bands: readonly IncomeTaxBand[];
  /**
   * Zero-based index into `bands` of the basic rate band (the spec's pointer G, G1, G2). A BR code taxes all pay at
   * this band's rate, and a Dn code at the rate of band `basicRateBand + 1 + n` (so D0 is the next rate above basic,
   * and the Dn codes that exist in a year are exactly those that land on a band).
   */
  readonly basicRateBand: number;
}

/** Income tax (PAYE) figures for one tax year. Owned by @dpe/income-tax. */
export interface IncomeTaxTables {
  /** The standard personal allowance, £ a year. The routines work from the tax code; this is for display and checks. */
  readonly personalAllowance: DecimalText;
  /**
   * The emergency tax code for the year, without any S/C prefix (HMRC's P9X for the year: "The emergency code is
   * 1257L for all employees"). Starters are given it cumulatively or on a Week 1/Month 1 basis by their starter
   * checklist statement.
   */
  readonly emergencyTaxCode: string;
  /**
   * The overriding "regulatory limit" (the spec's M, "Maxrate"): tax deducted in a pay period may not exceed this
   * fraction of that period's pay. Since 2015-16 it applies to every code type, not only K codes.
   */
  readonly regulatoryLimitRate: DecimalText;
  readonly regimes: {
    /** England and Northern Ireland: codes with no prefix. */
    readonly restOfUk: IncomeTaxRegime;
    /** Scottish taxpayers: codes prefixed S. */
    readonly scotland: IncomeTaxRegime;
    /** Welsh taxpayers: codes prefixed C. */
    readonly wales: IncomeTaxRegime;
  };
}
