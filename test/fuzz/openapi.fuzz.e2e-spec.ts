import fc from 'fast-check';
import { repeatEvent } from '../support/event-factory';
import { FaultApp, LogCapture, startFaultApp } from '../faults/support/fault-app';

/** Bounds of the run: whichever is reached first ends it. */
const MAX_REQUESTS = 3_000;
const TIME_BUDGET_MS = 35_000;
const CONCURRENCY = 8;
const SEED = 20_261_204;

interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: OpenApiSchema;
}

interface OpenApiSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  $ref?: string;
}

interface Operation {
  method: string;
  path: string;
  parameters: OpenApiParameter[];
  bodyProperties?: Record<string, OpenApiSchema>;
}

interface FuzzRequest {
  method: string;
  url: string;
  body?: string;
}

interface Failure {
  request: FuzzRequest;
  status: number;
  reason: string;
  /** The error that the server logged for the request, if any. */
  logged: string;
}

/** Values that commonly break parsers: empty, huge, unicode, prototype keys, numbers as text. */
const hostileText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'null',
    'undefined',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '0x10',
    '[]',
    '{}',
    '%00',
    '\u0000',
    '../../etc/passwd',
    "' OR 1=1 --",
    'true',
    'false',
  ),
  fc.constantFrom('0', '-1', '1', '2147483648', '9007199254740993', '1.5', '-1e3', '00012'),
  fc.constantFrom(
    '2026-02-30T00:00:00Z',
    '2026-03-10T12:00:00Z',
    '2026-03-10',
    '1970-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2026-03-10T12:00:00+14:00',
    'Europe/Amsterdam',
    'Mars/Olympus',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer().map(String),
  fc.double({ noNaN: false }).map(String),
  fc.nat({ max: 4_000 }).map((length) => 'x'.repeat(length)),
  fc.nat({ max: 300 }).map((length) => '\u{1F600}'.repeat(length)),
);

function schemaValue(schema: OpenApiSchema | undefined): fc.Arbitrary<string> {
  const candidates: fc.Arbitrary<string>[] = [hostileText];
  if (schema?.enum && schema.enum.length > 0) {
    candidates.push(fc.constantFrom(...schema.enum.map(String)));
  }
  if (schema?.example !== undefined) {
    candidates.push(fc.constant(String(schema.example)));
  }
  if (schema?.type === 'integer' || schema?.type === 'number') {
    candidates.push(
      fc
        .integer({ min: (schema.minimum ?? -10) - 2, max: (schema.maximum ?? 1_000) + 2 })
        .map(String),
    );
  }
  if (schema?.format === 'date-time') {
    candidates.push(
      fc
        .date({
          min: new Date('2026-01-01T00:00:00Z'),
          max: new Date('2027-01-01T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((date) => date.toISOString()),
    );
  }
  return fc.oneof(...candidates);
}

/** Generates one parameter's part of a query string: absent, once, repeated, or under a bracketed name. */
function queryPart(parameter: OpenApiParameter): fc.Arbitrary<string[]> {
  const value = schemaValue(parameter.schema);
  const name = encodeURIComponent(parameter.name);
  return fc.oneof(
    { weight: parameter.required ? 1 : 3, arbitrary: fc.constant<string[]>([]) },
    { weight: 6, arbitrary: value.map((text) => [`${name}=${encodeURIComponent(text)}`]) },
    {
      weight: 2,
      arbitrary: fc
        .array(value, { minLength: 2, maxLength: 4 })
        .map((texts) => texts.map((text) => `${name}=${encodeURIComponent(text)}`)),
    },
    {
      weight: 1,
      arbitrary: value.map((text) => [
        `${name}[]=${encodeURIComponent(text)}`,
        `${name}[__proto__]=${encodeURIComponent(text)}`,
      ]),
    },
    { weight: 1, arbitrary: fc.constant<string[]>([name]) },
  );
}

function bodyFor(operation: Operation): fc.Arbitrary<string | undefined> {
  if (!operation.bodyProperties) {
    return fc.constant(undefined);
  }

  const fields = Object.entries(operation.bodyProperties).map(([name, schema]) =>
    fc.option(
      fc
        .oneof(
          schemaValue(schema),
          fc.jsonValue().map((value) => JSON.stringify(value)),
        )
        .map((text): [string, unknown] => [name, parseOrText(text)]),
      { nil: undefined },
    ),
  );
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(...fields)
        .map((entries) =>
          JSON.stringify(
            Object.fromEntries(
              entries.filter((entry): entry is [string, unknown] => entry !== undefined),
            ),
          ),
        ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{"__proto__":{"isAdmin":true}}',
        '{"constructor":{"prototype":{"x":1}}}',
        '[]',
        'null',
        '"text"',
        '{',
        '',
        '{"a":' + '['.repeat(2_000) + ']'.repeat(2_000) + '}',
      ),
    },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
  );
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function requestFor(operation: Operation): fc.Arbitrary<FuzzRequest> {
  const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
  const queryParameters = operation.parameters.filter((parameter) => parameter.in === 'query');

  return fc
    .tuple(
      fc.tuple(
        ...pathParameters.map((parameter) =>
          schemaValue(parameter.schema).filter((text) => text.length > 0),
        ),
      ),
      fc.tuple(...queryParameters.map(queryPart)),
      fc.option(fc.tuple(hostileText, hostileText), { nil: undefined }),
      bodyFor(operation),
    )
    .map(([pathValues, queryParts, unknownParameter, body]) => {
      let path = operation.path;
      pathParameters.forEach((parameter, index) => {
        path = path.replace(`{${parameter.name}}`, encodeURIComponent(pathValues[index]));
      });

      const parts = queryParts.flat();
      if (unknownParameter) {
        parts.push(
          `${encodeURIComponent(unknownParameter[0] || 'extra')}=${encodeURIComponent(unknownParameter[1])}`,
        );
      }
      return {
        method: operation.method.toUpperCase(),
        url: parts.length > 0 ? `${path}?${parts.join('&')}` : path,
        body,
      };
    });
}

function operationsOf(document: {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: OpenApiParameter[];
        requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
      }
    >
  >;
  components?: { schemas?: Record<string, OpenApiSchema> };
}): Operation[] {
  const resolve = (schema: OpenApiSchema | undefined): OpenApiSchema | undefined =>
    schema?.$ref
      ? document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')]
      : schema;

  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method,
      path,
      parameters: (operation.parameters ?? []).map((parameter) => ({
        ...parameter,
        schema: resolve(parameter.schema),
      })),
      bodyProperties: resolve(operation.requestBody?.content?.['application/json']?.schema)
        ?.properties,
    })),
  );
}

