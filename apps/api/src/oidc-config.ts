import { readFileSync } from 'node:fs';
import { createOidcVerifier, parseOidcIssuers } from '@dpe/access';
import { InvalidInput } from '@dpe/errors';
import type { TokenVerifier } from '@dpe/nest-engine';

/**
 * Council identity providers, from DPE_OIDC_ISSUERS: a path to a JSON file, or the JSON itself (an array of issuers;
 * see docs/security.md). Unset means API keys only.
 */
export async function tokenVerifierFromEnvironment(
  value = process.env['DPE_OIDC_ISSUERS'],
): Promise<TokenVerifier | undefined> {
  if (value === undefined || value.trim() === '') return undefined;
  let text = value;
  if (!value.trim().startsWith('[')) {
    try {
      text = readFileSync(value, 'utf8');
    } catch (error) {
      throw new InvalidInput(
        'DPE_OIDC_ISSUERS',
        `cannot read ${value}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      );
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInput('DPE_OIDC_ISSUERS', `is not valid JSON: ${(error as Error).message}`);
  }
  const verifier = createOidcVerifier(parseOidcIssuers(json));
  return { verify: (token) => verifier.verify(token) };
}
