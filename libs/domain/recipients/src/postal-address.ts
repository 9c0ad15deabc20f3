import { text, z } from '@dpe/schema';

// A UK postal address in the rules HMRC's RTI schema sets for one (2026-27, FullPaymentSubmission-2027-v1-0.xsd: at
// most 4 lines of CharsetG, each starting with a letter or digit and at most 35 characters, and the UK postcode
// pattern; shared/reference/rti/README.md): the employer's address here, and the PA's in hire-pa (@dpe/employment).
/** A line in the FPS CharsetG, starting with a letter or digit (also the FPS PayId). */
export const FPS_LINE = /^[A-Za-z0-9][A-Za-z0-9 .,\-()/=!"%&*;<>'+:?]*$/;
// The schema's UK postcode pattern, after upper-casing and one space before the inward code.
const UK_POSTCODE =
  /^[A-Z]([0-9]|[0-9]{2}|([A-HJ-Y][0-9]{1,2})|([0-9][A-Z])|([A-HJ-Y][0-9]?[A-Z])) [0-9][ABD-HJLNP-UW-Z]{2}$/;

/** "ls11aa" → "LS1 1AA": upper case, one space before the last three characters. */
export const normalisePostcode = (value: string): string => {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
};

export const AddressLine = text(35, 'One line of the address').refine(
  (value) => FPS_LINE.test(value),
  'must start with a letter or digit and hold only letters, digits, spaces and . , - ( ) / = ! " % & * ; < > \' + : ? (the FPS address character set)',
);

export const AddressLines = z
  .array(AddressLine)
  .min(1, 'must have at least one line')
  .max(4, 'must have at most 4 lines (the FPS holds 4)');

export const UkPostcode = z
  .string()
  .max(10, 'must be at most 10 characters')
  .transform(normalisePostcode)
  .refine((value) => UK_POSTCODE.test(value), 'must be a UK postcode, e.g. "SW1A 1AA"');

/**
 * Where the employer's forms (P45, P60) and HMRC's letters go. A Direct Payment employer is usually a private person
 * at home, so the whole address is personal data (declared on EmployerRegistered).
 */
export const EmployerAddressInput = z
  .strictObject({
    lines: AddressLines.describe('Address lines, 1 to 4, each at most 35 characters (personal data)'),
    postcode: UkPostcode.describe('UK postcode (personal data)'),
  })
  .describe(
    "The employer's address, where its forms and HMRC's letters go (personal data); leave out if not yet known",
  );
