import {
  accountsOfficeReferenceProblem,
  employerPayeReferenceProblem,
  nationalInsuranceNumberProblem,
} from '@dpe/identifiers';

// HMRC's own test vectors from hmrc/reference-checker ModulusCheckerSpec.scala (shared/reference/identifiers.md §6.1).
describe('Accounts Office reference', () => {
  it.each([
    '123PW12345678',
    '450PE00923437',
    '120PY19064375',
    '450PA0096437K',
    '853PW0076584X',
    '846PS00928342',
    '961PA0045782X',
    '961PF10305739',
    '123PH45678900',
    '961PX0003746X',
    '123PG00012345',
  ])('accepts HMRC valid vector %s', (ref) => {
    expect(accountsOfficeReferenceProblem(ref)).toBeUndefined();
  });

  it.each([
    '000PL00000000',
    '120PA12697495',
    '846PT00568772',
    '820PB0091254X',
    '961PI004578OQ',
    '123PW12345678Z',
    '8465L04697138',
    '120PW003179212324',
    '120PW0024',
    '961PA1145782X',
    '961PL004578FQ',
    '',
    'garbage',
  ])('rejects HMRC invalid vector "%s"', (ref) => {
    expect(accountsOfficeReferenceProblem(ref)).toEqual(expect.any(String));
  });

  it('names the check-character rule when only the check letter is wrong', () => {
    expect(accountsOfficeReferenceProblem('123PA12345678')).toBe(
      'check character (5th) does not match the modulus-23 check',
    );
  });

  it('accepts lower case and spaces, as HMRC normalises them', () => {
    expect(accountsOfficeReferenceProblem('123pw 1234 5678')).toBeUndefined();
  });
});

describe('Employer PAYE reference', () => {
  it.each(['123/AB456', '961/Z1', '120/ABCDEFGHIJ'])('accepts %s', (ref) => {
    expect(employerPayeReferenceProblem(ref)).toBeUndefined();
  });
  it.each(['12/AB456', '123AB456', '123/', '123/AB-456', '123/ABCDEFGHIJK', 'ABC/123'])('rejects %s', (ref) => {
    expect(employerPayeReferenceProblem(ref)).toMatch(/3-digit tax office number/);
  });
});

describe('National Insurance number', () => {
  it.each(['AB123456C', 'ab 12 34 56 d', 'JG103759A'])('accepts %s', (nino) => {
    expect(nationalInsuranceNumberProblem(nino)).toBeUndefined();
  });
  // NIM39110: D, F, I, Q, U, V never first; O never second; BG GB KN NK NT TN ZZ unallocated; suffix A-D only.
  it.each(['DA123456A', 'AO123456A', 'QQ123456A', 'GB123456A', 'TN123456A', 'AB123456E', 'AB12345A'])(
    'rejects %s',
    (nino) => {
      expect(nationalInsuranceNumberProblem(nino)).toEqual(expect.any(String));
    },
  );
});
