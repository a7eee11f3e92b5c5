/**
 * The demo customers of a maps and location platform. Sizes follow Zipf's law over the order of
 * this list, so a few large customers carry most of the traffic, as on real developer portals.
 */

export type Product = 'search' | 'routing' | 'maps' | 'traffic' | 'geolocation' | 'geofencing';

/** Usage pattern of a kind of customer: product mix, daily rhythm and weekend level. */
export interface CustomerProfile {
  /** Multipliers on each product's base popularity. */
  productAffinity: Record<Product, number>;
  /** Relative traffic for each local hour 0-23, peak 1. */
  hourlyShape: readonly number[];
  /** Weekend traffic relative to a weekday. */
  weekendFactor: number;
  /** Share of routing calls per travel mode. */
  travelModes: readonly (readonly [string, number])[];
}

/** Office hours with a lunch dip: fleets, logistics, insurers, back-office batch jobs. */
const BUSINESS_HOURS = [
  0.06, 0.05, 0.05, 0.05, 0.07, 0.15, 0.35, 0.62, 0.86, 0.97, 1.0, 0.96, 0.85, 0.93, 0.98, 0.95,
  0.85, 0.66, 0.42, 0.27, 0.18, 0.13, 0.1, 0.08,
];

/** Consumer apps: a morning commute, a long day and an evening peak. */
const CONSUMER_HOURS = [
  0.18, 0.1, 0.07, 0.06, 0.07, 0.13, 0.3, 0.62, 0.8, 0.7, 0.66, 0.7, 0.78, 0.72, 0.7, 0.74, 0.86,
  0.98, 1.0, 0.94, 0.82, 0.66, 0.46, 0.3,
];

/** Shops and food delivery: late morning to evening. */
const RETAIL_HOURS = [
  0.08, 0.05, 0.04, 0.04, 0.04, 0.06, 0.12, 0.25, 0.45, 0.65, 0.8, 0.92, 1.0, 0.9, 0.82, 0.8, 0.85,
  0.95, 0.98, 0.9, 0.7, 0.45, 0.25, 0.14,
];

const CAR_FIRST = [
  ['car', 78],
  ['pedestrian', 10],
  ['bicycle', 7],
  ['motorcycle', 2],
  ['taxi', 3],
] as const;
const TRUCK_FIRST = [
  ['truck', 62],
  ['van', 25],
  ['car', 13],
] as const;

export const CUSTOMER_PROFILES = {
  logistics: {
    productAffinity: {
      search: 1,
      routing: 4.5,
      maps: 0.5,
      traffic: 1.8,
      geolocation: 0.2,
      geofencing: 2.5,
    },
    hourlyShape: BUSINESS_HOURS,
    weekendFactor: 0.38,
    travelModes: TRUCK_FIRST,
  },
  fleet: {
    productAffinity: {
      search: 0.6,
      routing: 2.2,
      maps: 0.8,
      traffic: 4,
      geolocation: 0.6,
      geofencing: 3,
    },
    hourlyShape: BUSINESS_HOURS,
    weekendFactor: 0.5,
    travelModes: TRUCK_FIRST,
  },
  mapping: {
    productAffinity: {
      search: 1.4,
      routing: 0.9,
      maps: 3,
      traffic: 1.1,
      geolocation: 0.5,
      geofencing: 0,
    },
    hourlyShape: CONSUMER_HOURS,
    weekendFactor: 0.86,
    travelModes: CAR_FIRST,
  },
  mobility: {
    productAffinity: {
      search: 2,
      routing: 3,
      maps: 1.6,
      traffic: 0.8,
      geolocation: 1,
      geofencing: 0.3,
    },
    hourlyShape: CONSUMER_HOURS,
    weekendFactor: 0.9,
    travelModes: CAR_FIRST,
  },
  property: {
    productAffinity: {
      search: 3.5,
      routing: 0.3,
      maps: 1.6,
      traffic: 0,
      geolocation: 0.4,
      geofencing: 0,
    },
    hourlyShape: BUSINESS_HOURS,
    weekendFactor: 0.45,
    travelModes: CAR_FIRST,
  },
  retail: {
    productAffinity: {
      search: 3,
      routing: 0.8,
      maps: 1.3,
      traffic: 0.2,
      geolocation: 2,
      geofencing: 0.4,
    },
    hourlyShape: RETAIL_HOURS,
    weekendFactor: 0.8,
    travelModes: CAR_FIRST,
  },
} as const satisfies Record<string, CustomerProfile>;

export type CustomerKind = keyof typeof CUSTOMER_PROFILES;