/** Why a response breaks the contract, or undefined when it keeps it. */
function contractBreach(
  status: number,
  contentType: string | null,
  text: string,
): string | undefined {
  if (status >= 500) {
    return `server error: ${text.slice(0, 300)}`;
  }
  if (status < 400) {
    return undefined;
  }
  if (!contentType?.startsWith('application/problem+json')) {
    return `4xx with content type ${contentType}`;
  }

  const problem = parseOrText(text) as Record<string, unknown> | string;
  if (typeof problem !== 'object' || problem === null) {
    return `4xx body is not a JSON object: ${text.slice(0, 200)}`;
  }
  const missing = ['type', 'title', 'detail'].filter(
    (field) => typeof problem[field] !== 'string' || problem[field] === '',
  );
  if (missing.length > 0 || problem.status !== status) {
    return `invalid problem (missing ${missing.join(', ') || 'nothing'}, status ${String(problem.status)}): ${text.slice(0, 200)}`;
  }
  return undefined;
}

describe('fuzzing every operation of /openapi.json', () => {
  const logs = new LogCapture();
  let app: FaultApp;

  beforeAll(async () => {
    app = await startFaultApp({
      logs,
      events: [
        ...repeatEvent(20, { at: '2026-03-10T12:00:00Z' }),
        ...repeatEvent(5, { at: '2026-03-11T08:00:00Z', tenantId: 'tenant-b', statusCode: 503 }),
      ],
      env: { RATE_LIMIT_READER: '1000000', RATE_LIMIT_ADMIN: '1000000' },
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('random requests get no 5xx and valid problems', async () => {
    const document = (await (await fetch(`${app.baseUrl}/openapi.json`)).json()) as Parameters<
      typeof operationsOf
    >[0];
    const operations = operationsOf(document);
    const token = app.token('tenant-a', {
      roles: ['analytics:read', 'quota:admin'],
      managed_tenants: ['*'],
    });
    const requests = fc.sample(fc.constantFrom(...operations).chain(requestFor), {
      seed: SEED,
      numRuns: MAX_REQUESTS,
    });

    const failures: Failure[] = [];
    const statuses = new Map<number, number>();
    const startedAt = Date.now();
    let next = 0;

    const worker = async (): Promise<void> => {
      while (next < requests.length && Date.now() - startedAt < TIME_BUDGET_MS) {
        const request = requests[next++];
        const response = await fetch(`${app.baseUrl}${request.url}`, {
          method: request.method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: request.body,
        });
        const text = await response.text();

        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const reason = contractBreach(response.status, response.headers.get('content-type'), text);
        if (reason) {
          const requestId = response.headers.get('x-request-id');
          const logged = logs.lines.find(
            (line) => line.requestId === requestId && line.err !== undefined,
          );
          failures.push({
            request: {
              method: request.method,
              url: request.url.slice(0, 300),
              body: request.body?.slice(0, 300),
            },
            status: response.status,
            reason,
            logged: JSON.stringify(logged?.err ?? null)
              .split('\\n')
              .filter((frame) => !frame.includes('node_modules'))
              .join(' | ')
              .slice(0, 600),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const sent = [...statuses.values()].reduce((sum, count) => sum + count, 0);

    expect(operations.length).toBeGreaterThanOrEqual(5);
    expect(sent).toBeGreaterThanOrEqual(1_000);
    expect(failures.slice(0, 5)).toEqual([]);
    // Some requests must pass validation, or the fuzzer only exercises the validation layer.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
  }, 90_000);
});
