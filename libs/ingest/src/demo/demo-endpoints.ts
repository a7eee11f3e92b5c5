import {
  computed,
  countrySet,
  departAt,
  language,
  limit,
  oneOf,
  ParameterSpec,
  point,
  position,
  radius,
  SEARCH_QUERIES,
  tileSize,
  tileView,
  travelMode,
  typeahead,
  weighted,
} from './demo-parameters';
import { Product } from './demo-tenants';

/** How many billable units one call counts for. */
export type TransactionRule =
  /** One unit per item of a batch request, 2 to 100 items. */
  | 'batch'
  /** One unit per origin-destination cell, 1-10 origins by 2-10 destinations. */
  | 'matrix';

export interface DemoEndpoint {
  product: Product;
  /** Route template as the gateway logs it. */
  template: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Share of all calls before the tenants' product affinities apply; relative, not a percentage. */
  popularity: number;
  /** Median duration of a successful call in milliseconds. */
  medianMs: number;
  /** Standard deviation of the natural logarithm of the duration. */
  sigma: number;
  /** Median request size in bytes, per transaction for batch requests. */
  requestBytes: number;
  /** Median response size in bytes of a successful call, per transaction for batch requests. */
  responseBytes: number;
  /** Share of calls that get a 4xx status outside incidents. */
  clientErrorRate: number;
  /** Share of calls that get a 5xx status outside incidents. */
  serverErrorRate: number;
  /** Success statuses with their weights; 200 alone when left out. */
  successStatuses?: readonly (readonly [number, number])[];
  transactions?: TransactionRule;
  /** Optional query parameters besides `key`, which every call carries. */
  parameters: readonly ParameterSpec[];
}

const search = (
  template: string,
  popularity: number,
  medianMs: number,
  parameters: readonly ParameterSpec[],
  overrides: Partial<DemoEndpoint> = {},
): DemoEndpoint => ({
  product: 'search',
  template,
  method: 'GET',
  popularity,
  medianMs,
  sigma: 0.55,
  requestBytes: 520,
  responseBytes: 2600,
  clientErrorRate: 0.035,
  serverErrorRate: 0.002,
  parameters,
  ...overrides,
});

const SEARCH_BIASING = [limit(0.55), countrySet(0.45), position(0.4), radius(0.2), language(0.5)];

const SEARCH_ENDPOINTS: DemoEndpoint[] = [
  search('/search/2/geocode/{query}.json', 22, 45, SEARCH_BIASING),
  search('/search/2/search/{query}.json', 18, 70, [
    ...SEARCH_BIASING,
    typeahead(0.35),
    oneOf('idxSet', 0.1, ['POI', 'PAD,Addr', 'Geo']),
  ]),
  search('/search/2/poiSearch/{query}.json', 6, 60, [
    ...SEARCH_BIASING,
    oneOf('openingHours', 0.1, ['nextSevenDays']),
  ]),
  search('/search/2/categorySearch/{query}.json', 4, 65, [
    ...SEARCH_BIASING,
    oneOf('categorySet', 0.3, ['7311', '7315', '9361', '7309']),
  ]),
  search('/search/2/nearbySearch/.json', 5, 55, [
    position(1),
    radius(0.8),
    limit(0.6),
    language(0.4),
  ]),
  search(
    '/search/2/reverseGeocode/{position}.json',
    15,
    35,
    [
      language(0.5),
      radius(0.3),
      weighted('returnSpeedLimit', 0.2, [
        ['true', 70],
        ['false', 30],
      ]),
    ],
    {
      responseBytes: 1400,
    },
  ),
  search(
    '/search/2/autocomplete/{query}.json',
    10,
    25,
    [language(1), limit(0.7), countrySet(0.5), position(0.5)],
    {
      responseBytes: 1800,
    },
  ),
  search(
    '/search/2/suggest.json',
    7,
    30,
    [
      computed('query', 1, ({ random }) => random.pick(SEARCH_QUERIES)),
      limit(0.7),
      countrySet(0.4),
      position(0.6),
      language(0.5),
      typeahead(0.8),
    ],
    { responseBytes: 1600 },
  ),
  search('/search/2/structuredGeocode.json', 2, 50, [
    computed('countryCode', 1, ({ random, market }) => random.pick(market.countries)),
    oneOf('streetName', 0.9, [
      'Main Street',
      'High Street',
      'Station Road',
      'Church Lane',
      'Market Square',
    ]),
    oneOf('municipality', 0.8, ['Springfield', 'Riverside', 'Fairview', 'Greenville', 'Kingston']),
    oneOf('postalCode', 0.5, ['1011', '10115', 'SW1A', '94103', '2000']),
  ]),
  search('/search/2/poiDetails.json', 3, 40, [language(0.6)], { responseBytes: 5200 }),
  search('/search/2/geometrySearch/{query}.json', 1.5, 140, [limit(0.5), language(0.4)], {
    method: 'POST',
    requestBytes: 2400,
  }),
  search('/search/2/batch/sync.json', 1, 900, [], {
    method: 'POST',
    sigma: 0.6,
    requestBytes: 140,
    responseBytes: 2400,
    transactions: 'batch',
    clientErrorRate: 0.02,
    serverErrorRate: 0.004,
  }),
];

