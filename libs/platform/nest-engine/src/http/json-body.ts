import { json } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { EdgeError, InvalidInput } from '@dpe/errors';
import { sendProblem } from './problem';

/** Largest accepted request body; a command is a few hundred bytes, a batch belongs in `dpe apply`. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Malformed UTF-8 is refused, not silently turned into U+FFFD and stored (RFC 8259 §8.1: JSON is UTF-8). */
function verifyUtf8(_request: unknown, _response: unknown, body: Buffer): void {
  strictUtf8.decode(body);
}

const parser = json({ limit: BODY_LIMIT_BYTES, strict: true, type: () => true, verify: verifyUtf8 });

/** What a body-parser failure means to the client; body-parser marks each with a `type`. */
function bodyError(error: { type?: string; message?: string; status?: number }): unknown {
  switch (error.type) {
    case 'entity.too.large':
      return new EdgeError(
        'payload-too-large',
        'body.too-large',
        `the request body is larger than ${BODY_LIMIT_BYTES} bytes`,
      );
    case 'encoding.unsupported':
      return new EdgeError(
        'unsupported-media-type',
        'body.encoding-unsupported',
        `${error.message ?? 'unsupported content encoding'}; send identity, gzip, deflate or br`,
      );
    case 'charset.unsupported':
      return new EdgeError(
        'unsupported-media-type',
        'body.charset-unsupported',
        `${error.message ?? 'unsupported charset'}; send UTF-8`,
      );
    case 'entity.verify.failed':
      return new InvalidInput('(body)', 'is not valid UTF-8');
    case 'entity.parse.failed':
      return new InvalidInput('(body)', `is not valid JSON: ${error.message ?? 'parse error'}`);
    default:
      // Aborted or truncated uploads, a bad gzip stream, a wrong Content-Length: all the client's doing.
      if (error.status !== undefined && error.status >= 400 && error.status < 500) {
        return new InvalidInput('(body)', `could not be read: ${error.message ?? 'bad request body'}`);
      }
      return error;
  }
}

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

function hasBody(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

/**
 * The API speaks JSON only: a body in any other content type (a form post, text/plain, XML) or charset gets 415 before
 * it is read, so a foreign web page cannot submit a form to it and a typo in a client is named, not half-parsed. Every
 * parser failure becomes a problem+json 4xx, never a 500.
 */
export function jsonBodyOnly(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (!hasBody(request)) {
      request.body = undefined;
      return next();
    }
    const type = request.headers['content-type'];
    if (type === undefined || !JSON_TYPE.test(type.trim())) {
      return sendProblem(
        response,
        request.originalUrl,
        new EdgeError(
          'unsupported-media-type',
          'body.not-json',
          `Content-Type ${type === undefined ? '(none)' : JSON.stringify(type)} is not accepted; send application/json (UTF-8)`,
        ),
      );
    }
    parser(request, response, (error?: unknown) => {
      if (error) return sendProblem(response, request.originalUrl, bodyError(error as { type?: string }));
      next();
    });
  };
}
