import {
  BUREAU_ADMIN,
  ROLE_NAMES,
  issueSecret,
  parseApiKey,
  secretMatches,
  type Principal,
  type Role,
} from '@dpe/access';
import { CouncilId, REGISTRY_KEY as COUNCILS, councilStream } from '@dpe/councils';
import { defineCommand, defineQuery, defineStream, fold, type BusinessTime, type DomainEvent } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import type { EventStore } from '@dpe/event-store';
import { EmploymentId } from '@dpe/employment';
import { RecipientId, recipientStream } from '@dpe/recipients';
import { businessDate, identifier, text, z } from '@dpe/schema';

/**
 * API keys for bureau integrations and scripts. All keys share one stream, `api-keys-registry` (a bureau has tens,
 * not thousands), whose fold is the key table; only the SHA-256 of each secret is ever recorded.
 */
export interface ApiKeyIssuedData {
  readonly keyId: string;
  /** The integration or script the key is for; at most two live keys each, so a key can be rotated without downtime. */
  readonly integration: string;
  readonly roles: readonly Role[];
  readonly councils: readonly string[] | 'all';
  /**
   * An employer's key (an employer portal acting for them): the recipients it acts for, and nothing else. A PA's key:
   * the recipients employing the PA (those of `employments`).
   */
  readonly recipients?: readonly string[];
  /** A PA's key (a PA portal acting for one PA): the employments whose payslips and forms it reads, and nothing else. */
  readonly employments?: readonly { readonly recipientId: string; readonly employmentId: string }[];
  /** Last day the key works (Europe/London); it fails from the next day. */
  readonly expiresOn: string;
  readonly secretHash: string;
}
export interface ApiKeyRevokedData {
  readonly keyId: string;
  readonly reason: string;
}
export type ApiKeyEvent =
  DomainEvent<'ApiKeyIssued', ApiKeyIssuedData> | DomainEvent<'ApiKeyRevoked', ApiKeyRevokedData>;

export interface ApiKeyRecord extends ApiKeyIssuedData {
  readonly revoked: boolean;
}
export interface KeyTable {
  readonly keys: ReadonlyMap<string, ApiKeyRecord>;
}

export const KEYS = 'registry';
/**
 * An employer key is bound to the recipients it acts for (an employer portal integration); a PA key to the PA's own
 * employments (a PA portal acting for one PA, who may work for several recipients): a PA reads its own payslips and
 * forms, never its employer's other records.
 */
const KEY_ROLES = ROLE_NAMES;
const MAX_KEY_RECIPIENTS = 50;
/** Longest a key may live: a forgotten key should die on its own. */
const MAX_LIFETIME_YEARS = 2;
const LIVE_KEYS_PER_INTEGRATION = 2;

export const apiKeyStream = defineStream<ApiKeyEvent, KeyTable>({
  name: 'api-key',
  streamId: (key) => `api-keys-${key}`,
  initialState: { keys: new Map() },
  evolve(state, event) {
    switch (event.type) {
      case 'ApiKeyIssued':
        return { keys: new Map(state.keys).set(event.data.keyId, { ...event.data, revoked: false }) };
      case 'ApiKeyRevoked': {
        const key = state.keys.get(event.data.keyId);
        return key ? { keys: new Map(state.keys).set(key.keyId, { ...key, revoked: true }) } : state;
      }
      default:
        return state;
    }
  },
});

export function keyStatus(key: ApiKeyRecord, today: string): 'live' | 'revoked' | 'expired' {
  if (key.revoked) return 'revoked';
  return key.expiresOn < today ? 'expired' : 'live';
}