export interface DemoTenant {
  id: string;
  kind: CustomerKind;
  /**
   * Offset of the home time zone from UTC in hours, standard time. Daylight saving time is left
   * out on purpose, so that the output does not depend on the host's time zone database.
   */
  utcOffsetHours: number;
  /** Gateway regions the tenant's calls reach, most used first. */
  regions: readonly string[];
  /** ISO 3166 country codes for `countrySet` and similar parameters. */
  countries: readonly string[];
  languages: readonly string[];
  /** Centre of the tenant's main market, for coordinates in parameters. */
  home: { lat: number; lon: number };
  apiKeyCount: number;
  /** Traffic growth over the seeded period: 0.5 ends 50 % above where it started. */
  growth: number;
  /** Share of the period that passes before the tenant's first call, for recently signed customers. */
  startsAfter?: number;
  /** Multiplier on the endpoints' client error rates, for customers with a sloppy integration. */
  clientErrorFactor?: number;
}

/** Biggest first: the order is the Zipf rank. */
export const DEMO_TENANTS: readonly DemoTenant[] = [
  {
    id: 'acme-logistics',
    kind: 'logistics',
    utcOffsetHours: 1,
    regions: ['westeurope', 'northeurope', 'germanywestcentral'],
    countries: ['NL', 'BE', 'DE', 'FR'],
    languages: ['en-GB', 'nl-NL', 'de-DE'],
    home: { lat: 52.37, lon: 4.9 },
    apiKeyCount: 5,
    growth: 0.25,
  },
  {
    id: 'globex-maps',
    kind: 'mapping',
    utcOffsetHours: -5,
    regions: ['eastus', 'eastus2', 'westus2'],
    countries: ['US', 'CA'],
    languages: ['en-US', 'es-US', 'fr-CA'],
    home: { lat: 40.71, lon: -74.01 },
    apiKeyCount: 6,
    growth: 0.1,
  },
  {
    id: 'initech-fleet',
    kind: 'fleet',
    utcOffsetHours: -6,
    regions: ['centralus', 'eastus'],
    countries: ['US'],
    languages: ['en-US'],
    home: { lat: 41.88, lon: -87.63 },
    apiKeyCount: 3,
    growth: 0.05,
  },
  {
    id: 'umbrella-delivery',
    kind: 'logistics',
    utcOffsetHours: 0,
    regions: ['uksouth', 'westeurope'],
    countries: ['GB', 'IE'],
    languages: ['en-GB'],
    home: { lat: 51.51, lon: -0.13 },
    apiKeyCount: 4,
    growth: 0.4,
    clientErrorFactor: 1.6,
  },
  {
    id: 'hooli-rides',
    kind: 'mobility',
    utcOffsetHours: 8,
    regions: ['southeastasia', 'eastasia'],
    countries: ['SG', 'MY', 'ID', 'TH'],
    languages: ['en-GB', 'ms-MY', 'id-ID', 'th-TH'],
    home: { lat: 1.35, lon: 103.82 },
    apiKeyCount: 4,
    growth: 0.6,
  },
  {
    id: 'stark-mobility',
    kind: 'mobility',
    utcOffsetHours: -8,
    regions: ['westus2', 'westus'],
    countries: ['US', 'MX'],
    languages: ['en-US', 'es-MX'],
    home: { lat: 37.77, lon: -122.42 },
    apiKeyCount: 5,
    growth: 0.15,
  },
  {
    id: 'cyberdyne-telematics',
    kind: 'fleet',
    utcOffsetHours: 1,
    regions: ['germanywestcentral', 'westeurope'],
    countries: ['DE', 'AT', 'CH', 'PL'],
    languages: ['de-DE', 'en-GB', 'pl-PL'],
    home: { lat: 50.11, lon: 8.68 },
    apiKeyCount: 3,
    growth: -0.1,
  },
  {
    id: 'tyrell-travel',
    kind: 'mapping',
    utcOffsetHours: 9,
    regions: ['japaneast', 'koreacentral'],
    countries: ['JP', 'KR'],
    languages: ['ja-JP', 'ko-KR', 'en-US'],
    home: { lat: 35.68, lon: 139.69 },
    apiKeyCount: 3,
    growth: 0.2,
  },
  {
    id: 'wayne-realty',
    kind: 'property',
    utcOffsetHours: -5,
    regions: ['eastus', 'eastus2'],
    countries: ['US'],
    languages: ['en-US'],
    home: { lat: 42.36, lon: -71.06 },
    apiKeyCount: 2,
    growth: 0.05,
    clientErrorFactor: 2.5,
  },
  {
    id: 'soylent-grocers',
    kind: 'retail',
    utcOffsetHours: 1,
    regions: ['francecentral', 'westeurope'],
    countries: ['FR', 'BE', 'CH'],
    languages: ['fr-FR', 'nl-BE', 'de-CH'],
    home: { lat: 48.86, lon: 2.35 },
    apiKeyCount: 3,
    growth: 0.1,
  },
  {
    id: 'vandelay-freight',
    kind: 'logistics',
    utcOffsetHours: -5,
    regions: ['eastus2', 'centralus'],
    countries: ['US', 'CA', 'MX'],
    languages: ['en-US', 'es-MX'],
    home: { lat: 40.44, lon: -79.99 },
    apiKeyCount: 4,
    growth: 0.3,
  },
  {
    id: 'monarch-couriers',
    kind: 'logistics',
    utcOffsetHours: 10,
    regions: ['australiaeast', 'australiasoutheast'],
    countries: ['AU', 'NZ'],
    languages: ['en-AU', 'en-NZ'],
    home: { lat: -33.87, lon: 151.21 },
    apiKeyCount: 3,
    growth: 0.35,
  },
  {
    id: 'nakatomi-transit',
    kind: 'mapping',
    utcOffsetHours: 9,
    regions: ['japaneast', 'japanwest'],
    countries: ['JP'],
    languages: ['ja-JP', 'en-US'],
    home: { lat: 34.69, lon: 135.5 },
    apiKeyCount: 2,
    growth: 0,
  },
  {
    id: 'krusty-foods',
    kind: 'retail',
    utcOffsetHours: 5.5,
    regions: ['centralindia', 'southindia'],
    countries: ['IN'],
    languages: ['en-IN', 'hi-IN'],
    home: { lat: 19.08, lon: 72.88 },
    apiKeyCount: 3,
    growth: 1.2,
    startsAfter: 0.35,
  },
  {
    id: 'pied-piper-apps',
    kind: 'mapping',
    utcOffsetHours: -8,
    regions: ['westus2', 'westus'],
    countries: ['US'],
    languages: ['en-US'],
    home: { lat: 37.39, lon: -122.08 },
    apiKeyCount: 6,
    growth: 0.8,
    clientErrorFactor: 3,
  },
  {
    id: 'bluth-properties',
    kind: 'property',
    utcOffsetHours: -8,
    regions: ['westus', 'westus2'],
    countries: ['US'],
    languages: ['en-US', 'es-US'],
    home: { lat: 33.62, lon: -117.93 },
    apiKeyCount: 2,
    growth: -0.2,
  },
  {
    id: 'aperture-navigation',
    kind: 'mobility',
    utcOffsetHours: -3,
    regions: ['brazilsouth', 'eastus'],
    countries: ['BR', 'AR'],
    languages: ['pt-BR', 'es-AR'],
    home: { lat: -23.55, lon: -46.63 },
    apiKeyCount: 3,
    growth: 0.5,
  },
  {
    id: 'wonka-retail',
    kind: 'retail',
    utcOffsetHours: 0,
    regions: ['uksouth', 'ukwest'],
    countries: ['GB'],
    languages: ['en-GB'],
    home: { lat: 53.48, lon: -2.24 },
    apiKeyCount: 2,
    growth: 0.05,
  },
  {
    id: 'oscorp-insurance',
    kind: 'property',
    utcOffsetHours: -5,
    regions: ['eastus'],
    countries: ['US'],
    languages: ['en-US'],
    home: { lat: 40.73, lon: -73.99 },
    apiKeyCount: 2,
    growth: 0,
  },
  {
    id: 'dunder-paper',
    kind: 'logistics',
    utcOffsetHours: -5,
    regions: ['eastus2'],
    countries: ['US'],
    languages: ['en-US'],
    home: { lat: 41.41, lon: -75.66 },
    apiKeyCount: 2,
    growth: -0.05,
  },
  {
    id: 'nordvik-transport',
    kind: 'fleet',
    utcOffsetHours: 1,
    regions: ['swedencentral', 'northeurope'],
    countries: ['SE', 'NO', 'DK', 'FI'],
    languages: ['sv-SE', 'nb-NO', 'da-DK', 'en-GB'],
    home: { lat: 59.33, lon: 18.07 },
    apiKeyCount: 2,
    growth: 0.1,
  },
  {
    id: 'cape-harbour-tours',
    kind: 'mapping',
    utcOffsetHours: 2,
    regions: ['southafricanorth', 'westeurope'],
    countries: ['ZA', 'NA', 'BW'],
    languages: ['en-ZA', 'af-ZA'],
    home: { lat: -33.92, lon: 18.42 },
    apiKeyCount: 2,
    growth: 0.2,
  },
  {
    id: 'sirius-cybernetics',
    kind: 'mobility',
    utcOffsetHours: 1,
    regions: ['westeurope'],
    countries: ['ES', 'PT'],
    languages: ['es-ES', 'pt-PT', 'en-GB'],
    home: { lat: 40.42, lon: -3.7 },
    apiKeyCount: 3,
    growth: 2,
    startsAfter: 0.6,
  },
  {
    id: 'prestige-worldwide',
    kind: 'property',
    utcOffsetHours: -6,
    regions: ['southcentralus'],
    countries: ['US', 'MX'],
    languages: ['en-US', 'es-MX'],
    home: { lat: 29.76, lon: -95.37 },
    apiKeyCount: 2,
    growth: -0.3,
  },
];

/** Exponent of the Zipf law over tenant ranks: 1.2 gives the top three tenants 55-60 % of all calls. */
export const TENANT_SIZE_EXPONENT = 1.2;

/** Relative size of the tenant at `rank` (0 for the biggest). */
export function tenantSizeWeight(rank: number): number {
  return 1 / Math.pow(rank + 1, TENANT_SIZE_EXPONENT);
}
