/**
 * Query parameter names whose values may be credentials or signatures. Their calls are counted,
 * but their values are never read from the store nor returned.
 */
export const DEFAULT_SECRET_PARAMETERS: readonly string[] = [
  'key',
  'api_key',
  'apikey',
  'token',
  'access_token',
  'secret',
  'password',
  'signature',
  'sig',
  'auth',
];

/**
 * Decides which parameters have their values withheld. Names match case-insensitively and
 * exactly (`key` matches `KEY` but not `keyword`). Configured names add to the defaults, so
 * configuration cannot expose a default one.
 */
export class SecretParameterPolicy {
  private readonly names: ReadonlySet<string>;

  constructor(additionalNames: readonly string[] = []) {
    const configured = additionalNames.map((name) => name.trim()).filter((name) => name.length > 0);
    this.names = new Set(
      [...DEFAULT_SECRET_PARAMETERS, ...configured].map((name) => name.toLowerCase()),
    );
  }

  isSecret(name: string): boolean {
    return this.names.has(name.toLowerCase());
  }
}
