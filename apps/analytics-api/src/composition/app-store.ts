import {
  createKustoClient,
  DuckDbStore,
  KustoClientPort,
  KustoQueryRunner,
  KustoSettings,
} from '@analytics/store';
import { AppConfig } from '../config/app-config';
import { currentRequestContext } from '../observability/request-context';

/** Azure Data Explorer as the application's store: the query runner and the client it owns. */
export class KustoStore {
  constructor(
    readonly runner: KustoQueryRunner,
    private readonly client: KustoClientPort & { close(): void },
  ) {}

  /** Creates the client and a runner whose requests carry the id of the HTTP request they serve. */
  static open(settings: KustoSettings): KustoStore {
    const client = createKustoClient(settings);
    const runner = new KustoQueryRunner(client, settings, {
      currentRequestId: () => currentRequestContext()?.requestId,
    });
    return new KustoStore(runner, client);
  }

  /** Cancels every request in flight; the client has no per-request abort. */
  close(): void {
    this.client.close();
  }
}

/** The store the reports and quotas read, as `STORE` selects it. */
export type AppStore = DuckDbStore | KustoStore;

/** Opens the configured store. Kusto opens no connection here; the first query does. */
export async function openAppStore(config: AppConfig): Promise<AppStore> {
  if (config.store === 'kusto') {
    if (!config.kusto) {
      throw new Error('STORE=kusto needs the Kusto settings, which loadConfig reads');
    }
    return KustoStore.open(config.kusto);
  }
  return DuckDbStore.open(config.duckDbPath, { memoryLimitMiB: config.duckDbMemoryLimitMiB });
}
