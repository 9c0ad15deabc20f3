import type { INestApplication } from '@nestjs/common';
import { systemPrincipal } from '@dpe/access';
import { ApiKeyDirectory, createApiKey } from '@dpe/api-keys';
import { executeCommand, londonNow } from '@dpe/decider';
import type { EventStore } from '@dpe/event-store';
import { EVENT_STORE } from '@dpe/nest-engine';

/**
 * The embedded default stays two commands: on the first start with no key in the store, one bureau-admin key is
 * issued and returned (to be printed once). Its command id is fixed, so two processes starting together issue one.
 */
export async function issueFirstKey(app: INestApplication): Promise<string | undefined> {
  const store = app.get<EventStore>(EVENT_STORE);
  if (await new ApiKeyDirectory(store).any()) return undefined;
  const outcome = await executeCommand(
    store,
    createApiKey,
    { integration: 'first-admin', roles: ['bureau-admin'], allCouncils: true },
    { commandId: 'first-start-bureau-admin-key', principal: systemPrincipal('first-start'), now: londonNow() },
  );
  return outcome.replayed ? undefined : (outcome.reply['apiKey'] as string);
}
