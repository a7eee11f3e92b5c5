import { DEMO_ENDPOINTS, DemoEndpoint } from './demo-endpoints';
import { Incident, incidentsByHour, planIncidents } from './demo-incidents';
import { placesAround, TenantMarket } from './demo-parameters';
import {
  CUSTOMER_PROFILES,
  DEMO_TENANTS,
  DemoTenant,
  Product,
  tenantSizeWeight,
} from './demo-tenants';
import { allocateCounts } from './hourly-allocation';
import { SeededRandom, WeightedChoice } from './seeded-random';
import { HOUR_MS, hourlyDemand } from './traffic-cycle';

/** Independent random streams of one seed, so that changing the event count leaves keys and tenants alone. */
export const RANDOM_STREAMS = { tenants: 1, incidents: 2, volume: 3, events: 4 } as const;

export interface DemoApiKey {
  id: string;
  /** The secret as the gateway logs it in the `key` parameter. */
  value: string;
  /** Distribution of the endpoints that this key's application calls. */
  endpoints: WeightedChoice<number>;
}

/** A tenant with everything that per-event drawing needs, prepared once per seed. */
export interface PreparedTenant {
  tenant: DemoTenant;
  keys: WeightedChoice<DemoApiKey>;
  regions: WeightedChoice<string>;
  market: TenantMarket;
  clientErrorFactor: number;
}

export interface DemoPlan {
  seed: number;
  fromMs: number;
  toMs: number;
  hourCount: number;
  endpoints: readonly DemoEndpoint[];
  tenants: PreparedTenant[];
  incidents: Incident[];
  /** Active incidents per hour of the period. */
  incidentsByHour: (Incident[] | undefined)[];
  /** Event count per cell; the cell of hour `h` and tenant `t` is `h * tenants.length + t`. */
  counts: Uint32Array;
}

/** Standard deviation of the logarithm of random hour-to-hour swings in a tenant's volume. */
const HOURLY_NOISE_SIGMA = 0.18;
const PLACES_PER_TENANT = 400;
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Prepares tenants, keys, incidents and the per-hour event counts of a seeded run. */
export function buildDemoPlan(
  seed: number,
  events: number,
  fromMs: number,
  hourCount: number,
): DemoPlan {
  const tenantRandom = new SeededRandom(seed, RANDOM_STREAMS.tenants);
  const tenants = DEMO_TENANTS.map((tenant) => prepareTenant(tenantRandom, tenant));

  const incidents = planIncidents(
    new SeededRandom(seed, RANDOM_STREAMS.incidents),
    DEMO_ENDPOINTS,
    hourCount,
  );

  const volumeRandom = new SeededRandom(seed, RANDOM_STREAMS.volume);
  const weights = new Float64Array(hourCount * tenants.length);
  for (let hour = 0; hour < hourCount; hour += 1) {
    const progress = (hour + 0.5) / hourCount;
    DEMO_TENANTS.forEach((tenant, rank) => {
      const demand = hourlyDemand(tenant, fromMs + hour * HOUR_MS, progress);
      const noise = Math.exp(HOURLY_NOISE_SIGMA * volumeRandom.normal());
      weights[hour * tenants.length + rank] = tenantSizeWeight(rank) * demand * noise;
    });
  }

  return {
    seed,
    fromMs,
    toMs: fromMs + hourCount * HOUR_MS,
    hourCount,
    endpoints: DEMO_ENDPOINTS,
    tenants,
    incidents,
    incidentsByHour: incidentsByHour(incidents, hourCount),
    counts: allocateCounts(weights, events),
  };
}

/** Event count per tenant id, in catalog order. */
export function eventsPerTenant(plan: DemoPlan): Map<string, number> {
  const totals = new Map(plan.tenants.map(({ tenant }) => [tenant.id, 0]));
  plan.counts.forEach((count, cell) => {
    const id = plan.tenants[cell % plan.tenants.length].tenant.id;
    totals.set(id, (totals.get(id) ?? 0) + count);
  });
  return totals;
}

function prepareTenant(random: SeededRandom, tenant: DemoTenant): PreparedTenant {
  const profile = CUSTOMER_PROFILES[tenant.kind];

  // The tenant's own taste per endpoint, on top of what its kind of business uses.
  const tenantMix = DEMO_ENDPOINTS.map(
    (endpoint) =>
      endpoint.popularity *
      profile.productAffinity[endpoint.product] *
      Math.exp(0.3 * random.normal()),
  );

  const keys: DemoApiKey[] = [];
  const keyShares: number[] = [];
  for (let index = 0; index < tenant.apiKeyCount; index += 1) {
    // Each key belongs to one application (web, mobile, back office), which leans on some products.
    const productLean = new Map<Product, number>();
    const endpointWeights = DEMO_ENDPOINTS.map((endpoint, endpointIndex) => {
      if (!productLean.has(endpoint.product)) {
        productLean.set(endpoint.product, Math.exp(1.1 * random.normal()));
      }
      return tenantMix[endpointIndex] * (productLean.get(endpoint.product) ?? 1);
    });

    keys.push({
      id: `${tenant.id}-key-${index + 1}`,
      value: randomKey(random),
      endpoints: new WeightedChoice(
        DEMO_ENDPOINTS.map((_, endpointIndex) => endpointIndex),
        endpointWeights,
      ),
    });
    // The first key is the main production application; later keys get geometrically less.
    keyShares.push(Math.pow(0.45, index) * Math.exp(0.3 * random.normal()));
  }

  const otherRegionShare = tenant.regions.length > 1 ? 0.2 / (tenant.regions.length - 1) : 0;
  return {
    tenant,
    keys: new WeightedChoice(keys, keyShares),
    regions: new WeightedChoice(
      tenant.regions,
      tenant.regions.map((_, index) => (index === 0 ? 0.8 : otherRegionShare)),
    ),
    market: {
      countries: tenant.countries,
      languages: tenant.languages,
      places: placesAround(random, tenant.home, PLACES_PER_TENANT),
      travelModes: WeightedChoice.of(profile.travelModes),
    },
    clientErrorFactor: tenant.clientErrorFactor ?? 1,
  };
}

function randomKey(random: SeededRandom): string {
  let key = '';
  for (let index = 0; index < 32; index += 1) {
    key += KEY_ALPHABET[random.integer(0, KEY_ALPHABET.length - 1)];
  }
  return key;
}
