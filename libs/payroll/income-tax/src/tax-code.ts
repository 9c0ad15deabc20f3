import type { IncomeTaxTables } from '@dpe/statutory-data';
import { InvalidTaxCode } from './errors';

/**
 * Which bands a code's S/C prefix selects (HMRC: "S" Scottish taxpayer, "C" Welsh taxpayer, no prefix England and
 * Northern Ireland — gov.uk "Tax codes"; Specification for PAYE Tax Table Routines Appendices A, B, C).
 * The names are the keys of the year's `IncomeTaxTables.regimes`.
 */
export type TaxRegion = keyof IncomeTaxTables['regimes'];

/** The letter after a code number. All four are computed identically; only the number matters (reference §1.4). */
export type TaxCodeSuffix = 'L' | 'M' | 'N' | 'T';

/** The marker that puts a code on a non-cumulative (Week 1 / Month 1) basis, as written on HMRC's notices and the FPS. */
export type NonCumulativeMarker = 'W1' | 'M1' | 'W1/M1' | 'X';

interface TaxCodeBase {
  /** The code as HMRC would write it, normalised: upper case, prefix, body, then " W1" / " M1" / " X" if any. */
  readonly text: string;
  readonly region: TaxRegion;
  /** True when the code itself carries W1, M1 or X: each payment is taxed in isolation and no refund can arise. */
  readonly nonCumulative: boolean;
  readonly nonCumulativeMarker?: NonCumulativeMarker;
}

/** nnnnL/M/N/T, including 0T: the number is the allowance ÷ 10, giving free pay. */
export interface AllowanceTaxCode extends TaxCodeBase {
  readonly kind: 'allowance';
  readonly number: number;
  readonly suffix: TaxCodeSuffix;
}
/** Knnn: the number gives additional pay, added to taxable pay (gov.uk "If you have a K in your tax code"). */
export interface KTaxCode extends TaxCodeBase {
  readonly kind: 'K';
  readonly number: number;
}
/** BR: all pay at the basic rate of the taxpayer's regime, no free pay. */
export interface BasicRateTaxCode extends TaxCodeBase {
  readonly kind: 'BR';
}
/** Dn: all pay at the rate n + 1 bands above basic (D0 higher, D1 additional; Scottish SD0 intermediate … SD3 top). */
export interface FlatRateTaxCode extends TaxCodeBase {
  readonly kind: 'D';
  readonly bandsAboveBasic: number;
}
/** NT: no tax; on a cumulative basis all tax to date is refunded. */
export interface NoTaxCode extends TaxCodeBase {
  readonly kind: 'NT';
}

export type TaxCode = AllowanceTaxCode | KTaxCode | BasicRateTaxCode | FlatRateTaxCode | NoTaxCode;

/**
 * HMRC tells developers to accept codes of up to 7 characters without prefix, e.g. "999999T" (Specification for PAYE
 * Tax Table Routines v24 §3.3.2, as quoted in reference §1.4), so code numbers run to six digits.
 */
const MAX_CODE_NUMBER = 999_999;
const MAX_CODE_TEXT_LENGTH = 16;

const REGION_BY_PREFIX: Readonly<Record<string, TaxRegion>> = { S: 'scotland', C: 'wales' };
const PREFIX_BY_REGION: Readonly<Record<TaxRegion, string>> = { restOfUk: '', scotland: 'S', wales: 'C' };

const FORMS =
  'a tax code is nnnnL/M/N/T (e.g. 1257L, 0T), Knnn, BR, D0, D1 (Scottish SD0–SD3), or NT; ' +
  'optionally prefixed S (Scotland) or C (Wales) and followed by W1, M1 or X';

/**
 * Parses and validates a tax code in any of its forms. Case and surrounding spaces are forgiven; a space or "/"
 * may separate the code from its W1/M1/X marker ("1257L W1", "1257LM1", "1257L/X").
 * With `incomeTax` tables, a D code is also checked against that year's bands (SD4 does not exist while Scotland
 * has six bands); calculateIncomeTax always does this check.
 * Throws InvalidTaxCode naming the code and the reason.
 */
