/**
 * Readers of Kusto result values. The SDK parses the response with JSON.parse, so a `long`
 * arrives as a JS number and loses precision beyond 2^53. Queries that return counts therefore
 * convert them with `tostring()` in KQL. These readers accept both forms but reject an imprecise number.
 */
export class KustoValueError extends Error {}

/** Reads a Kusto long exactly, from a decimal string or a safe JS integer. */
export function readLong(value: unknown, column: string): bigint {
  if (typeof value === 'string' && /^-?\d{1,19}$/.test(value)) {
    return BigInt(value);
  }
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    return BigInt(value);
  }
  if (typeof value === 'number' && Number.isInteger(value)) {
    throw new KustoValueError(
      `Column ${column} contains a long beyond 2^53 that arrived as a JSON number, so its exact value is lost; return it with tostring()`,
    );
  }
  throw new KustoValueError(`Column ${column} must hold a long, got ${JSON.stringify(value)}`);
}

/**
 * Reads a count as a JS number; counts beyond 2^53 fail instead of being rounded. A null count
 * (an aggregate of no rows) reads as 0, but an absent column fails, because it means the result
 * does not have the shape the query asked for.
 */
export function readCount(value: unknown, column: string): number {
  if (value === undefined) {
    throw new KustoValueError(
      `The result has no column ${column}; the query and its reader disagree`,
    );
  }
  if (value === null || value === '') {
    return 0;
  }

  const count = readLong(value, column);
  if (count > BigInt(Number.MAX_SAFE_INTEGER) || count < 0n) {
    throw new KustoValueError(
      `Column ${column} contains ${count}, which a JSON number cannot carry exactly`,
    );
  }
  return Number(count);
}

/** Reads a `real`; Kusto sends NaN and infinities as strings, read here as null. */
export function readReal(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Reads a `dynamic`, which the SDK passes on as parsed JSON or, from some paths, as JSON text. */
export function readDynamic(value: unknown): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * Reads Kusto datetime text into 100 ns ticks since the Unix epoch, exactly. A JS Date keeps
 * milliseconds only, so two instants in one millisecond would compare equal; ticks keep their order.
 */
export function readDatetimeTicks(text: unknown, column: string): bigint {
  const match =
    typeof text === 'string'
      ? /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?Z$/.exec(text)
      : null;
  if (!match) {
    throw new KustoValueError(
      `Column ${column} must hold datetime text such as 2024-01-01T00:00:00.1234567Z, got ${JSON.stringify(text)}`,
    );
  }

  const seconds = Date.parse(`${match[1]}Z`) / 1000;
  const fraction = (match[2] ?? '').padEnd(7, '0');
  return BigInt(seconds) * 10_000_000n + BigInt(fraction);
}
