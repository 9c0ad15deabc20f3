/**
 * Accounts Office reference (AOR): 13 characters, ddd P c dddddd xx, where c is a check character.
 * Algorithm and test vectors from HMRC's own reference-checker library (EpayeReferenceChecker,
 * ModulusCheckerSpec.scala), as recorded in shared/reference/identifiers.md §6.1.
 */
const FORMAT = /^\d{3}P[A-Z]\d{6}[A-Z0-9]{2}$/;
const OFFICE_961 = /^961P[A-Z]\d{8}$/;

// HMRC's letter values: note X, Y, Z and U sit where I, O and the tail of the alphabet would be.
const LETTER_VALUE: Readonly<Record<string, number>> = {
  A: 33,
  B: 34,
  C: 35,
  D: 36,
  E: 37,
  F: 38,
  G: 39,
  H: 40,
  X: 41,
  J: 42,
  K: 43,
  L: 44,
  M: 45,
  N: 46,
  Y: 47,
  P: 48,
  Q: 49,
  R: 50,
  S: 51,
  T: 52,
  Z: 53,
  V: 54,
  W: 55,
  U: 56,
};
const WEIGHTS = [9, 10, 11, 12, 0, 8, 7, 6, 5, 4, 3, 2, 1] as const;
const CHECK_CHARACTERS = 'ABCDEFGHXJKLMNYPQRSTZVW';

function characterValue(ch: string): number | undefined {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  // I and O have no HMRC value; we reject them rather than score them radix-36 as HMRC's fallback does.
  return LETTER_VALUE[ch];
}

/** Upper-cases and strips spaces, as HMRC's checker does before validating. */
export function normaliseAccountsOfficeReference(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Returns undefined when valid, else the rule the reference breaks. */
export function accountsOfficeReferenceProblem(input: string): string | undefined {
  const ref = normaliseAccountsOfficeReference(input);
  if (!FORMAT.test(ref)) {
    return 'must be 13 characters: 3-digit tax office, "P", a check letter, 6 digits and 2 letters or digits (e.g. 123PW12345678)';
  }
  let sum = 0;
  for (let i = 0; i < 13; i++) {
    const value = characterValue(ref[i]!);
    if (value === undefined)
      return `character "${ref[i]}" at position ${i + 1} is not used in Accounts Office references`;
    sum += value * WEIGHTS[i]!;
  }
  if (CHECK_CHARACTERS[sum % 23] !== ref[4]) return 'check character (5th) does not match the modulus-23 check';
  if (ref.startsWith('961')) {
    const ok = ref[12] === 'X' ? ref[5] === '0' : OFFICE_961.test(ref);
    if (!ok) return 'tax office 961 references must end in X with a 0 in position 6, or be 961P + letter + 8 digits';
  }
  return undefined;
}
