import fc from 'fast-check';
import { collectParameterQueries } from './support/parameter-query-space';
import { collectQuotaQueries } from './support/quota-query-space';
import { collectReportQueries, QueryValues, SAMPLE_VALUES } from './support/report-query-space';

/** Every query the Kusto adapters build: the reports, the parameters report and quota reads. */
async function collectAllQueries(values: QueryValues) {
  return [
    ...(await collectReportQueries(values)),
    ...(await collectParameterQueries(values)),
    ...(await collectQuotaQueries(values)),
  ];
}

/** Drops the base64 payload of an append, the one part of a command that carries caller values. */
function withoutPayload(text: string): string {
  return text.replace(/base64_decode_tostring\('[A-Za-z0-9+/=]*'\)/g, "base64_decode_tostring('')");
}

/** Tenant ids that TenantScope accepts; the scope rejects every other text before a query exists. */
const tenantId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,40}$/);
const values = fc.array(fc.string({ unit: 'binary', minLength: 0, maxLength: 40 }), {
  minLength: 1,
  maxLength: 3,
});

const queryValues: fc.Arbitrary<QueryValues> = fc.record({
  tenantId,
  product: values,
  endpoint: values,
  apiKey: values,
  groupKeys: fc.array(
    fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { minLength: 2, maxLength: 2 }),
    { minLength: 1, maxLength: 3 },
  ),
  minCalls: fc.integer({ min: 1, max: 1_000_000 }),
  limit: fc.integer({ min: 1, max: 1000 }),
});

describe('KQL injection property', () => {
  it('query texts never depend on caller values', async () => {
    const expected = (await collectAllQueries(SAMPLE_VALUES)).map((query) =>
      withoutPayload(query.text),
    );

    await fc.assert(
      fc.asyncProperty(queryValues, async (generated) => {
        const queries = await collectAllQueries(generated);

        expect(queries.map((query) => withoutPayload(query.text))).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });

  it('marked caller values appear only in parameters', async () => {
    await fc.assert(
      fc.asyncProperty(
        queryValues,
        fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
        async (generated, tail) => {
          const mark = (text: string) => `zz-injected-${text}${tail}`;
          const marked = {
            ...generated,
            product: generated.product.map(mark),
            endpoint: generated.endpoint.map(mark),
            groupKeys: generated.groupKeys.map((key) => key.map(mark)),
          };
          const queries = await collectAllQueries(marked);

          for (const query of queries) {
            expect(query.text).not.toContain('zz-injected-');
          }
          expect(
            queries.some((query) =>
              Object.values(query.parameters).some((value) =>
                String(value).includes('zz-injected-'),
              ),
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 10 },
    );
  });
});
