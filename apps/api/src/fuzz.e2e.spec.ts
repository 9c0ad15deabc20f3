import request from 'supertest';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { COMMANDS } from '@dpe/catalogue';
import { currentVersion, type AnyCommandDeclaration } from '@dpe/decider';
import { recipientStream } from '@dpe/recipients';
import type { z } from '@dpe/schema';
import { apiSpec } from '../test/api-spec';
import { paHired } from '../test/given-events';

/**
 * Hostile-input fuzz of every declared command endpoint: thousands of generated bad or odd requests (broken JSON, odd
 * bodies, media types, encodings and headers, missing or bad credentials). Whatever arrives, the API must answer with a
 * 4xx problem+json (or a 2xx when the odd request happens to be valid), never a 5xx, and must store nothing for a
 * request it refuses. Most requests carry a bureau-admin key, so the role check never hides the body's validation; a
 * share carries no key or a bad one (401) or an auditor's key (403: auditors never write).
 */

/** Filled in beforeAll: a key the revoke command's base request names (a valid revoke succeeds once, then is a 409). */
const fixtures = { revocableKeyId: '' };

interface ValidRequest {
  /** A body the command's schema accepts (its domain rules may still refuse it: a repeat is a conflict). */
  readonly body: Record<string, unknown>;
  /** Path params, read when the test runs (after beforeAll). */
  readonly params?: () => Record<string, string>;
  /** The base request succeeds only once (the baseline), so the fuzz must reach this status instead of the success. */
  readonly repeatsAs?: number;
  /** Who sends the base request (and the fuzz's authorised requests): council finance for its own business. */
  readonly as?: 'admin' | 'finance';
}

const FUZZ_SHA = 'a'.repeat(64);
const FUZZ_EPS = ['6f1c2b1e-8a55-4c1e-9d0e-0b1f6d2a9c01', '6f1c2b1e-8a55-4c1e-9d0e-0b1f6d2a9c02'] as const;
const fuzzEps = (documentId: string) => ({
  type: 'EpsPrepared',
  data: {
    recipientId: 'r-fuzz-budget',
    taxYear: '2026-27',
    documentId,
    irmark: 'x',
    sha256: FUZZ_SHA,
    preparedOn: '2026-05-10',
    taxMonth: 1,
    noPayment: true,
    claimsEmploymentAllowance: false,
    recoverable: {
      smpRecovered: '0.00',
      sppRecovered: '0.00',
      nicCompensationOnSmp: '0.00',
      nicCompensationOnSpp: '0.00',
    },
    finalForYear: false,
  },
});

