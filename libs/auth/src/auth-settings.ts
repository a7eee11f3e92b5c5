/** Token verification settings, validated by the application at start; also the injection token. */
export abstract class AuthSettings {
  /** Expected `iss` claim. */
  abstract readonly issuer: string;
  /** Expected `aud` claim. */
  abstract readonly audience: string;
  /** Asymmetric JWS algorithms accepted; HS* and `none` are never accepted. */
  abstract readonly algorithms: AsymmetricAlgorithm[];
  abstract readonly clockToleranceSeconds: number;
  abstract readonly claims: { tenant: string; roles: string; managedTenants: string };
}

export const ASYMMETRIC_ALGORITHMS = [
  'ES256',
  'ES384',
  'ES512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
] as const;
export type AsymmetricAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number];

export const DEFAULT_CLAIMS = { tenant: 'tid', roles: 'roles', managedTenants: 'managed_tenants' };
