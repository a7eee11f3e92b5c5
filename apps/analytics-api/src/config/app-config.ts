import { isIP } from 'node:net';
import { ASYMMETRIC_ALGORITHMS, AsymmetricAlgorithm, DEFAULT_CLAIMS } from '@analytics/auth';
import { KustoSettings, loadKustoSettings, storePathsFromEnv } from '@analytics/store';
import { LOG_LEVELS, LogLevel } from '../observability/logging';

export const STORE_KINDS = ['duckdb', 'kusto'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** Thrown when an environment variable is invalid; the message names it and the accepted form. */
export class ConfigError extends Error {}

export interface AppConfig {
  host: string;
  port: number;
  production: boolean;
  dataDir: string;
  /** `STORE`: the embedded DuckDB file (default) or Azure Data Explorer. */
  store: StoreKind;
  duckDbPath: string;
  /** `DUCKDB_MEMORY_LIMIT_MIB`: DuckDB's memory limit; undefined keeps DuckDB's default (80 % of RAM). */
  duckDbMemoryLimitMiB?: number;
  /** Connection settings when `STORE=kusto`, read by loadKustoSettings. */
  kusto?: KustoSettings;
  /** Loads demo data into an empty DuckDB store; never applies to Kusto. */
  demoData: boolean;
  auth: {
    /** Undefined selects the embedded dev issuer. */
    external?: { issuer: string; jwksUrl?: string; refetchIntervalSeconds: number };
    audience: string;
    algorithms: AsymmetricAlgorithm[];
    clockToleranceSeconds: number;
    claims: { tenant: string; roles: string; managedTenants: string };
  };
  /** Query parameter names whose values are never returned, beyond the built-in secret-like names. */
  secretParameters: string[];
  /** Secret that signs page cursors; undefined keeps a generated one under the data directory. */
  cursorSecret?: string;
  freshness: { ingestionDelaySeconds: number; recentTtlSeconds: number; settledTtlSeconds: number };
  /** `redis://` or `rediss://` URL; undefined keeps caches in memory and skips the Redis readiness check. */
  redisUrl?: string;
  /** `ROLLUPS=on|off`: whether reports may read the hourly and daily rollups; off reads raw events only. */
  rollups: boolean;
  rateLimit: { windowSeconds: number; readerLimit: number; adminLimit: number };
  cache: {
    enabled: boolean;
    maxStaleSeconds: number;
    memoryEntries: number;
    operationTimeoutMs: number;
  };
  /** Proxy hops in front of the service whose X-Forwarded-For entries are trusted; 0 trusts none. */
  trustProxyHops: number;
  observability: {
    /** `LOG_LEVEL`: pino level of the JSON log lines on standard output. */
    logLevel: LogLevel;
    /** `METRICS_PORT`: serves /metrics on this port of HOST instead of the API port. */
    metricsPort?: number;
    /** `METRICS_TOKEN`: bearer token a scraper must send; without METRICS_PORT, /metrics is served on the API port only with it. */
    metricsToken?: string;
  };
  resilience: {
    /** `REQUEST_TIMEOUT_MS`: store queries still running this long after the request arrived are stopped (504). */
    requestTimeoutMs: number;
    /** `SHUTDOWN_TIMEOUT_MS`: after SIGTERM, how long requests in flight may run before their connections are closed. */
    shutdownTimeoutMs: number;
    /** `HEALTH_CHECK_TIMEOUT_MS`: time limit of each readiness check (store, Redis). */
    healthCheckTimeoutMs: number;
  };
}

/**
 * Reads and validates the configuration from environment variables. Every problem is collected,
 * so one failed start lists all of them.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);
  const paths = storePathsFromEnv(env);

  const issuer = read.url('AUTH_ISSUER');
  const jwksUrl = read.url('AUTH_JWKS_URL');
  if (jwksUrl && !issuer) {
    problems.push('AUTH_JWKS_URL needs AUTH_ISSUER too: the expected "iss" claim of the tokens');
  }

  const store = read.oneOf('STORE', STORE_KINDS, 'duckdb');
  const kusto = store === 'kusto' ? kustoSettingsOf(env, problems) : undefined;

  const config: AppConfig = {
    host: read.host('HOST', '127.0.0.1'),
    port: read.integer('PORT', 3000, { min: 0, max: 65535 }),
    production: env.NODE_ENV === 'production',
    dataDir: paths.dataDir,
    store,
    duckDbPath: paths.duckDbPath,
    duckDbMemoryLimitMiB: read.optionalInteger('DUCKDB_MEMORY_LIMIT_MIB', {
      min: 64,
      max: 1_048_576,
    }),
    kusto,
    demoData: read.boolean('DEMO_DATA', true),
    auth: {
      external: issuer
        ? {
            issuer,
            jwksUrl,
            refetchIntervalSeconds: read.integer('AUTH_JWKS_REFETCH_INTERVAL_SECONDS', 30, {
              min: 1,
              max: 3600,
            }),
          }
        : undefined,
      audience: read.text('AUTH_AUDIENCE', 'usage-analytics-api'),
      algorithms: read.algorithms('AUTH_ALGORITHMS'),
      clockToleranceSeconds: read.integer('AUTH_CLOCK_TOLERANCE_SECONDS', 30, { min: 0, max: 300 }),
      claims: {
        tenant: read.text('AUTH_TENANT_CLAIM', DEFAULT_CLAIMS.tenant),
        roles: read.text('AUTH_ROLES_CLAIM', DEFAULT_CLAIMS.roles),
        managedTenants: read.text('AUTH_MANAGED_TENANTS_CLAIM', DEFAULT_CLAIMS.managedTenants),
      },
    },
    secretParameters: read.nameList('SECRET_PARAMETERS'),
    cursorSecret: read.secret('CURSOR_SECRET'),
    freshness: {
      ingestionDelaySeconds: read.integer('INGESTION_DELAY_SECONDS', 300, { min: 0, max: 86_400 }),
      recentTtlSeconds: read.integer('CACHE_TTL_RECENT_SECONDS', 60, { min: 1, max: 86_400 }),
      settledTtlSeconds: read.integer('CACHE_TTL_SETTLED_SECONDS', 3600, {
        min: 1,
        max: 7 * 86_400,
      }),
    },
    redisUrl: read.redisUrl('REDIS_URL'),
    rollups: read.oneOf('ROLLUPS', ['on', 'off'], 'on') === 'on',
    rateLimit: {
      windowSeconds: read.integer('RATE_LIMIT_WINDOW_SECONDS', 60, { min: 1, max: 3600 }),
      readerLimit: read.integer('RATE_LIMIT_READER', 600, { min: 1, max: 1_000_000 }),
      adminLimit: read.integer('RATE_LIMIT_ADMIN', 1200, { min: 1, max: 1_000_000 }),
    },
    trustProxyHops: read.integer('TRUST_PROXY_HOPS', 0, { min: 0, max: 10 }),
    cache: {
      enabled: read.boolean('CACHE_ENABLED', true),
      maxStaleSeconds: read.integer('CACHE_MAX_STALE_SECONDS', 900, { min: 0, max: 86_400 }),
      memoryEntries: read.integer('CACHE_MEMORY_ENTRIES', 10_000, { min: 1, max: 10_000_000 }),
      operationTimeoutMs: read.integer('CACHE_OPERATION_TIMEOUT_MS', 200, { min: 10, max: 10_000 }),
    },
    observability: {
      logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
      metricsPort: read.optionalInteger('METRICS_PORT', { min: 0, max: 65535 }),
      metricsToken: read.secret('METRICS_TOKEN'),
    },
    resilience: {
      requestTimeoutMs: read.integer('REQUEST_TIMEOUT_MS', 10_000, { min: 1, max: 600_000 }),
      shutdownTimeoutMs: read.integer('SHUTDOWN_TIMEOUT_MS', 10_000, { min: 0, max: 600_000 }),
      healthCheckTimeoutMs: read.integer('HEALTH_CHECK_TIMEOUT_MS', 1_000, { min: 1, max: 60_000 }),
    },
  };

  if (config.production && !config.auth.external) {
    problems.push(
      'NODE_ENV=production needs AUTH_ISSUER (and optionally AUTH_JWKS_URL): the embedded dev issuer mints tokens for anyone with the data directory and is refused in production',
    );
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  }
  return config;
}

/** Reads the Kusto settings, adding their problems to the configuration's so one error lists all. */
function kustoSettingsOf(env: NodeJS.ProcessEnv, problems: string[]): KustoSettings | undefined {
  try {
    return loadKustoSettings(env);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    problems.push(...message.split('\n- ').slice(1));
    if (!message.includes('\n- ')) {
      problems.push(message);
    }
    return undefined;
  }
}

class EnvReader {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly problems: string[],
  ) {}

  text(name: string, fallback: string): string {
    const value = this.env[name];
    if (value === undefined || value === '') {
      return fallback;
    }
    if (value.trim() !== value || value.length > 256) {
      this.problems.push(
        `${name} must be a value of at most 256 characters without surrounding spaces`,
      );
    }
    return value;
  }

  /** An IPv4 or IPv6 address or a host name, as `listen` takes it. */
  host(name: string, fallback: string): string {
    const value = this.text(name, fallback);
    const isAddress = isIP(value) !== 0;
    const isHostName =
      /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(
        value,
      ) && !/^\d+\./.test(value);
    if (!isAddress && !isHostName) {
      this.problems.push(
        `${name} must be an IP address such as 127.0.0.1 or 0.0.0.0, or a host name, got "${value}"`,
      );
    }
    return value;
  }

  integer(name: string, fallback: number, { min, max }: { min: number; max: number }): number {
    const value = this.env[name];
    if (value === undefined || value === '') {
      return fallback;
    }
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
      return fallback;
    }
    return Number(value);
  }

  optionalInteger(name: string, range: { min: number; max: number }): number | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : this.integer(name, range.min, range);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.env[name];
    if (value === undefined || value === '') {
      return fallback;
    }
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
      return fallback;
    }
    return value as T;
  }

  redisUrl(name: string): string | undefined {
    const value = this.env[name];
    if (value === undefined || value === '') {
      return undefined;
    }
    if (!/^rediss?:\/\/[^\s]+$/.test(value) || !URL.canParse(value)) {
      this.problems.push(
        `${name} must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379`,
      );
      return undefined;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.env[name];
    if (value === undefined || value === '') {
      return fallback;
    }
    if (value !== 'true' && value !== 'false') {
      this.problems.push(`${name} must be true or false, got "${value}"`);
      return fallback;
    }
    return value === 'true';
  }

  url(name: string): string | undefined {
    const value = this.env[name];
    if (value === undefined || value === '') {
      return undefined;
    }
    try {
      const url = new URL(value);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new Error('not http(s)');
      }
      return value;
    } catch {
      this.problems.push(`${name} must be an absolute http(s) URL, got "${value}"`);
      return undefined;
    }
  }

  algorithms(name: string): AsymmetricAlgorithm[] {
    const value = this.env[name];
    if (value === undefined || value === '') {
      return [...ASYMMETRIC_ALGORITHMS];
    }
    const names = value.split(',').map((item) => item.trim());
    const invalid = names.filter(
      (item) => !(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(item),
    );
    if (invalid.length > 0 || names.length === 0) {
      this.problems.push(
        `${name} must list asymmetric JWS algorithms from ${ASYMMETRIC_ALGORITHMS.join(', ')}; rejected: ${invalid.join(', ')} (HS* and none are never accepted)`,
      );
      return [...ASYMMETRIC_ALGORITHMS];
    }
    return names as AsymmetricAlgorithm[];
  }

  nameList(name: string): string[] {
    const value = this.env[name];
    if (value === undefined || value === '') {
      return [];
    }
    const names = value.split(',').map((item) => item.trim());
    if (names.some((item) => item.length === 0 || item.length > 128)) {
      this.problems.push(
        `${name} must be a comma-separated list of names of 1 to 128 characters, got "${value}"`,
      );
      return [];
    }
    return names;
  }

  secret(name: string): string | undefined {
    const value = this.env[name];
    if (value === undefined || value === '') {
      return undefined;
    }
    if (value.length < 32) {
      this.problems.push(`${name} must be at least 32 characters long`);
    }
    return value;
  }
}
