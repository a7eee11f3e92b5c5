import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock } from '@analytics/common';
import { appendEvents, DuckDbStore, UsageEvent } from '@analytics/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AppStore,
  KustoStore,
  openAppStore,
} from '../../apps/analytics-api/src/composition/app-store';
import { loadConfig } from '../../apps/analytics-api/src/config/app-config';
import { createApp } from '../../apps/analytics-api/src/create-app';
import { TestIdentityProvider } from './jwks-server';
import { OpenApiResponseValidator } from './openapi-response-validator';

let validator: OpenApiResponseValidator | undefined;

/** Returns the validator that checks every end-to-end response against the committed spec. */
function responseValidator(): OpenApiResponseValidator {
  validator ??= OpenApiResponseValidator.fromCommittedSpec();
  return validator;
}

/** A clock pinned to one instant, so partial flags and freshness are predictable. */
export class FixedClock extends Clock {
  constructor(private fixedMs: number) {
    super();
  }

  override nowMs(): number {
    return this.fixedMs;
  }

  /** Moves the pinned instant forward by `ms`. */
  advance(ms: number): void {
    this.fixedMs += ms;
  }
}

/** A response of the app under test; bodies are checked field by field by the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TestResponse = { status: number; headers: Headers; body: any };

export interface RunningApp<S extends AppStore = DuckDbStore> {
  baseUrl: string;
  identity: TestIdentityProvider;
  store: S;
  clock: FixedClock;
  dataDir: string;
  /** GET with a bearer token; returns the status, headers and parsed JSON body. */
  get(path: string, token?: string): Promise<TestResponse>;
  /** Any method, with optional headers and a JSON body; the response is checked against openapi.json. */
  request(
    method: string,
    path: string,
    options?: { token?: string; headers?: Record<string, string>; body?: unknown },
  ): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  events?: UsageEvent[];
  nowIso?: string;
  env?: Record<string, string>;
  /** An identity provider shared with another app instance; it is then not closed with this app. */
  identity?: TestIdentityProvider;
  /**
   * `kusto` sets STORE=kusto: the app reads the cluster that the KUSTO_* variables of `env` name,
   * and no DuckDB file is opened, so `events` must be empty. Default `duckdb`.
   */
  store?: 'duckdb' | 'kusto';
}

/**
 * Starts the whole application over HTTP on loopback with a fresh DuckDB file holding `events`,
 * verifying tokens against a JWKS served by a local identity provider.
 */
export async function startTestApp(
  options: TestAppOptions & { store: 'kusto' },
): Promise<RunningApp<KustoStore>>;
export async function startTestApp(options?: TestAppOptions): Promise<RunningApp>;
export async function startTestApp(options: TestAppOptions = {}): Promise<RunningApp<AppStore>> {
  if (options.store === 'kusto' && options.events && options.events.length > 0) {
    throw new Error(
      'startTestApp cannot insert events into Kusto: remove `events` or use store duckdb',
    );
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'usage-analytics-e2e-'));
  const identity = options.identity ?? (await TestIdentityProvider.start());
  const config = loadConfig({
    DATA_DIR: dataDir,
    AUTH_ISSUER: identity.issuer,
    AUTH_JWKS_URL: identity.jwksUrl,
    DEMO_DATA: 'false',
    ...options.env,
    ...(options.store === 'kusto' ? { STORE: 'kusto' } : {}),
  });

  const store =
    options.store === 'kusto'
      ? await openAppStore(config)
      : await openDuckDb(config.duckDbPath, options.events);

  const clock = new FixedClock(Date.parse(options.nowIso ?? '2026-12-01T00:00:00Z'));
  const app: NestFastifyApplication = await createApp(config, store, { clock, logger: false });
  await app.listen(0, '127.0.0.1');
  const baseUrl = await app.getUrl();

  const request: RunningApp['request'] = async (
    method,
    path,
    { token, headers = {}, body } = {},
  ) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;

    responseValidator().assertResponse(
      { method, path },
      { status: response.status, contentType: response.headers.get('content-type'), body: parsed },
    );
    return { status: response.status, headers: response.headers, body: parsed };
  };

  return {
    baseUrl,
    identity,
    store,
    clock,
    dataDir,
    request,
    get: (path, token) => request('GET', path, { token }),
    async close() {
      // NOTE: after a client aborts a request, the server keeps that connection open until the
      // keep-alive timeout, so `app.close` would wait that long. Every test request has ended here.
      (app.getHttpServer() as Server).closeAllConnections();
      await app.close();
      store.close();
      if (!options.identity) {
        await identity.close();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function openDuckDb(path: string, events: UsageEvent[] = []): Promise<DuckDbStore> {
  const store = await DuckDbStore.open(path);
  if (events.length > 0) {
    await appendEvents(store, [events]);
  }
  return store;
}
