import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Principal } from '@analytics/auth';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { RequestContext, runInRequestContext } from './request-context';

/** Time limit of a request, measured from its arrival; a provider of the observability module. */
export class RequestTimeout {
  constructor(readonly ms: number) {}
}

/**
 * Runs every route handler inside a `RequestContext`, so the store can bound its queries by the
 * request's deadline and stop them when the client goes away. Interceptors run after the guards,
 * so the tenant of the verified principal is known here.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  constructor(private readonly timeout: RequestTimeout) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') {
      return next.handle();
    }

    const request = execution.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const reply = execution.switchToHttp().getResponse<FastifyReply>();
    const context: RequestContext = {
      requestId: String(request.id),
      // `elapsedTime` counts from the arrival of the request, so time spent in the guards and in
      // body parsing is part of the budget.
      // `elapsedTime` is fractional; a whole-millisecond deadline keeps the timeouts derived
      // from it whole too.
      deadlineMs: Math.round(Date.now() - reply.elapsedTime + this.timeout.ms),
      signal: abortedWhenRequestEnds(reply),
      tenantId: request.user?.tenantId,
    };

    return new Observable((subscriber) =>
      runInRequestContext(context, () => next.handle().subscribe(subscriber)),
    );
  }
}

/**
 * Returns a signal aborted when the response closes: the client went away, or the response was
 * sent while some of the request's store queries still ran (one of parallel queries failed). In
 * both cases no one waits for those queries any more.
 */
function abortedWhenRequestEnds(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => controller.abort());
  return controller.signal;
}