export const createApiKey = defineCommand({
  name: 'create-api-key',
  cli: 'keys create',
  summary: 'Issue an API key for an integration or script; the key is shown once, only its hash is stored',
  input: z
    .strictObject({
      integration: identifier(64, 'The integration or script the key is for, e.g. timesheet-import'),
      roles: z
        .array(z.enum(KEY_ROLES))
        .min(1, 'must name at least one role')
        .describe(`Roles of the key: ${KEY_ROLES.join(', ')}`),
      councils: z
        .array(CouncilId)
        .min(1, 'must name at least one council')
        .optional()
        .describe('The council ids the key may act for'),
      allCouncils: z
        .boolean()
        .optional()
        .describe('The key may act for every council the bureau serves (instead of councils)'),
      recipients: z
        .array(RecipientId)
        .min(1, 'must name at least one recipient')
        .max(MAX_KEY_RECIPIENTS, `must name at most ${MAX_KEY_RECIPIENTS} recipients`)
        .optional()
        .describe('With the employer role (and only with it): the recipients the key acts for as their employer'),
      employments: z
        .array(z.strictObject({ recipientId: RecipientId, employmentId: EmploymentId }))
        .min(1, 'must name at least one employment')
        .max(MAX_KEY_RECIPIENTS, `must name at most ${MAX_KEY_RECIPIENTS} employments`)
        .optional()
        .describe(
          "With the pa role (and only with it): the PA's own employments, each with the recipient employing them",
        ),
      expiresOn: businessDate(
        { from: '2000-01-01', to: '2099-12-31' },
        'Last day the key works; default a year from today',
      ).optional(),
    })
    .superRefine((input, context) => {
      if ((input.councils === undefined) === (input.allCouncils !== true)) {
        context.addIssue({
          code: 'custom',
          path: ['councils'],
          message: 'name the councils, or set allCouncils, not both',
        });
      }
      // An employer acts on their own records only, a PA on their own employments': the key says whose, and holds no
      // other role beside it.
      const employer = input.roles.includes('employer');
      const pa = input.roles.includes('pa');
      if (pa && input.employments === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['employments'],
          message: "is required with the pa role: name the PA's own employments",
        });
      } else if (pa && input.roles.length > 1) {
        context.addIssue({ code: 'custom', path: ['roles'], message: 'a pa key holds the pa role alone' });
      } else if (!pa && input.employments !== undefined) {
        context.addIssue({ code: 'custom', path: ['employments'], message: 'is only for a key with the pa role' });
      }
      if (employer && input.recipients === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['recipients'],
          message: 'is required with the employer role: name the recipients the key acts for',
        });
      } else if (employer && input.roles.length > 1) {
        context.addIssue({
          code: 'custom',
          path: ['roles'],
          message: 'an employer key holds the employer role alone',
        });
      } else if (!employer && input.recipients !== undefined) {
        context.addIssue({ code: 'custom', path: ['recipients'], message: 'is only for a key with the employer role' });
      }
    }),
  complete: ({ allCouncils, councils, ...input }) => ({
    ...input,
    councils: allCouncils ? ('all' as const) : councils!,
  }),
  stream: apiKeyStream,
  streamKey: () => KEYS,
  // The secret is the one thing a decision must not derive: it is drawn here, once, and only its hash is decided on.
  prepare: async (command, { load }) => ({
    secret: issueSecret(),
    registered: command.councils === 'all' ? [] : [...(await load(councilStream, COUNCILS)).councils.keys()],
    // Each bound recipient's council (null: not enrolled), so the key cannot reach past its own councils.
    recipientCouncils: await Promise.all(
      (command.recipients ?? []).map(async (recipientId) => {
        const recipient = await load(recipientStream, recipientId);
        return recipient.status === 'enrolled' ? recipient.councilId : null;
      }),
    ),
    // Each bound employment's council (null: no such employment on that recipient's roster).
    employmentCouncils: await Promise.all(
      (command.employments ?? []).map(async ({ recipientId, employmentId }) => {
        const recipient = await load(recipientStream, recipientId);
        if (recipient.status !== 'enrolled') return null;
        return recipient.roster.some((hire) => hire.employmentId === employmentId) ? recipient.councilId : null;
      }),
    ),
  }),
  decide(command, state, now, { secret, registered, recipientCouncils, employmentCouncils }): ApiKeyEvent[] {
    const today = now.toISODate()!;
    const expiresOn = command.expiresOn ?? now.plus({ years: 1 }).toISODate()!;
    const latest = now.plus({ years: MAX_LIFETIME_YEARS }).toISODate()!;
    if (expiresOn < today || expiresOn > latest) {
      throw new DomainError('rule', 'api-key.expiry', `expiresOn must be between today (${today}) and ${latest}`);
    }
    const unknown =
      command.councils === 'all' ? [] : command.councils.filter((council) => !registered.includes(council));
    if (unknown.length > 0)
      throw new DomainError('rule', 'council.unknown', `councils: no registered council with id ${unknown.join(', ')}`);
    // A bound recipient or employment must be in the key's own councils, so the key cannot reach past them.
    const inScope = (council: string | null | undefined): boolean =>
      council !== null && council !== undefined && (command.councils === 'all' || command.councils.includes(council));
    (command.recipients ?? []).forEach((recipientId, index) => {
      if (!inScope(recipientCouncils[index])) {
        throw new DomainError(
          'rule',
          'api-key.recipient-unknown',
          `recipients[${index}]: no enrolled recipient ${recipientId} in the key's councils`,
        );
      }
    });
    (command.employments ?? []).forEach(({ recipientId, employmentId }, index) => {
      if (!inScope(employmentCouncils[index])) {
        throw new DomainError(
          'rule',
          'api-key.employment-unknown',
          `employments[${index}]: no employment ${employmentId} of recipient ${recipientId} in the key's councils`,
        );
      }
    });
    const live = [...state.keys.values()].filter(
      (key) => key.integration === command.integration && keyStatus(key, today) === 'live',
    );
    if (live.length >= LIVE_KEYS_PER_INTEGRATION) {
      throw new DomainError(
        'conflict',
        'api-key.too-many-live',
        `integration ${command.integration} already has ${live.length} live keys (${live.map((k) => k.keyId).join(', ')}); revoke one before issuing another`,
      );
    }
    const { keyId, secretHash } = secret;
    return [
      {
        type: 'ApiKeyIssued',
        data: {
          keyId,
          integration: command.integration,
          roles: command.roles,
          councils: command.councils,
          ...(command.recipients ? { recipients: command.recipients } : {}),
          ...(command.employments
            ? {
                recipients: [...new Set(command.employments.map((each) => each.recipientId))],
                employments: command.employments,
              }
            : {}),
          expiresOn,
          secretHash,
        },
      },
    ];
  },
  http: { method: 'POST', path: '/api-keys', status: 201 },
  policy: { roles: BUREAU_ADMIN, bureauWide: true },
  reply: {
    schema: z.object({
      keyId: z.string().optional(),
      apiKey: z
        .string()
        .optional()
        .describe('The key itself: shown on the first answer only, never stored, never shown again'),
    }),
    of: (_command, prepared) => (prepared ? { keyId: prepared.secret.keyId, apiKey: prepared.secret.apiKey } : {}),
  },
});