/** A valid body for each declared command; the fuzz mutates it one field at a time. A new command needs an entry here. */
const VALID_BODIES: Readonly<Record<string, ValidRequest>> = {
  'register-council': { body: { councilId: 'york', name: 'City of York Council' }, repeatsAs: 409 },
  // A second version with the same effective date breaks the ordering rule: 422 after the first.
  'record-council-policy': {
    body: {
      effectiveFrom: '2026-04-01',
      contingencyWeeks: 6,
      ringFences: ['unpaid-wages'],
      recoveryMethods: ['invoice'],
      recoveryNoticeDays: 28,
      auditCadenceMonths: 12,
    },
    params: () => ({ councilId: 'kent' }),
    repeatsAs: 422,
  },
  'enrol-recipient': {
    body: { councilId: 'kent', recipientType: 'adult', name: 'Alex Morgan', accountType: 'managed-account' },
  },
  // The recipient is enrolled in beforeAll; a second budget with the same effective date breaks the ordering rule.
  'agree-budget': {
    body: { grossWeekly: '412.50', effectiveFrom: '2026-04-06' },
    params: () => ({ recipientId: 'r-fuzz-budget' }),
    repeatsAs: 422,
  },
  // Suspended once, then already suspended (409); resumed once, then not suspended (409).
  'suspend-direct-payment': {
    body: { on: '2026-07-01', reason: 'under review' },
    params: () => ({ recipientId: 'r-fuzz-budget' }),
    repeatsAs: 409,
  },
  'resume-direct-payment': {
    body: { on: '2026-08-01', reason: 'review closed' },
    params: () => ({ recipientId: 'r-fuzz-budget' }),
    repeatsAs: 409,
  },
  // Its own recipient (given in beforeAll), which owes nothing: terminated once, then already terminated (409).
  'terminate-direct-payment': {
    body: { on: '2026-09-01', reason: 'moved into residential care' },
    params: () => ({ recipientId: 'r-fuzz-terminate' }),
    repeatsAs: 409,
  },
  // Registered once, then already registered (409); the hire below needs the registration (the order of COMMANDS).
  'register-as-employer': {
    body: { payeReference: '123/FZ001', accountsOfficeReference: '123PW12345678', bureauActsAsAgent: true },
    params: () => ({ recipientId: 'r-fuzz-budget' }),
    repeatsAs: 409,
  },
  // The same employment id again is already on the roster: 409.
  'hire-pa': {
    body: {
      employmentId: 'e-fuzz-hire-pa',
      pa: {
        forename: 'Fuzz',
        surname: 'Hire',
        dateOfBirth: '1990-03-14',
        gender: 'F',
        address: { lines: ['1 High Street'], postcode: 'ME14 1XX' },
      },
      startDate: '2026-04-06',
      starter: { kind: 'statement', statement: 'A' },
      taxCode: '1257L',
      schedule: { frequency: 'weekly', firstPayDate: '2026-04-10', daysInArrears: 0 },
      rates: { standard: '13.50' },
      holiday: { basis: 'weeks' },
      bank: { accountName: 'Fuzz Hire', sortCode: '12-34-56', accountNumber: '12345678' },
    },
    params: () => ({ recipientId: 'r-fuzz-budget' }),
    repeatsAs: 409,
  },
  // A remittance is recorded once: the same reference again is a 409 duplicate.
  'record-funding': {
    body: {
      amount: '1650.00',
      periodFrom: '2026-04-06',
      periodTo: '2026-05-03',
      remittanceReference: 'REM-FUZZ-1',
      receivedOn: '2026-04-03',
    },
    params: () => ({ recipientId: 'r-fuzz-budget' }),
    repeatsAs: 409,
  },
  // A contribution's reference is recorded once: the same reference again is a 409 duplicate.
  'record-client-contribution': {
    body: {
      amount: '48.20',
      receivedOn: '2026-04-10',
      periodFrom: '2026-04-06',
      periodTo: '2026-05-03',
      method: 'standing-order',
      reference: 'CONTRIB-FUZZ-1',
    },
    params: () => ({ recipientId: 'r-fuzz-budget' }),
    repeatsAs: 409,
  },
  // An invoice from one payee is recorded once: the same payee and reference again is a 409 duplicate.
  'record-other-spend': {
    body: {
      category: 'agency-care',
      payee: 'Fuzz Home Care Ltd',
      amount: '320.00',
      invoiceReference: 'INV-FUZZ-1',
      invoiceDate: '2026-05-01',
      dueDate: '2026-05-31',
      description: 'Agency cover',
    },
    params: () => ({ recipientId: 'r-fuzz-budget' }),
    repeatsAs: 409,
  },
  // Each employment command acts on its own PA, hired in beforeAll (a leaver would end the others' employment).
  // The same notice again is operated again (201); a plan already in force is a 409.
  'change-tax-code': {
    body: { notice: 'P6', taxCode: '1100L', issuedOn: '2026-05-01' },
    params: () => ({ recipientId: 'r-fuzz-budget', employmentId: 'e-fuzz-change-tax-code' }),
  },
  'change-student-loans': {
    body: { notice: 'SL1', plan: '2', effectiveFrom: '2026-05-01' },
    params: () => ({ recipientId: 'r-fuzz-budget', employmentId: 'e-fuzz-change-student-loans' }),
    repeatsAs: 409,
  },
  // Rates take effect in order: the same date again is a 422.
  'change-pay-rate': {
    body: { effectiveFrom: '2026-06-01', rates: { standard: '14.00', night: '15.00' } },
    params: () => ({ recipientId: 'r-fuzz-budget', employmentId: 'e-fuzz-change-pay-rate' }),
    repeatsAs: 422,
  },
  'change-bank-details': {
    body: { accountName: 'Fuzz Clarke', sortCode: '12-34-56', accountNumber: '87654321', effectiveFrom: '2026-06-01' },
    params: () => ({ recipientId: 'r-fuzz-budget', employmentId: 'e-fuzz-change-bank-details' }),
  },
  // The same holiday again overlaps the first: 409.
  'record-absence': {
    body: { absence: { kind: 'holiday', from: '2026-07-06', to: '2026-07-10', days: '5' } },
    params: () => ({ recipientId: 'r-fuzz-budget', employmentId: 'e-fuzz-record-absence' }),
    repeatsAs: 409,
  },
  'record-leaver': {
    body: { leavingDate: '2026-08-31', reason: 'resignation', finalPay: { noticePay: '540.00' } },
    params: () => ({ recipientId: 'r-fuzz-budget', employmentId: 'e-fuzz-record-leaver' }),
    repeatsAs: 409,
  },
  // The same shifts again overlap the first submission's: 400 naming the shift.
  'submit-timesheet': {
    body: {
      periodStart: '2026-04-04',
      periodEnd: '2026-04-10',
      shifts: [{ date: '2026-04-06', start: '09:00', hours: '7.5', rateKind: 'standard' }],
      channel: 'portal',
      submittedBy: 'pa',
    },
    params: () => ({ recipientId: 'r-fuzz-budget', employmentId: 'e-fuzz-submit-timesheet' }),
    repeatsAs: 400,
  },
  // A timesheet is decided once: 409 after.
  'approve-timesheet': {
    body: { approvedBy: 'employer', approvedOn: '2026-04-10' },
    params: () => ({
      recipientId: 'r-fuzz-budget',
      employmentId: 'e-fuzz-approve-timesheet',
      timesheetId: '2026-04-04-1',
    }),
    repeatsAs: 409,
  },
  'reject-timesheet': {
    body: { reason: 'hours do not match the rota', rejectedOn: '2026-04-10' },
    params: () => ({
      recipientId: 'r-fuzz-budget',
      employmentId: 'e-fuzz-reject-timesheet',
      timesheetId: '2026-04-04-1',
    }),
    repeatsAs: 409,
  },
  // The same correction again changes nothing: 422.
  'amend-timesheet': {
    body: {
      shifts: [{ date: '2026-04-07', start: '10:00', hours: '6', rateKind: 'standard' }],
      reason: 'worked Tuesday, not Monday',
    },
    params: () => ({
      recipientId: 'r-fuzz-budget',
      employmentId: 'e-fuzz-amend-timesheet',
      timesheetId: '2026-04-04-1',
    }),
    repeatsAs: 422,
  },
  // The pay date runs once (r-fuzz-budget registers as employer in its own fuzz, which runs first); then 409.
  'run-payroll': {
    body: { payDate: '2026-04-10' },
    params: () => ({ recipientId: 'r-fuzz-budget' }),
    repeatsAs: 409,
  },
  // £60 of the £100 PAYE due for tax month 1: a second £60 is more than the £40 still owed (422).
  'record-payment': {
    body: {
      settles: { kind: 'paye', taxYear: '2026-27', taxMonth: 1 },
      amount: '60.00',
      paidOn: '2026-05-20',
      reference: 'HMRC-1',
    },
    params: () => ({ recipientId: 'r-fuzz-budget' }),
    repeatsAs: 422,
  },
  // The FPS of r-fuzz-budget's run of 10 April (run-payroll's baseline, before it): one FPS per run (409 after).
  'prepare-fps': {
    body: { payDate: '2026-04-10' },
    params: () => ({ recipientId: 'r-fuzz-budget' }),
    repeatsAs: 409,
  },
  // An EPS may be prepared again for a month (it reports year-to-date figures): every valid one succeeds.
  'prepare-eps': { body: { taxYear: '2026-27', taxMonth: 1 }, params: () => ({ recipientId: 'r-fuzz-budget' }) },
  // Documents given in beforeAll: submitted once (then 409 already submitted); an outcome once (then 409).
  'record-rti-submission': {
    body: { taxYear: '2026-27', documentId: FUZZ_EPS[0], sha256: FUZZ_SHA, submittedOn: '2026-05-10' },
    params: () => ({ recipientId: 'r-fuzz-budget' }),
    repeatsAs: 409,
  },
  'record-rti-outcome': {
    body: { taxYear: '2026-27', documentId: FUZZ_EPS[1], outcome: 'accepted', on: '2026-05-11' },
    params: () => ({ recipientId: 'r-fuzz-budget' }),
    repeatsAs: 409,
  },
  // The bureau's file of 10 April's net pay: once per format (409 after).
  'produce-payment-file': {
    body: {
      payDate: '2026-04-10',
      format: 'bulk-csv',
      originator: { sortCode: '107999', accountNumber: '88837491', accountName: 'DPSS CLIENT' },
    },
    repeatsAs: 409,
  },
  // Recoveries are council finance's: each on a recipient of its own (given in beforeAll) with £5,000 of funding and
  // a £200 weekly budget, so £3,800 is recoverable after the policy's 6 weeks of contingency.
  'propose-recovery': {
    body: { amount: '100.00', reason: 'unspent funds at the annual review' },
    params: () => ({ recipientId: 'r-fuzz-propose' }),
    as: 'finance',
    repeatsAs: 409,
  },
  'raise-recovery': {
    body: { method: 'invoice' },
    params: () => ({ recipientId: 'r-fuzz-raise', recoveryId: 'rec-fuzz' }),
    as: 'finance',
    repeatsAs: 409,
  },
  // £1 of a £100 recovery: every later valid payment is another part payment, until the recovery is paid off.
  'record-recovery-payment': {
    body: { amount: '1.00', receivedOn: '2026-07-01', reference: 'INV-1' },
    params: () => ({ recipientId: 'r-fuzz-pay', recoveryId: 'rec-fuzz' }),
    as: 'finance',
    repeatsAs: 201,
  },
  'close-recovery': {
    body: { outcome: { kind: 'waived', reason: 'hardship', approver: 'J. Smith, finance manager' } },
    params: () => ({ recipientId: 'r-fuzz-close', recoveryId: 'rec-fuzz' }),
    as: 'finance',
    repeatsAs: 409,
  },
  // A review of the recipient funded on 1 April 2026 (r-fuzz-propose's reviews are a stream of their own); a review
  // on the same date again breaks the one-review-a-date rule (422).
  'record-review': {
    body: { reviewedOn: '2026-06-01', outcome: 'continue', note: 'spending matches the support plan' },
    params: () => ({ recipientId: 'r-fuzz-propose' }),
    as: 'finance',
    repeatsAs: 422,
  },
  // The base integration reaches its two live keys after the baseline and one more: the rest are 409 api-key.too-many-live.
  'create-api-key': {
    body: { integration: 'fuzz-import', roles: ['payroll-operator'], councils: ['kent'] },
    repeatsAs: 409,
  },
  'revoke-api-key': {
    body: { reason: 'rotated by the fuzz' },
    params: () => ({ keyId: fixtures.revocableKeyId }),
    repeatsAs: 409,
  },
};