const ROUTING_OPTIONS = [
  travelMode(0.75),
  weighted('routeType', 0.5, [
    ['fastest', 70],
    ['shortest', 10],
    ['eco', 15],
    ['thrilling', 5],
  ]),
  weighted('traffic', 0.6, [
    ['true', 85],
    ['false', 15],
  ]),
  departAt(0.25),
  weighted('avoid', 0.2, [
    ['tollRoads', 45],
    ['motorways', 10],
    ['ferries', 20],
    ['unpavedRoads', 20],
    ['carpools', 5],
  ]),
  weighted('computeTravelTimeFor', 0.3, [
    ['all', 80],
    ['none', 20],
  ]),
  weighted('instructionsType', 0.35, [
    ['text', 50],
    ['coded', 35],
    ['tagged', 15],
  ]),
  language(0.3),
  weighted('maxAlternatives', 0.15, [
    ['1', 60],
    ['2', 30],
    ['3', 10],
  ]),
];

const routing = (
  template: string,
  method: 'GET' | 'POST',
  popularity: number,
  medianMs: number,
  overrides: Partial<DemoEndpoint> = {},
): DemoEndpoint => ({
  product: 'routing',
  template,
  method,
  popularity,
  medianMs,
  sigma: 0.6,
  requestBytes: method === 'GET' ? 640 : 3800,
  responseBytes: 14_000,
  clientErrorRate: 0.045,
  serverErrorRate: 0.003,
  parameters: ROUTING_OPTIONS,
  ...overrides,
});

const ROUTING_ENDPOINTS: DemoEndpoint[] = [
  routing('/routing/1/calculateRoute/{locations}/json', 'GET', 20, 180),
  routing('/routing/1/calculateRoute/{locations}/json', 'POST', 5, 260),
  routing('/routing/1/calculateReachableRange/{origin}/json', 'GET', 3, 220, {
    responseBytes: 9000,
    parameters: [
      weighted('timeBudgetInSec', 0.7, [
        ['600', 30],
        ['900', 30],
        ['1800', 30],
        ['3600', 10],
      ]),
      weighted('distanceBudgetInMeters', 0.25, [
        ['5000', 40],
        ['10000', 40],
        ['50000', 20],
      ]),
      travelMode(0.6),
      weighted('traffic', 0.5, [
        ['true', 85],
        ['false', 15],
      ]),
    ],
  }),
  routing('/routing/1/matrix/sync/json', 'POST', 1.5, 800, {
    sigma: 0.7,
    requestBytes: 160,
    responseBytes: 420,
    transactions: 'matrix',
    parameters: [
      travelMode(0.7),
      weighted('routeType', 0.3, [
        ['fastest', 85],
        ['shortest', 15],
      ]),
      weighted('traffic', 0.5, [
        ['true', 80],
        ['false', 20],
      ]),
      departAt(0.2),
    ],
  }),
  routing('/routing/1/batch/sync/json', 'POST', 1.2, 1200, {
    sigma: 0.65,
    requestBytes: 420,
    responseBytes: 9000,
    transactions: 'batch',
    parameters: [],
  }),
  routing('/routing/1/waypointOptimization/json', 'POST', 0.8, 650, {
    requestBytes: 5200,
    responseBytes: 1800,
    parameters: [travelMode(0.6), oneOf('vehicleCommercial', 0.3, ['true', 'false'])],
  }),
];

const TILE_PARAMETERS = [tileView(0.3), language(0.25), tileSize(0.5)];

