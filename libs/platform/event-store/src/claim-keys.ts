import type { ListClaimsOptions } from './port';

/**
 * Claim keys are listed in Unicode code point order on every adapter, because that is the order of SQLite's
 * BINARY collation on UTF-8 text (a byte-wise compare), which the claims primary key uses. JavaScript's `<`
 * compares UTF-16 code units instead, which puts code points above U+FFFF (stored as surrogate pairs,
 * D800–DFFF) before U+E000–U+FFFF; the two orders agree everywhere else.
 */
export function compareClaimKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Moves surrogates above U+E000–U+FFFF, so comparing ranks of the first differing code units is code point order. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

const MAX_CODE_POINT = 0x10ffff;

/**
 * The least string (in code point order) greater than every string that starts with `prefix`, or undefined when
 * there is none (an empty prefix, or one made only of U+10FFFF). Keys k with prefix <= k < bound are exactly the
 * keys starting with prefix. `prefix + '\uffff'` is not such a bound: a key continuing with a code point above
 * U+FFFF sorts after it.
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const points = Array.from(prefix, (char) => char.codePointAt(0)!);
  while (points.length > 0) {
    const last = points.pop()!;
    if (last < MAX_CODE_POINT) {
      // U+D800–U+DFFF are not characters (they cannot be stored as UTF-8), so U+D7FF is followed by U+E000.
      points.push(last === 0xd7ff ? 0xe000 : last + 1);
      return String.fromCodePoint(...points);
    }
  }
  return undefined;
}

export function assertListClaimsArguments(prefix: string, options: ListClaimsOptions): void {
  if (typeof prefix !== 'string') throw new TypeError(`claim key prefix must be a string, got ${typeof prefix}`);
  const { after, limit } = options;
  if (after !== undefined && typeof after !== 'string') {
    throw new TypeError(`after must be a claim key (a string), got ${typeof after}`);
  }
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  }
}