export function parseTaxCode(input: unknown, incomeTax?: IncomeTaxTables): TaxCode {
  // A payroll of thousands of PAs holds a few dozen distinct codes: parse each once per year's tables.
  if (typeof input !== 'string') return parseTaxCodeText(input, incomeTax);
  const cache = parsedCodes(incomeTax);
  const cached = cache.get(input);
  if (cached) return cached;
  const parsed = parseTaxCodeText(input, incomeTax);
  if (cache.size >= MAX_CACHED_CODES) cache.clear();
  cache.set(input, parsed);
  return parsed;
}

const MAX_CACHED_CODES = 10_000;
const codesByTables = new WeakMap<IncomeTaxTables, Map<string, TaxCode>>();
const codesWithoutTables = new Map<string, TaxCode>();

function parsedCodes(incomeTax: IncomeTaxTables | undefined): Map<string, TaxCode> {
  if (!incomeTax) return codesWithoutTables;
  let cache = codesByTables.get(incomeTax);
  if (!cache) codesByTables.set(incomeTax, (cache = new Map()));
  return cache;
}

function parseTaxCodeText(input: unknown, incomeTax?: IncomeTaxTables): TaxCode {
  if (typeof input !== 'string') throw new InvalidTaxCode(input, `must be text; ${FORMS}`);
  const normalised = input.trim().toUpperCase();
  if (normalised === '') throw new InvalidTaxCode(input, `it is empty; ${FORMS}`);
  if (normalised.length > MAX_CODE_TEXT_LENGTH) {
    throw new InvalidTaxCode(input, `it is longer than any tax code (${MAX_CODE_TEXT_LENGTH} characters at most)`);
  }

  const basisMatch = /^(.*?)[\s/]*(W1\/M1|W1|M1|X)$/.exec(normalised);
  const marker = basisMatch?.[2] as NonCumulativeMarker | undefined;
  let body = basisMatch ? (basisMatch[1] ?? '') : normalised;
  if (body === '') throw new InvalidTaxCode(input, `"${marker}" is only a basis marker; the code itself is missing`);

  let region: TaxRegion = 'restOfUk';
  const prefix = body[0] ?? '';
  const regionOfPrefix = REGION_BY_PREFIX[prefix];
  if (regionOfPrefix && body.length > 1) {
    region = regionOfPrefix;
    body = body.slice(1);
  }
  if (/\s/.test(body)) throw new InvalidTaxCode(input, 'it contains a space inside the code');

  const base = {
    region,
    nonCumulative: marker !== undefined,
    ...(marker !== undefined ? { nonCumulativeMarker: marker } : {}),
    text: `${PREFIX_BY_REGION[region]}${body}${marker !== undefined ? ` ${marker}` : ''}`,
  };

  if (body === 'BR') return { ...base, kind: 'BR' };
  if (body === 'NT') return { ...base, kind: 'NT' };
  if (region !== 'restOfUk' && /^[SC]/.test(body)) {
    throw new InvalidTaxCode(input, 'it has two country prefixes; a code has at most one S (Scotland) or C (Wales)');
  }

  if (body.startsWith('D')) {
    const d = /^D(\d)$/.exec(body);
    if (!d) {
      throw new InvalidTaxCode(input, 'a D code is D followed by a single digit (D0, D1; Scottish SD0–SD3)');
    }
    const code: FlatRateTaxCode = { ...base, kind: 'D', bandsAboveBasic: Number(d[1]) };
    if (incomeTax) assertTaxCodeInYear(code, incomeTax, input);
    return code;
  }

  if (body.startsWith('K')) {
    const digits = body.slice(1);
    if (!/^\d+$/.test(digits)) throw new InvalidTaxCode(input, 'a K code is K followed by its number, e.g. K475');
    const number = codeNumber(digits, input);
    if (number === 0) throw new InvalidTaxCode(input, 'a K code number starts at K1 (K0 would add nothing)');
    return { ...base, kind: 'K', number };
  }

  const allowance = /^(\d+)([A-Z]?)$/.exec(body);
  if (allowance) {
    const [, digits = '', suffix = ''] = allowance;
    if (suffix === '') {
      throw new InvalidTaxCode(input, 'the number must be followed by a suffix letter L, M, N or T (e.g. 1257L)');
    }
    if (!['L', 'M', 'N', 'T'].includes(suffix)) {
      throw new InvalidTaxCode(
        input,
        `"${suffix}" is not a tax code suffix; the suffixes in use are L, M, N and T (P, V and Y were withdrawn)`,
      );
    }
    return { ...base, kind: 'allowance', number: codeNumber(digits, input), suffix: suffix as TaxCodeSuffix };
  }

  throw new InvalidTaxCode(input, `it is not in any tax code form; ${FORMS}`);
}

