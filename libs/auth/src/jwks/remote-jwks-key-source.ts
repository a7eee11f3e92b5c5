import { Logger } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { keysFromJwkSet } from './jwk-set';
import { KeySource } from './key-source';

export interface RemoteJwksOptions {
  /** The JWKS URL, or undefined to find it through OIDC discovery at `issuer`. */
  jwksUrl?: string;
  issuer: string;
  /** Minimum time between two fetches caused by unknown `kid`s. */
  refetchIntervalMs?: number;
  fetchTimeoutMs?: number;
}

/**
 * The SSO's JWKS fetched over HTTP and cached. A token with an unknown `kid` (after a key rotation)
 * causes at most one fetch per refetch interval, so a flood of bogus kids cannot hammer the
 * provider. While the provider is down, tokens signed with cached keys keep working.
 */
export class RemoteJwksKeySource extends KeySource {
  private readonly logger = new Logger(RemoteJwksKeySource.name);
  private keys = new Map<string, KeyObject>();
  private lastFetchStartedMs = Number.NEGATIVE_INFINITY;
  private inFlight?: Promise<void>;

  constructor(private readonly options: RemoteJwksOptions) {
    super();
  }

  async findKey(kid: string | undefined): Promise<KeyObject | undefined> {
    if (kid === undefined) {
      return undefined;
    }

    const cached = this.keys.get(kid);
    if (cached) {
      return cached;
    }

    const refetchIntervalMs = this.options.refetchIntervalMs ?? 30_000;
    if (Date.now() - this.lastFetchStartedMs >= refetchIntervalMs) {
      await this.refresh();
    } else if (this.inFlight) {
      await this.inFlight;
    }

    return this.keys.get(kid);
  }

  /** Fetches the key set now; concurrent callers share one fetch. Failures keep the cached keys. */
  refresh(): Promise<void> {
    if (!this.inFlight) {
      this.lastFetchStartedMs = Date.now();
      this.inFlight = this.fetchKeys()
        .then((keys) => {
          this.keys = keys;
        })
        .catch((error: unknown) => {
          this.logger.warn(
            `Could not fetch the JWKS; keeping ${this.keys.size} cached keys: ${describe(error)}`,
          );
        })
        .finally(() => {
          this.inFlight = undefined;
        });
    }
    return this.inFlight;
  }

  private async fetchKeys(): Promise<Map<string, KeyObject>> {
    const jwksUrl = this.options.jwksUrl ?? (await this.discoverJwksUrl());
    return keysFromJwkSet(await this.fetchJson(jwksUrl));
  }

  private async discoverJwksUrl(): Promise<string> {
    const discoveryUrl = `${this.options.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const document = await this.fetchJson(discoveryUrl);
    const jwksUri = (document as { jwks_uri?: unknown }).jwks_uri;
    if (typeof jwksUri !== 'string') {
      throw new Error(`The discovery document at ${discoveryUrl} has no "jwks_uri"`);
    }
    return jwksUri;
  }

  private async fetchJson(url: string): Promise<unknown> {
    const response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(this.options.fetchTimeoutMs ?? 5_000),
    });
    if (!response.ok) {
      throw new Error(`GET ${url} returned HTTP ${response.status}`);
    }
    return response.json();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
