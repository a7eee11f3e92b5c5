import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunningApp, startTestApp } from '../support/test-app';

describe('committed openapi.json', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(() => app.close());

  it('matches the spec the code serves', async () => {
    const served = (await app.get('/openapi.json')).body;
    const committed = JSON.parse(readFileSync(join(process.cwd(), 'openapi.json'), 'utf8'));

    // On failure: run `npm run openapi` and commit openapi.json; the portal's client is generated from it.
    expect(served).toEqual(committed);
  });

  it('gives every operation an operationId, a summary, a tag and bearer security', () => {
    const committed = JSON.parse(readFileSync(join(process.cwd(), 'openapi.json'), 'utf8'));
    const operations = Object.values(
      committed.paths as Record<string, Record<string, Record<string, unknown>>>,
    ).flatMap((path) => Object.values(path));

    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      expect(operation.operationId).toMatch(/^[a-z][A-Za-z]+$/);
      expect(operation.summary).toEqual(expect.any(String));
      expect(operation.tags).toHaveLength(1);
      expect(operation.security).toEqual([{ bearer: [] }]);
    }
  });

  it('declares problem+json for every error status', () => {
    const committed = JSON.parse(readFileSync(join(process.cwd(), 'openapi.json'), 'utf8'));
    const operations = Object.values(
      committed.paths as Record<
        string,
        Record<string, { responses: Record<string, { content?: object }> }>
      >,
    ).flatMap((path) => Object.values(path));

    for (const operation of operations) {
      const errorStatuses = Object.keys(operation.responses).filter(
        (status) => Number(status) >= 400,
      );
      expect(errorStatuses).toEqual(expect.arrayContaining(['400', '401', '403']));
      for (const status of errorStatuses) {
        expect(Object.keys(operation.responses[status].content ?? {})).toEqual([
          'application/problem+json',
        ]);
      }
    }
  });
});
