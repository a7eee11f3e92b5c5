/** Requests admitted per window, by the caller's role. */
export abstract class RateLimitSettings {
  abstract readonly windowSeconds: number;
  /** Limit for tokens with `quota:admin`; account managers browse many tenants at once. */
  abstract readonly adminLimit: number;
  /** Limit for every other verified caller. */
  abstract readonly readerLimit: number;
}
