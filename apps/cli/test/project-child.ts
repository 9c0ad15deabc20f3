// A projecting process for the kill test: catches up the catalogue's projections from the store into the read model,
// a few events per transaction, printing each committed position, then exits.
//   node libs/platform/event-store/test/run-ts.js apps/cli/test/project-child.ts <store file> <views file> <page size>
import { openSqliteEventStore } from '@dpe/event-store';
import { Projector } from '@dpe/projector';
import { PROJECTIONS } from '@dpe/view-catalogue';

async function main(): Promise<void> {
  const [storeFile, viewsFile, pageSize] = process.argv.slice(2);
  const store = await openSqliteEventStore(storeFile!);
  const projector = new Projector(store, viewsFile!, PROJECTIONS, {
    pageSize: Number(pageSize),
    onProgress: ({ position }) => process.stdout.write(`committed ${position}\n`),
  });
  await projector.catchUp();
  await projector.close();
  await store.close();
  process.stdout.write('done\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
