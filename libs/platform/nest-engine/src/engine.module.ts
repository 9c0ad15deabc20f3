import { type DynamicModule, Inject, Module, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { AnyCommandDeclaration, AnyQueryDeclaration, ReadModels } from '@dpe/decider';
import { openEventStore, type EventStore } from '@dpe/event-store';
import { ExecuteCommandHandler, RunQueryHandler } from './cqrs';
import { bearerAuthenticator, type KeyDirectory, type TokenVerifier } from './http/authenticate';
import { AUTHENTICATOR, DECLARATIONS, EVENT_STORE, READ_MODELS } from './tokens';

export interface Declarations {
  readonly commands: readonly AnyCommandDeclaration[];
  readonly queries: readonly AnyQueryDeclaration[];
}

export interface EngineOptions {
  /** DPE_STORE: sqlite:<path> (default sqlite:./data/dpe.db), memory:, or esdb://… / esdb+discover://… */
  readonly store?: string;
  /** Open for reads only: a missing SQLite file is an error, never created. */
  readonly readOnly?: boolean;
  readonly declarations: Declarations;
  /** How presented API keys are looked up in the store (the HTTP API needs it; the in-process CLI does not). */
  readonly keys?: (store: EventStore) => KeyDirectory;
  /** Verifier of council identity providers' bearer tokens, when any are configured. */
  readonly tokens?: TokenVerifier;
  /** The views' read models on the store (READ_MODELS), which the app's view queries read. */
  readonly readModels?: (store: EventStore) => ReadModels & { close(): Promise<void> };
}

/**
 * The Nest shell shared by the API and the CLI: one EventStore, the CommandBus and QueryBus with one generic handler
 * each. Every decision is made by the declared, pure deciders; this module knows no command by name.
 */
@Module({})
export class EngineModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(READ_MODELS) private readonly views?: ReadModels & { close(): Promise<void> },
  ) {}

  static register(options: EngineOptions): DynamicModule {
    return {
      module: EngineModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [
        // Read when the store opens, not when the module is defined, so a .env loaded by @nestjs/config applies.
        {
          provide: EVENT_STORE,
          useFactory: () =>
            openEventStore(options.store ?? process.env['DPE_STORE'], { mustExist: options.readOnly ?? false }),
        },
        { provide: DECLARATIONS, useValue: options.declarations },
        {
          provide: AUTHENTICATOR,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) =>
            bearerAuthenticator(options.keys?.(store) ?? { authenticate: async () => undefined }, options.tokens),
        },
        ExecuteCommandHandler,
        RunQueryHandler,
        ...(options.readModels
          ? [{ provide: READ_MODELS, inject: [EVENT_STORE], useFactory: options.readModels }]
          : []),
      ],
      exports: [EVENT_STORE, DECLARATIONS, AUTHENTICATOR, CqrsModule, ...(options.readModels ? [READ_MODELS] : [])],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    // The projections read the store: they stop first.
    await this.views?.close();
    await this.store.close();
  }
}
