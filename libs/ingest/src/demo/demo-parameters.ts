import { SeededRandom, WeightedChoice } from './seeded-random';

/** Inputs of a parameter value: the calling tenant's market and the time of the call. */
export interface ParameterContext {
  random: SeededRandom;
  market: TenantMarket;
  timestampMs: number;
}

/** The tenant's market as parameter values see it, prepared once per seed run. */
export interface TenantMarket {
  countries: readonly string[];
  languages: readonly string[];
  /** Frequently requested places near the tenant's home, as `lat` and `lon` text. */
  places: readonly { lat: string; lon: string }[];
  travelModes: WeightedChoice<string>;
}

/**
 * One optional query parameter, or a group that is always sent together (such as `lat` and
 * `lon`). `presence` is the share of calls that carry it.
 */
export interface ParameterSpec {
  presence: number;
  apply: (params: Record<string, string>, context: ParameterContext) => void;
}

/** Creates a parameter whose value is drawn uniformly from a fixed list. */
export function oneOf(name: string, presence: number, values: readonly string[]): ParameterSpec {
  return {
    presence,
    apply: (params, { random }) => {
      params[name] = random.pick(values);
    },
  };
}

/** Creates a parameter whose value is drawn from `[value, weight]` pairs. */
export function weighted(
  name: string,
  presence: number,
  pairs: readonly (readonly [string, number])[],
): ParameterSpec {
  const choice = WeightedChoice.of(pairs);
  return {
    presence,
    apply: (params, { random }) => {
      params[name] = choice.draw(random);
    },
  };
}

/** Creates a parameter whose value is computed from the context. */
export function computed(
  name: string,
  presence: number,
  value: (context: ParameterContext) => string,
): ParameterSpec {
  return {
    presence,
    apply: (params, context) => {
      params[name] = value(context);
    },
  };
}

export const language = (presence: number): ParameterSpec =>
  computed('language', presence, ({ random, market }) => random.pick(market.languages));

export const countrySet = (presence: number): ParameterSpec =>
  computed('countrySet', presence, ({ random, market }) => {
    if (market.countries.length > 1 && random.chance(0.3)) {
      return market.countries.slice(0, 2).join(',');
    }
    return random.pick(market.countries);
  });

/** `lat` and `lon` of one place, sent together as search biasing does. */
export const position = (presence: number): ParameterSpec => ({
  presence,
  apply: (params, { random, market }) => {
    const place = random.pick(market.places);
    params.lat = place.lat;
    params.lon = place.lon;
  },
});

/** A `lat,lon` pair in one parameter, as the traffic and geofencing endpoints take it. */
export const point = (name: string, presence: number): ParameterSpec =>
  computed(name, presence, ({ random, market }) => {
    const place = random.pick(market.places);
    return `${place.lat},${place.lon}`;
  });

export const limit = (presence: number): ParameterSpec =>
  weighted('limit', presence, [
    ['1', 20],
    ['5', 30],
    ['10', 35],
    ['20', 10],
    ['100', 5],
  ]);

export const radius = (presence: number): ParameterSpec =>
  weighted('radius', presence, [
    ['500', 15],
    ['1000', 30],
    ['2000', 20],
    ['5000', 25],
    ['10000', 8],
    ['50000', 2],
  ]);

export const typeahead = (presence: number): ParameterSpec =>
  weighted('typeahead', presence, [
    ['true', 80],
    ['false', 20],
  ]);

export const travelMode = (presence: number): ParameterSpec =>
  computed('travelMode', presence, ({ random, market }) => market.travelModes.draw(random));

/** A departure time a few minutes to a day after the call, in local ISO form without zone. */
export const departAt = (presence: number): ParameterSpec =>
  computed('departAt', presence, ({ random, timestampMs }) => {
    const leadMinutes = random.chance(0.7) ? random.integer(0, 60) : random.integer(60, 1440);
    const departure = Math.floor((timestampMs + leadMinutes * 60_000) / 300_000) * 300_000;
    return new Date(departure).toISOString().slice(0, 19);
  });

export const tileView = (presence: number): ParameterSpec =>
  weighted('view', presence, [
    ['Unified', 85],
    ['IN', 5],
    ['AR', 3],
    ['MA', 2],
    ['RU', 2],
    ['TR', 3],
  ]);

export const tileSize = (presence: number): ParameterSpec =>
  weighted('tileSize', presence, [
    ['256', 35],
    ['512', 65],
  ]);

export const SEARCH_QUERIES: readonly string[] = [
  'coffee',
  'pizza',
  'petrol station',
  'ev charging',
  'pharmacy',
  'parking',
  'hotel',
  'supermarket',
  'airport',
  'train station',
  'hospital',
  'atm',
  'restaurant',
  'gym',
  'post office',
  'car wash',
  'main street 12',
  'central station',
  'city hall',
  'harbour',
  'museum',
  'school',
  'bakery',
  'bank',
];

/**
 * Builds the pool of frequently requested places around a home position. A pool instead of
 * fresh coordinates per call keeps value cardinality realistic: the same shops, depots and
 * stations come up again and again.
 */
export function placesAround(
  random: SeededRandom,
  home: { lat: number; lon: number },
  count: number,
): { lat: string; lon: string }[] {
  const places: { lat: string; lon: string }[] = [];
  for (let index = 0; index < count; index += 1) {
    const lat = clamp(home.lat + random.normal() * 0.12, -85, 85);
    const lon = clamp(home.lon + random.normal() * 0.18, -180, 180);
    places.push({ lat: lat.toFixed(5), lon: lon.toFixed(5) });
  }
  return places;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
