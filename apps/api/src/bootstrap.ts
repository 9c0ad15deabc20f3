import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { appModule } from './app.module';
import { ProblemDetailsFilter } from './problem-details.filter';

/** Builds the HTTP application; main.ts listens, tests use it in-process. */
export async function createApi(options: { store?: string } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(appModule(options.store), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  const config = new DocumentBuilder()
    .setTitle('Direct Payments engine')
    .setDescription('Payroll and payments for Direct Payment recipients who employ Personal Assistants')
    .setVersion('0.1.0')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config));
  return app;
}
