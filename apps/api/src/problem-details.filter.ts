import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, InvalidCommand } from '@dpe/decider';
import { ConcurrencyError } from '@dpe/event-store';
import { InvalidInput } from '@dpe/errors';

/** RFC 9457 problem details: every error the API returns has a type, a title, a status and a detail. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly code?: string;
  readonly errors?: readonly { field: string; rule: string }[];
}

const DOMAIN_STATUS = { conflict: 409, rule: 422, 'not-found': 404 } as const;

export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof InvalidCommand) {
    return {
      type: 'urn:dpe:problem:invalid-command',
      title: 'The request has invalid fields',
      status: 400,
      detail: error.errors.map((e) => `${e.field}: ${e.rule}`).join('; '),
      errors: error.errors,
    };
  }
  if (error instanceof InvalidInput) {
    return {
      type: 'urn:dpe:problem:invalid-command',
      title: 'The request has invalid fields',
      status: 400,
      detail: error.message,
      errors: [{ field: error.field, rule: error.rule }],
    };
  }
  if (error instanceof DomainError) {
    return {
      type: `urn:dpe:problem:${error.code}`,
      title: error.kind === 'conflict' ? 'Conflict' : error.kind === 'not-found' ? 'Not found' : 'Business rule broken',
      status: DOMAIN_STATUS[error.kind],
      detail: error.message,
      code: error.code,
    };
  }
  if (error instanceof ConcurrencyError) {
    return {
      type: 'urn:dpe:problem:concurrency',
      title: 'Conflict',
      status: 409,
      detail: `${error.message}; the stream kept changing while the command was retried, try again`,
      code: 'store.concurrency',
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const message =
      typeof body === 'object' && body !== null && 'message' in body ? String((body as { message: unknown }).message) : error.message;
    return { type: 'about:blank', title: error.name, status, detail: message };
  }
  return { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'an unexpected error occurred; it has been logged' };
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = { ...toProblem(error), instance: request.originalUrl };
    if (problem.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}
