import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EdgeError, InvalidInput, describeError, type ErrorKind, type Problem } from '@dpe/errors';

// Nest's own exceptions (an unknown route, a method not allowed) join the one catalogue by their status.
const KIND_OF_STATUS: Readonly<Record<number, ErrorKind>> = {
  400: 'invalid-input',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'rule',
  429: 'rate-limited',
};

function fromHttpException(error: HttpException): unknown {
  // A request Nest itself could not read (an undecodable path) is the client's input, named as such.
  if (error.getStatus() === 400) return new InvalidInput('(request)', error.message);
  const kind = KIND_OF_STATUS[error.getStatus()];
  return kind ? new EdgeError(kind, `http.${error.getStatus()}`, error.message) : error;
}

const logger = new Logger('Problem');

/** Sends a problem+json response for any error, logging only what is a defect (5xx), and never the request body. */
export function sendProblem(response: Response, instance: string, error: unknown): void {
  const described = describeError(error instanceof HttpException ? fromHttpException(error) : error);
  if (described.status >= 500) logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  const { kind: _kind, exitCode: _exitCode, ...problem } = described;
  const body: Problem & { instance: string } = { ...problem, instance };
  response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}

/** RFC 9457 problem details for every error, from the one catalogue in @dpe/errors. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(http.getResponse<Response>(), http.getRequest<Request>().originalUrl, error);
  }
}
