import { canonicalTimeZone, Clock, TenantScope } from '@analytics/common';
import { appendEvents, DuckDbStore, UsageEvent } from '@analytics/store';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseHaproxyLine } from './haproxy.parser';
import { LineParser, LineParserOptions } from './line-parser';
import { parseNdjsonLine } from './ndjson.parser';
import { parseNginxIngressLine } from './nginx-ingress.parser';
import { RejectedLine, RejectedLines } from './rejected-lines';

export type { RejectedLine } from './rejected-lines';

const PARSERS = {
  ndjson: parseNdjsonLine,
  'nginx-ingress': parseNginxIngressLine,
  haproxy: parseHaproxyLine,
} as const satisfies Record<string, LineParser>;

export type ImportFormat = keyof typeof PARSERS;
export const IMPORT_FORMATS = Object.keys(PARSERS) as ImportFormat[];

/** Formats whose records name no tenant, so an import needs `tenantId`. */
const FORMATS_WITHOUT_TENANT: ReadonlySet<ImportFormat> = new Set(['nginx-ingress', 'haproxy']);

/** Events written per batch, which bounds the memory an import holds. */
const BATCH_SIZE = 10_000;

export interface ImportOptions {
  format: ImportFormat;
  /** Tenant of every event. Required for nginx-ingress and haproxy, whose logs have no tenant. */
  tenantId?: string;
  /** Product of every event in place of the upstream or backend name (log formats only). */
  product?: string;
  /** IANA zone for timestamps logged without an offset (haproxy), UTC by default. */
  timeZone?: string;
  /** Load the valid lines of a file that has rejected lines, instead of loading nothing. */
  skipInvalid?: boolean;
  /** Source of the import time stored as `ingestedAtMs`. */
  clock?: Clock;
}

export interface ImportReport {
  file: string;
  format: ImportFormat;
  /** Events loaded into the store: 0 when the file was not loaded. */
  accepted: number;
  /** Lines that parsed into events, whether or not they were loaded. */
  valid: number;
  /** The first 1000 rejected lines in file order. */
  rejected: RejectedLine[];
  /** All rejected lines, including those beyond the listed ones. */
  rejectedCount: number;
  /** False when rejected lines kept the file out of the store. */
  loaded: boolean;
}

/** Thrown from the batch source to make appendEvents discard what it has written. */
class DiscardFile extends Error {}

/**
 * Imports one log file into the store. A file is loaded whole or not at all: a rejected line
 * keeps every line of the file out of the store, unless `skipInvalid` is set, in which case the
 * valid lines are loaded. The file is read as a stream in one pass and blank lines are skipped.
 * Throws on invalid options and on read or store errors, never on a bad line.
 */
export async function importFile(
  store: DuckDbStore,
  file: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const parserOptions = toParserOptions(options);
  const parse = PARSERS[options.format];
  const rejections = new RejectedLines();
  let valid = 0;

  async function* batches(): AsyncGenerator<UsageEvent[]> {
    let batch: UsageEvent[] = [];

    for await (const [lineNumber, line] of readLines(file)) {
      const result = parse(line, lineNumber, parserOptions);
      if ('reason' in result) {
        rejections.add(lineNumber, result.reason);
        continue;
      }

      valid += 1;
      // Once a line is rejected a strict import loads nothing, so the rest is only validated.
      if (rejections.count > 0 && !options.skipInvalid) {
        continue;
      }
      batch.push(result.event);
      if (batch.length >= BATCH_SIZE) {
        yield batch;
        batch = [];
      }
    }

    if (rejections.count > 0 && !options.skipInvalid) {
      throw new DiscardFile();
    }
    yield batch;
  }

  let accepted = 0;
  try {
    accepted = await appendEvents(store, batches());
  } catch (error) {
    if (!(error instanceof DiscardFile)) {
      throw error;
    }
  }

  return {
    file,
    format: options.format,
    accepted,
    valid,
    rejected: rejections.listed,
    rejectedCount: rejections.count,
    loaded: rejections.count === 0 || options.skipInvalid === true,
  };
}

function toParserOptions(options: ImportOptions): LineParserOptions {
  if (!Object.hasOwn(PARSERS, options.format)) {
    throw new Error(
      `Unknown import format "${options.format}": expected one of ${IMPORT_FORMATS.join(', ')}`,
    );
  }
  if (FORMATS_WITHOUT_TENANT.has(options.format) && options.tenantId === undefined) {
    throw new Error(
      `The ${options.format} format has no tenant field, so the import needs a tenant id`,
    );
  }
  if (options.tenantId !== undefined && !TenantScope.isValidId(options.tenantId)) {
    throw new Error(`Invalid tenant id ${JSON.stringify(options.tenantId).slice(0, 80)}`);
  }

  const timeZone = canonicalTimeZone(options.timeZone ?? 'UTC');
  if (timeZone === undefined) {
    throw new Error(
      `Unknown time zone ${JSON.stringify(options.timeZone)}: expected an IANA name such as Europe/Berlin`,
    );
  }

  return {
    tenantId: options.tenantId,
    product: options.product,
    timeZone,
    ingestedAtMs: (options.clock ?? new Clock()).nowMs(),
  };
}

/**
 * Yields `[lineNumber, line]` for each non-blank line, numbering from 1 and counting blank lines.
 * Accepts LF and CRLF line ends and drops a UTF-8 byte order mark.
 */
async function* readLines(file: string): AsyncGenerator<[number, string]> {
  const lines = createInterface({
    input: createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  let lineNumber = 0;

  for await (const text of lines) {
    lineNumber += 1;
    const line = lineNumber === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (line.trim() !== '') {
      yield [lineNumber, line];
    }
  }
}
