import { UsageEvent } from '@analytics/store';

/** Builds a usage event with plain defaults; tests override what they check. */
export function usageEvent(overrides: Partial<UsageEvent> & { at?: string } = {}): UsageEvent {
  const { at, ...rest } = overrides;
  const timestampMs = at ? Date.parse(at) : Date.parse('2026-03-10T12:00:00Z');
  return {
    timestampMs,
    ingestedAtMs: timestampMs + 5_000,
    tenantId: 'tenant-a',
    apiKeyId: 'key-1',
    product: 'search',
    endpoint: '/search/2/geocode/{query}.json',
    method: 'GET',
    statusCode: 200,
    durationMs: 20,
    requestBytes: 300,
    responseBytes: 2_000,
    transactions: 1,
    region: 'westeurope',
    params: { query: 'amsterdam' },
    ...rest,
  };
}

/** `count` copies of an event, one second apart from `at`. */
export function repeatEvent(
  count: number,
  overrides: Partial<UsageEvent> & { at: string },
): UsageEvent[] {
  const startMs = Date.parse(overrides.at);
  return Array.from({ length: count }, (_, index) =>
    usageEvent({ ...overrides, at: new Date(startMs + index * 1000).toISOString() }),
  );
}
