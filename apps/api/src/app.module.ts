import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { COMMANDS, QUERIES } from '@dpe/catalogue';
import { EngineModule, declaredControllers } from '@dpe/nest-engine';
import { HealthController } from './health.controller';

/** The HTTP application; `store` overrides DPE_STORE (tests use a temporary database). */
export function appModule(store?: string) {
  const declarations = { commands: COMMANDS, queries: QUERIES };
  @Module({
    imports: [
      ConfigModule.forRoot({ isGlobal: true }),
      LoggerModule.forRoot({
        pinoHttp: {
          level: process.env['LOG_LEVEL'] ?? (process.env['NODE_ENV'] === 'test' ? 'silent' : 'info'),
          // Method, URL and status are enough to trace a request; headers can carry credentials and bodies personal data.
          serializers: {
            req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        },
      }),
      EngineModule.register({ store, declarations }),
    ],
    controllers: [HealthController, ...declaredControllers(declarations)],
  })
  class AppModule {}
  return AppModule;
}
