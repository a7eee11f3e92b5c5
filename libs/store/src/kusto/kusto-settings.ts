/** Invalid KUSTO_* variables; the message lists each one with what to set instead. */
export class KustoSettingsError extends Error {}

export const KUSTO_AUTH_MODES = [
  'managed-identity',
  'default-credential',
  'app-key',
  'none',
] as const;
export type KustoAuthMode = (typeof KUSTO_AUTH_MODES)[number];

/** Connection settings of Azure Data Explorer, read from the environment. */
export interface KustoSettings {
  clusterUrl: string;
  database: string;
  auth:
    | { mode: 'managed-identity'; clientId?: string }
    | { mode: 'default-credential' }
    | { mode: 'app-key'; appId: string; appKey: string; tenantId: string }
    | { mode: 'none' };
  /** Host names the client may call besides the Azure suffixes and loopback, e.g. a compose service `kusto`. */
  trustedHosts: string[];
  /** Server-side limit of one query (`servertimeout`). */
  serverTimeoutMs: number;
  /** Rows one query may return before Kusto fails it (`truncationmaxrecords`). */
  truncationMaxRecords: number;
}

export const DEFAULT_SERVER_TIMEOUT_SECONDS = 30;
export const DEFAULT_TRUNCATION_MAX_RECORDS = 100_000;

/**
 * Reads the Kusto settings from the environment. Every problem is collected, so the thrown Error
 * lists all of them, each naming its variable and the accepted form.
 */
export function loadKustoSettings(env: NodeJS.ProcessEnv = process.env): KustoSettings {
  const problems: string[] = [];

  const clusterUrl = readClusterUrl(env, problems);
  const database = readDatabase(env, problems);
  const auth = readAuth(env, problems, clusterUrl);
  const trustedHosts = readTrustedHosts(env, problems);
  const serverTimeoutSeconds = readInteger(
    env,
    problems,
    'KUSTO_SERVER_TIMEOUT_SECONDS',
    DEFAULT_SERVER_TIMEOUT_SECONDS,
    1,
    3600,
  );
  const truncationMaxRecords = readInteger(
    env,
    problems,
    'KUSTO_TRUNCATION_MAX_RECORDS',
    DEFAULT_TRUNCATION_MAX_RECORDS,
    1,
    500_000,
  );

  if (problems.length > 0) {
    throw new KustoSettingsError(`Invalid Kusto configuration:\n- ${problems.join('\n- ')}`);
  }
  return {
    clusterUrl,
    database,
    auth,
    trustedHosts,
    serverTimeoutMs: serverTimeoutSeconds * 1000,
    truncationMaxRecords,
  };
}

/** The variables of `KUSTO_AUTH=app-key` and what each one holds. */
const APP_KEY_VARIABLES: Record<string, string> = {
  KUSTO_APP_ID: 'the Entra application id',
  KUSTO_APP_KEY: 'its client secret',
  KUSTO_TENANT_ID: 'its directory (tenant) id',
};

function readClusterUrl(env: NodeJS.ProcessEnv, problems: string[]): string {
  const value = env.KUSTO_CLUSTER_URL;
  if (!value) {
    problems.push(
      'KUSTO_CLUSTER_URL is missing: the cluster URL, e.g. https://mycluster.westeurope.kusto.windows.net or http://localhost:8080 for the emulator',
    );
    return '';
  }

  const invalid = `KUSTO_CLUSTER_URL must be an http(s) URL without a path, got "${withoutUserInfo(value)}"`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(invalid);
    return '';
  }
  if (url.username !== '' || url.password !== '') {
    problems.push(
      'KUSTO_CLUSTER_URL must not contain a user name or password; choose the sign-in with KUSTO_AUTH',
    );
    return '';
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    problems.push(invalid);
    return '';
  }
  return url.origin;
}

/**
 * Returns the URL text with anything before an `@` in its authority replaced, so that an error
 * message never repeats a password, even for a value that does not parse.
 */
function withoutUserInfo(value: string): string {
  return value.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)?[^/?#]*@/, '$1[redacted]@');
}

function readDatabase(env: NodeJS.ProcessEnv, problems: string[]): string {
  const value = env.KUSTO_DATABASE;
  if (!value) {
    problems.push('KUSTO_DATABASE is missing: the database that holds the Events table');
    return '';
  }
  // Kusto entity names: letters, digits, underscore, space, dot and dash, at most 1024 characters.
  if (!/^[A-Za-z0-9_.\- ]{1,1024}$/.test(value) || value.trim() !== value) {
    problems.push(
      `KUSTO_DATABASE must be a database name of letters, digits, _ . - and spaces, got "${value}"`,
    );
  }
  return value;
}

function readAuth(
  env: NodeJS.ProcessEnv,
  problems: string[],
  clusterUrl: string,
): KustoSettings['auth'] {
  const mode = env.KUSTO_AUTH || 'default-credential';
  if (!(KUSTO_AUTH_MODES as readonly string[]).includes(mode)) {
    problems.push(`KUSTO_AUTH must be one of ${KUSTO_AUTH_MODES.join(', ')}, got "${mode}"`);
    return { mode: 'none' };
  }
  if (mode !== 'none' && clusterUrl.startsWith('http:')) {
    problems.push(
      `KUSTO_AUTH=${mode} sends a bearer token, so KUSTO_CLUSTER_URL must use https; use KUSTO_AUTH=none for the emulator`,
    );
  }

  switch (mode as KustoAuthMode) {
    case 'managed-identity':
      return {
        mode: 'managed-identity',
        clientId: env.KUSTO_MANAGED_IDENTITY_CLIENT_ID || undefined,
      };
    case 'default-credential':
      return { mode: 'default-credential' };
    case 'none':
      return { mode: 'none' };
    case 'app-key': {
      const missing = Object.entries(APP_KEY_VARIABLES).filter(([name]) => !env[name]);
      if (missing.length > 0) {
        problems.push(
          `KUSTO_AUTH=app-key needs ${missing.map(([name, meaning]) => `${name} (${meaning})`).join(', ')}`,
        );
      }
      return {
        mode: 'app-key',
        appId: env.KUSTO_APP_ID ?? '',
        appKey: env.KUSTO_APP_KEY ?? '',
        tenantId: env.KUSTO_TENANT_ID ?? '',
      };
    }
  }
}

function readTrustedHosts(env: NodeJS.ProcessEnv, problems: string[]): string[] {
  const value = env.KUSTO_TRUSTED_HOSTS;
  if (!value) {
    return [];
  }

  const hosts = value
    .split(',')
    .map((host) => host.trim())
    .filter(Boolean);
  const invalid = hosts.filter(
    (host) => !/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(host),
  );
  if (invalid.length > 0) {
    problems.push(
      `KUSTO_TRUSTED_HOSTS must be comma-separated host names such as kusto, got invalid ${invalid.map((host) => `"${host}"`).join(', ')}`,
    );
  }
  return hosts;
}

function readInteger(
  env: NodeJS.ProcessEnv,
  problems: string[],
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = env[name];
  if (value === undefined || value === '') {
    return fallback;
  }
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
    return fallback;
  }
  return Number(value);
}
