import { createHash } from 'node:crypto';
import { TenantScope } from '@analytics/common';
import { canonicalJson } from './canonical-json';

/** Inputs of one cache key: a port method called for one tenant with some arguments. */
export interface CacheKeyParts {
  scope: TenantScope;
  /** Report or port name, e.g. `volume`. */
  report: string;
  method: string;
  /** Bumped when the shape of the stored results changes, so old entries are no longer read. */
  schemaVersion: number;
  /** The method's arguments after the tenant scope, already normalized. */
  args: readonly unknown[];
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Builds every cache key, in the form
 * `<prefix>:<tenantId>:<report>:<method>:v<schemaVersion>:<sha256 hex of the canonical JSON of the arguments>`.
 *
 * The tenant is in clear text so that an entry can be traced to its tenant. Tenant ids may
 * contain ':', but the four parts after the tenant never do, so a key still splits one way only.
 * The arguments are hashed so a key has a bounded length whatever the request size.
 * Canonical JSON makes the key independent of property order, and any difference in value gives
 * a different key. Throws `NonCanonicalValueError` for arguments without a single JSON form.
 */
export class CacheKeyBuilder {
  constructor(readonly prefix: string) {
    if (!NAME_PATTERN.test(prefix))
      throw new Error(
        `Invalid cache key prefix ${JSON.stringify(prefix)}: use letters, digits, '.', '_' or '-'`,
      );
  }

  build(parts: CacheKeyParts): string {
    if (!NAME_PATTERN.test(parts.report))
      throw new Error(`Invalid report name ${JSON.stringify(parts.report)} for a cache key`);
    if (!NAME_PATTERN.test(parts.method))
      throw new Error(`Invalid method name ${JSON.stringify(parts.method)} for a cache key`);
    if (!Number.isSafeInteger(parts.schemaVersion) || parts.schemaVersion < 0) {
      throw new Error(
        `Invalid schema version ${parts.schemaVersion} for a cache key: use a non-negative integer`,
      );
    }

    const argumentsHash = createHash('sha256').update(canonicalJson(parts.args)).digest('hex');
    return [
      this.prefix,
      parts.scope.tenantId,
      parts.report,
      parts.method,
      `v${parts.schemaVersion}`,
      argumentsHash,
    ].join(':');
  }
}
