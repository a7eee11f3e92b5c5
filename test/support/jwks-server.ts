import { generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { sign, SignOptions } from 'jsonwebtoken';

/**
 * A stand-in for the portal's SSO: an ES256 key pair whose public half is served as a JWKS over
 * HTTP on loopback, and a signer for test tokens.
 */
export class TestIdentityProvider {
  readonly issuer: string;
  readonly audience = 'usage-analytics-api';
  readonly kid = randomUUID();
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  jwksRequests = 0;

  private constructor(
    private readonly server: Server,
    readonly jwksUrl: string,
    keys: { privateKey: KeyObject; publicKey: KeyObject },
  ) {
    this.issuer = jwksUrl.replace('/jwks.json', '');
    this.privateKey = keys.privateKey;
    this.publicKey = keys.publicKey;
  }

  static async start(): Promise<TestIdentityProvider> {
    const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    let provider: TestIdentityProvider | undefined;

    const server = createServer((request, response) => {
      if (request.url !== '/jwks.json' || !provider) {
        response.writeHead(404).end();
        return;
      }
      provider.jwksRequests += 1;
      const jwk = { ...keys.publicKey.export({ format: 'jwk' }), kid: provider.kid, alg: 'ES256', use: 'sig' };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

    const { port } = server.address() as AddressInfo;
    provider = new TestIdentityProvider(server, `http://127.0.0.1:${port}/jwks.json`, keys);
    return provider;
  }

  /** A valid customer token for `tenantId`; `claims` and `options` override the defaults. */
  token(tenantId: string | undefined, claims: Record<string, unknown> = {}, options: SignOptions = {}): string {
    const payload = { ...(tenantId === undefined ? {} : { tid: tenantId }), roles: ['analytics:read'], ...claims };
    return sign(payload, this.privateKey, {
      algorithm: 'ES256',
      keyid: this.kid,
      issuer: this.issuer,
      audience: this.audience,
      subject: 'test-user',
      expiresIn: 600,
      ...options,
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
