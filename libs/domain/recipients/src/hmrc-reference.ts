import {
  accountsOfficeReferenceProblem,
  employerPayeReferenceProblem,
  normaliseAccountsOfficeReference,
  normaliseEmployerPayeReference,
} from '@dpe/identifiers';
import { z } from '@dpe/schema';

/** An HMRC reference checked by its own library's rule, and normalised as HMRC writes it. */
export function hmrcReference(
  problem: (value: string) => string | undefined,
  normalise: (value: string) => string,
  example: string,
  description: string,
) {
  return z
    .string()
    .max(20, 'must be at most 20 characters')
    .superRefine((value, context) => {
      const rule = problem(value);
      if (rule) context.addIssue({ code: 'custom', message: rule });
    })
    .transform(normalise)
    .describe(`${description}, e.g. ${example}`);
}

/** The employer PAYE reference (identifiers.md §6.2): format only, HMRC gives it no check character. */
export const EmployerPayeReference = hmrcReference(
  employerPayeReferenceProblem,
  normaliseEmployerPayeReference,
  '123/AB456',
  'Employer PAYE reference: 3-digit tax office, "/", 1-10 letters or digits',
);

/** The Accounts Office reference (identifiers.md §6.1): 13 characters with HMRC's modulus-23 check character. */
export const AccountsOfficeReference = hmrcReference(
  accountsOfficeReferenceProblem,
  normaliseAccountsOfficeReference,
  '123PW12345678',
  'Accounts Office reference: 13 characters with a modulus-23 check character',
);
