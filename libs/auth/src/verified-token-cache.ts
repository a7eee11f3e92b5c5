import { createHash } from 'node:crypto';
import { Principal } from './principal';

interface Entry {
  principal: Principal;
  expiresAtMs: number;
}

/**
 * Principals of tokens that passed verification, so a dashboard that sends the same token on
 * every request pays for one signature check. Bounded in size (least recently used entries go
 * first) and never kept past the token's own `exp`. Keys are SHA-256 hashes, so the cache
 * holds no usable token.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(token: string): Principal | undefined {
    const key = hashOf(token);
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    if (entry.expiresAtMs <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }

    // Re-insert so that Map order is least recently used first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.principal;
  }

  /** Caches a verified token until `expSeconds`; tokens without `exp` are not cached. */
  set(token: string, principal: Principal, expSeconds: unknown): void {
    if (typeof expSeconds !== 'number' || !Number.isFinite(expSeconds) || this.maxEntries === 0) {
      return;
    }
    const expiresAtMs = expSeconds * 1000;
    if (expiresAtMs <= this.now()) {
      return;
    }

    this.entries.delete(hashOf(token));
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    this.entries.set(hashOf(token), { principal, expiresAtMs });
  }

  get size(): number {
    return this.entries.size;
  }
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