const EMPLOYMENT_COMMANDS = [
  'submit-timesheet',
  'approve-timesheet',
  'reject-timesheet',
  'amend-timesheet',
  'run-payroll',
  'change-tax-code',
  'change-student-loans',
  'change-pay-rate',
  'change-bank-details',
  'record-absence',
  'record-leaver',
] as const;

/** A recipient per recovery command: enrolled in kent, £200 a week, £5,000 funded; with a recovery as far as it needs. */
function recoveryFixtures(): Record<string, readonly { type: string; data: unknown; schemaVersion?: number }[]> {
  const streams: Record<string, { type: string; data: unknown; schemaVersion?: number }[]> = {};
  const proposed = (recipientId: string) => ({
    type: 'RecoveryProposed',
    data: {
      recipientId,
      recoveryId: 'rec-fuzz',
      councilId: 'kent',
      amount: '100.00',
      reason: 'unspent funds',
      proposedOn: '2026-06-01',
      noticeEndsOn: '2026-06-29',
      noticeDays: 28,
      policyVersion: 1,
      earmarks: [],
      surplus: {},
    },
  });
  const raised = (recipientId: string) => ({
    type: 'RecoveryRaised',
    data: {
      recipientId,
      recoveryId: 'rec-fuzz',
      method: 'invoice',
      amount: '100.00',
      raisedOn: '2026-06-30',
      policyVersion: 1,
      surplus: {},
    },
  });
  for (const [recipientId, recovery] of [
    ['r-fuzz-propose', []],
    ['r-fuzz-raise', ['proposed']],
    ['r-fuzz-pay', ['proposed', 'raised']],
    ['r-fuzz-close', ['proposed', 'raised']],
  ] as const) {
    streams[`recipient-${recipientId}`] = [
      {
        type: 'RecipientEnrolled',
        // As enrol-recipient writes it today (an older version's council text would not be read as a council id).
        schemaVersion: currentVersion(recipientStream as never, 'RecipientEnrolled'),
        data: {
          recipientId,
          councilId: 'kent',
          recipientType: 'adult',
          name: 'Fuzz Recovery',
          representative: null,
          accountType: 'managed-account',
          employerReferences: null,
          enrolledOn: '2026-04-01',
        },
      },
      {
        type: 'BudgetAgreed',
        data: { recipientId, version: 1, grossWeekly: '200.00', effectiveFrom: '2026-04-01', clientContribution: null },
      },
    ];
    streams[`account-${recipientId}`] = [
      {
        type: 'FundingReceived',
        data: {
          recipientId,
          amount: '5000.00',
          periodFrom: '2026-04-01',
          periodTo: '2026-09-30',
          remittanceReference: `REM-${recipientId}`,
          receivedOn: '2026-04-01',
        },
      },
    ];
    if (recovery.length > 0) {
      streams[`recovery-${recipientId}`] = recovery.map((step) =>
        step === 'proposed' ? proposed(recipientId) : raised(recipientId),
      );
    }
  }
  return streams;
}

const fuzzTimesheet = (employmentId: string) => ({
  timesheetId: '2026-04-04-1',
  recipientId: 'r-fuzz-budget',
  employmentId,
  periodStart: '2026-04-04',
  periodEnd: '2026-04-10',
  payDate: '2026-04-10',
  shifts: [{ date: '2026-04-06', start: '09:00', hours: '7.5', rateKind: 'standard' }],
  channel: 'portal',
  submittedBy: 'pa',
});

const RUNS_PER_COMMAND = Number(process.env['FUZZ_RUNS'] ?? 2000);
const SEED = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);

jest.setTimeout(180_000);

/** One generated request: the raw bytes sent and every header, so what reaches the server is exactly what was generated. */
interface FuzzRequest {
  readonly kind: string;
  readonly body?: Buffer;
  readonly headers: Readonly<Record<string, string | string[]>>;
  /** The status the API must refuse this request with, where the kind of request fixes it. */
  readonly refusedWith?: number;
}

let keySequence = 0;
/** A fresh, valid Idempotency-Key: each request is a new command unless the fuzz is testing the key itself. */
const freshKey = (): string => `fuzz-${process.pid}-${Date.now().toString(36)}-${(keySequence += 1)}`;

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

// ---------------------------------------------------------------------------------------------------------------- values

const LONG = 'x'.repeat(10_000);

