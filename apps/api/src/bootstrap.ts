import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ProblemFilter, jsonBodyOnly } from '@dpe/nest-engine';
import { appModule } from './app.module';

export function openApiConfig(): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setTitle('Direct Payments engine')
    .setDescription('Payroll and payments for Direct Payment recipients who employ Personal Assistants')
    .setVersion('0.1.0')
    .build();
}

/** Builds the HTTP application; main.ts listens, tests use it in-process. */
export async function createApi(options: { store?: string } = {}): Promise<INestApplication> {
  // Nest's own body parsers are off: the API accepts JSON only, through jsonBodyOnly, which maps every parser failure.
  const app = await NestFactory.create<NestExpressApplication>(appModule(options.store), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(jsonBodyOnly());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApiConfig()));
  return app;
}
