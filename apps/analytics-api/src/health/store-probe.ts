/**
 * The store's readiness probe: a trivial query that succeeds when the store responds. The
 * repositories module binds it to the selected store.
 */
export abstract class StoreProbe {
  /** Resolves when the store responds; gives up after `timeoutMs`, when the store supports it. */
  abstract ping(timeoutMs: number): Promise<void>;
}
