import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import { createApi } from './bootstrap';
import { issueFirstKey } from './first-key';

async function main(): Promise<void> {
  const app = await createApi();
  const config = app.get(ConfigService);
  const port = Number(config.get<string>('PORT') ?? 3000);
  // Loopback by default: the embedded engine is for this machine until a deployment sets HOST (e.g. 0.0.0.0 behind TLS).
  const host = config.get<string>('HOST') || '127.0.0.1';
  await app.listen(port, host);
  const store = config.get<string>('DPE_STORE') || 'sqlite:./data/dpe.db';
  // Plain lines as well as the structured log, so a person starting it sees where to go.
  process.stdout.write(
    `dpe api listening on http://${host}:${port} (store ${store}); docs at /docs, health at /health\n`,
  );
  const key = await issueFirstKey(app);
  if (key) {
    process.stdout.write(
      `\nFirst start: a bureau-admin API key was issued. It is shown once, now, and stored only as a hash:\n\n  ${key}\n\n` +
        `Send it as "Authorization: Bearer <key>". More keys: npx dpe keys create --integration <name> --roles payroll-operator --councils <council id>\n\n`,
    );
  }
}

void main();
