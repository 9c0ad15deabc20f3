import 'reflect-metadata';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  const app = await createApi();
  const port = Number(process.env['PORT'] ?? 3000);
  await app.listen(port);
  const store = process.env['DPE_STORE'] || 'sqlite:./data/dpe.db';
  // A plain line as well as the structured log, so a person starting it sees where to go.
  process.stdout.write(`dpe api listening on http://localhost:${port} (store ${store}); docs at /docs, health at /health\n`);
}

void main();
