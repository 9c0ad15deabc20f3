import 'reflect-metadata';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { COMMANDS, QUERIES } from '@dpe/catalogue';
import { parseEventStoreSpec } from '@dpe/event-store';
import { EngineModule } from '@dpe/nest-engine';
import { readModelsFor, VIEW_QUERIES } from '@dpe/view-catalogue';

/**
 * The CLI runs commands through the same Nest CommandBus and generic handler as the API, on the store --store or
 * DPE_STORE names. Reads open the store without creating it.
 */
export async function withEngine<T>(
  store: string | undefined,
  mode: 'read' | 'write',
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  parseEventStoreSpec(store); // a bad spec is named before Nest starts, so it is an input error, not a boot failure
  @Module({
    imports: [
      EngineModule.register({
        store,
        readOnly: mode === 'read',
        declarations: { commands: COMMANDS, queries: [...QUERIES, ...VIEW_QUERIES] },
        // A view query projects what is stored and not yet projected before it answers (DPE_PROJECTIONS=external:
        // it reads what `dpe project` has projected).
        readModels: (opened) => readModelsFor(opened, store),
      }),
    ],
  })
  class CliModule {}
  const app = await NestFactory.createApplicationContext(CliModule, { logger: false, abortOnError: false });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

export function storeOf(flag: string | undefined): string | undefined {
  return flag ?? process.env['DPE_STORE'];
}

/** The operating-system user running the in-process CLI, whom its events record as `cli:<user>`. */
export function osUser(): string {
  return process.env['USER'] ?? process.env['USERNAME'] ?? 'unknown';
}
