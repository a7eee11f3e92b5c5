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

const NEVER_ABORTED = new AbortController().signal;

/**
 * Runs `work` in the current request's context without its cancellation signal, keeping the
 * deadline. Work that other requests share (a single-flight cache load) uses it, because one
 * client leaving must not fail the requests that wait for the same result.
 */
export function runDetachedFromCancellation<R>(work: () => Promise<R>): Promise<R> {
  const context = currentRequestContext();
  return context ? runInRequestContext({ ...context, signal: NEVER_ABORTED }, work) : work();
}
