import { generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { sign, SignOptions } from 'jsonwebtoken';

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/**
 * A stand-in for the portal's SSO on loopback: an OpenID Connect discovery document and a JWKS
 * over HTTP, ES256 signing keys that can be rotated, and a switch that makes it return 503 as a
 * provider outage would.
 */
export class TestIdentityProvider {
  readonly audience = 'usage-analytics-api';
  private readonly counter = { jwksRequests: 0, discoveryRequests: 0 };
  private keys: SigningKey[] = [newKey()];
  private down = false;

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  static async start(): Promise<TestIdentityProvider> {
    // The request handler needs the provider and the provider needs the bound port, so the
    // handler reads it from this holder once both exist.
    const holder: { provider?: TestIdentityProvider } = {};
    const server = createServer((request, response) =>
      holder.provider?.handle(request.url ?? '', response),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

    const { port } = server.address() as AddressInfo;
    holder.provider = new TestIdentityProvider(server, `http://127.0.0.1:${port}`);
    return holder.provider;
  }

  get jwksUrl(): string {
    return `${this.issuer}/jwks.json`;
  }

  /** The kid of the current signing key. */
  get kid(): string {
    return this.keys[this.keys.length - 1].kid;
  }

  get publicKey(): KeyObject {
    return this.keys[this.keys.length - 1].publicKey;
  }

  get jwksRequests(): number {
    return this.counter.jwksRequests;
  }

  get discoveryRequests(): number {
    return this.counter.discoveryRequests;
  }

  /** Adds a new signing key and signs with it from now on; the old keys stay published. */
  rotate(): string {
    this.keys.push(newKey());
    return this.kid;
  }

  /** Stops publishing every key but the current one. */
  retireOldKeys(): void {
    this.keys = this.keys.slice(-1);
  }

  /** While down, the discovery document and the JWKS return 503. */
  setDown(down: boolean): void {
    this.down = down;
  }

  /** A valid customer token for `tenantId`; `claims` and `options` override the defaults. */
  token(
    tenantId: string | undefined,
    claims: Record<string, unknown> = {},
    options: SignOptions = {},
  ): string {
    const payload = {
      ...(tenantId === undefined ? {} : { tid: tenantId }),
      roles: ['analytics:read'],
      ...claims,
    };
    const key = this.keys[this.keys.length - 1];
    return sign(payload, key.privateKey, {
      algorithm: 'ES256',
      keyid: key.kid,
      issuer: this.issuer,
      audience: this.audience,
      subject: 'test-user',
      expiresIn: 600,
      ...options,
    });
  }

  /** Signs exactly these claims with the current key and adds nothing. */
  rawToken(payload: Record<string, unknown>): string {
    const key = this.keys[this.keys.length - 1];
    return sign(payload, key.privateKey, { algorithm: 'ES256', keyid: key.kid, noTimestamp: true });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(url: string, response: import('node:http').ServerResponse): void {
    if (this.down) {
      response.writeHead(503).end();
      return;
    }
    if (url === '/.well-known/openid-configuration') {
      this.counter.discoveryRequests += 1;
      this.json(response, {
        issuer: this.issuer,
        jwks_uri: this.jwksUrl,
        id_token_signing_alg_values_supported: ['ES256'],
      });
      return;
    }
    if (url === '/jwks.json') {
      this.counter.jwksRequests += 1;
      const keys = this.keys.map((key) => ({
        ...key.publicKey.export({ format: 'jwk' }),
        kid: key.kid,
        alg: 'ES256',
        use: 'sig',
      }));
      this.json(response, { keys });
      return;
    }
    response.writeHead(404).end();
  }

  private json(response: import('node:http').ServerResponse, body: object): void {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { kid: randomUUID(), privateKey, publicKey };
}
