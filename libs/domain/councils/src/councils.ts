import { BUREAU_ADMIN, READERS } from '@dpe/access';
import { defineCommand, defineQuery, defineStream, type DomainEvent } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { identifier, text, z } from '@dpe/schema';

/**
 * The councils a bureau serves. Councils are few (England has 153 with social-care duties), so they share one stream,
 * `councils-registry`, and its fold is the register: a council id is registered once.
 */
export const CouncilId = identifier(
  64,
  'Council id, e.g. kent (letters, digits, "-", "_"; case does not matter)',
).transform((id) => id.toLowerCase());

export interface CouncilRegisteredData {
  readonly councilId: string;
  readonly name: string;
  readonly registeredOn: string;
}
export type CouncilRegistered = DomainEvent<'CouncilRegistered', CouncilRegisteredData>;
export type CouncilEvent = CouncilRegistered;

export interface CouncilRegister {
  readonly councils: ReadonlyMap<string, CouncilRegisteredData>;
}

export const REGISTRY_KEY = 'registry';

export const councilStream = defineStream<CouncilEvent, CouncilRegister>({
  name: 'council',
  streamId: (key) => `councils-${key}`,
  initialState: { councils: new Map() },
  evolve(state, event) {
    switch (event.type) {
      case 'CouncilRegistered':
        return { councils: new Map(state.councils).set(event.data.councilId, event.data) };
      default:
        return state;
    }
  },
});

export const registerCouncil = defineCommand({
  name: 'register-council',
  summary: 'Register a council the bureau serves (records CouncilRegistered)',
  input: z.strictObject({ councilId: CouncilId, name: text(200, "The council's name, e.g. Kent County Council") }),
  complete: (input) => input,
  stream: councilStream,
  streamKey: () => REGISTRY_KEY,
  decide(command, state, now): CouncilRegistered[] {
    const existing = state.councils.get(command.councilId);
    if (existing) {
      throw new DomainError(
        'conflict',
        'council.already-registered',
        `council ${command.councilId} is already registered (${existing.name}, on ${existing.registeredOn})`,
      );
    }
    return [
      {
        type: 'CouncilRegistered',
        data: { councilId: command.councilId, name: command.name, registeredOn: now.toISODate()! },
      },
    ];
  },
  http: { method: 'POST', path: '/councils', status: 201 },
  policy: { roles: BUREAU_ADMIN, bureauWide: true },
  reply: { schema: z.object({ councilId: z.string() }), of: (command) => ({ councilId: command.councilId }) },
});

export const CouncilView = z.object({ councilId: z.string(), name: z.string(), registeredOn: z.string() });

export const listCouncils = defineQuery({
  name: 'list-councils',
  summary: "List the registered councils within the caller's scope",
  params: z.strictObject({}),
  response: z.array(CouncilView),
  http: { path: '/councils' },
  policy: { roles: READERS, councilOfItem: (council) => council.councilId },
  async run(_params, { load }) {
    return [...(await load(councilStream, REGISTRY_KEY)).councils.values()];
  },
});

function councilNotFound(councilId: string): DomainError {
  return new DomainError('not-found', 'council.not-found', `council ${councilId} is not registered`);
}

export const showCouncil = defineQuery({
  name: 'show-council',
  summary: 'Show a registered council',
  params: z.strictObject({ councilId: CouncilId }),
  response: CouncilView,
  http: { path: '/councils/:councilId' },
  policy: {
    roles: READERS,
    councilOfResult: { of: (council) => council.councilId, notFound: ({ councilId }) => councilNotFound(councilId) },
  },
  async run({ councilId }, { load }) {
    const council = (await load(councilStream, REGISTRY_KEY)).councils.get(councilId);
    if (!council) throw councilNotFound(councilId);
    return council;
  },
});
