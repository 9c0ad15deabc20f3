import {
  Controller,
  HttpCode,
  StreamableFile,
  Inject,
  Req,
  RequestMapping,
  RequestMethod,
  Res,
  type Type,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  londonNow,
  outcomeSchema,
  outcomeView,
  type AnyCommandDeclaration,
  type AnyQueryDeclaration,
  type CommandOutcome,
} from '@dpe/decider';
import { InvalidInput } from '@dpe/errors';
import { openApiSchema, toCsv, z } from '@dpe/schema';
import { ExecuteCommand, RunQuery } from '../cqrs';
import type { Declarations } from '../engine.module';
import { ENVELOPE_HEADERS, readEnvelope } from './envelope';
import { Policy, principalOf } from './access';

/** problem+json, as every error response is (RFC 9457). */
export const PROBLEM_SCHEMA = openApiSchema(
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe('Stable machine-readable code, e.g. recipient.already-enrolled'),
    instance: z.string(),
    issues: z
      .array(z.object({ path: z.string(), rule: z.string() }))
      .optional()
      .describe('Every bad field, for a 400'),
  }),
  'output',
);

const problem = (status: number, description: string) =>
  ApiResponse({ status, description, content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } } });

const camel = (name: string): string => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
const pascal = (name: string): string => camel(name).replace(/^[a-z]/, (c) => c.toUpperCase());

/** The :params of an Express-style path, in order. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z][A-Za-z0-9]*)/g)].map((m) => m[1]!);
}

type Decorate = (target: object, key: string, descriptor: PropertyDescriptor) => void;

/** Applies method decorators and the (request, response) parameter decorators to `handle`. */
function decorate(controller: Type, decorators: readonly Decorate[]): void {
  const descriptor = Object.getOwnPropertyDescriptor(controller.prototype, 'handle')!;
  for (const apply of decorators) apply(controller.prototype, 'handle', descriptor);
  Req()(controller.prototype, 'handle', 0);
  Res({ passthrough: true })(controller.prototype, 'handle', 1);
}

function schemaOfField(schema: z.ZodObject, field: string): Record<string, unknown> {
  const shape = schema.shape as Record<string, z.ZodType>;
  return shape[field] ? openApiSchema(shape[field]) : { type: 'string' };
}

/** Body fields and path params make the command's input; a body field that contradicts the path is refused. */
function commandInput(request: Request, params: readonly string[]): unknown {
  const body: unknown = request.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new InvalidInput('(body)', 'must be a JSON object');
  const input: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const name of params) {
    const value = request.params[name];
    if (input[name] !== undefined && input[name] !== value)
      throw new InvalidInput(name, `must match the ${name} in the path`);
    input[name] = value;
  }
  return input;
}

export function commandController(declaration: AnyCommandDeclaration): Type {
  const status = declaration.http.status ?? 201;
  const params = pathParams(declaration.http.path);

  @Controller()
  class DeclaredCommandController {
    constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

    async handle(request: Request, response: Response): Promise<unknown> {
      const envelope = readEnvelope(request);
      const outcome = await this.commands.execute<ExecuteCommand, CommandOutcome>(
        new ExecuteCommand(declaration, commandInput(request, params), envelope),
      );
      if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
      return outcomeView(outcome);
    }
  }
  Object.defineProperty(DeclaredCommandController, 'name', { value: `${pascal(declaration.name)}Controller` });

  const input = declaration.input as z.ZodObject;
  // Path params are part of the input but not of the body.
  // Built from the shape: zod refuses .omit() on an object with refinements, and a refinement has no OpenAPI form.
  const bodySchema = openApiSchema(
    params.length > 0
      ? z.strictObject(Object.fromEntries(Object.entries(input.shape).filter(([field]) => !params.includes(field))))
      : input,
  );
  decorate(DeclaredCommandController, [
    RequestMapping({ path: declaration.http.path, method: RequestMethod[declaration.http.method] }),
    Policy(declaration.policy),
    ApiBearerAuth(),
    HttpCode(status),
    ApiTags(declaration.stream.name),
    ApiOperation({ operationId: camel(declaration.name), summary: declaration.summary }),
    ApiBody({ schema: bodySchema }),
    ApiHeader({
      name: ENVELOPE_HEADERS.commandId,
      required: false,
      description:
        'Command id (1-128 visible ASCII characters); a repeat returns the first result, a reuse for a different request is refused with 422',
      schema: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7e]+$' },
    }),
    ApiHeader({
      name: ENVELOPE_HEADERS.correlationId,
      required: false,
      schema: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7e]+$' },
    }),
    ...params.map((name) => ApiParam({ name, required: true, schema: schemaOfField(input, name) })),
    ApiResponse({
      status,
      description: 'The events stored (or, on a repeated command id, stored before)',
      schema: openApiSchema(outcomeSchema(declaration.reply.schema), 'output'),
    }),
    problem(400, 'Invalid fields, every one named with its rule'),
    problem(401, 'No valid credentials'),
    problem(403, 'The credentials lack a role this route needs'),
    problem(429, 'Too many requests from these credentials'),
    problem(404, 'Something the command names does not exist'),
    problem(409, 'The command clashes with what is stored'),
    problem(413, 'The body is larger than 1 MB'),
    problem(415, 'The body is not JSON (UTF-8)'),
    problem(422, 'A business rule is broken, or the command id was used for a different request'),
  ]);
  return DeclaredCommandController;
}

