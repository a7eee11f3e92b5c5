import { existsSync } from 'node:fs';
import { DevSigningKey, ROLES } from '@analytics/auth';
import { TenantScope } from '@analytics/common';
import { storePathsFromEnv } from '@analytics/store';
import { parseCommandArguments, UsageError } from '../cli-arguments';
import { Command } from '../command';

const HELP = `Usage: npm run token -- --tenant ID [--roles ${ROLES.join(',')}] [--managed-tenants a,b or *] [--expires-in 1h] [--subject NAME]

Prints a token signed by the embedded dev issuer (the key under DATA_DIR) and nothing else.
  --tenant           tenant id the token acts for (required)
  --roles            comma-separated roles (default analytics:read)
  --managed-tenants  tenants an account manager manages, comma-separated, or * for all
  --expires-in       lifetime: a number with s, m, h or d (default 1h, at most 30d)
  --subject          the "sub" claim (default dev-user)`;

const MAX_LIFETIME_SECONDS = 30 * 86_400;

export const tokenCommand: Command = {
  help: HELP,
  async run(args) {
    if (process.env.NODE_ENV === 'production') {
      throw new UsageError(
        'The dev issuer is disabled when NODE_ENV=production; get tokens from your SSO',
      );
    }

    const { values } = parseCommandArguments(args, {
      tenant: { type: 'string' },
      roles: { type: 'string' },
      'managed-tenants': { type: 'string' },
      'expires-in': { type: 'string' },
      subject: { type: 'string' },
    });

    const tenantId = values.tenant;
    const tenantForm = 'a tenant id of letters, digits and . _ : - (at most 128 characters)';
    if (typeof tenantId !== 'string') {
      throw new UsageError(`--tenant is required: ${tenantForm}`);
    }
    if (!TenantScope.isValidId(tenantId)) {
      throw new UsageError(
        `--tenant "${String(tenantId).slice(0, 140)}" is invalid: use ${tenantForm}`,
      );
    }

    const keyFile = DevSigningKey.fileIn(storePathsFromEnv().dataDir);
    if (!existsSync(keyFile)) {
      // The server signs with the key of its own DATA_DIR, so a new key here signs tokens that
      // a running server rejects unless it started from this DATA_DIR.
      process.stderr.write(
        `No signing key in ${keyFile}; created one. A server started with another DATA_DIR rejects this token; run the token command with the server's DATA_DIR.\n`,
      );
    }
    const key = DevSigningKey.loadOrCreate(keyFile);
    const token = key.mint({
      tenantId,
      subject: typeof values.subject === 'string' ? values.subject : 'dev-user',
      roles: parseRoles(values.roles),
      managedTenants: parseManagedTenants(values['managed-tenants']),
      expiresInSeconds: parseLifetime(values['expires-in']),
    });

    process.stdout.write(`${token}\n`);
    return 0;
  },
};

function parseRoles(text: string | boolean | undefined): string[] {
  if (typeof text !== 'string') {
    return ['analytics:read'];
  }
  const roles = text
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (roles.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--roles accepts ${ROLES.join(', ')}; unknown: ${unknown.join(', ') || '(none given)'}`,
    );
  }
  return roles;
}

function parseManagedTenants(text: string | boolean | undefined): string[] {
  if (typeof text !== 'string') {
    return [];
  }
  if (text === '*') {
    return ['*'];
  }
  const tenants = text.split(',').map((tenant) => tenant.trim());
  const invalid = tenants.filter((tenant) => !TenantScope.isValidId(tenant));
  if (invalid.length > 0) {
    throw new UsageError(
      `--managed-tenants has invalid tenant ids: ${invalid.map((tenant) => JSON.stringify(tenant)).join(', ')}`,
    );
  }
  return tenants;
}

function parseLifetime(text: string | boolean | undefined): number {
  if (typeof text !== 'string') {
    return 3600;
  }
  const match = /^(\d{1,7})([smhd])$/.exec(text);
  const unitSeconds = { s: 1, m: 60, h: 3600, d: 86_400 };
  const seconds = match ? Number(match[1]) * unitSeconds[match[2] as keyof typeof unitSeconds] : 0;
  if (seconds < 1 || seconds > MAX_LIFETIME_SECONDS) {
    throw new UsageError(
      `--expires-in must be a number with s, m, h or d, from 1s to 30d, got "${text}"`,
    );
  }
  return seconds;
}
