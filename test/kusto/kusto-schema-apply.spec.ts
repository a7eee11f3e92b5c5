import { jest } from '@jest/globals';
import { kustoScripts } from '@analytics/store';
import { CommandError } from '../../apps/analytics-cli/src/command';
import { kustoSchemaCommand } from '../../apps/analytics-cli/src/commands/kusto-schema.command';
import { kustoError, KustoProtocolStub, v1Result } from './support/kusto-protocol-stub';

const KUSTO_VARIABLES = ['KUSTO_CLUSTER_URL', 'KUSTO_DATABASE', 'KUSTO_AUTH'] as const;
const saved = Object.fromEntries(KUSTO_VARIABLES.map((name) => [name, process.env[name]]));
const applied = { status: 200, body: v1Result([{ name: 'Result', type: 'string' }], []) };

let stub: KustoProtocolStub;
let stdout: string;

beforeEach(async () => {
  stub = await KustoProtocolStub.start();
  Object.assign(process.env, {
    KUSTO_CLUSTER_URL: stub.url,
    KUSTO_DATABASE: 'usage',
    KUSTO_AUTH: 'none',
  });
  stdout = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
});

afterEach(async () => {
  jest.restoreAllMocks();
  for (const name of KUSTO_VARIABLES) {
    if (saved[name] === undefined) {
      delete process.env[name];
    } else {
      process.env[name] = saved[name];
    }
  }
  await stub.stop();
});

describe('kusto-schema --apply against the Kusto protocol stub', () => {
  it('sends every command in order', async () => {
    const commands = kustoScripts().flatMap((script) => script.commands);
    stub.respondWith(() => applied);

    const status = await kustoSchemaCommand.run(['--apply']);

    expect(status).toBe(0);
    expect(stub.requests.map((request) => request.path)).toEqual(
      commands.map(() => '/v1/rest/mgmt'),
    );
    expect(stub.requests.map((request) => request.csl)).toEqual(commands);
    expect(stdout.split('\n').filter((line) => line.startsWith('applied '))).toHaveLength(
      commands.length,
    );
  });

  it('names the command Kusto rejected', async () => {
    stub.reply(applied, applied, {
      status: 400,
      body: kustoError('General_BadRequest', 'Partitioning policy is invalid', true),
    });

    const error = await kustoSchemaCommand.run(['--apply']).catch((caught) => caught);

    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toContain('Applying events-table.kql, command 3 (.alter table Events');
    expect(error.message).toContain('Partitioning policy is invalid');
    expect(stub.requests).toHaveLength(3);
  });
});