const maps = (
  template: string,
  popularity: number,
  medianMs: number,
  responseBytes: number,
  overrides: Partial<DemoEndpoint> = {},
): DemoEndpoint => ({
  product: 'maps',
  template,
  method: 'GET',
  popularity,
  medianMs,
  sigma: 0.45,
  requestBytes: 420,
  responseBytes,
  clientErrorRate: 0.012,
  serverErrorRate: 0.0008,
  // Browsers revalidate cached tiles, and an unchanged tile comes back as 304.
  successStatuses: [
    [200, 88],
    [304, 12],
  ],
  parameters: TILE_PARAMETERS,
  ...overrides,
});

const MAPS_ENDPOINTS: DemoEndpoint[] = [
  maps('/map/1/tile/{layer}/{style}/{zoom}/{x}/{y}.png', 120, 15, 18_000),
  maps('/map/1/tile/{layer}/{style}/{zoom}/{x}/{y}.pbf', 90, 18, 42_000),
  maps('/map/1/tile/sat/main/{zoom}/{x}/{y}.jpg', 15, 22, 36_000, { parameters: [] }),
  maps('/map/1/staticimage', 6, 95, 85_000, {
    sigma: 0.5,
    successStatuses: [[200, 1]],
    parameters: [
      point('center', 0.85),
      weighted('zoom', 0.9, [
        ['12', 30],
        ['14', 40],
        ['16', 30],
      ]),
      oneOf('width', 0.7, ['256', '512', '640', '1024']),
      oneOf('height', 0.7, ['256', '512', '480', '768']),
      weighted('format', 0.5, [
        ['png', 70],
        ['jpg', 30],
      ]),
      weighted('style', 0.4, [
        ['main', 80],
        ['night', 20],
      ]),
      language(0.2),
    ],
  }),
  maps('/map/1/copyrights.json', 2, 8, 3200, {
    successStatuses: [
      [200, 70],
      [304, 30],
    ],
    parameters: [],
  }),
  maps('/map/1/style/{version}/{styleName}.json', 4, 12, 48_000, {
    successStatuses: [
      [200, 65],
      [304, 35],
    ],
    parameters: [language(0.2)],
  }),
  maps('/map/1/glyph/{fontstack}/{range}.pbf', 6, 10, 60_000, {
    successStatuses: [
      [200, 60],
      [304, 40],
    ],
    parameters: [],
  }),
  maps('/map/1/sprite/{version}/{name}.png', 3, 9, 25_000, {
    successStatuses: [
      [200, 55],
      [304, 45],
    ],
    parameters: [],
  }),
];

const traffic = (
  template: string,
  popularity: number,
  medianMs: number,
  responseBytes: number,
  parameters: readonly ParameterSpec[],
  overrides: Partial<DemoEndpoint> = {},
): DemoEndpoint => ({
  product: 'traffic',
  template,
  method: 'GET',
  popularity,
  medianMs,
  sigma: 0.5,
  requestBytes: 450,
  responseBytes,
  clientErrorRate: 0.02,
  serverErrorRate: 0.0015,
  parameters,
  ...overrides,
});

const TRAFFIC_TILE_PARAMETERS = [
  weighted('thickness', 0.3, [
    ['10', 70],
    ['5', 20],
    ['15', 10],
  ]),
  tileSize(0.4),
];

const TRAFFIC_ENDPOINTS: DemoEndpoint[] = [
  traffic('/traffic/services/4/flowSegmentData/{style}/{zoom}/{format}', 10, 40, 900, [
    point('point', 1),
    weighted('unit', 0.6, [
      ['KMPH', 70],
      ['MPH', 30],
    ]),
    weighted('thickness', 0.2, [
      ['10', 80],
      ['5', 20],
    ]),
    weighted('openLr', 0.15, [
      ['false', 80],
      ['true', 20],
    ]),
  ]),
  traffic('/traffic/services/5/incidentDetails', 6, 70, 12_000, [
    oneOf('bbox', 0.9, [
      '4.73,52.28,5.07,52.43',
      '-74.26,40.49,-73.7,40.92',
      '-0.51,51.28,0.33,51.69',
    ]),
    oneOf('fields', 0.6, ['{incidents{type,geometry{type,coordinates},properties{iconCategory}}}']),
    language(0.4),
    oneOf('categoryFilter', 0.3, ['0,1,2,3,4,5,6,7,8,9,10,11,14', '1,6,8']),
    weighted('timeValidityFilter', 0.3, [
      ['present', 85],
      ['future', 15],
    ]),
  ]),
  traffic(
    '/traffic/map/4/tile/flow/{style}/{zoom}/{x}/{y}.png',
    25,
    17,
    9000,
    TRAFFIC_TILE_PARAMETERS,
    {
      sigma: 0.45,
      successStatuses: [
        [200, 92],
        [304, 8],
      ],
    },
  ),
  traffic(
    '/traffic/map/4/tile/incidents/{style}/{zoom}/{x}/{y}.png',
    12,
    16,
    6000,
    TRAFFIC_TILE_PARAMETERS,
    {
      sigma: 0.45,
      successStatuses: [
        [200, 92],
        [304, 8],
      ],
    },
  ),
  traffic(
    '/traffic/services/4/incidentViewport/{boundingBox}/{boundingZoom}/{overviewBox}/{overviewZoom}/{copyright}/{format}',
    2,
    30,
    1100,
    [],
  ),
];

