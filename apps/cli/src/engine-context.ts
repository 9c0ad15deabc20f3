import 'reflect-metadata';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EngineModule } from '@dpe/nest-engine';

/** The CLI runs commands through the same Nest CommandBus and handlers as the API, on the store DPE_STORE names. */
export async function withEngine<T>(store: string | undefined, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  @Module({ imports: [EngineModule.register({ store })] })
  class CliModule {}
  const app = await NestFactory.createApplicationContext(CliModule, { logger: false });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
