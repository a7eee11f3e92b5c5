import { UsageEvent } from '@analytics/store';
import { DemoEndpoint } from './demo-endpoints';
import { Incident } from './demo-incidents';
import { DemoPlan, PreparedTenant, RANDOM_STREAMS } from './demo-plan';
import { SeededRandom, WeightedChoice } from './seeded-random';
import { HOUR_MS } from './traffic-cycle';

/** Share of successful calls that hit a slow path (cold cache, long geometry) and take 5-20 times longer. */
export const SLOW_TAIL_SHARE = 0.02;

/** The gateway's upstream timeout; a 504 is logged when it runs out. */
const GATEWAY_TIMEOUT_MS = 30_000;

const CLIENT_ERRORS = WeightedChoice.of([
  [400, 30],
  [401, 10],
  [403, 7],
  [404, 33],
  [429, 20],
]);
const SERVER_ERRORS = WeightedChoice.of([
  [500, 35],
  [502, 20],
  [503, 30],
  [504, 15],
]);
/** An overloaded backend mostly sheds load or times out. */
const INCIDENT_ERRORS = WeightedChoice.of([
  [500, 10],
  [502, 15],
  [503, 45],
  [504, 30],
]);

/**
 * Yields the plan's events in batches of `batchSize`, hour by hour. Only the current batch is
 * held in memory. The same plan always yields the same events in the same order.
 */
