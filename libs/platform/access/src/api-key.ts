import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys: `dpe_<key id>_<secret>`. The prefix makes a leaked key recognisable to secret scanners; the key id is public
 * (it names the key in logs, events and `dpe keys list`); the secret is 32 random bytes (256 bits) in base64url.
 * Only the SHA-256 of the secret is stored: with 256 bits of entropy a slow hash adds nothing, and a lookup stays cheap.
 */
export const API_KEY_PREFIX = 'dpe_';
const KEY_ID = /^k[0-9a-z]{15}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

export interface IssuedSecret {
  readonly keyId: string;
  /** The whole key, shown once to whoever created it. */
  readonly apiKey: string;
  readonly secretHash: string;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function issueSecret(): IssuedSecret {
  const keyId = `k${randomBytes(10).toString('hex').slice(0, 15)}`;
  const secret = randomBytes(32).toString('base64url');
  return { keyId, apiKey: `${API_KEY_PREFIX}${keyId}_${secret}`, secretHash: hashSecret(secret) };
}

/** Splits a presented key into its id and secret, or undefined if it is not shaped like one of ours. */
export function parseApiKey(presented: string): { keyId: string; secret: string } | undefined {
  if (!presented.startsWith(API_KEY_PREFIX)) return undefined;
  const rest = presented.slice(API_KEY_PREFIX.length);
  const cut = rest.indexOf('_');
  const keyId = rest.slice(0, cut);
  const secret = rest.slice(cut + 1);
  return cut > 0 && KEY_ID.test(keyId) && SECRET.test(secret) ? { keyId, secret } : undefined;
}

/** Constant-time comparison of a presented secret with the stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

export function isKeyId(value: string): boolean {
  return KEY_ID.test(value);
}