const KeyId = z.string().regex(/^k[0-9a-z]{15}$/, 'must be a key id such as k0123456789abcde');

export const revokeApiKey = defineCommand({
  name: 'revoke-api-key',
  cli: 'keys revoke',
  summary: 'Revoke an API key: it fails on the very next request',
  input: z.strictObject({ keyId: KeyId, reason: text(200, 'Why, for the audit trail') }),
  complete: (input) => input,
  stream: apiKeyStream,
  streamKey: () => KEYS,
  decide(command, state): ApiKeyEvent[] {
    const key = state.keys.get(command.keyId);
    if (!key) throw new DomainError('not-found', 'api-key.not-found', `API key ${command.keyId} does not exist`);
    if (key.revoked)
      throw new DomainError('conflict', 'api-key.already-revoked', `API key ${command.keyId} is already revoked`);
    return [{ type: 'ApiKeyRevoked', data: { keyId: command.keyId, reason: command.reason } }];
  },
  http: { method: 'POST', path: '/api-keys/:keyId/revoke', status: 200 },
  policy: { roles: BUREAU_ADMIN, bureauWide: true },
  reply: { schema: z.object({ keyId: z.string() }), of: (command) => ({ keyId: command.keyId }) },
});

export const ApiKeyView = z.object({
  keyId: z.string(),
  integration: z.string(),
  roles: z.array(z.string()),
  councils: z.union([z.literal('all'), z.array(z.string())]),
  recipients: z.array(z.string()).optional(),
  employments: z.array(z.object({ recipientId: z.string(), employmentId: z.string() })).optional(),
  expiresOn: z.string(),
  status: z.enum(['live', 'revoked', 'expired']),
});

export const listApiKeys = defineQuery({
  name: 'list-api-keys',
  cli: 'keys list',
  summary: 'List the API keys (never their secrets) with their status',
  params: z.strictObject({}),
  response: z.array(ApiKeyView),
  http: { path: '/api-keys' },
  policy: { roles: BUREAU_ADMIN, bureauWide: true },
  async run(_params, { load, now }) {
    const today = now.toISODate()!;
    return [...(await load(apiKeyStream, KEYS)).keys.values()].map((key) => ({
      keyId: key.keyId,
      integration: key.integration,
      roles: [...key.roles],
      councils: key.councils === 'all' ? ('all' as const) : [...key.councils],
      ...(key.recipients ? { recipients: [...key.recipients] } : {}),
      ...(key.employments ? { employments: key.employments.map((each) => ({ ...each })) } : {}),
      expiresOn: key.expiresOn,
      status: keyStatus(key, today),
    }));
  },
});

/**
 * Authenticates presented API keys against the key table. The table is refolded only when its stream has moved, which
 * costs one indexed read per request, so a key revoked by any process (the CLI, another API instance) fails on the very
 * next request.
 */
export class ApiKeyDirectory {
  private revision: bigint | undefined;
  private table: KeyTable = apiKeyStream.initialState;

  constructor(private readonly store: EventStore) {}

  async authenticate(presented: string, now: BusinessTime): Promise<Principal | undefined> {
    const parsed = parseApiKey(presented);
    if (!parsed) return undefined;
    const streamId = apiKeyStream.streamId(KEYS);
    const [last] = await this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    if (last?.revision !== this.revision) {
      this.table = fold(apiKeyStream, await this.store.readStream(streamId));
      this.revision = last?.revision;
    }
    const key = this.table.keys.get(parsed.keyId);
    if (!key || keyStatus(key, now.toISODate()!) !== 'live' || !secretMatches(parsed.secret, key.secretHash))
      return undefined;
    return {
      actor: `key:${key.keyId}`,
      kind: 'key',
      roles: key.roles,
      councils: key.councils,
      ...(key.recipients ? { recipients: key.recipients } : {}),
      ...(key.employments ? { employments: key.employments.map((each) => each.employmentId) } : {}),
    };
  }

  /** Whether any key was ever issued (an empty store gets a first bureau-admin key on start). */
  async any(): Promise<boolean> {
    return (await this.store.readStream(apiKeyStream.streamId(KEYS), { maxCount: 1 })).length > 0;
  }
}
