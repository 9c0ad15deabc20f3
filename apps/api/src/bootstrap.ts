import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { ProblemFilter, jsonBodyOnly } from '@dpe/nest-engine';
import { appModule, type ApiOptions } from './app.module';
import { tokenVerifierFromEnvironment } from './oidc-config';

export function openApiConfig(): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setTitle('Direct Payments engine')
    .setDescription(
      'Payroll and payments for Direct Payment recipients who employ Personal Assistants. Every route but /health needs ' +
        '`Authorization: Bearer <API key or council identity-provider token>`; see docs/security.md.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      description: 'An API key (dpe_…) or a JWT from a configured council identity provider',
    })
    .build();
}

/** Origins allowed to call the API from a browser (DPE_CORS_ORIGINS, comma-separated); none by default. */
function corsOrigins(): string[] {
  return (process.env['DPE_CORS_ORIGINS'] ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}

/** Builds the HTTP application; main.ts listens, tests use it in-process. */
export async function createApi(options: ApiOptions = {}): Promise<INestApplication> {
  const tokens = options.tokens ?? (await tokenVerifierFromEnvironment());
  // Nest's own body parsers are off: the API accepts JSON only, through jsonBodyOnly, which maps every parser failure.
  const app = await NestFactory.create<NestExpressApplication>(appModule({ ...options, tokens }), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(helmet());
  const origins = corsOrigins();
  // With no origin configured no CORS header is ever sent, so a browser on a foreign page cannot read or preflight.
  if (origins.length > 0)
    app.enableCors({
      origin: origins,
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Correlation-Id'],
    });
  app.use(jsonBodyOnly());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApiConfig()));
  return app;
}
