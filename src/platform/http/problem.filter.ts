import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/domain-error';
import { WrongExpectedVersionError, DuplicateEventIdError } from '../../event-store/event-store.port';
import { isUnavailable } from '../unavailable';
import { ProblemDocument, ProblemError, problemType, titleOf } from './problem';

const KIND_STATUS = { conflict: 409, 'not-found': 404, invalid: 400 } as const;

/** Maps every error to problem+json. The only place where errors become HTTP. */
export function toProblem(
  error: unknown,
  request: { url: string; headers: Record<string, unknown> },
): {
  document: ProblemDocument;
  headers: Record<string, string>;
} {
  const instance = request.url;
  if (error instanceof ProblemError) return { document: error.toDocument(instance), headers: error.headers };
  if (error instanceof DomainError) {
    const status = KIND_STATUS[error.kind];
    return {
      document: {
        type: problemType(error.code),
        title: titleOf(status),
        status,
        detail: error.message,
        instance,
        code: error.code,
        ...(Object.keys(error.details).length > 0 ? { details: error.details } : {}),
      },
      headers: {},
    };
  }
  if (error instanceof WrongExpectedVersionError) {
    const precondition = request.headers['if-match'] !== undefined;
    const status = precondition ? 412 : 409;
    return {
      document: {
        type: problemType('VERSION_CONFLICT'),
        title: titleOf(status),
        status,
        detail: precondition
          ? `The resource changed: it is at version ${error.actual}, the If-Match named ${String(error.expected)}`
          : 'The resource kept changing while the command was being applied; try again',
        instance,
        code: 'VERSION_CONFLICT',
        currentVersion: error.actual,
      },
      headers: { etag: `"${error.actual}"` },
    };
  }
  if (error instanceof DuplicateEventIdError) {
    return simple(409, 'VERSION_CONFLICT', error.message, instance);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code =
      status === 404
        ? 'NOT_FOUND'
        : status === 405
          ? 'METHOD_NOT_ALLOWED'
          : status === 413
            ? 'PAYLOAD_TOO_LARGE'
            : status === 415
              ? 'UNSUPPORTED_MEDIA_TYPE'
              : status < 500
                ? 'VALIDATION_FAILED'
                : 'INTERNAL';
    const detail = status === 404 ? `No resource at ${request.url}` : error.message;
    return simple(status, code, detail, instance);
  }
  // Fastify's own errors (body parsing, media type, size) carry a 4xx statusCode.
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION_FAILED';
    return simple(status, code, fastifyError.message ?? 'Malformed request', instance);
  }
  if (isUnavailable(error)) {
    const problem = simple(503, 'SERVICE_UNAVAILABLE', 'A backing service did not answer; retry shortly', instance);
    return { ...problem, headers: { 'retry-after': '1' } };
  }
  return simple(500, 'INTERNAL', 'An unexpected error occurred; it has been logged', instance);
}

function simple(status: number, code: string, detail: string, instance: string) {
  return {
    document: { type: problemType(code), title: titleOf(status), status, detail, instance, code },
    headers: {} as Record<string, string>,
  };
}

export function sendProblem(reply: FastifyReply, problem: ReturnType<typeof toProblem>): void {
  for (const [name, value] of Object.entries(problem.headers)) void reply.header(name, value);
  void reply.status(problem.document.status).header('content-type', 'application/problem+json').send(problem.document);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error, request);
    if (problem.document.status === 503) {
      this.logger.warn(`${request.method} ${request.url}: ${(error as Error)?.message ?? String(error)}`);
    } else if (problem.document.status >= 500) {
      this.logger.error(`${request.method} ${request.url} failed: ${(error as Error)?.stack ?? String(error)}`);
    }
    sendProblem(reply, problem);
  }
}
