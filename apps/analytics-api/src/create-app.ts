import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  DevSigningKey,
  DEV_ISSUER,
  KeySource,
  RemoteJwksKeySource,
  StaticKeySource,
} from '@analytics/auth';
import { createFailOpenCache, DEFAULT_CACHE_STORE_SETTINGS, FailOpenCache } from '@analytics/cache';
import { Clock } from '@analytics/common';
import { DuckDbStore } from '@analytics/store';
import { Logger } from 'nestjs-pino';
import { Logger as PinoRootLogger } from 'pino';
import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { AppModule, AppRuntime } from './app.module';
import { AppStore } from './composition/app-store';
import { AppConfig } from './config/app-config';
import { setUpOpenApi } from './http/open-api';
import { parseQueryString } from './http/query-string-parser';
import { setUpObservability } from './observability/create-observability';
import {
  answerClientErrorsAsProblems,
  answerFrameworkErrorAsProblem,
} from './resilience/framework-errors';
import { requireJsonBodies } from './resilience/json-body-required';
import { limitJsonDepth } from './resilience/json-depth-limit';
import { closeConnectionsDuringShutdown } from './resilience/graceful-shutdown';
import { loadCursorSecret } from './startup/cursor-secret';
import { MemoryRateLimitCounter } from './rate-limit/memory-rate-limit.counter';
import { RedisRateLimitCounter } from './rate-limit/redis-rate-limit.counter';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Builds the application around an opened store; `main` and the end-to-end tests share it.
 * `logger` is the root pino logger; `false` silences logging, and without it one is built from
 * LOG_LEVEL. Signals are not handled here: `main` installs the graceful shutdown.
 */
export async function createApp(
  config: AppConfig,
  store: AppStore,
  options: { clock?: Clock; logger?: PinoRootLogger | false } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // An incoming X-Request-Id is kept when it is a plain token, so a caller can correlate logs;
    // anything else is replaced, so log lines cannot be forged through it.
    genReqId: (request: IncomingMessage) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    frameworkErrors: answerFrameworkErrorAsProblem,
    // X-Forwarded-For is honoured only for the configured number of proxy hops in front of us.
    trustProxy: (_address: string, hop: number) => hop < config.trustProxyHops,
    routerOptions: {
      querystringParser: parseQueryString,
      // The controllers check path parameters, but above Fastify's default of 100 characters the
      // router responds 414 before they run. A parameter name of 128 UTF-16 code units, each a
      // 3-byte UTF-8 character percent-encoded as 9 characters, is 1152 characters long.
      maxParamLength: 1152,
    },
  });
  adapter.getInstance().addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  const observability = setUpObservability({
    config,
    fastify: adapter.getInstance(),
    store: store instanceof DuckDbStore ? store : store.runner,
    logger: options.logger,
  });
  closeConnectionsDuringShutdown(adapter.getInstance());
  limitJsonDepth(adapter);
  requireJsonBodies(adapter.getInstance());
  answerClientErrorsAsProblems(adapter.getInstance().server);
  const runtime: AppRuntime = {
    config,
    store,
    ...identityFor(config),
    cursorSecret: loadCursorSecret(config.cursorSecret, config.dataDir),
    clock: options.clock,
    observability,
    cache: config.cache.enabled ? await openReportCache(config) : undefined,
    rateLimitCounter: config.redisUrl
      ? await RedisRateLimitCounter.connect(config.redisUrl)
      : new MemoryRateLimitCounter(),
  };

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(runtime),
    adapter,
    {
      logger: options.logger === false ? false : undefined,
      bufferLogs: options.logger !== false,
      abortOnError: false,
    },
  );
  if (options.logger !== false) {
    app.useLogger(app.get(Logger));
  }
  setUpOpenApi(app);
  await app.init();
  return app;
}

function openReportCache(config: AppConfig): Promise<FailOpenCache> {
  return createFailOpenCache({
    ...DEFAULT_CACHE_STORE_SETTINGS,
    redisUrl: config.redisUrl,
    memoryMaxEntries: config.cache.memoryEntries,
    operationTimeoutMs: config.cache.operationTimeoutMs,
  });
}

function identityFor(
  config: AppConfig,
): Pick<AppRuntime, 'authSettings' | 'keySource' | 'devSigningKey'> {
  const { auth } = config;
  const common = {
    audience: auth.audience,
    algorithms: auth.algorithms,
    clockToleranceSeconds: auth.clockToleranceSeconds,
    claims: auth.claims,
  };

  if (auth.external) {
    const { issuer, jwksUrl, refetchIntervalSeconds } = auth.external;
    const keySource: KeySource = new RemoteJwksKeySource({
      issuer,
      jwksUrl,
      refetchIntervalMs: refetchIntervalSeconds * 1000,
    });
    return { authSettings: { ...common, issuer: auth.external.issuer }, keySource };
  }

  const devSigningKey = DevSigningKey.loadOrCreate(DevSigningKey.fileIn(config.dataDir));
  const keySource = new StaticKeySource(new Map([[devSigningKey.kid, devSigningKey.publicKey()]]));
  return { authSettings: { ...common, issuer: DEV_ISSUER }, keySource, devSigningKey };
}