const GEOLOCATION_ENDPOINTS: DemoEndpoint[] = [
  {
    product: 'geolocation',
    template: '/geolocation/1/ip/{address}.json',
    method: 'GET',
    popularity: 8,
    medianMs: 12,
    sigma: 0.4,
    requestBytes: 380,
    responseBytes: 420,
    clientErrorRate: 0.03,
    serverErrorRate: 0.001,
    parameters: [],
  },
  {
    product: 'geolocation',
    template: '/geolocation/1/locate.json',
    method: 'POST',
    popularity: 4,
    medianMs: 45,
    sigma: 0.5,
    requestBytes: 1900,
    responseBytes: 310,
    clientErrorRate: 0.05,
    serverErrorRate: 0.002,
    parameters: [oneOf('considerIp', 0.4, ['true', 'false'])],
  },
  {
    product: 'geolocation',
    template: '/timezone/1/byCoordinates/{position}.json',
    method: 'GET',
    popularity: 3,
    medianMs: 14,
    sigma: 0.4,
    requestBytes: 400,
    responseBytes: 650,
    clientErrorRate: 0.02,
    serverErrorRate: 0.001,
    parameters: [
      computed('timeStamp', 0.3, ({ timestampMs }) =>
        new Date(timestampMs).toISOString().slice(0, 10),
      ),
    ],
  },
];

const geofencing = (
  template: string,
  method: 'GET' | 'POST' | 'DELETE',
  popularity: number,
  medianMs: number,
  overrides: Partial<DemoEndpoint> = {},
): DemoEndpoint => ({
  product: 'geofencing',
  template,
  method,
  popularity,
  medianMs,
  sigma: 0.5,
  requestBytes: method === 'POST' ? 2600 : 420,
  responseBytes: 900,
  clientErrorRate: 0.04,
  serverErrorRate: 0.002,
  parameters: [],
  ...overrides,
});

const GEOFENCING_ENDPOINTS: DemoEndpoint[] = [
  geofencing('/geofencing/1/report/{projectId}', 'GET', 3, 35, {
    parameters: [
      point('point', 1),
      weighted('range', 0.4, [
        ['0', 50],
        ['100', 30],
        ['500', 20],
      ]),
      oneOf('object', 0.6, ['truck', 'van', 'trailer']),
    ],
  }),
  geofencing('/geofencing/1/projects/{projectId}/fences', 'GET', 0.5, 25, { responseBytes: 6400 }),
  geofencing('/geofencing/1/projects/{projectId}/fence', 'POST', 0.35, 60, {
    successStatuses: [[201, 1]],
    responseBytes: 1200,
  }),
  geofencing('/geofencing/1/fences/{fenceId}', 'DELETE', 0.15, 30, {
    successStatuses: [[204, 1]],
    responseBytes: 0,
  }),
  geofencing('/geofencing/1/transitions/{projectId}', 'GET', 0.6, 45, {
    responseBytes: 3800,
    parameters: [oneOf('from', 0.5, ['P1D', 'PT12H', 'PT1H']), limit(0.4)],
  }),
];

/** Every endpoint of the demo platform: 6 products, 39 method and route template pairs. */
export const DEMO_ENDPOINTS: readonly DemoEndpoint[] = [
  ...SEARCH_ENDPOINTS,
  ...ROUTING_ENDPOINTS,
  ...MAPS_ENDPOINTS,
  ...TRAFFIC_ENDPOINTS,
  ...GEOLOCATION_ENDPOINTS,
  ...GEOFENCING_ENDPOINTS,
];
