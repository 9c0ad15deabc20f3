import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { COMMANDS, QUERIES } from '@dpe/catalogue';
import { DP_ACCOUNT_TYPES, enrolRecipient } from '@dpe/recipients';
import { PUBLIC } from '@dpe/access';
import { nestRoutes } from '../test/routes';
import { createApi } from './bootstrap';

// The OpenAPI document is the contract clients generate code from: it must be valid OpenAPI, describe every declared
// route, and carry the limits the validation enforces, so a client keeping to the document is never refused a field.

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
}
interface MediaType {
  schema?: Schema;
}
interface Response {
  description?: string;
  content?: Record<string, MediaType>;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  responses?: Record<string, Response>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  security?: Record<string, string[]>[];
  components?: { securitySchemes?: Record<string, { type?: string; scheme?: string }> };
}

/** A valid POST /recipients body (the council must also be registered, which the document cannot say). */
const ENROL = { councilId: 'kent', recipientType: 'adult', name: 'Alex Morgan', accountType: 'managed-account' };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const REPO_ROOT = resolve(__dirname, '../../..');

/**
 * Runs @apidevtools/swagger-parser in a child Node process: its dependency json-schema-ref-parser is ESM-only, which
 * jest's CommonJS module loader cannot require, while plain Node (>= 20.19) can. The document goes over stdin, so the
 * validator sees its own copy, as `SwaggerParser.validate(structuredClone(doc))` would.
 */
function validateWithSwaggerParser(doc: Document): Promise<{ ok: true } | { ok: false; errors: string }> {
  const script = `
    const SwaggerParser = require('@apidevtools/swagger-parser');
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => (text += chunk));
    process.stdin.on('end', () => {
      SwaggerParser.validate(JSON.parse(text)).then(
        () => process.stdout.write('valid'),
        (error) => { process.stdout.write(String(error && error.message || error)); process.exitCode = 1; },
      );
    });`;
  return new Promise((done, fail) => {
    const child = execFile(
      process.execPath,
      ['-e', script],
      { cwd: REPO_ROOT, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (!error && stdout === 'valid') return done({ ok: true });
        if (error && error.code === 1 && stdout) return done({ ok: false, errors: stdout });
        fail(new Error(`swagger-parser could not be run: ${error?.message ?? ''}\n${stderr}`));
      },
    );
    child.stdin!.end(JSON.stringify(doc));
  });
}

/** Every operation in the document, with its path and method. */
function operations(doc: Document): { path: string; method: string; operation: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ path, method, operation })),
  );
}

/** An Express-style path (`/recipients/:recipientId`) as OpenAPI writes it (`/recipients/{recipientId}`). */
const openApiPath = (path: string): string => path.replace(/:([A-Za-z][A-Za-z0-9]*)/g, '{$1}');

