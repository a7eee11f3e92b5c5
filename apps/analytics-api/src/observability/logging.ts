import { Params } from 'nestjs-pino';
import pino, { DestinationStream, Logger, LevelWithSilent } from 'pino';

export const LOG_LEVELS = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
] as const satisfies readonly LevelWithSilent[];
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Paths removed from every log line. Request lines carry no headers and no query string, so these
 * only matter when code logs a request, a header set or an error object that contains a credential.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'token',
  '*.authorization',
  '*.token',
  '*.accessToken',
  '*.cursorSecret',
];

/** Builds the root pino logger: JSON lines on `destination` (standard output by default). */
export function createRootLogger({
  level,
  destination,
}: {
  level: LogLevel;
  destination?: DestinationStream;
}): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.errWithCause },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/**
 * nestjs-pino settings around `logger`. Its pino-http middleware binds `requestId` (Fastify's
 * request id, see `observeRequests`) to every line logged while a request is handled; the
 * request's own line is written by `observeRequests`, so pino-http's is turned off.
 *
 * NOTE: nestjs-pino keeps the first middleware it builds for the life of the process, so a second
 * app created in the same process logs through the first app's logger.
 */
export function loggerModuleParams(logger: Logger): Params {
  return {
    pinoHttp: {
      logger,
      autoLogging: false,
      quietReqLogger: true,
      customAttributeKeys: { reqId: 'requestId' },
      genReqId: (request) => request.id,
    },
  };
}
