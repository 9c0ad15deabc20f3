import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { EngineModule } from '@dpe/nest-engine';
import { HealthController } from './health.controller';
import { RecipientsController } from './recipients.controller';

/** The HTTP application; `store` overrides DPE_STORE (tests use a temporary database). */
export function appModule(store?: string) {
  @Module({
    imports: [
      ConfigModule.forRoot({ isGlobal: true }),
      LoggerModule.forRoot({
        pinoHttp: { level: process.env['LOG_LEVEL'] ?? (process.env['NODE_ENV'] === 'test' ? 'silent' : 'info') },
      }),
      EngineModule.register({ store }),
    ],
    controllers: [HealthController, RecipientsController],
  })
  class AppModule {}
  return AppModule;
}
