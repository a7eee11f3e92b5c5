import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  JsonWebKey,
  KeyObject,
  randomUUID,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sign } from 'jsonwebtoken';
import { DEFAULT_CLAIMS } from '../auth-settings';

/** Issuer and audience of tokens minted by the embedded dev issuer. */
export const DEV_ISSUER = 'urn:usage-analytics:dev-issuer';
export const DEFAULT_AUDIENCE = 'usage-analytics-api';

/**
 * The embedded dev issuer's ES256 key pair, kept as a private JWK under the data directory so that
 * tokens minted by the CLI verify in the server. For local use only: the application refuses to
 * use it when NODE_ENV is production.
 */
export class DevSigningKey {
  private constructor(
    readonly kid: string,
    private readonly privateKey: KeyObject,
  ) {}

  static fileIn(dataDir: string): string {
    return join(dataDir, 'dev-signing-key.json');
  }

  /** Loads the key from `file`, creating it (mode 0600) on first use. */
  static loadOrCreate(file: string): DevSigningKey {
    if (!existsSync(file)) {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = {
        ...privateKey.export({ format: 'jwk' }),
        kid: randomUUID(),
        alg: 'ES256',
        use: 'sig',
      };
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    }

    const jwk = JSON.parse(readFileSync(file, 'utf8')) as JsonWebKey & { kid: string };
    return new DevSigningKey(jwk.kid, createPrivateKey({ key: jwk, format: 'jwk' }));
  }

  publicKey(): KeyObject {
    return createPublicKey(this.privateKey);
  }

  /** The public half as a JWKS document, as an SSO would serve it. */
  jwks(): { keys: JsonWebKey[] } {
    return {
      keys: [
        { ...this.publicKey().export({ format: 'jwk' }), kid: this.kid, alg: 'ES256', use: 'sig' },
      ],
    };
  }

  mint(request: DevTokenRequest): string {
    const claims = {
      [DEFAULT_CLAIMS.tenant]: request.tenantId,
      [DEFAULT_CLAIMS.roles]: request.roles,
      ...(request.managedTenants.length > 0
        ? { [DEFAULT_CLAIMS.managedTenants]: request.managedTenants }
        : {}),
    };
    return sign(claims, this.privateKey, {
      algorithm: 'ES256',
      keyid: this.kid,
      issuer: DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
      subject: request.subject,
      expiresIn: request.expiresInSeconds,
    });
  }
}

export interface DevTokenRequest {
  tenantId: string;
  subject: string;
  roles: string[];
  managedTenants: string[];
  expiresInSeconds: number;
}
