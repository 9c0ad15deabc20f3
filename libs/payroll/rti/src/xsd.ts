import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { schemaPath } from './tax-years';

export interface SchemaCheck {
  readonly valid: boolean;
  /** One a breach: the line, and libxml2's message naming the element and the rule it broke. */
  readonly errors: readonly string[];
}

const schemas = new Map<string, string>();

interface Waiting {
  readonly irEnvelope: string;
  readonly resolve: (check: SchemaCheck) => void;
  readonly reject: (error: unknown) => void;
}

/** Documents waiting for the same schema, checked together: one libxml2 run per batch. */
const queues = new Map<string, Waiting[]>();
const BATCH = 64;

const schemaOf = (path: string): string => {
  let schema = schemas.get(path);
  if (schema === undefined) schemas.set(path, (schema = readFileSync(path, 'utf8')));
  return schema;
};

const describe = (error: { loc: { lineNumber: number } | null; message: string }): string =>
  error.loc ? `line ${error.loc.lineNumber}: ${error.message.trim()}` : error.message.trim();

async function validateBatch(path: string, batch: readonly Waiting[]): Promise<void> {
  const result = await validateXML({
    xml: batch.map((each, index) => ({ fileName: `doc-${index}.xml`, contents: each.irEnvelope })),
    schema: [{ fileName: path.split('/').pop()!, contents: schemaOf(path) }],
  });
  // An error libxml2 did not place in a file cannot be given to one document: check each alone.
  if (batch.length > 1 && result.errors.some((error) => !error.loc)) {
    for (const each of batch) await validateBatch(path, [each]);
    return;
  }
  batch.forEach((each, index) => {
    const errors = result.errors.filter((error) => !error.loc || error.loc.fileName === `doc-${index}.xml`);
    each.resolve({ valid: errors.length === 0, errors: errors.map(describe) });
  });
}

function flush(path: string): void {
  const waiting = queues.get(path) ?? [];
  queues.delete(path);
  for (let from = 0; from < waiting.length; from += BATCH) {
    const batch = waiting.slice(from, from + BATCH);
    validateBatch(path, batch).catch((error: unknown) => batch.forEach((each) => each.reject(error)));
  }
}

/**
 * Validates an IRenvelope against HMRC's schema for its tax year with libxml2's xmllint (the xmllint-wasm package,
 * libxml2 2.13 compiled to WebAssembly), so that the check runs the same on every machine, with no system package.
 * Each run of xmllint-wasm starts a WebAssembly instance (about 150 ms on these machines) and a document takes a few ms
 * more, so the documents asked for in the same turn of the event loop (a bureau pay day prepares many FPSs at once)
 * are checked in one run, and each gets its own errors back.
 */
export function checkAgainstSchema(irEnvelope: string, taxYear: string, message: 'fps' | 'eps'): Promise<SchemaCheck> {
  const path = schemaPath(taxYear, message);
  return new Promise<SchemaCheck>((resolve, reject) => {
    const waiting = queues.get(path);
    if (waiting) waiting.push({ irEnvelope, resolve, reject });
    else {
      queues.set(path, [{ irEnvelope, resolve, reject }]);
      setImmediate(() => flush(path));
    }
  });
}
