import { AsyncLocalStorage } from 'node:async_hooks';

/** What code below the controller may know about the HTTP request that it serves. */
export interface RequestContext {
  requestId: string;
  /** Epoch milliseconds after which the store queries of this request are interrupted. */
  deadlineMs: number;
  /** Aborted when the response closes: sent, or abandoned by the client. */
  signal: AbortSignal;
  /** Tenant of the verified principal; absent on public routes. */
  tenantId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `work` so that `currentRequestContext` returns `context` in it and in everything it awaits. */
export function runInRequestContext<R>(context: RequestContext, work: () => R): R {
  return storage.run(context, work);
}

/** The context of the request being handled, or undefined outside of a request handler. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/**
 * Runs `work` in the current request's context with `signal` in place of the request's own, and
 * the same deadline. A load that several requests share (a single-flight cache load) runs so,
 * with a signal that aborts only when all of them have gone.
 */
export function runWithSignal<R>(signal: AbortSignal, work: () => Promise<R>): Promise<R> {
  const context = currentRequestContext();
  return context ? runInRequestContext({ ...context, signal }, work) : work();
}