export function* generateDemoEvents(plan: DemoPlan, batchSize: number): Generator<UsageEvent[]> {
  const random = new SeededRandom(plan.seed, RANDOM_STREAMS.events);
  const tenantCount = plan.tenants.length;
  let batch: UsageEvent[] = [];

  for (let hour = 0; hour < plan.hourCount; hour += 1) {
    const hourStartMs = plan.fromMs + hour * HOUR_MS;
    const incidents = plan.incidentsByHour[hour];

    for (let rank = 0; rank < tenantCount; rank += 1) {
      const count = plan.counts[hour * tenantCount + rank];
      for (let index = 0; index < count; index += 1) {
        const timestampMs = hourStartMs + Math.floor(random.next() * HOUR_MS);
        batch.push(drawEvent(random, plan, plan.tenants[rank], timestampMs, incidents));
        if (batch.length === batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
  }

  if (batch.length > 0) {
    yield batch;
  }
}

function drawEvent(
  random: SeededRandom,
  plan: DemoPlan,
  prepared: PreparedTenant,
  timestampMs: number,
  incidents: Incident[] | undefined,
): UsageEvent {
  const key = prepared.keys.draw(random);
  const endpointIndex = key.endpoints.draw(random);
  const endpoint = plan.endpoints[endpointIndex];
  const incident = incidents?.find((candidate) => candidate.endpointIndex === endpointIndex);

  const statusCode = drawStatus(random, endpoint, prepared.clientErrorFactor, incident);
  const transactions = drawTransactions(random, endpoint);

  const params: Record<string, string> = { key: key.value };
  const context = { random, market: prepared.market, timestampMs };
  for (const parameter of endpoint.parameters) {
    if (random.chance(parameter.presence)) {
      parameter.apply(params, context);
    }
  }

  return {
    timestampMs,
    ingestedAtMs: drawIngestedAt(random, timestampMs, plan.toMs),
    tenantId: prepared.tenant.id,
    apiKeyId: key.id,
    product: endpoint.product,
    endpoint: endpoint.template,
    method: endpoint.method,
    statusCode,
    durationMs: roundTo(
      drawDuration(random, endpoint, statusCode, incident?.latencyFactor ?? 1),
      100,
    ),
    requestBytes: drawRequestBytes(random, endpoint, transactions),
    responseBytes: drawResponseBytes(random, endpoint, statusCode, transactions),
    transactions,
    region: prepared.regions.draw(random),
    params,
  };
}

function drawStatus(
  random: SeededRandom,
  endpoint: DemoEndpoint,
  clientErrorFactor: number,
  incident: Incident | undefined,
): number {
  const serverErrorRate = incident ? incident.serverErrorRate : endpoint.serverErrorRate;
  const clientErrorRate = endpoint.clientErrorRate * clientErrorFactor;
  const draw = random.next();

  if (draw < serverErrorRate) {
    return (incident ? INCIDENT_ERRORS : SERVER_ERRORS).draw(random);
  }
  if (draw < serverErrorRate + clientErrorRate) {
    return CLIENT_ERRORS.draw(random);
  }
  if (!endpoint.successStatuses) {
    return 200;
  }
  return successChoice(endpoint).draw(random);
}

const successChoices = new WeakMap<DemoEndpoint, WeightedChoice<number>>();

function successChoice(endpoint: DemoEndpoint): WeightedChoice<number> {
  let choice = successChoices.get(endpoint);
  if (!choice) {
    choice = WeightedChoice.of(endpoint.successStatuses ?? [[200, 1]]);
    successChoices.set(endpoint, choice);
  }
  return choice;
}

function drawTransactions(random: SeededRandom, endpoint: DemoEndpoint): number {
  switch (endpoint.transactions) {
    case 'batch':
      return random.logUniformInteger(2, 100);
    case 'matrix':
      return random.integer(1, 10) * random.integer(2, 10);
    default:
      return 1;
  }
}

/**
 * Draws a duration by status: successes follow the endpoint's log-normal law with a slow tail,
 * rejections at the gateway (401, 403, 429) and load shedding (503) are fast, and a 504 lasts
 * as long as the gateway timeout.
 */
function drawDuration(
  random: SeededRandom,
  endpoint: DemoEndpoint,
  statusCode: number,
  latencyFactor: number,
): number {
  switch (statusCode) {
    case 304:
      return random.logNormal(endpoint.medianMs * 0.35, endpoint.sigma);
    case 401:
    case 403:
    case 429:
      return random.logNormal(2.5, 0.5);
    case 400:
    case 404:
      return random.logNormal(endpoint.medianMs * 0.5, endpoint.sigma);
    case 500:
    case 502:
      return random.logNormal(endpoint.medianMs * 1.2 * latencyFactor, endpoint.sigma);
    case 503:
      return random.logNormal(4, 0.6);
    case 504:
      return GATEWAY_TIMEOUT_MS + random.next() * 50;
    default: {
      const duration = random.logNormal(endpoint.medianMs * latencyFactor, endpoint.sigma);
      return random.chance(SLOW_TAIL_SHARE) ? duration * (5 + random.next() * 15) : duration;
    }
  }
}

function drawRequestBytes(
  random: SeededRandom,
  endpoint: DemoEndpoint,
  transactions: number,
): number {
  if (endpoint.method === 'GET' || endpoint.method === 'DELETE') {
    return Math.round(random.logNormal(endpoint.requestBytes, 0.2));
  }
  return Math.round(random.logNormal(endpoint.requestBytes * transactions, 0.4));
}

/** Body bytes: none for 204 and 304, a short problem document for errors. */
function drawResponseBytes(
  random: SeededRandom,
  endpoint: DemoEndpoint,
  statusCode: number,
  transactions: number,
): number {
  if (statusCode === 204 || statusCode === 304) {
    return 0;
  }
  if (statusCode >= 400) {
    return Math.round(random.logNormal(180, 0.3));
  }
  return Math.round(random.logNormal(endpoint.responseBytes * transactions, 0.5));
}

/**
 * Draws the arrival time in the store: a pipeline delay of a few seconds, sometimes a couple of
 * minutes, capped at the end of the period so that no row claims to arrive after it.
 */
function drawIngestedAt(random: SeededRandom, timestampMs: number, endMs: number): number {
  const delayMs = Math.min(170_000, 2000 + random.logNormal(7000, 0.9));
  return Math.min(endMs, Math.round(timestampMs + delayMs));
}

function roundTo(value: number, perUnit: number): number {
  return Math.max(1 / perUnit, Math.round(value * perUnit) / perUnit);
}
