/**
 * The store's readiness probe: a trivial query that succeeds when the store responds. The
 * repositories module binds it to the selected store.
 */
export abstract class StoreProbe {
  abstract ping(): Promise<void>;
}
