import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { openEventStore, type EventStore } from '@dpe/event-store';
import { EnrolRecipientHandler, GetRecipientHandler } from './recipients.cqrs';
import { EVENT_STORE } from './tokens';

export interface EngineOptions {
  /** DPE_STORE: sqlite:<path> (default sqlite:./data/dpe.db), memory:, or esdb://… / esdb+discover://… */
  readonly store?: string;
}

/**
 * The Nest shell shared by the API and the CLI: one EventStore, the CommandBus and its handlers.
 * Handlers only translate; every decision is made by the pure deciders in the domain libraries.
 */
@Module({})
export class EngineModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static register(options: EngineOptions = {}): DynamicModule {
    return {
      module: EngineModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [
        // Read when the store opens, not when the module is defined, so a .env loaded by @nestjs/config applies.
        { provide: EVENT_STORE, useFactory: () => openEventStore(options.store ?? process.env['DPE_STORE']) },
        EnrolRecipientHandler,
        GetRecipientHandler,
      ],
      exports: [EVENT_STORE, CqrsModule],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