describe('OpenAPI document at /docs-json', () => {
  let dir: string;
  let app: INestApplication;
  let doc: Document;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dpe-openapi-'));
    app = await createApi({ store: `sqlite:${join(dir, 'dpe.db')}` });
    await app.init();
    const res = await request(app.getHttpServer()).get('/docs-json').expect(200);
    doc = res.body as Document;
  });

  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is a valid OpenAPI 3.0 document (swagger-parser)', async () => {
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(await validateWithSwaggerParser(structuredClone(doc))).toEqual({ ok: true });
  });

  it('gives every operation a unique operationId', () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(0);
    expect(
      ops
        .filter(({ operation }) => !operation.operationId)
        .map(({ method, path }) => `${method.toUpperCase()} ${path}`),
    ).toEqual([]);
    const ids = ops.map(({ operation }) => operation.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('gives every POST, PUT and PATCH operation a JSON request body with a schema', () => {
    const missing = operations(doc)
      .filter(({ method }) => ['post', 'put', 'patch'].includes(method))
      .filter(({ operation }) => operation.requestBody?.content?.['application/json']?.schema === undefined)
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(missing).toEqual([]);
  });

  it('gives every operation a 2xx response with an application/json schema', () => {
    const missing = operations(doc)
      .filter(
        ({ operation }) =>
          !Object.entries(operation.responses ?? {}).some(
            ([status, response]) =>
              /^2\d\d$/.test(status) && response.content?.['application/json']?.schema !== undefined,
          ),
      )
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(missing).toEqual([]);
  });

  it('describes every error response as application/problem+json, and only that', () => {
    const wrong: string[] = [];
    for (const { method, path, operation } of operations(doc)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!/^[45]/.test(status)) continue;
        const types = Object.keys(response.content ?? {});
        if (
          types.length !== 1 ||
          types[0] !== 'application/problem+json' ||
          !response.content!['application/problem+json']!.schema
        ) {
          wrong.push(`${method.toUpperCase()} ${path} ${status}: ${types.join(', ') || '(no content)'}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // The problem schema names the RFC 9457 members every error carries.
    const problem = doc.paths['/recipients']!['post']!.responses!['400']!.content!['application/problem+json']!.schema!;
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']));
  });

  it('documents every declared command and query at its route, with its path parameters', () => {
    const declared = [
      ...COMMANDS.map((command) => ({
        name: command.name,
        method: command.http.method.toLowerCase(),
        path: command.http.path,
      })),
      ...QUERIES.map((query) => ({ name: query.name, method: 'get', path: query.http.path })),
    ];
    for (const { name, method, path } of declared) {
      const operation = doc.paths[openApiPath(path)]?.[method];
      expect({ name, documented: operation !== undefined }).toEqual({ name, documented: true });
      const params = [...path.matchAll(/:([A-Za-z][A-Za-z0-9]*)/g)].map((m) => m[1]!);
      for (const param of params) {
        const documented = operation!.parameters?.find((p) => p.name === param && p.in === 'path');
        expect({ name, param, documented }).toEqual({
          name,
          param,
          documented: expect.objectContaining({ required: true, schema: expect.objectContaining({ type: 'string' }) }),
        });
      }
    }
  });

  describe('POST /recipients request schema carries the limits the validation enforces', () => {
    let body: Schema;
    let fields: Record<string, Schema>;

    beforeAll(() => {
      body = doc.paths['/recipients']!['post']!.requestBody!.content!['application/json']!.schema!;
      fields = body.properties!;
    });

    it('refuses unknown fields (additionalProperties: false) and names the required ones', () => {
      expect(body.type).toBe('object');
      expect(body.additionalProperties).toBe(false);
      expect(body.required).toEqual(expect.arrayContaining(['councilId', 'recipientType', 'name', 'accountType']));
      expect(body.required).not.toContain('recipientId');
      expect(fields['representative']).toMatchObject({
        type: 'object',
        additionalProperties: false,
        required: expect.arrayContaining(['name', 'role']),
      });
    });

    it('bounds the text fields (name, representative.name) at 200 characters', () => {
      expect(fields['name']).toMatchObject({ type: 'string', maxLength: 200 });
      expect(fields['representative']!.properties!['name']).toMatchObject({ type: 'string', maxLength: 200 });
    });

    it('gives councilId the identifier shape (64 characters, the identifier pattern), not free text', () => {
      const councilId = fields['councilId']!;
      expect(councilId).toMatchObject({ type: 'string', maxLength: 64, pattern: expect.any(String) });
      expect(fields['council']).toBeUndefined();
      const pattern = new RegExp(councilId.pattern!);
      // Case does not matter: the validation lowercases, so the document accepts either case.
      expect(
        ['kent', 'Kent', 'north-yorkshire', 'n_yorks_2', 'a'.repeat(64)].filter((id) => !pattern.test(id)),
      ).toEqual([]);
      expect(
        ['', 'Kent County Council', '-kent', '_kent', 'kent/1', 'a'.repeat(65), 'kent\u0000'].filter((id) =>
          pattern.test(id),
        ),
      ).toEqual([]);
      expect(enrolRecipient.input.parse({ ...ENROL, councilId: 'KENT' })).toMatchObject({ councilId: 'kent' });
    });

    it('bounds recipientId at 64 characters with the identifier pattern', () => {
      const recipientId = fields['recipientId']!;
      expect(recipientId).toMatchObject({ type: 'string', maxLength: 64, pattern: expect.any(String) });
      const pattern = new RegExp(recipientId.pattern!);
      expect(['r-2001', 'R_1', 'a'.repeat(64)].filter((id) => !pattern.test(id))).toEqual([]);
      expect(['', '-r', '_r', 'r 1', 'r/1', 'a'.repeat(65), 'r\u0000'].filter((id) => pattern.test(id))).toEqual([]);
    });

    it('lists the account types, recipient types and roles as enums', () => {
      expect(fields['accountType']).toMatchObject({ type: 'string' });
      expect(fields['accountType']!.enum).toEqual([...DP_ACCOUNT_TYPES]);
      expect(fields['recipientType']!.enum).toEqual(
        expect.arrayContaining(['adult', 'carer', 'parent-of-disabled-child']),
      );
      expect(fields['representative']!.properties!['role']!.enum).toEqual(
        expect.arrayContaining(['representative', 'suitable-person']),
      );
    });

    it('gives enrolledOn a date pattern or format', () => {
      const enrolledOn = fields['enrolledOn']!;
      expect(enrolledOn.type).toBe('string');
      if (enrolledOn.format !== undefined) expect(enrolledOn.format).toBe('date');
      else {
        expect(enrolledOn.pattern).toEqual(expect.any(String));
        const pattern = new RegExp(enrolledOn.pattern!);
        expect(pattern.test('2026-05-01')).toBe(true);
        expect(['2026-5-1', '01/05/2026', '2026-05-01T00:00:00Z', ''].filter((d) => pattern.test(d))).toEqual([]);
      }
    });

    it('documents no limit looser than the validation: one character past each maxLength, or a value outside an enum, is refused', () => {
      const base = ENROL;
      expect(enrolRecipient.input.safeParse(base).success).toBe(true);
      const accepted: string[] = [];
      for (const [field, schema] of Object.entries(fields)) {
        if (
          schema.maxLength !== undefined &&
          enrolRecipient.input.safeParse({ ...base, [field]: 'a'.repeat(schema.maxLength + 1) }).success
        )
          accepted.push(`${field} longer than ${schema.maxLength}`);
        if (
          schema.enum !== undefined &&
          enrolRecipient.input.safeParse({ ...base, [field]: 'not-in-the-enum' }).success
        )
          accepted.push(`${field} outside its enum`);
        if (
          schema.pattern !== undefined &&
          enrolRecipient.input.safeParse({ ...base, [field]: '-not the pattern-' }).success
        )
          accepted.push(`${field} outside its pattern`);
      }
      expect(accepted).toEqual([]);
    });
  });

  it('declares bearer authentication, and requires it of every operation but the public ones', () => {
    const schemes = doc.components?.securitySchemes ?? {};
    const bearer = Object.entries(schemes)
      .filter(([, scheme]) => scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer')
      .map(([name]) => name);
    expect(bearer).toHaveLength(1);
    // Which routes are public comes from the routes' declared policies, not from this spec.
    const publicRoutes = new Set(
      nestRoutes(app)
        .filter((route) => route.policy === PUBLIC)
        .map((route) => route.route.replace(/^(\w+) /, (_m, method: string) => `${method.toLowerCase()} `)),
    );
    const wrong: string[] = [];
    for (const { method, path, operation } of operations(doc)) {
      const expressPath = path.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, ':$1');
      const security = operation.security ?? doc.security ?? [];
      const requiresBearer =
        security.length > 0 && security.every((requirement) => Object.keys(requirement).includes(bearer[0]!));
      if (publicRoutes.has(`${method} ${expressPath}`)) {
        if (security.length > 0) wrong.push(`${method.toUpperCase()} ${path} is public but documents security`);
      } else if (!requiresBearer) wrong.push(`${method.toUpperCase()} ${path} does not require ${bearer[0]}`);
    }
    expect(wrong).toEqual([]);
    expect(publicRoutes.size).toBeGreaterThan(0);
  });

  it('documents 401, 403 and 429 problems on every authenticated operation', () => {
    const missing = operations(doc)
      .filter(({ operation }) => (operation.security ?? []).length > 0)
      .flatMap(({ method, path, operation }) =>
        ['401', '403', '429']
          .filter(
            (status) => operation.responses?.[status]?.content?.['application/problem+json']?.schema === undefined,
          )
          .map((status) => `${method.toUpperCase()} ${path} ${status}`),
      );
    expect(missing).toEqual([]);
  });

  it('documents GET /recipients/{recipientId} with a path parameter schema', () => {
    const operation = doc.paths['/recipients/{recipientId}']?.['get'];
    expect(operation).toBeDefined();
    const param = operation!.parameters!.find((p) => p.name === 'recipientId');
    expect(param).toMatchObject({
      in: 'path',
      required: true,
      schema: { type: 'string', maxLength: 64, pattern: expect.any(String) },
    });
    expect(operation!.responses!['200']!.content!['application/json']!.schema).toMatchObject({ type: 'object' });
    expect(operation!.responses!['404']!.content).toHaveProperty(['application/problem+json']);
  });
});