/** "json or csv", "json, csv or pdf". */
const oneOf = (formats: readonly string[]): string =>
  `${formats.slice(0, -1).join(', ')} or ${formats[formats.length - 1]}`;

/** The formats a query answers in: json, csv and its documents. */
export const formatsOf = (declaration: AnyQueryDeclaration): string[] => [
  'json',
  'csv',
  ...Object.keys(declaration.representations ?? {}),
];

export function queryController(declaration: AnyQueryDeclaration): Type {
  const params = pathParams(declaration.http.path);

  @Controller()
  class DeclaredQueryController {
    constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

    async handle(request: Request, response: Response): Promise<unknown> {
      // `format` chooses the representation, not the answer: it is not one of the query's parameters.
      const { format, ...query } = request.query;
      const representation = typeof format === 'string' ? declaration.representations?.[format] : undefined;
      if (format !== undefined && format !== 'json' && format !== 'csv' && !representation) {
        throw new InvalidInput('format', `must be ${oneOf(formatsOf(declaration))}`, format);
      }
      const result: unknown = await this.queries.execute(
        new RunQuery(declaration, { ...query, ...request.params }, principalOf(request), londonNow()),
      );
      if (representation) {
        const body = await representation.render(result);
        return new StreamableFile(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, {
          type: representation.contentType,
          disposition: `attachment; filename="${representation.fileName(result).replace(/[^\w.-]/g, '_')}"`,
        });
      }
      if (format !== 'csv') return result;
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      return toCsv(Array.isArray(result) ? result : [result]);
    }
  }
  Object.defineProperty(DeclaredQueryController, 'name', { value: `${pascal(declaration.name)}Controller` });

  const shape = declaration.params.shape as Record<string, z.ZodType>;
  decorate(DeclaredQueryController, [
    RequestMapping({ path: declaration.http.path, method: RequestMethod.GET }),
    Policy(declaration.policy),
    ApiBearerAuth(),
    ApiTags(declaration.name.replace(/^[a-z]+-/, '')),
    ApiOperation({ operationId: camel(declaration.name), summary: declaration.summary }),
    ...Object.keys(shape).map((name) =>
      params.includes(name)
        ? ApiParam({ name, required: true, schema: schemaOfField(declaration.params, name) })
        : ApiQuery({
            name,
            required: !shape[name]!.safeParse(undefined).success,
            schema: schemaOfField(declaration.params, name),
          }),
    ),
    ApiQuery({
      name: 'format',
      required: false,
      description:
        "json (default) or csv: one line per item, nested fields with dots; a cell beginning with =, +, -, @ is prefixed with ' so a spreadsheet shows it as text" +
        (declaration.representations ? `; or a document: ${Object.keys(declaration.representations).join(', ')}` : ''),
      schema: { type: 'string', enum: formatsOf(declaration) },
    }),
    ApiResponse({
      status: 200,
      description: declaration.summary,
      schema: openApiSchema(declaration.response, 'output'),
    }),
    problem(400, 'Invalid parameters, every one named with its rule'),
    problem(401, 'No valid credentials'),
    problem(403, 'The credentials lack a role this route needs'),
    problem(429, 'Too many requests from these credentials'),
    problem(404, 'Not found'),
  ]);
  return DeclaredQueryController;
}

/** A controller per declared command and query: adding a declaration adds its route and its OpenAPI operation. */
export function declaredControllers(declarations: Declarations): Type[] {
  return [...declarations.commands.map(commandController), ...declarations.queries.map(queryController)];
}
