/**
 * The Bacs character set: upper-case A-Z, digits 0-9, full stop, ampersand, solidus, hyphen and space. Sources: Access
 * PaySuite, "Using special characters in Direct Debit references"
 * (https://help-accesspaysuiteddcms.theaccessgroup.com/en/articles/12002363-using-special-characters-in-direct-debit-references),
 * which adds that an invalid character is "replaced with a space when processed by BACS"; Odoo's l10n_uk_bacs
 * format_communication ("these are the Bacs compliance criteria"). We do that replacement ourselves, after folding
 * accents (É to E) so names keep their letters, so the file says exactly what the payee's statement will show.
 */
const NOT_BACS = /[^A-Z0-9.&/\- ]/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Text in the Bacs character set, runs of spaces closed up, trimmed and cut to `length` characters. */
export function toBacsText(text: string, length: number): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toUpperCase()
    .replace(NOT_BACS, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
    .slice(0, length)
    .trimEnd();
}

const ALPHANUMERIC = /[A-Z0-9]/g;

/**
 * Bacs reference rule: at least 6 alphanumeric characters, and not all the same character ("must not consist of all
 * the same character (e.g. 000000)"). Sources: SmartDebit, "Bacs References Explained"
 * (https://smartdebithelp.zendesk.com/hc/en-us/articles/360001928918-Bacs-References-Explained) and movimo.co.uk
 * (https://movimo.co.uk/direct-debit-references), both stating it for Direct Debit references; Radical Systems,
 * "Restrictions on UK BACS Transaction References" (https://www.radicalsys.com/en/support/knowledge-base/restrictions-on-uk-bacs-transaction-references/)
 * states it for Bacs transactions generally. We apply it to credits too: a payee can then always find the payment.
 * Returns the rule broken, or undefined.
 */
export function bacsReferenceProblem(reference: string): 'too-short' | 'all-same-character' | undefined {
  const alphanumerics = reference.match(ALPHANUMERIC) ?? [];
  if (alphanumerics.length < 6) return 'too-short';
  if (new Set(reference.replace(/ /g, '')).size === 1) return 'all-same-character';
  return undefined;
}
