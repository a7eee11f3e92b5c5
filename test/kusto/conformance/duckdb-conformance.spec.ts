import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbErrorsRepository } from '@analytics/reports/errors';
import { DuckDbLatencyRepository } from '@analytics/reports/latency';
import { DuckDbParametersRepository } from '@analytics/reports/parameters';
import { DuckDbVolumeRepository } from '@analytics/reports/volume';
import { appendEvents, DuckDbStore } from '@analytics/store';
import { CASE_TENANT, REPORT_CASES, runReportCase } from './report-cases';

describe('report conformance cases on DuckDB', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'conformance-'));
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it.each(REPORT_CASES.map((reportCase, index) => [reportCase.name, index] as const))(
    '%s',
    async (_name, index) => {
      const reportCase = REPORT_CASES[index];
      const store = await DuckDbStore.open(join(directory, `case-${index}.duckdb`));
      try {
        await appendEvents(store, [reportCase.events]);
        const adapters = {
          volume: new DuckDbVolumeRepository(store),
          latency: new DuckDbLatencyRepository(store),
          errors: new DuckDbErrorsRepository(store),
          parameters: new DuckDbParametersRepository(store),
        };

        expect(await runReportCase(adapters, CASE_TENANT, reportCase.call)).toEqual(
          reportCase.expected,
        );
      } finally {
        store.close();
      }
    },
  );
});
