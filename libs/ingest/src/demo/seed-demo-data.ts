import { appendEvents, deleteAllEvents, DuckDbStore } from '@analytics/store';
import { performance } from 'node:perf_hooks';
import { generateDemoEvents } from './demo-event-generator';
import { buildDemoPlan, eventsPerTenant } from './demo-plan';
import { HOUR_MS } from './traffic-cycle';

export interface DemoSeedOptions {
  /** Number of events to write; default 2,100,000. */
  events?: number;
  /** Length of the period in days, ending at `endMs`; default 90. */
  days?: number;
  /** Seed of the random generator, 0 to 4,294,967,295; default 42. */
  seed?: number;
  /** End of the period, exclusive, epoch milliseconds; default the current time floored to the hour. */
  endMs?: number;
  /** Delete every event and rollup row in the store before seeding; default false. */
  reset?: boolean;
}

export interface DemoSeedResult {
  /** Ids of the tenants that received events, the one with the most events first. */
  tenants: string[];
  /** Number of events written. */
  events: number;
  /** Start of the period, inclusive, epoch milliseconds. */
  fromMs: number;
  /** End of the period, exclusive, epoch milliseconds. */
  toMs: number;
  /** Wall time of the whole run in milliseconds. */
  durationMs: number;
}

export const DEFAULT_DEMO_EVENTS = 2_100_000;
export const DEFAULT_DEMO_DAYS = 90;
export const DEFAULT_DEMO_SEED = 42;
/** Maximum period in days, which bounds the per-hour tables to about 2 million cells. */
export const MAX_DEMO_DAYS = 3650;
export const MAX_DEMO_SEED = 0xffffffff;

const BATCH_SIZE = 50_000;

/**
 * Writes deterministic demo events of a maps and location platform into the store. The same
 * options, `endMs` included, give byte-identical events. The load is atomic: all events land or
 * none do.
 *
 * With `reset`, the existing events and rollups are deleted first in a transaction of their own, so a run
 * that then fails leaves the store empty rather than with the old data.
 */
export async function seedDemoData(
  store: DuckDbStore,
  options: DemoSeedOptions = {},
): Promise<DemoSeedResult> {
  const startedAt = performance.now();
  const events = options.events ?? DEFAULT_DEMO_EVENTS;
  const days = options.days ?? DEFAULT_DEMO_DAYS;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const endMs = options.endMs ?? Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  validateOptions(events, days, seed, endMs);

  const hourCount = days * 24;
  const fromMs = endMs - hourCount * HOUR_MS;
  const plan = buildDemoPlan(seed, events, fromMs, hourCount);

  if (options.reset) {
    await deleteAllEvents(store);
  }
  const written = await appendEvents(store, generateDemoEvents(plan, BATCH_SIZE));

  const tenants = [...eventsPerTenant(plan)]
    .filter(([, count]) => count > 0)
    .sort(([, left], [, right]) => right - left)
    .map(([id]) => id);

  return {
    tenants,
    events: written,
    fromMs,
    toMs: endMs,
    durationMs: Math.round(performance.now() - startedAt),
  };
}

function validateOptions(events: number, days: number, seed: number, endMs: number): void {
  if (!Number.isSafeInteger(events) || events < 0) {
    throw new RangeError(`events must be a whole number of at least 0, got ${events}`);
  }
  if (!Number.isInteger(days) || days < 1 || days > MAX_DEMO_DAYS) {
    throw new RangeError(`days must be a whole number from 1 to ${MAX_DEMO_DAYS}, got ${days}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_DEMO_SEED) {
    throw new RangeError(`seed must be a whole number from 0 to ${MAX_DEMO_SEED}, got ${seed}`);
  }
  if (!Number.isSafeInteger(endMs)) {
    throw new RangeError(`endMs must be whole epoch milliseconds, got ${endMs}`);
  }
}