/** Odd strings: empty, blank, huge, control characters, NUL, bidi overrides, lone surrogates, look-alikes, numbers. */
const oddString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t',
    '\n',
    '   padded   ',
    LONG,
    `${LONG}${LONG}`,
    '\u0000',
    'Alex\u0000Morgan',
    'Alex\u0007\u001b[31mMorgan',
    '\u007f',
    '\u0085',
    '\u202eAlex Morgan',
    'Alex \u2066Morgan\u2069',
    '\u200b',
    '\ufeff',
    '\ufffd',
    '\u2028\u2029',
    '\ud800',
    'Alex\udc00Morgan',
    '\udfff\ud800',
    '😀',
    'Ａｌｅｘ',
    'e\u0301',
    '123',
    '1e3',
    '-0',
    'NaN',
    'true',
    'null',
    'undefined',
    '[]',
    '{}',
    '<script>alert(1)</script>',
    "Robert'); DROP TABLE events;--",
    '../../etc/passwd',
    '%00',
    '${jndi:ldap://x}',
    'Adult',
    'ADULT',
    ' adult ',
    'adult\u0000',
    'prepaid-card ',
    '123/AB456',
    '123/ab456',
    '123PW12345678',
    '123pw12345678',
    '2026-02-30',
    '2026-5-1',
    '0000-00-00',
    '1997-03-31',
    '1997-04-01',
    '2099-12-31',
    '2100-01-01',
    '9999-12-31',
    '+002026-05-01',
    '2026-05-01T00:00:00Z',
    'fuzz-dup',
    'r'.repeat(64),
    'r'.repeat(65),
    '-leading-dash',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 8 }),
  fc.string({
    unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
    minLength: 1,
    maxLength: 4,
  }),
  fc.integer({ min: 201, max: 5000 }).map((n) => 'y'.repeat(n)),
);

/** Values of the wrong type, or right-typed but absurd. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: oddString },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -0,
      -1,
      1.5,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER + 2,
      5e-324,
      [],
      {},
      [null],
      ['adult'],
      { value: 'adult' },
    ),
  },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.array(oddString, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), oddString, { maxKeys: 4 }) },
  {
    weight: 1,
    arbitrary: fc.record({ name: oddString, role: fc.constantFrom('representative', 'suitable-person', 'parent', '') }),
  },
);

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

const unknownKey = fc.oneof(
  fc.constantFrom(
    ...PROTO_KEYS,
    '',
    ' ',
    'Name',
    'NAME',
    'name ',
    'recipient_id',
    '\u0000',
    '\u202ename',
    '\ud800',
    'x'.repeat(1000),
    'status',
    'events',
    'commandId',
  ),
  fc.string({ maxLength: 20 }),
);

/** JSON text for a value; `JSON.stringify` writes a lone surrogate as an escape ("\ud800"), as a hostile client would. */
const jsonText = (value: unknown): string => JSON.stringify(value) ?? 'null';

/** A JSON object's text with one raw `"key": <raw value>` member replaced or added, for values JSON.stringify cannot write. */
function withRawMember(body: Record<string, unknown>, key: string, raw: string): string {
  const rest = jsonText(Object.fromEntries(Object.entries(body).filter(([k]) => k !== key)));
  const member = `${jsonText(key)}:${raw}`;
  return rest === '{}' ? `{${member}}` : `{${member},${rest.slice(1)}`;
}

/** Raw JSON fragments JSON.stringify never writes: lone-surrogate escapes, overflowing numbers, escaped NUL. */
const rawJsonValue = fc.constantFrom(
  '"\\ud800"',
  '"\\udc00"',
  '"Alex\\ud83dMorgan"',
  '"\\u0000"',
  '"\\u202e"',
  '"\\uFFFF"',
  '"\\uDBFF\\uDFFF"',
  '1e400',
  '-1e400',
  '123456789012345678901234567890',
  '0.0000000000000000000000000000001',
  '-0',
  '1E+2',
  '"\\/"',
  '"' + '\\\\'.repeat(3000) + '"',
  '[' + '['.repeat(5000) + ']'.repeat(5000) + ']',
  '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
);

// ------------------------------------------------------------------------------------------------------------- requests

/** Spellings of UTF-8 JSON among the fuzzed content types; every other one must get 415. */
const JSON_SPELLINGS = ['application/json; charset="utf-8"', 'application/json; charset=UTF-8', 'APPLICATION/JSON'];

const json = (body: Buffer, kind: string, extra: Record<string, string | string[]> = {}): FuzzRequest => ({
  kind,
  body,
  headers: { 'Content-Type': 'application/json', 'Idempotency-Key': freshKey(), ...extra },
});

/** The value once for each string inside it, that string with a letter added: each still well-formed, each different. */
function withOneStringChanged(value: unknown): unknown[] {
  if (typeof value === 'string') return [`${value}x`];
  if (Array.isArray(value))
    return value.flatMap((item, i) =>
      withOneStringChanged(item).map((changed) => value.map((other, j) => (j === i ? changed : other))),
    );
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([name, member]) =>
      withOneStringChanged(member).map((changed) => ({ ...value, [name]: changed })),
    );
  return [];
}

