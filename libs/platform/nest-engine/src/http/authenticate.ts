import type { Principal } from '@dpe/access';
import { API_KEY_PREFIX } from '@dpe/access';
import type { BusinessTime } from '@dpe/decider';
import { EdgeError } from '@dpe/errors';
import type { Authenticator } from './access';

/** Looks up a presented API key (the domain's key table implements it). */
export interface KeyDirectory {
  authenticate(presented: string, now: BusinessTime): Promise<Principal | undefined>;
}

/** Verifies a council identity provider's bearer token. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

const unauthenticated = (code: string, message: string) => new EdgeError('unauthenticated', code, message);

/**
 * `Authorization: Bearer <credential>`: an API key (recognised by its `dpe_` prefix) or a JWT from a configured council
 * identity provider. Every failure is the same kind of 401, and never echoes the credential.
 */
export function bearerAuthenticator(keys: KeyDirectory, tokens: TokenVerifier | undefined): Authenticator {
  return {
    async authenticate(authorization, now) {
      // The scheme is case-insensitive (RFC 9110 §11.1).
      const match = /^Bearer ([\x21-\x7e]{1,4096})$/i.exec(authorization ?? '');
      if (!match) throw unauthenticated('auth.missing', 'send Authorization: Bearer <API key or token>');
      const credential = match[1]!;
      if (credential.startsWith(API_KEY_PREFIX)) {
        const principal = await keys.authenticate(credential, now);
        if (!principal) throw unauthenticated('auth.key-invalid', 'the API key is unknown, revoked or expired');
        return principal;
      }
      if (!tokens)
        throw unauthenticated(
          'auth.token-unconfigured',
          'bearer tokens are not accepted: no identity provider is configured (DPE_OIDC_ISSUERS)',
        );
      return tokens.verify(credential);
    },
  };
}
