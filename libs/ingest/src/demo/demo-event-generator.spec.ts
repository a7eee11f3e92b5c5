import { UsageEvent } from '@analytics/store';
import { generateDemoEvents } from './demo-event-generator';
import { buildDemoPlan } from './demo-plan';

const FROM_MS = Date.UTC(2025, 4, 1);

function generate(seed: number, events: number, batchSize = 1000): UsageEvent[][] {
  return [...generateDemoEvents(buildDemoPlan(seed, events, FROM_MS, 72), batchSize)];
}

describe('generateDemoEvents', () => {
  it('repeats every byte for the same seed', () => {
    expect(JSON.stringify(generate(42, 5000))).toBe(JSON.stringify(generate(42, 5000)));
  });

  it('differs for another seed', () => {
    expect(JSON.stringify(generate(43, 5000))).not.toBe(JSON.stringify(generate(42, 5000)));
  });

  it('yields full batches and one remainder', () => {
    const batches = generate(42, 2500, 1000);

    expect(batches.map((batch) => batch.length)).toEqual([1000, 1000, 500]);
  });

  it('does not depend on the batch size', () => {
    expect(JSON.stringify(generate(42, 2500, 1000).flat())).toBe(
      JSON.stringify(generate(42, 2500, 64).flat()),
    );
  });

  it('keeps api keys stable when the event count changes', () => {
    const keysOf = (events: number) =>
      new Set(
        generate(42, events)
          .flat()
          .map((event) => `${event.apiKeyId}=${event.params.key}`),
      );
    const fewer = keysOf(3000);
    const more = keysOf(6000);

    expect([...fewer].every((pair) => more.has(pair))).toBe(true);
  });

  it('raises server errors and durations during an incident', () => {
    const plan = buildDemoPlan(42, 60_000, FROM_MS, 72);
    const tiles = plan.endpoints.findIndex((endpoint) => endpoint.template.endsWith('{y}.png'));
    const incident = {
      endpointIndex: tiles,
      firstHour: 30,
      hours: 4,
      serverErrorRate: 0.4,
      latencyFactor: 3,
    };
    const incidentsByHour = plan.incidentsByHour.map((_, hour) =>
      hour >= 30 && hour < 34 ? [incident] : undefined,
    );
    const windowStart = FROM_MS + 30 * 3_600_000;
    const windowEnd = FROM_MS + 34 * 3_600_000;

    const tileSuccesses = (events: UsageEvent[], inside: boolean) =>
      events
        .filter(
          (event) => event.endpoint === plan.endpoints[tiles].template && event.statusCode === 200,
        )
        .filter(
          (event) => (event.timestampMs >= windowStart && event.timestampMs < windowEnd) === inside,
        )
        .map((event) => event.durationMs)
        .sort((left, right) => left - right);
    const events = [
      ...generateDemoEvents({ ...plan, incidents: [incident], incidentsByHour }, 10_000),
    ].flat();
    const affected = events.filter(
      (event) =>
        event.endpoint === plan.endpoints[tiles].template &&
        event.timestampMs >= windowStart &&
        event.timestampMs < windowEnd,
    );
    const failed = affected.filter((event) => event.statusCode >= 500).length;
    const during = tileSuccesses(events, true);
    const outside = tileSuccesses(events, false);

    expect(affected.length).toBeGreaterThan(500);
    expect(failed / affected.length).toBeGreaterThan(0.35);
    expect(failed / affected.length).toBeLessThan(0.45);
    expect(during[during.length >> 1] / outside[outside.length >> 1]).toBeGreaterThan(2.5);
  });
});