function codeNumber(digits: string, input: unknown): number {
  if (digits.length > 1 && digits.startsWith('0')) {
    throw new InvalidTaxCode(
      input,
      'the code number has a leading zero; HMRC never issues one (0T is the only code starting 0)',
    );
  }
  if (digits.length > 6) {
    throw new InvalidTaxCode(input, `the code number is longer than 6 digits (${MAX_CODE_NUMBER} at most)`);
  }
  return Number(digits);
}

/** Throws InvalidTaxCode if a D code has no band to land on in this year's regime for the code's region. */
export function assertTaxCodeInYear(code: TaxCode, incomeTax: IncomeTaxTables, input: unknown = code.text): void {
  if (code.kind !== 'D') return;
  const regime = incomeTax.regimes[code.region];
  const highest = regime.bands.length - regime.basicRateBand - 2;
  if (code.bandsAboveBasic > highest) {
    const prefix = PREFIX_BY_REGION[code.region];
    const regionName = code.region === 'scotland' ? 'Scottish' : code.region === 'wales' ? 'Welsh' : 'rest-of-UK';
    throw new InvalidTaxCode(
      input,
      `${regionName} D codes run ${prefix}D0–${prefix}D${highest} in these tables; D${code.bandsAboveBasic} would be a rate above the top rate`,
    );
  }
}

/** True if the text parses as a tax code (with `incomeTax`, as a code valid in that year). */
export function isValidTaxCode(input: unknown, incomeTax?: IncomeTaxTables): boolean {
  try {
    parseTaxCode(input, incomeTax);
    return true;
  } catch {
    return false;
  }
}

/** The starter checklist statement a new employee ticked, or 'none' when there is no P45 and no checklist. */
export type StarterStatement = 'A' | 'B' | 'C' | 'none';

/**
 * The code a new employee starts on, from their starter checklist statement (gov.uk "Work out your new employee's tax
 * code"; P9X for the year; reference §1.4):
 *  - A (first job since 6 April, no other income): the emergency code, cumulatively;
 *  - B (only job now, but had another since 6 April): the emergency code on a Week 1/Month 1 basis;
 *  - C (has another job or pension): BR, cumulatively;
 *  - none (no P45 and no checklist): 0T on a Week 1/Month 1 basis.
 * The emergency code is given without an S/C prefix: an employer adds one only when HMRC says so.
 */
export function starterTaxCode(incomeTax: IncomeTaxTables, statement: StarterStatement): TaxCode {
  switch (statement) {
    case 'A':
      return parseTaxCode(incomeTax.emergencyTaxCode, incomeTax);
    case 'B':
      return parseTaxCode(`${incomeTax.emergencyTaxCode} W1`, incomeTax);
    case 'C':
      return parseTaxCode('BR', incomeTax);
    case 'none':
      return parseTaxCode('0T W1', incomeTax);
    default:
      throw new InvalidTaxCode(statement, 'a starter checklist statement is A, B, C or none', 'starterStatement');
  }
}

/** The year's emergency code ("1257L" for 2024-25 to 2026-27), optionally on a Week 1/Month 1 basis. */
export function emergencyTaxCode(incomeTax: IncomeTaxTables, options: { nonCumulative?: boolean } = {}): TaxCode {
  return parseTaxCode(`${incomeTax.emergencyTaxCode}${options.nonCumulative ? ' W1' : ''}`, incomeTax);
}
