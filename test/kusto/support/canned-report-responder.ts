import { StubReply, StubRequest, StubResponder, v1Result, v2Result } from './kusto-protocol-stub';

/**
 * One query shape of the Kusto adapters: a text that only that adapter's query contains, and the
 * frames it gets back with the columns its row parsing reads.
 */
interface CannedQuery {
  shape: string;
  marker: string;
  reply: StubReply;
}

const ok = (body: unknown): StubReply => ({ status: 200, body });

/** Builds a successful reply with one primary table: column name → Kusto type, then the rows. */
const table = (columns: Record<string, string>, rows: unknown[][]): StubReply =>
  ok(
    v2Result(
      Object.entries(columns).map(([name, type]) => ({ name, type })),
      rows,
    ),
  );

/**
 * Canned replies to the series queries without `groupBy` over three buckets, the parameter
 * usage, values and calls queries, the quota queries and the readiness probe. The quota usage rows are in bucket 7,
 * which is the day of the clock when the quota read covers 7 full days before it. The counts are fixed numbers, so a test
 * asserts what the API makes of these rows, not what Kusto would compute.
 */
const CANNED_QUERIES: CannedQuery[] = [
  {
    shape: 'readiness probe',
    marker: 'print ready = 1',
    reply: table({ ready: 'int' }, [[1]]),
  },
  {
    shape: 'volume series',
    marker: 'transactions = tostring(transactions)',
    reply: table({ BucketIndex: 'long', calls: 'string', transactions: 'string' }, [
      [0, '3', '4'],
      [2, '2', '10'],
      [null, '5', '14'],
    ]),
  },
  {
    // Both forms: percentiles_array() over events and percentiles_array_tdigest() over a view.
    shape: 'latency series',
    marker: 'quantiles = percentiles_array',
    reply: table({ BucketIndex: 'long', samples: 'string', quantiles: 'dynamic' }, [
      [0, '3', [12.5, 40]],
      [2, '2', [20, 80.25]],
      [null, '5', [15, 80.25]],
    ]),
  },
  {
    shape: 'errors series',
    marker: 'status5xx = tostring(status5xx)',
    reply: table(
      {
        BucketIndex: 'long',
        calls: 'string',
        status2xx: 'string',
        status3xx: 'string',
        status4xx: 'string',
        status5xx: 'string',
      },
      [
        [0, '3', '2', '0', '1', '0'],
        [2, '2', '0', '0', '0', '2'],
        [null, '5', '2', '0', '1', '2'],
      ],
    ),
  },
  {
    shape: 'parameter usage',
    marker: 'bag_keys(Params)',
    reply: table(
      {
        TotalCalls: 'string',
        DistinctNames: 'string',
        TopNames: 'dynamic',
        OtherNameCalls: 'string',
        DistinctShapes: 'string',
        TopShapes: 'dynamic',
        TopShapeCalls: 'string',
      },
      [
        [
          '6',
          '2',
          [
            ['query', '6'],
            ['limit', '2'],
          ],
          '0',
          '2',
          [
            [['query'], '4'],
            [['limit', 'query'], '2'],
          ],
          '6',
        ],
      ],
    ),
  },
  {
    shape: 'parameter values',
    marker: 'TopValues = toscalar',
    reply: table(
      {
        TotalCalls: 'string',
        CarryingCalls: 'string',
        DistinctValues: 'string',
        TopValues: 'dynamic',
        TopValueCalls: 'string',
      },
      [
        [
          '6',
          '5',
          '3',
          [
            ['paris', '3'],
            ['berlin', '1'],
          ],
          '4',
        ],
      ],
    ),
  },
  {
    // The count a secret-like parameter gets instead of its values.
    shape: 'parameter calls',
    marker: 'CarryingCalls = countif(',
    reply: table({ TotalCalls: 'string', CarryingCalls: 'string' }, [['6', '2']]),
  },
  {
    shape: 'quota records',
    marker: 'let Winners = Keys',
    reply: table({ kind: 'string' }, []),
  },
  {
    shape: 'quota usage per day',
    marker: 'Transactions = tostring(Transactions)',
    reply: table({ BucketIndex: 'string', Product: 'string', Transactions: 'string' }, [
      ['7', 'routing', '2'],
      ['7', 'search', '40'],
    ]),
  },
  {
    // The runner cancels a query it abandoned at the request deadline.
    shape: 'cancel query',
    marker: '.cancel query "',
    reply: ok(v1Result([{ name: 'ReasonPhrase', type: 'string' }], [['Cancelled']])),
  },
  {
    shape: 'first event of the tenant',
    marker: 'summarize First = min(Timestamp)',
    reply: table({ FirstMs: 'string' }, [[String(Date.parse('2026-01-15T08:00:00Z'))]]),
  },
];

/** Returns the canned reply of a shape, e.g. to queue it with a delay. */
export function cannedReply(shape: string): StubReply {
  const canned = CANNED_QUERIES.find((query) => query.shape === shape);
  if (!canned) {
    throw new Error(`No canned query has the shape ${shape}`);
  }
  return canned.reply;
}

/** Returns the shape of a query, or undefined for a query that no canned reply covers. */
export function cannedShapeOf(request: StubRequest): string | undefined {
  return CANNED_QUERIES.find((query) => request.csl.includes(query.marker))?.shape;
}

/** Replies to each adapter query with its canned frames. An unknown query gets a permanent 400, so a test fails on it. */
export const cannedReportResponder: StubResponder = (request) => {
  const canned = CANNED_QUERIES.find((query) => request.csl.includes(query.marker));
  if (canned) {
    return canned.reply;
  }
  return {
    status: 400,
    body: {
      error: {
        code: 'StubUnknownQuery',
        message: `The stub has no canned reply for this query:\n${request.csl}`,
        '@permanent': true,
      },
    },
  };
};
