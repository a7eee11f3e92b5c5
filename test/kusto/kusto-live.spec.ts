import { randomUUID } from 'node:crypto';
import { KustoErrorsRepository } from '@analytics/reports/errors';
import { KustoLatencyRepository } from '@analytics/reports/latency';
import { KustoParametersRepository } from '@analytics/reports/parameters';
import { KustoVolumeRepository } from '@analytics/reports/volume';
import {
  createKustoClient,
  EVENT_COLUMNS,
  EVENTS_JSON_MAPPING_NAME,
  EVENTS_TABLE_NAME,
  canonicalFieldName,
  KustoQueryRunner,
  kustoScripts,
  loadKustoSettings,
  UsageEvent,
} from '@analytics/store';
import { Client } from 'azure-kusto-data';
import { CASE_TENANT, REPORT_CASES, runReportCase } from './conformance/report-cases';

const HOW_TO_RUN =
  'Kusto live suite skipped: KUSTO_CLUSTER_URL is not set. To run it, start the emulator ' +
  '(docker run -d -e ACCEPT_EULA=Y -m 4g -p 127.0.0.1:8080:8080 mcr.microsoft.com/azuredataexplorer/kustainer-linux) and run ' +
  'KUSTO_CLUSTER_URL=http://127.0.0.1:8080 KUSTO_DATABASE=NetDefaultDB KUSTO_AUTH=none ' +
  'NODE_OPTIONS=--experimental-vm-modules npx jest test/kusto/kusto-live.spec.ts. ' +
  'CI skips it because CI machines have no Docker.';

const configured = Boolean(process.env.KUSTO_CLUSTER_URL);

if (!configured) {
  // The title of a skipped test is not printed, so the line goes to stderr as well.
  process.stderr.write(`${HOW_TO_RUN}\n`);
  it.skip(HOW_TO_RUN, () => undefined);
} else {
  describe('report conformance cases on a live Kusto cluster', () => {
    // Each run writes its events under tenant ids of its own, so runs never see each other's rows.
    const runId = randomUUID().slice(0, 8);
    const tenantOf = (tenantId: string) => `${tenantId}-${runId}`;

    let client: Client;
    let runner: KustoQueryRunner;

    beforeAll(async () => {
      const settings = loadKustoSettings(process.env);
      client = createKustoClient(settings);
      runner = new KustoQueryRunner(client, settings);
      for (const command of kustoScripts().flatMap((script) => script.commands)) {
        await runner.command(command, { idempotent: true });
      }
    }, 300_000);

    afterAll(() => {
      client?.close();
    });

    it.each(REPORT_CASES.map((reportCase, index) => [reportCase.name, index] as const))(
      '%s',
      async (_name, index) => {
        const reportCase = REPORT_CASES[index];
        await runner.command(
          ingestInlineCommand(
            reportCase.events.map((event) => ({ ...event, tenantId: tenantOf(event.tenantId) })),
          ),
          { idempotent: false },
        );
        const adapters = {
          volume: new KustoVolumeRepository(runner),
          latency: new KustoLatencyRepository(runner),
          errors: new KustoErrorsRepository(runner),
          parameters: new KustoParametersRepository(runner),
        };

        expect(await runReportCase(adapters, tenantOf(CASE_TENANT), reportCase.call)).toEqual(
          reportCase.expected,
        );
      },
      120_000,
    );
  });
}

/** Ingests events as canonical JSON records through the table's JSON mapping, which this also checks. */
function ingestInlineCommand(events: UsageEvent[]): string {
  const lines = events.map((event) => {
    const record = Object.fromEntries(
      EVENT_COLUMNS.map((column) => {
        const value = event[column.field];
        return [
          canonicalFieldName(column),
          column.kustoType === 'datetime' ? new Date(value as number).toISOString() : value,
        ];
      }),
    );
    return JSON.stringify(record);
  });
  return `.ingest inline into table ${EVENTS_TABLE_NAME} with (format="json", ingestionMappingReference="${EVENTS_JSON_MAPPING_NAME}") <|\n${lines.join('\n')}`;
}
