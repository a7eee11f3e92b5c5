import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import {
  DomainError,
  DomainErrorCode,
  ParameterIssue,
  StoreUnavailableError,
} from '@analytics/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: ParameterIssue[];
}

type ProblemKind = { status: number; type: string; title: string };

/** Status, type and title per domain error code. A new code fails to compile until it is added. */
function kindOf(code: DomainErrorCode): ProblemKind {
  switch (code) {
    case 'invalid_parameter':
      return {
        status: 400,
        type: '/problems/invalid-parameter',
        title: 'Invalid request parameter',
      };
    case 'unauthenticated':
      return { status: 401, type: '/problems/unauthenticated', title: 'Authentication required' };
    case 'forbidden':
      return { status: 403, type: '/problems/forbidden', title: 'Forbidden' };
    case 'not_found':
      return { status: 404, type: '/problems/not-found', title: 'Not found' };
    case 'conflict':
      return { status: 409, type: '/problems/conflict', title: 'Conflict' };
    case 'precondition_failed':
      return { status: 412, type: '/problems/precondition-failed', title: 'Precondition failed' };
    case 'unprocessable_content':
      return {
        status: 422,
        type: '/problems/unprocessable-content',
        title: 'Unprocessable content',
      };
    case 'precondition_required':
      return {
        status: 428,
        type: '/problems/precondition-required',
        title: 'Precondition required',
      };
    case 'rate_limited':
      return { status: 429, type: '/problems/rate-limited', title: 'Too many requests' };
    case 'store_unavailable':
      return { status: 503, type: '/problems/store-unavailable', title: 'Store unavailable' };
    case 'store_timeout':
      return { status: 504, type: '/problems/store-timeout', title: 'Store timed out' };
  }
}

/**
 * Answers every error as RFC 9457 problem+json. Client errors say what to fix; store failures
 * (503, 504) and anything unexpected (500) are logged here, once, with the stack and the cause,
 * and answered without internal detail.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {
    this.logger.setContext(ProblemDetailsFilter.name);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // A destroyed response means the client left, which ends its store work on purpose.
    const problem = this.toProblem(exception, request, reply.raw.destroyed);

    if (problem.status === 401) {
      // RFC 6750: a request that carried a token learns that the token was rejected.
      void reply.header(
        'www-authenticate',
        request.headers.authorization ? 'Bearer error="invalid_token"' : 'Bearer',
      );
    }
    if (exception instanceof StoreUnavailableError && exception.retryAfterSeconds !== undefined) {
      void reply.header('retry-after', String(exception.retryAfterSeconds));
    }
    void reply
      .status(problem.status)
      .header('content-type', 'application/problem+json')
      .send(problem);
  }

  private toProblem(exception: unknown, request: FastifyRequest, clientGone: boolean): Problem {
    const base = { instance: request.url.split('?')[0], requestId: String(request.id) };

    if (exception instanceof DomainError) {
      const kind = kindOf(exception.code);
      const errors = exception.issues.length > 0 ? { errors: exception.issues } : {};
      if (kind.status >= 500) {
        this.logger[clientGone ? 'info' : 'warn'](
          { err: exception, ...logFields(request) },
          `${exception.message} (${request.method} ${base.instance})`,
        );
      }
      return { ...kind, detail: exception.message, ...base, ...errors };
    }

    const status = statusOf(exception);
    if (status !== undefined && status < 500) {
      const detail = exception instanceof Error ? exception.message : 'The request was rejected';
      return { type: 'about:blank', title: titleOf(status), status, detail, ...base };
    }

    this.logger.error(
      { err: exception, ...logFields(request) },
      `Unhandled error on ${request.method} ${base.instance}`,
    );
    return {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred; it has been logged with the request id',
      ...base,
    };
  }
}

/**
 * Request fields of an error line. The filter runs outside the request's logging context, so it
 * adds the request id and tenant itself.
 */
function logFields(request: FastifyRequest): Record<string, unknown> {
  const tenant = (request as FastifyRequest & { user?: { tenantId?: string } }).user?.tenantId;
  return { requestId: request.id, tenant, method: request.method, route: request.routeOptions.url };
}

/** Status of Nest HTTP exceptions and of Fastify's own errors (body parsing, media type, size). */
function statusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) {
    return exception.getStatus();
  }
  const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 600
    ? statusCode
    : undefined;
}

function titleOf(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    404: 'Not Found',
    405: 'Method Not Allowed',
    406: 'Not Acceptable',
    413: 'Content Too Large',
    415: 'Unsupported Media Type',
    429: 'Too Many Requests',
  };
  return titles[status] ?? 'Client Error';
}
