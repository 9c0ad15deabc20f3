import { assertListClaimsArguments, compareClaimKeys, prefixUpperBound } from './claim-keys';

/** The reference: compare arrays of code points. */
const byCodePoints = (a: string, b: string): number => {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};

const samples = [
  '',
  'a',
  'ab',
  'b',
  '\u007f',
  '\u0080',
  '\ud7ff',
  '\ue000',
  '\uffff',
  '\u{10000}',
  '\u{1f600}',
  '\u{10ffff}',
];
const strings = samples.flatMap((a) => samples.map((b) => a + b));

describe('claim key order', () => {
  it('is code point order (SQLite BINARY on UTF-8), not UTF-16 code unit order', () => {
    for (const a of strings) {
      for (const b of strings) expect(Math.sign(compareClaimKeys(a, b))).toBe(Math.sign(byCodePoints(a, b)));
    }
    expect(compareClaimKeys('\uffff', '\u{1f600}')).toBeLessThan(0);
    expect('\uffff' < '\u{1f600}').toBe(false);
  });

  it('bounds a prefix by the least string above every string that starts with it', () => {
    expect(prefixUpperBound('paye-scheme/')).toBe('paye-scheme0');
    expect(prefixUpperBound('a\uffff')).toBe('a\u{10000}');
    expect(prefixUpperBound('a\ud7ff')).toBe('a\ue000');
    expect(prefixUpperBound('a\u{10ffff}')).toBe('b');
    expect(prefixUpperBound('\u{10ffff}\u{10ffff}')).toBeUndefined();
    expect(prefixUpperBound('')).toBeUndefined();
    for (const prefix of samples.filter((s) => s !== '' && s !== '\u{10ffff}')) {
      const bound = prefixUpperBound(prefix)!;
      for (const s of strings) {
        const inRange = compareClaimKeys(s, prefix) >= 0 && compareClaimKeys(s, bound) < 0;
        expect(inRange).toBe(s.startsWith(prefix));
      }
    }
  });

  it('refuses a prefix, after or limit of the wrong kind', () => {
    expect(() => assertListClaimsArguments(3 as unknown as string, {})).toThrow(TypeError);
    expect(() => assertListClaimsArguments('p', { limit: -1 })).toThrow(RangeError);
    expect(() => assertListClaimsArguments('p', { after: 'p/1', limit: 0 })).not.toThrow();
  });
});
