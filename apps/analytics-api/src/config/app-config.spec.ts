import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('uses the embedded dev issuer by default', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/x' });

    expect(config.auth.external).toBeUndefined();
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
  });

  it('refuses the dev issuer in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_ISSUER/);
  });

  it('accepts an external issuer in production', () => {
    const config = loadConfig({ NODE_ENV: 'production', AUTH_ISSUER: 'https://sso.example.com/' });

    expect(config.auth.external?.issuer).toBe('https://sso.example.com/');
  });

  it.each([
    ['AUTH_CLOCK_TOLERANCE_SECONDS', 'abc'],
    ['AUTH_CLOCK_TOLERANCE_SECONDS', '301'],
    ['AUTH_CLOCK_TOLERANCE_SECONDS', '-1'],
    ['AUTH_ALGORITHMS', 'HS256'],
    ['AUTH_ALGORITHMS', 'ES256,none'],
    ['PORT', '70000'],
    ['DEMO_DATA', 'yes'],
    ['AUTH_ISSUER', 'not a url'],
    ['CURSOR_SECRET', 'short'],
    ['HOST', '0.0.0.0x'],
    ['HOST', '999.1.1.1'],
    ['DUCKDB_MEMORY_LIMIT_MIB', '32'],
    ['DUCKDB_MEMORY_LIMIT_MIB', '1GB'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('reads the DuckDB memory limit', () => {
    expect(loadConfig({}).duckDbMemoryLimitMiB).toBeUndefined();
    expect(loadConfig({ DUCKDB_MEMORY_LIMIT_MIB: '512' }).duckDbMemoryLimitMiB).toBe(512);
  });

  it('lists every invalid variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', DEMO_DATA: 'maybe' })).toThrow(/PORT[\s\S]*DEMO_DATA/);
  });
});
