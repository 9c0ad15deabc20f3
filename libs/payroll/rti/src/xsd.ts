import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { schemaPath } from './tax-years';

export interface SchemaCheck {
  readonly valid: boolean;
  /** One a breach: the line, and libxml2's message naming the element and the rule it broke. */
  readonly errors: readonly string[];
}

const schemas = new Map<string, string>();

/**
 * Validates an IRenvelope against HMRC's schema for its tax year with libxml2's xmllint (the xmllint-wasm package,
 * libxml2 2.13 compiled to WebAssembly), so that the check runs the same on every machine, with no system package.
 */
export async function checkAgainstSchema(
  irEnvelope: string,
  taxYear: string,
  message: 'fps' | 'eps',
): Promise<SchemaCheck> {
  const path = schemaPath(taxYear, message);
  let schema = schemas.get(path);
  if (schema === undefined) schemas.set(path, (schema = readFileSync(path, 'utf8')));
  const result = await validateXML({
    xml: [{ fileName: `${message}.xml`, contents: irEnvelope }],
    schema: [{ fileName: path.split('/').pop()!, contents: schema }],
  });
  return {
    valid: result.valid,
    errors: result.errors.map((error) =>
      error.loc ? `line ${error.loc.lineNumber}: ${error.message.trim()}` : error.message.trim(),
    ),
  };
}