/** Every way a request can be bad or odd, for one command's valid base body and fields. */
function requestsFor(
  base: Record<string, unknown>,
  fields: readonly string[],
  pathParams: readonly string[],
  acceptedKey: string,
): fc.Arbitrary<FuzzRequest> {
  const baseText = jsonText(base);
  const field = fc.constantFrom(...fields);
  // Just inside the base body's first string value, where the bad UTF-8 goes.
  const insideString = baseText.indexOf('":"') + 3;
  if (insideString < 3) throw new Error(`the base body ${baseText} has no string member to put bad UTF-8 into`);

  // Arbitrary JSON values as the whole body: primitives, arrays, deep objects, huge numbers, nulls.
  const arbitraryJson = fc
    .oneof(
      fc.jsonValue({ maxDepth: 6 }),
      fc.constantFrom<unknown>(null, 0, 1e308, -1, true, '', 'text', [], [base], [[[[[]]]]], {}, { body: base }),
      fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 50 }),
      fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 5 }), { maxKeys: 20 }),
      fc.letrec<{ deep: unknown }>((tie) => ({
        deep: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.record({ a: tie('deep') }), fc.tuple(tie('deep'))),
      })).deep,
    )
    .map((value) => json(utf8(jsonText(value)), 'json-value'));

  // The valid body with one field set to an odd value, removed, or joined by an unknown key.
  const mutated = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(field, oddValue)
        .map(([key, value]) => json(utf8(jsonText({ ...base, [key]: value })), `mutate:${key}`)),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(field, rawJsonValue)
        .map(([key, raw]) => json(utf8(withRawMember(base, key, raw)), `mutate-raw:${key}`)),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...Object.keys(base)).map((key) => {
        const { [key]: _dropped, ...rest } = base;
        return json(utf8(jsonText(rest)), `drop:${key}`);
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(unknownKey, oddValue)
        .map(([key, value]) => json(utf8(withRawMember(base, key, jsonText(value))), 'unknown-key')),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(field, oddValue)
        .map(([key, value]) =>
          json(utf8(jsonText({ ...base, [key]: { [key]: base[key] ?? 'x', nested: value } })), `nest:${key}`),
        ),
    },
    // The same key twice, the later one odd: JSON.parse keeps the last.
    {
      weight: 1,
      arbitrary: fc
        .tuple(field, oddValue)
        .map(([key, value]) =>
          json(utf8(`${baseText.slice(0, -1)},${jsonText(key)}:${jsonText(value)}}`), `duplicate-key:${key}`),
        ),
    },
  );

  // Bytes that are not JSON at all, or not quite.
  const notJson = fc.oneof(
    fc.integer({ min: 0, max: baseText.length - 1 }).map((cut) => json(utf8(baseText.slice(0, cut)), 'truncated-json')),
    fc.uint8Array({ minLength: 1, maxLength: 512 }).map((bytes) => json(Buffer.from(bytes), 'binary')),
    fc.string({ minLength: 1, maxLength: 200 }).map((text) => json(utf8(text), 'text')),
    fc
      .constantFrom(
        '{not json',
        "{'council':'Kent'}",
        '{"council":"Kent",}',
        '{"council" "Kent"}',
        '[1,2,',
        'NaN',
        'undefined',
        '0x10',
        '\u00ef\u00bb\u00bf{}',
        `\ufeff${baseText}`,
        `${baseText}${baseText}`,
        `${baseText} trailing`,
        `${baseText}\u0000`,
        `/* comment */${baseText}`,
        '"' + 'a'.repeat(100) + '"',
        ' ',
        '\r\n',
        'null',
        '123',
        'true',
        '"string"',
      )
      .map((text) => json(utf8(text), 'not-json')),
    // Invalid UTF-8 inside a JSON string: overlong, lone continuation bytes, a surrogate encoded as UTF-8.
    fc
      .constantFrom([0xc0, 0xaf], [0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xff, 0xfe], [0xe2, 0x82])
      .map((bytes): FuzzRequest => ({
        ...json(
          Buffer.concat([
            utf8(baseText.slice(0, insideString)),
            Buffer.from(bytes),
            utf8(baseText.slice(insideString)),
          ]),
          'bad-utf8',
        ),
        refusedWith: 400,
      })),
    // The body in UTF-16, with and without a byte order mark.
    fc.constantFrom('utf16le', 'utf16be-bom').map((how) => {
      const le = Buffer.from(baseText, 'utf16le');
      const body = how === 'utf16le' ? le : Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
      return json(body, `utf-16:${how}`);
    }),
    // Over the 1 MB limit, as JSON and as a well-formed but huge string field.
    fc
      .constantFrom(1024 * 1024 + 1, 2 * 1024 * 1024)
      .map((size): FuzzRequest => ({ ...json(utf8(`{"name":"${'n'.repeat(size)}"}`), 'oversized'), refusedWith: 413 })),
  );

  // A valid JSON body under a content type the API must refuse with 415 (all but a few spellings of UTF-8 JSON).
  const contentTypes = fc
    .tuple(
      fc.constantFrom<string | undefined>(
        undefined,
        '',
        'text/plain',
        'text/plain; charset=utf-8',
        'text/json',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
        'multipart/form-data; boundary=----x',
        'application/json; charset=latin1',
        'application/json; charset=iso-8859-1',
        'application/json; charset=utf-16',
        'application/json; charset=utf-16le',
        'application/json; charset=utf-32',
        'application/json; charset=nonsense',
        'application/json; charset=',
        'application/json; charset="utf-8"',
        'application/json; charset=UTF-8',
        'APPLICATION/JSON',
        'application/json;',
        'application/json; boundary=x',
        'application/json, text/plain',
        'application/json\u00e9',
        'application/merge-patch+json',
        'application/problem+json',
        'application/vnd.api+json',
        'application/xml',
        'application/octet-stream',
        '*/*',
        'application/*',
        'json',
        ';;;',
        'x'.repeat(2000),
      ),
      fc.constantFrom('valid', 'form', 'multipart'),
    )
    .map(([type, form]): FuzzRequest => {
      const body =
        form === 'valid'
          ? baseText
          : form === 'form'
            ? new URLSearchParams(Object.entries(base).map(([k, v]): [string, string] => [k, String(v)])).toString()
            : `------x\r\nContent-Disposition: form-data; name="council"\r\n\r\nKent\r\n------x--\r\n`;
      return {
        kind: `content-type:${type ?? '(none)'}`,
        body: utf8(body),
        headers: { ...(type === undefined ? {} : { 'Content-Type': type }), 'Idempotency-Key': freshKey() },
        ...(type !== undefined && JSON_SPELLINGS.includes(type) ? {} : { refusedWith: 415 }),
      };
    });

  // Content-Encoding: bytes that do not match it, encodings body-parser does not know, and (valid) gzip and gzip bombs.
  const encodings = fc
    .tuple(
      fc.constantFrom(
        'gzip',
        'deflate',
        'br',
        'compress',
        'br, gzip',
        'gzip, gzip',
        'identity, gzip',
        'x-gzip',
        'zstd',
        'unknown',
        '',
        'GZIP',
        'identity',
      ),
      fc.constantFrom('plain', 'gzip', 'truncated-gzip', 'bomb', 'binary'),
    )
    .map(([encoding, bytes]): FuzzRequest => {
      const gzip = gzipSync(utf8(baseText));
      const body =
        bytes === 'plain'
          ? utf8(baseText)
          : bytes === 'gzip'
            ? gzip
            : bytes === 'truncated-gzip'
              ? gzip.subarray(0, Math.floor(gzip.length / 2))
              : bytes === 'bomb'
                ? gzipSync(utf8(`{"name":"${' '.repeat(4 * 1024 * 1024)}"}`))
                : Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00]);
      return json(body, `content-encoding:${encoding}:${bytes}`, { 'Content-Encoding': encoding });
    });

  // Envelope headers: empty, long, spaced, latin1 (non-ASCII), repeated, and reused keys.
  const oddToken = fc.oneof(
    fc.constantFrom<string | string[]>(
      '',
      ' ',
      'a'.repeat(128),
      'a'.repeat(129),
      'k'.repeat(200),
      'has spaces',
      ' leading',
      'trailing ',
      'tab\there',
      'caf\u00e9',
      '\u00ff\u00fe',
      'key,with,commas',
      '"quoted"',
      '../../x',
      '%00',
      ['first', 'second'],
      ['', ''],
      'fuzz-reused-key',
    ),
    // Node writes header values as latin1 and refuses DEL and control characters (other than tab) itself.
    fc.string({
      unit: fc.integer({ min: 0x21, max: 0xfe }).map((c) => String.fromCharCode(c === 0x7f ? 0xff : c)),
      minLength: 1,
      maxLength: 140,
    }),
  );
  const headers = fc
    .tuple(fc.constantFrom('Idempotency-Key', 'X-Correlation-Id', 'X-Actor'), oddToken, fc.boolean())
    .map(([name, value, validBody]): FuzzRequest => {
      const body = validBody ? baseText : jsonText({ ...base, [fields[0]!]: '' });
      return {
        kind: `header:${name}`,
        body: utf8(body),
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': freshKey(), [name]: value },
      };
    });

  // Requests that reach the store: a reused Idempotency-Key (replayed, or refused with 422 for a different body) and,
  // for a command naming its entity by an id field, an id used twice (a conflict).
  const reusedKey = fc
    .tuple(fc.constantFrom('fuzz-reused-1', 'fuzz-reused-2'), fc.option(fc.tuple(field, oddString), { nil: undefined }))
    .map(([key, change]) =>
      json(utf8(jsonText(change ? { ...base, [change[0]]: change[1] } : base)), 'reused-key', {
        'Idempotency-Key': key,
      }),
    );
  // The baseline's own key, which the store has recorded whatever the entity's state since: the same body is a replay;
  // a body still valid but different (a letter added to one string, at any depth) is refused with 422, not decided
  // again. The base body has a string (checked above), so there is at least one such body.
  const acceptedKeyReused = fc
    .oneof(fc.constant<unknown>(base), fc.constantFrom(...withOneStringChanged(base)))
    .map((body) => json(utf8(jsonText(body)), 'accepted-key', { 'Idempotency-Key': acceptedKey }));
  const idFields = fields.filter((name) => /Id$/.test(name) && !(name in base) && !pathParams.includes(name));
  const sameId =
    idFields.length === 0
      ? reusedKey
      : fc
          .tuple(fc.constantFrom(...idFields), fc.constantFrom('fuzz-dup-1', 'fuzz-dup-2'))
          .map(([name, id]) => json(utf8(jsonText({ ...base, [name]: id })), `same-id:${name}`));

  return fc.oneof(
    { weight: 1, arbitrary: reusedKey },
    { weight: 1, arbitrary: acceptedKeyReused },
    { weight: 1, arbitrary: sameId },
    { weight: 3, arbitrary: arbitraryJson },
    { weight: 6, arbitrary: mutated },
    { weight: 3, arbitrary: notJson },
    { weight: 3, arbitrary: contentTypes },
    { weight: 2, arbitrary: encodings },
    { weight: 3, arbitrary: headers },
  );
}

