import { DemoEndpoint } from './demo-endpoints';
import { SeededRandom, WeightedChoice } from './seeded-random';

/** A stretch of hours in which one endpoint returns many 5xx errors and responds slowly. */
export interface Incident {
  endpointIndex: number;
  /** First affected hour, counted from the start of the period. */
  firstHour: number;
  /** Number of affected hours. */
  hours: number;
  /** Share of the endpoint's calls that get a 5xx status during the incident. */
  serverErrorRate: number;
  /** Multiplier on the endpoint's durations during the incident. */
  latencyFactor: number;
}

/** Average number of days between incidents. */
const DAYS_PER_INCIDENT = 15;

/**
 * Draws the incidents of a period of `hourCount` hours. Busy endpoints are likelier to be hit,
 * but by the square root of their popularity, so tile outages do not crowd out the rest.
 */
export function planIncidents(
  random: SeededRandom,
  endpoints: readonly DemoEndpoint[],
  hourCount: number,
): Incident[] {
  const count = Math.max(1, Math.round(hourCount / 24 / DAYS_PER_INCIDENT));
  const targets = new WeightedChoice(
    endpoints.map((_, index) => index),
    endpoints.map((endpoint) => Math.sqrt(endpoint.popularity)),
  );

  const incidents: Incident[] = [];
  for (let index = 0; index < count; index += 1) {
    const hours = Math.min(hourCount, random.integer(1, 6));
    incidents.push({
      endpointIndex: targets.draw(random),
      firstHour: random.integer(0, hourCount - hours),
      hours,
      serverErrorRate: 0.2 + random.next() * 0.3,
      latencyFactor: 2 + random.next() * 3,
    });
  }
  return incidents;
}

/** Lists, for each hour of the period, the incidents active in it, or undefined for a quiet hour. */
export function incidentsByHour(
  incidents: readonly Incident[],
  hourCount: number,
): (Incident[] | undefined)[] {
  const byHour: (Incident[] | undefined)[] = new Array(hourCount).fill(undefined);
  for (const incident of incidents) {
    for (let hour = incident.firstHour; hour < incident.firstHour + incident.hours; hour += 1) {
      (byHour[hour] ??= []).push(incident);
    }
  }
  return byHour;
}
