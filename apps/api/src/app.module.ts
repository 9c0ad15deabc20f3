import { Module, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ConfigModule } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ApiKeyDirectory } from '@dpe/api-keys';
import { COMMANDS, QUERIES } from '@dpe/catalogue';
import { readModelsFor, VIEW_QUERIES } from '@dpe/view-catalogue';
import {
  AccessGuard,
  CredentialThrottlerGuard,
  EngineModule,
  declaredControllers,
  type TokenVerifier,
} from '@dpe/nest-engine';
import { HealthController } from './health.controller';
import { ViewsLifecycle } from './views';

export interface ApiOptions {
  /** Overrides DPE_STORE (tests use a temporary database). */
  readonly store?: string;
  /** Verifier of council identity providers' tokens (from DPE_OIDC_ISSUERS, or a test's own). */
  readonly tokens?: TokenVerifier;
  /** Requests per minute per credential; default DPE_RATE_LIMIT or 600. */
  readonly rateLimitPerMinute?: number;
  /** Where logs go (tests capture them); default stdout. */
  readonly logStream?: DestinationStream;
  /** More controllers (the route-policy spec adds one without a policy, to show it is unreachable). */
  readonly extraControllers?: readonly Type[];
}

// Credentials and cookies never reach a log line, even if a serializer is changed to include headers.
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'req.body',
  'res.headers["set-cookie"]',
];

/** The HTTP application. */
export function appModule(options: ApiOptions = {}) {
  const declarations = { commands: COMMANDS, queries: [...QUERIES, ...VIEW_QUERIES] };
  const level = process.env['LOG_LEVEL'] ?? (process.env['NODE_ENV'] === 'test' ? 'silent' : 'info');
  const pinoOptions = {
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    // Method, path and status are enough to trace a request: headers carry credentials, bodies personal data.
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
  @Module({
    imports: [
      ConfigModule.forRoot({ isGlobal: true }),
      LoggerModule.forRoot({ pinoHttp: options.logStream ? [pinoOptions, options.logStream] : pinoOptions }),
      ThrottlerModule.forRoot([
        { ttl: 60_000, limit: options.rateLimitPerMinute ?? Number(process.env['DPE_RATE_LIMIT'] ?? 600) },
      ]),
      EngineModule.register({
        store: options.store,
        declarations,
        keys: (store) => new ApiKeyDirectory(store),
        tokens: options.tokens,
        readModels: (store) => readModelsFor(store, options.store),
      }),
    ],
    controllers: [HealthController, ...declaredControllers(declarations), ...(options.extraControllers ?? [])],
    // Order matters: count the request against its credential first, then authenticate and check the policy.
    providers: [
      { provide: APP_GUARD, useClass: CredentialThrottlerGuard },
      { provide: APP_GUARD, useClass: AccessGuard },
      ViewsLifecycle,
    ],
  })
  class AppModule {}
  return AppModule;
}
