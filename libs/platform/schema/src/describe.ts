import { z } from 'zod';

const LENGTH_KEYWORDS = ['minLength', 'maxLength'] as const;

/**
 * A string checked, transformed and piped into a second string check (`text()`: refine → trim → min/max) is described on
 * input by its first stage only, so its length limits would be missing. Carry them over from the piped string: the
 * documented limit is the one the value is checked against (after trimming), which a client keeping to it always meets.
 */
function carryPipedLengths({
  zodSchema,
  jsonSchema,
}: {
  zodSchema: z.core.$ZodTypes;
  jsonSchema: z.core.JSONSchema.BaseSchema;
}): void {
  const def = zodSchema._zod.def;
  if (def.type !== 'pipe' || def.out._zod.def.type !== 'string' || jsonSchema.type !== 'string') return;
  const piped = z.toJSONSchema(def.out, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' });
  for (const keyword of LENGTH_KEYWORDS) {
    if (jsonSchema[keyword] === undefined && piped[keyword] !== undefined) jsonSchema[keyword] = piped[keyword];
  }
}

/** OpenAPI 3.0 schema of a zod schema, with the limits its validation enforces (lengths, patterns, enums). */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
    ...(io === 'input' ? { override: carryPipedLengths } : {}),
  }) as Record<string, unknown>;
  delete json['$schema'];
  return json;
}

/** One leaf field of an object schema, as a command line or a form shows it. */
export interface FieldSpec {
  /** Dotted path in the input, e.g. "representative.name". */
  readonly path: string;
  /** Kebab-case flag, e.g. "--representative-name". */
  readonly flag: string;
  readonly description?: string;
  readonly required: boolean;
  /** list: comma-separated values; json: a list of objects (shifts, employments), written as JSON. */
  readonly kind: 'text' | 'boolean' | 'number' | 'list' | 'json';
  readonly values?: readonly string[];
}

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The leaf fields of an object schema, nested objects flattened ("representative.name" → --representative-name), read
 * from its JSON Schema so that every flag has the same name, description and allowed values as the API field.
 */
export function fieldsOf(schema: z.ZodType): FieldSpec[] {
  const root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const out: FieldSpec[] = [];
  walk(root, [], true, out);
  return out;
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  description?: string;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
}

function walk(node: JsonSchema, path: string[], required: boolean, out: FieldSpec[]): void {
  const variant = node.anyOf?.find((option) => option.type !== 'null') ?? node;
  if (variant.type === 'object' && variant.properties) {
    for (const [name, child] of Object.entries(variant.properties)) {
      walk(child, [...path, name], required && (variant.required ?? []).includes(name), out);
    }
    return;
  }
  const kind =
    variant.type === 'boolean'
      ? 'boolean'
      : variant.type === 'array'
        ? (variant.items?.anyOf?.find((option) => option.type !== 'null') ?? variant.items)?.type === 'object'
          ? 'json'
          : 'list'
        : variant.type === 'number' || variant.type === 'integer'
          ? 'number'
          : 'text';
  out.push({
    path: path.join('.'),
    flag: `--${path.map(kebab).join('-')}`,
    ...((node.description ?? variant.description) ? { description: node.description ?? variant.description } : {}),
    required,
    kind,
    ...(variant.enum ? { values: variant.enum.map(String) } : {}),
  });
}