/**
 * Longest encoded path sent, shared among the path's params. Node's HTTP parser answers a request line over its 16 KB
 * header limit itself, with a bare 431 and no body, before the application sees it; the fuzz is about what the
 * application answers.
 */
const MAX_ENCODED_PATH = 12_000;

/** Path params: valid ones from the table, and sometimes odd ones (still URL-encoded, so the route is the same). */
function paramsFor(path: string, valid: Readonly<Record<string, string>> = {}): fc.Arbitrary<Record<string, string>> {
  const names = [...path.matchAll(/:([A-Za-z][A-Za-z0-9]*)/g)].map((m) => m[1]!);
  const most = Math.floor(MAX_ENCODED_PATH / Math.max(1, names.length));
  const odd = oddString.filter((s) => s.length > 0 && pathSegment(s).length <= most);
  return fc
    .tuple(
      ...names.map((name) =>
        fc.oneof({ weight: 3, arbitrary: fc.constant(valid[name] ?? `fuzz-${name}`) }, { weight: 1, arbitrary: odd }),
      ),
    )
    .map((values) => Object.fromEntries(names.map((name, i) => [name, values[i]!])));
}

/**
 * A path segment, percent-encoded; a lone surrogate (which encodeURIComponent refuses) is sent as the three bytes of its
 * UTF-8-style encoding, %ED%A0%80 for U+D800, which is not valid UTF-8, as a hostile client would send it.
 */
function pathSegment(value: string): string {
  let encoded = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    encoded +=
      code >= 0xd800 && code <= 0xdfff
        ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
            .map((byte) => `%${byte.toString(16).toUpperCase()}`)
            .join('')
        : encodeURIComponent(char);
  }
  return encoded;
}

/** Whether a percent-encoded string decodes (as UTF-8). */
function decodes(encoded: string): boolean {
  try {
    decodeURIComponent(encoded);
    return true;
  } catch {
    return false;
  }
}

/** The `status` member of a problem+json body, or what is wrong with the body. */
function problemStatus(text: string): unknown {
  try {
    return (JSON.parse(text) as { status?: unknown }).status;
  } catch {
    return '(body is not JSON)';
  }
}

const excerpt = (body: Buffer | undefined): string => {
  if (body === undefined) return '(no body)';
  const text = body.toString('utf8');
  return text.length > 300 ? `${JSON.stringify(text.slice(0, 300))}… (${body.length} bytes)` : JSON.stringify(text);
};

function describeRequest(path: string, request: FuzzRequest): string {
  const headers = Object.entries(request.headers).map(
    ([k, v]) =>
      `${k}: ${JSON.stringify(typeof v === 'string' && v.length > 100 ? `${v.slice(0, 100)}…(${v.length})` : v)}`,
  );
  return `[${request.kind}] ${path}\n  ${headers.join('\n  ')}\n  body ${excerpt(request.body)}`;
}

// ---------------------------------------------------------------------------------------------------------- credentials

/** Who sends a request: the bureau-admin (most requests), an auditor (a role no command admits), or bad credentials. */
type Caller =
  | { readonly kind: 'admin' }
  | { readonly kind: 'auditor' }
  | { readonly kind: 'refused'; readonly what: string; readonly authorization?: string | string[] };

