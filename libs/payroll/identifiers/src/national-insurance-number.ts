/**
 * National Insurance number: 2 prefix letters, 6 digits, suffix A-D. HMRC manual NIM39110 and hmrc/domain Nino.scala:
 * first letter not D F I Q U V; second not D F I O Q U V; prefixes BG GB KN NK NT TN ZZ never allocated.
 */
const FORMAT = /^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;

export function normaliseNationalInsuranceNumber(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function nationalInsuranceNumberProblem(input: string): string | undefined {
  if (!FORMAT.test(normaliseNationalInsuranceNumber(input))) {
    return 'must be 2 letters, 6 digits and a final A, B, C or D (e.g. AB123456C), with an allocated prefix';
  }
  return undefined;
}
