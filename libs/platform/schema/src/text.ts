import { z } from 'zod';

// C0 and C1 controls (NUL, newlines, ESC, DEL…), the Unicode bidirectional embeddings, overrides and isolates (which can
// make "Smith" display as something else: CVE-2021-42574), and lone surrogates (not text at all; they cannot be stored as
// UTF-8). Names go to HMRC later in a restricted character set, so nothing here is ever legitimate in a field.
// The bidi marks (U+061C, U+200E, U+200F) and the non-characters U+FFFE/U+FFFF go too: no name needs them.
// eslint-disable-next-line no-control-regex -- matching control characters is this rule's whole purpose
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|\p{Cs}/u;
// A name made only of invisible characters (zero-width joiners, word joiners) is no name at all.
const VISIBLE = /[\p{L}\p{N}]/u;

export const TEXT_RULE = 'must not contain control characters, bidirectional overrides or unpaired surrogates';
export const VISIBLE_RULE = 'must contain at least one letter or digit';

/** A required line of text: trimmed, 1 to `max` characters, no control or bidi characters. */
export function text(max: number, description?: string) {
  const schema = z
    .string()
    .refine((value) => !FORBIDDEN.test(value), TEXT_RULE)
    .transform((value) => value.trim())
    .pipe(z.string().min(1, 'is required').max(max, `must be at most ${max} characters`).regex(VISIBLE, VISIBLE_RULE));
  return description ? schema.describe(description) : schema;
}

/** An identifier chosen by a caller: letters, digits, "-" and "_", starting with a letter or digit. */
export function identifier(max: number, description?: string) {
  const schema = z
    .string()
    .max(max, `must be at most ${max} characters`)
    .regex(
      new RegExp(`^[A-Za-z0-9][A-Za-z0-9_-]{0,${max - 1}}$`),
      `must be 1-${max} letters, digits, "-" or "_", starting with a letter or digit`,
    );
  return description ? schema.describe(description) : schema;
}

/** An idempotency key, correlation id or similar token from a header: visible ASCII only, bounded. */
export const token = (max = 128) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII characters (no spaces, control or non-ASCII characters)');

/** One of a fixed set of values, with the set named in the rule. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, description?: string) {
  const schema = z.enum(values, { error: () => `must be one of ${values.join(', ')}` });
  return description ? schema.describe(description) : schema;
}