/** Credentials the guard must refuse with 401: none, malformed, made up, tampered, revoked. `revoked` and `admin` are keys. */
function badCredentials(keys: { readonly admin: string; readonly revoked: string }): fc.Arbitrary<Caller> {
  const refused = (what: string, authorization?: string | string[]): Caller => ({
    kind: 'refused',
    what,
    ...(authorization === undefined ? {} : { authorization }),
  });
  const flip = (key: string): string => `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
  return fc.oneof(
    fc.constantFrom<Caller>(
      refused('none'),
      refused('empty', ''),
      refused('scheme only', 'Bearer'),
      refused('scheme and space', 'Bearer '),
      refused('basic', 'Basic dXNlcjpwYXNz'),
      refused('key without scheme', keys.admin),
      refused('key with a trailing word', `Bearer ${keys.admin} extra`),
      refused('key with a flipped secret', `Bearer ${flip(keys.admin)}`),
      refused('key with its secret cut', `Bearer ${keys.admin.slice(0, -1)}`),
      refused('key id only', `Bearer ${keys.admin.split('_').slice(0, 2).join('_')}`),
      refused('made-up key', 'Bearer dpe_k0123456789abcde_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
      refused('revoked key', `Bearer ${keys.revoked}`),
      refused('token with no identity provider', 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln'),
      refused('alg none token', 'Bearer eyJhbGciOiJub25lIn0.eyJyb2xlcyI6WyJidXJlYXUtYWRtaW4iXX0.'),
      refused('huge token', `Bearer dpe_${'k'.repeat(5000)}`),
      refused('latin1', 'Bearer caf\u00e9'),
      refused('two bad headers', ['Bearer nope', 'Bearer dpe_nope']),
    ),
    // Random visible-ASCII and latin1 values, with and without the scheme (Node refuses control characters itself).
    fc
      .tuple(
        fc.boolean(),
        fc.string({
          unit: fc.integer({ min: 0x21, max: 0xfe }).map((c) => String.fromCharCode(c === 0x7f ? 0xff : c)),
          minLength: 1,
          maxLength: 80,
        }),
      )
      .map(([scheme, token]) => refused('random', scheme ? `Bearer ${token}` : token)),
  );
}

/** How many in twenty requests have bad credentials, and how many an auditor's key. */
const CALLERS = { admin: 17, refused: 2, auditor: 1 };

// ------------------------------------------------------------------------------------------------------------------ test

describe('Fuzzing every declared command endpoint', () => {
  // Thousands of requests a minute from one key: the rate limit is a different spec's subject.
  const api = apiSpec({ rateLimitPerMinute: 10_000_000 });
  let http: ReturnType<typeof request>;
  let caller: fc.Arbitrary<Caller>;

  beforeAll(async () => {
    // Listening once keeps supertest from opening a new server for each of thousands of requests.
    await new Promise<void>((resolve) => api.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    http = request(api.app.getHttpServer());
    fixtures.revocableKeyId = (await api.issueKey('fuzz-revocable', ['payroll-operator'], ['kent'])).keyId;
    await http
      .post('/recipients')
      .set(api.as('admin'))
      .send({
        recipientId: 'r-fuzz-budget',
        councilId: 'kent',
        recipientType: 'adult',
        name: 'Budget Holder',
        accountType: 'managed-account',
        enrolledOn: '2026-04-01',
      })
      .expect(201);
    // One PA per employment command, on the recipient's roster (PaHired appended as the hire records it).
    await api.given({
      ...recoveryFixtures(),
      // A recipient of its own for terminate-direct-payment, which would end r-fuzz-budget's DP for the others.
      'recipient-r-fuzz-terminate': [
        {
          type: 'RecipientEnrolled',
          data: {
            recipientId: 'r-fuzz-terminate',
            councilId: 'kent',
            recipientType: 'adult',
            name: 'Fuzz Terminate',
            representative: null,
            accountType: 'managed-account',
            employerReferences: null,
            enrolledOn: '2026-04-01',
          },
        },
      ],
      'rti-r-fuzz-budget-2026-27': [
        fuzzEps(FUZZ_EPS[0]),
        fuzzEps(FUZZ_EPS[1]),
        {
          type: 'EpsSubmitted',
          data: {
            recipientId: 'r-fuzz-budget',
            documentId: FUZZ_EPS[1],
            sha256: FUZZ_SHA,
            submittedOn: '2026-05-10',
            correlationId: null,
          },
        },
      ],
      'recipient-r-fuzz-budget': EMPLOYMENT_COMMANDS.map((name) => ({
        type: 'PaHired',
        data: paHired('r-fuzz-budget', `e-fuzz-${name}`, 'Fuzz'),
      })),
      ...Object.fromEntries(
        ['approve-timesheet', 'reject-timesheet', 'amend-timesheet', 'run-payroll'].map((name) => [
          `timesheets-e-fuzz-${name}-2026-04-04`,
          [
            { type: 'TimesheetSubmitted', data: fuzzTimesheet(`e-fuzz-${name}`) },
            ...(name === 'run-payroll' || name === 'amend-timesheet'
              ? [
                  {
                    type: 'TimesheetApproved',
                    data: {
                      timesheetId: '2026-04-04-1',
                      employmentId: `e-fuzz-${name}`,
                      approvedBy: 'employer',
                      approvedOn: '2026-04-10',
                    },
                  },
                ]
              : []),
          ],
        ]),
      ),
      // PAYE of £100 due for tax month 1, for record-payment to pay part of (a run on another pay date of the month).
      'payroll-r-fuzz-budget-2026-27': [
        {
          type: 'PayRunCompleted',
          data: {
            payRunId: 'run-fuzz',
            recipientId: 'r-fuzz-budget',
            payDate: '2026-04-17',
            taxYear: '2026-27',
            taxMonth: 1,
            correction: null,
            payslips: 1,
            held: [],
            netPay: [],
            totals: {
              gross: '500.00',
              netPay: '400.00',
              payeDue: '100.00',
              employmentAllowance: '0.00',
              pensionDue: '0.00',
            },
          },
        },
      ],
    });
    const revoked = await api.issueKey('fuzz-revoked', ['bureau-admin'], 'all');
    await http
      .post(`/api-keys/${revoked.keyId}/revoke`)
      .set(api.as('admin'))
      .send({ reason: 'the fuzz presents it' })
      .expect(200);
    const admin = api.as('admin').Authorization.replace(/^Bearer /, '');
    caller = fc.oneof(
      { weight: CALLERS.admin, arbitrary: fc.constant<Caller>({ kind: 'admin' }) },
      { weight: CALLERS.refused, arbitrary: badCredentials({ admin, revoked: revoked.apiKey }) },
      { weight: CALLERS.auditor, arbitrary: fc.constant<Caller>({ kind: 'auditor' }) },
    );
  });

  it('declares at least one command', () => {
    expect(COMMANDS.length).toBeGreaterThan(0);
  });

  it.each(
    COMMANDS.map((command) => [`${command.http.method} ${command.http.path} (${command.name})`, command] as const),
  )(
    `%s: ${RUNS_PER_COMMAND}+ odd requests give no 5xx, problem+json for every 4xx, 401/403 for bad credentials, and store nothing when refused`,
    async (_title, command: AnyCommandDeclaration) => {
      const entry = VALID_BODIES[command.name];
      if (!entry) {
        throw new Error(
          `No valid base body for command "${command.name}": add an entry for it to VALID_BODIES in apps/api/src/fuzz.e2e.spec.ts so the fuzz can mutate it.`,
        );
      }
      const validParams = entry.params?.() ?? {};
      const parsed = (command.input as z.ZodType).safeParse({ ...entry.body, ...validParams });
      if (!parsed.success) {
        throw new Error(
          `VALID_BODIES["${command.name}"] in apps/api/src/fuzz.e2e.spec.ts is no longer valid input: ${parsed.error.message}`,
        );
      }

      const method = command.http.method.toLowerCase() as 'post' | 'put' | 'patch';
      const pathParams = [...command.http.path.matchAll(/:([A-Za-z][A-Za-z0-9]*)/g)].map((m) => m[1]!);
      const pathOf = (params: Readonly<Record<string, string>>): string =>
        command.http.path.replace(/:([A-Za-z][A-Za-z0-9]*)/g, (_m, name: string) =>
          pathSegment(params[name] ?? `fuzz-${name}`),
        );
      const shape = (command.input as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      const fields = [...new Set([...Object.keys(entry.body), ...Object.keys(shape)])];

      const counts: Record<string, number> = {};
      const kindsOf5xx: string[] = [];
      const byKind: Record<string, Record<number, number>> = {};
      const byCaller: Record<string, Record<number, number>> = {};
      let sent = 0;

      async function send(fuzz: FuzzRequest, params: Readonly<Record<string, string>>, who: Caller): Promise<void> {
        const path = pathOf(params);
        const before = await api.store.headPosition();
        let call = http[method](path);
        if (who.kind === 'admin') call = call.set(api.as(entry!.as ?? 'admin'));
        else if (who.kind === 'auditor') call = call.set(api.as(who.kind));
        else if (who.authorization !== undefined) call = call.set('Authorization', who.authorization as string);
        for (const [name, value] of Object.entries(fuzz.headers)) call = call.set(name, value as string);
        // The bytes as generated: superagent would otherwise JSON-encode a Buffer sent as application/json.
        if (fuzz.body !== undefined)
          call = call.serialize((bytes: Buffer) => bytes as unknown as string).send(fuzz.body);
        const res = await call;
        const after = await api.store.headPosition();
        sent += 1;
        counts[res.status] = (counts[res.status] ?? 0) + 1;
        const kind = fuzz.kind.split(':').slice(0, 2).join(':');
        byKind[kind] = { ...byKind[kind], [res.status]: (byKind[kind]?.[res.status] ?? 0) + 1 };
        byCaller[who.kind] = { ...byCaller[who.kind], [res.status]: (byCaller[who.kind]?.[res.status] ?? 0) + 1 };

        const problems: string[] = [];
        if (res.status >= 500) {
          kindsOf5xx.push(fuzz.kind);
          problems.push(`status ${res.status} (a 5xx is a defect)`);
        }
        if (res.status >= 400 && res.status < 500) {
          if (!/^application\/problem\+json\b/.test(String(res.headers['content-type'])))
            problems.push(`content-type ${res.headers['content-type']} is not application/problem+json`);
          else if (problemStatus(res.text) !== res.status)
            problems.push(`the problem's status ${problemStatus(res.text)} is not the HTTP status`);
        }
        if (res.status < 300 && !/^application\/json\b/.test(String(res.headers['content-type'])))
          problems.push(`content-type ${res.headers['content-type']} of a ${res.status} is not application/json`);
        if (fuzz.refusedWith !== undefined && res.status !== fuzz.refusedWith)
          problems.push(`status ${res.status}, but this request must be refused with ${fuzz.refusedWith}`);
        // The JSON edge reads the body before the router and the guard, so its refusals (400 unreadable body, 413, 415)
        // come first; then the router refuses a path it cannot decode (a lone surrogate's bytes) with 400.
        const body = res.body as { code?: string; issues?: { path: string }[] } | undefined;
        const edge =
          (res.status === 400 && body?.issues?.every((issue) => issue.path === '(body)')) ||
          ((res.status === 413 || res.status === 415) && /^body\./.test(body?.code ?? ''));
        const undecodable = pathParams.some((name) => !decodes(pathSegment(params[name] ?? '')));
        if (undecodable && !edge && res.status !== 400)
          problems.push(`status ${res.status}, but a path that is not UTF-8 must be refused with 400`);
        if (who.kind !== 'admin' && fuzz.refusedWith === undefined && !undecodable) {
          // Anything that gets past the edge must be refused for the credentials.
          const [status, code] = who.kind === 'auditor' ? [403, 'access.role'] : [401, /^auth\./];
          const refused =
            res.status === status && (typeof code === 'string' ? body?.code === code : code.test(body?.code ?? ''));
          if (!edge && !refused)
            problems.push(
              `status ${res.status} ${body?.code ?? ''} for ${who.kind === 'auditor' ? "an auditor's key" : `credentials "${who.what}"`}: must be ${status}`,
            );
        }
        if (res.status >= 400 && after !== before)
          problems.push(`store head moved ${before} → ${after} on a refused request`);
        if (who.kind !== 'admin' && after !== before)
          problems.push(`store head moved ${before} → ${after} on a request without a writer's credentials`);
        if (after < before) problems.push(`store head went backwards ${before} → ${after}`);
        if (problems.length > 0) {
          const credentials =
            who.kind === 'refused'
              ? `credentials: ${who.what} ${JSON.stringify(who.authorization ?? '(no Authorization)').slice(0, 120)}`
              : `credentials: ${who.kind}'s key`;
          throw new Error(
            `${problems.join('; ')}\nrequest ${describeRequest(path, fuzz)}\n  ${credentials}\nresponse ${res.status} ${res.headers['content-type']}: ${res.text.slice(0, 500)}`,
          );
        }
      }

      // The base body is accepted, so mutations of it test the validation, not a broken fixture.
      const success = command.http.status ?? 201;
      const acceptedKey = freshKey();
      const baseline = await http[method](pathOf(validParams))
        .set(api.as(entry.as ?? 'admin'))
        .set('Idempotency-Key', acceptedKey)
        .send(entry.body);
      expect({ baseline: baseline.status, body: baseline.body }).toMatchObject({ baseline: success });

      await fc.assert(
        fc.asyncProperty(
          requestsFor(entry.body, fields, pathParams, acceptedKey),
          paramsFor(command.http.path, validParams),
          caller,
          (fuzz, params, who) => send(fuzz, params, who),
        ),
        { numRuns: RUNS_PER_COMMAND, ...(SEED === undefined ? {} : { seed: SEED }) },
      );

      const summary = { sent, fiveXx: kindsOf5xx.length, statuses: counts, byCaller };
      // FUZZ_REPORT=<file> writes the statuses seen per kind of request, for tuning the generators.
      const report = process.env['FUZZ_REPORT'];
      if (report) writeFileSync(`${report}.${command.name}.json`, JSON.stringify({ ...summary, byKind }, null, 1));
      // The generators reach every layer: the JSON edge (400, 413, 415), the guard (401, 403), the validation (400),
      // the store (success, or the conflict of a base request that succeeds once; and 422 for the baseline's key reused);
      // the counts are in the message when this fails.
      const reached = [entry.repeatsAs ?? success, 400, 401, 403, 413, 415, 422];
      expect(summary).toMatchObject({
        fiveXx: 0,
        statuses: expect.objectContaining(Object.fromEntries(reached.map((status) => [status, expect.any(Number)]))),
      });
      expect(sent).toBeGreaterThanOrEqual(RUNS_PER_COMMAND);
    },
  );
});
