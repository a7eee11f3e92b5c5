import { createPublicKey, JsonWebKey, KeyObject } from 'node:crypto';

/** Public keys of a JSON Web Key Set by `kid`; keys that are not for signatures are skipped. */
export function keysFromJwkSet(body: unknown): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  if (
    typeof body !== 'object' ||
    body === null ||
    !Array.isArray((body as { keys?: unknown }).keys)
  ) {
    throw new Error('The JWKS document has no "keys" array');
  }

  for (const jwk of (body as { keys: unknown[] }).keys) {
    if (typeof jwk !== 'object' || jwk === null) {
      continue;
    }
    const { kid, use, kty } = jwk as { kid?: unknown; use?: unknown; kty?: unknown };
    if (
      typeof kid !== 'string' ||
      (use !== undefined && use !== 'sig') ||
      (kty !== 'EC' && kty !== 'RSA')
    ) {
      continue;
    }
    try {
      keys.set(kid, createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }));
    } catch {
      // A malformed key is skipped rather than failing the whole set, so one bad entry at the
      // provider does not lock every caller out.
      continue;
    }
  }

  return keys;
}
