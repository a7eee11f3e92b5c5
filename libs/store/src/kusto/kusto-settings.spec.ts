import { KustoSettingsError, loadKustoSettings } from './kusto-settings';

describe('loadKustoSettings', () => {
  it('reads the emulator settings', () => {
    const settings = loadKustoSettings({
      KUSTO_CLUSTER_URL: 'http://kusto:8080/',
      KUSTO_DATABASE: 'usage',
      KUSTO_AUTH: 'none',
      KUSTO_TRUSTED_HOSTS: 'kusto, kusto.local',
      KUSTO_SERVER_TIMEOUT_SECONDS: '45',
    });

    expect(settings).toEqual({
      clusterUrl: 'http://kusto:8080',
      database: 'usage',
      auth: { mode: 'none' },
      trustedHosts: ['kusto', 'kusto.local'],
      serverTimeoutMs: 45_000,
      truncationMaxRecords: 100_000,
    });
  });

  it('defaults to the default credential', () => {
    const settings = loadKustoSettings({
      KUSTO_CLUSTER_URL: 'https://c.westeurope.kusto.windows.net',
      KUSTO_DATABASE: 'usage',
    });

    expect(settings.auth).toEqual({ mode: 'default-credential' });
    expect(settings.serverTimeoutMs).toBe(30_000);
  });

  it('reads app-key credentials', () => {
    const settings = loadKustoSettings({
      KUSTO_CLUSTER_URL: 'https://c.westeurope.kusto.windows.net',
      KUSTO_DATABASE: 'usage',
      KUSTO_AUTH: 'app-key',
      KUSTO_APP_ID: 'app',
      KUSTO_APP_KEY: 'secret',
      KUSTO_TENANT_ID: 'directory',
    });

    expect(settings.auth).toEqual({
      mode: 'app-key',
      appId: 'app',
      appKey: 'secret',
      tenantId: 'directory',
    });
  });

  it('lists every invalid variable', () => {
    const load = () =>
      loadKustoSettings({
        KUSTO_CLUSTER_URL: 'http://c/path',
        KUSTO_AUTH: 'app-key',
        KUSTO_SERVER_TIMEOUT_SECONDS: '0',
        KUSTO_TRUSTED_HOSTS: 'ok,bad host',
      });

    expect(load).toThrow(/KUSTO_CLUSTER_URL must be an http\(s\) URL without a path/);
    expect(load).toThrow(/KUSTO_DATABASE is missing/);
    expect(load).toThrow(
      'KUSTO_AUTH=app-key needs KUSTO_APP_ID (the Entra application id), KUSTO_APP_KEY (its client secret), KUSTO_TENANT_ID (its directory (tenant) id)',
    );
    expect(load).toThrow(
      /KUSTO_SERVER_TIMEOUT_SECONDS must be a whole number from 1 to 3600, got "0"/,
    );
    expect(load).toThrow(/KUSTO_TRUSTED_HOSTS .* "bad host"/);
  });

  it('rejects a token over plain http', () => {
    const load = () =>
      loadKustoSettings({
        KUSTO_CLUSTER_URL: 'http://kusto:8080',
        KUSTO_DATABASE: 'usage',
        KUSTO_AUTH: 'managed-identity',
      });

    expect(load).toThrow(
      /KUSTO_AUTH=managed-identity sends a bearer token, so KUSTO_CLUSTER_URL must use https/,
    );
  });

  it('rejects an unknown auth mode', () => {
    const load = () =>
      loadKustoSettings({
        KUSTO_CLUSTER_URL: 'https://c',
        KUSTO_DATABASE: 'usage',
        KUSTO_AUTH: 'password',
      });

    expect(load).toThrow(
      /KUSTO_AUTH must be one of managed-identity, default-credential, app-key, none, got "password"/,
    );
  });

  it('rejects credentials in the URL without echoing them', () => {
    const load = () =>
      loadKustoSettings({
        KUSTO_CLUSTER_URL: 'https://user:secretpw@c.kusto.windows.net',
        KUSTO_DATABASE: 'usage',
      });

    expect(load).toThrow(KustoSettingsError);
    expect(load).toThrow(/KUSTO_CLUSTER_URL must not contain a user name or password/);
    expect(load).not.toThrow(/secretpw/);
  });

  it('hides credentials in a URL that does not parse', () => {
    for (const value of ['https://user:secretpw@127.0.0.1:99999', 'user:secretpw@127.0.0.1']) {
      const load = () => loadKustoSettings({ KUSTO_CLUSTER_URL: value, KUSTO_DATABASE: 'usage' });

      expect(load).toThrow(/KUSTO_CLUSTER_URL must be an http\(s\) URL without a path/);
      expect(load).not.toThrow(/secretpw/);
    }
  });
});
