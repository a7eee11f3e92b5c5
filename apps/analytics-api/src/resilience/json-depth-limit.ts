import { FastifyAdapter } from '@nestjs/platform-fastify';
import { FastifyRequest } from 'fastify';

/** JSON bodies nested deeper than this are rejected; no request body of the API needs more than 4. */
export const MAX_JSON_DEPTH = 32;

/**
 * Registers Fastify's JSON body parser (prototype keys still rejected) with a depth limit, through
 * Nest so that Nest does not add its own. class-transformer, which the validation pipe runs on
 * every body, recurses once per level, so a body of a few thousand nested arrays would overflow
 * the stack and end in a 500.
 */
export function limitJsonDepth(adapter: FastifyAdapter): void {
  const fastify = adapter.getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');

  adapter.useBodyParser(
    'application/json',
    false,
    { bodyLimit: fastify.initialConfig.bodyLimit },
    (request: FastifyRequest, body: Buffer, done: ParserDone) => {
      const text = body.toString('utf8');
      parseJson(request, text, (error: Error | null, value?: unknown) => {
        if (error) {
          done(isPlainJson(text) ? forbiddenKeyError() : error, undefined);
          return;
        }
        if (depthOf(value) > MAX_JSON_DEPTH) {
          done(
            Object.assign(
              new Error(`The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep`),
              { statusCode: 400 },
            ),
            undefined,
          );
          return;
        }
        done(null, value);
      });
    },
  );
}

type ParserDone = (error: Error | null, value?: unknown) => void;

/** Returns whether `text` parses as plain JSON, so that only a forbidden key failed the secure parse. */
function isPlainJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function forbiddenKeyError(): Error {
  return Object.assign(
    new Error(
      'The JSON body contains the key __proto__ or constructor.prototype, which is not accepted; remove it',
    ),
    { statusCode: 400 },
  );
}

/** Nesting depth of a parsed JSON value, computed without recursion so it cannot overflow itself. */
function depthOf(root: unknown): number {
  let deepest = 0;
  const pending: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];

  while (pending.length > 0) {
    const { value, depth } = pending.pop() as { value: unknown; depth: number };
    if (typeof value !== 'object' || value === null) {
      continue;
    }

    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_JSON_DEPTH) {
      return deepest;
    }
    for (const child of Object.values(value)) {
      pending.push({ value: child, depth: depth + 1 });
    }
  }
  return deepest;
}
