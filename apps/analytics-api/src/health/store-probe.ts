/**
 * The store's readiness probe: a trivial query that succeeds when the store answers. The
 * repositories module binds it to the selected store.
 */
export abstract class StoreProbe {
  abstract ping(): Promise<void>;
}
