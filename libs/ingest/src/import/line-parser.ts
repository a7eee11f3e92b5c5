import { UsageEvent } from '@analytics/store';

/** Settings shared by every line of one imported file. */
export interface LineParserOptions {
  /** Tenant of every event. The log formats require it because they carry no tenant. */
  tenantId?: string;
  /** Product of every event, in place of the one the log line names. */
  product?: string;
  /** IANA zone in which to read timestamps that have no offset. */
  timeZone: string;
  /** Import start, epoch milliseconds, stored as `ingestedAtMs` on every event. */
  ingestedAtMs: number;
}

/** A parsed line: the event, or the reason the line was rejected. */
export type LineParseResult = { event: UsageEvent } | { reason: string };

/** Parses one non-blank line of a file. `lineNumber` counts from 1. */
export type LineParser = (
  line: string,
  lineNumber: number,
  options: LineParserOptions,
) => LineParseResult;

export function rejectLine(reason: string): LineParseResult {
  return { reason };
}

/** Quotes a value for a rejection reason, cut so that one bad line cannot flood the report. */
export function quoteValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 82 ? `${text.slice(0, 80)}…` : text;
}

/** Returns the tenant option, which importFile checks before any line is parsed. */
export function requireTenantId(options: LineParserOptions, format: string): string {
  if (options.tenantId === undefined) {
    throw new Error(
      `The ${format} format has no tenant field, so pass a tenant id in the import options`,
    );
  }
  return options.tenantId;
}
