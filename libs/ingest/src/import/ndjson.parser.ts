import { INSTANT_FORM, parseInstant, TenantScope } from '@analytics/common';
import { UsageEvent } from '@analytics/store';
import { isHttpMethod } from './http-methods';
import { LineParser, LineParseResult, quoteValue, rejectLine } from './line-parser';
import { limitParams } from './query-string';

const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  'timestamp',
  'tenantId',
  'apiKeyId',
  'product',
  'endpoint',
  'method',
  'statusCode',
  'durationMs',
  'requestBytes',
  'responseBytes',
  'transactions',
  'region',
  'params',
]);

type JsonObject = Record<string, unknown>;

/**
 * Parses one canonical NDJSON record. Required: `timestamp` (RFC 3339 with an offset),
 * `tenantId`, `product`, `endpoint`, `statusCode` (100-599) and `durationMs` (>= 0). The
 * others have defaults: `apiKeyId` and `region` "unknown", `method` "GET", byte counts 0,
 * `transactions` 1. An unknown field is rejected, so a misspelt optional field cannot fall
 * back to its default unnoticed.
 */
export const parseNdjsonLine: LineParser = (line, _lineNumber, options) => {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    return rejectLine(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isJsonObject(record)) {
    return rejectLine('not a JSON object');
  }

  const unknownField = Object.keys(record).find((field) => !KNOWN_FIELDS.has(field));
  if (unknownField !== undefined) {
    return rejectLine(`unknown field "${unknownField}"`);
  }

  return readEvent(record, options.ingestedAtMs);
};

function readEvent(record: JsonObject, ingestedAtMs: number): LineParseResult {
  try {
    const event: UsageEvent = {
      timestampMs: readTimestamp(record),
      ingestedAtMs,
      tenantId: readTenantId(record),
      apiKeyId: readText(record, 'apiKeyId', 'unknown'),
      product: readText(record, 'product'),
      endpoint: readText(record, 'endpoint'),
      method: readMethod(record),
      statusCode: readStatusCode(record),
      durationMs: readNumber(record, 'durationMs', { min: 0 }),
      requestBytes: readNumber(record, 'requestBytes', { min: 0, integer: true, fallback: 0 }),
      responseBytes: readNumber(record, 'responseBytes', { min: 0, integer: true, fallback: 0 }),
      transactions: readNumber(record, 'transactions', { min: 1, integer: true, fallback: 1 }),
      region: readText(record, 'region', 'unknown'),
      params: readParams(record),
    };
    return { event };
  } catch (error) {
    if (error instanceof InvalidFieldError) {
      return rejectLine(error.message);
    }
    throw error;
  }
}

/** Carries a rejection reason out of the field readers. readEvent catches it. */
class InvalidFieldError extends Error {}

function readTimestamp(record: JsonObject): number {
  const value = record.timestamp;
  if (value === undefined) {
    throw new InvalidFieldError('missing field "timestamp"');
  }

  const timestampMs = typeof value === 'string' ? parseInstant(value) : undefined;
  if (timestampMs === undefined) {
    throw new InvalidFieldError(
      `invalid "timestamp" ${quoteValue(value)}: expected ${INSTANT_FORM}`,
    );
  }
  return timestampMs;
}

function readTenantId(record: JsonObject): string {
  const tenantId = readText(record, 'tenantId');
  if (!TenantScope.isValidId(tenantId)) {
    throw new InvalidFieldError(
      `invalid "tenantId" ${quoteValue(tenantId)}: expected 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit`,
    );
  }
  return tenantId;
}

function readMethod(record: JsonObject): string {
  const method = readText(record, 'method', 'GET');
  if (!isHttpMethod(method)) {
    throw new InvalidFieldError(
      `invalid "method" ${quoteValue(method)}: expected an HTTP method such as GET`,
    );
  }
  return method;
}

function readStatusCode(record: JsonObject): number {
  const statusCode = readNumber(record, 'statusCode', { integer: true });
  if (statusCode < 100 || statusCode > 599) {
    throw new InvalidFieldError(`invalid "statusCode" ${statusCode}: expected 100-599`);
  }
  return statusCode;
}

/** Reads a non-empty string. Without a fallback the field is required. */
function readText(record: JsonObject, field: string, fallback?: string): string {
  const value = record[field];
  if (value === undefined && fallback !== undefined) {
    return fallback;
  }
  if (value === undefined) {
    throw new InvalidFieldError(`missing field "${field}"`);
  }
  if (typeof value !== 'string' || value === '') {
    throw new InvalidFieldError(
      `invalid "${field}" ${quoteValue(value)}: expected a non-empty string`,
    );
  }
  return value;
}

/** Reads a finite number of at least `min`. Without a fallback the field is required. */
function readNumber(
  record: JsonObject,
  field: string,
  { min, integer = false, fallback }: { min?: number; integer?: boolean; fallback?: number },
): number {
  const value = record[field];
  if (value === undefined && fallback !== undefined) {
    return fallback;
  }
  if (value === undefined) {
    throw new InvalidFieldError(`missing field "${field}"`);
  }

  const expected = `${integer ? 'a whole number' : 'a number'}${min === undefined ? '' : ` >= ${min}`}`;
  const valid =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!integer || Number.isSafeInteger(value)) &&
    (min === undefined || value >= min);
  if (!valid) {
    throw new InvalidFieldError(`invalid "${field}" ${quoteValue(value)}: expected ${expected}`);
  }
  return value;
}

/** Reads `params`, an object of strings, with the same limits as query strings from access logs. */
function readParams(record: JsonObject): Record<string, string> {
  const value = record.params;
  if (value === undefined) {
    return {};
  }
  if (!isJsonObject(value)) {
    throw new InvalidFieldError('invalid "params": expected an object of strings');
  }

  const entries: [string, string][] = [];
  for (const [name, paramValue] of Object.entries(value)) {
    if (typeof paramValue !== 'string') {
      throw new InvalidFieldError(
        `invalid "params.${name}" ${quoteValue(paramValue)}: expected a string`,
      );
    }
    entries.push([name, paramValue]);
  }
  return limitParams(entries);
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
