import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  const app = await createApi();
  const config = app.get(ConfigService);
  const port = Number(config.get<string>('PORT') ?? 3000);
  await app.listen(port);
  const store = config.get<string>('DPE_STORE') || 'sqlite:./data/dpe.db';
  // A plain line as well as the structured log, so a person starting it sees where to go.
  process.stdout.write(`dpe api listening on http://localhost:${port} (store ${store}); docs at /docs, health at /health\n`);
}

void main();
