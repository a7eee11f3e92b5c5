import { StoreTimeoutError, TenantScope } from '@analytics/common';
import { QueryCancelledError, queryCancelledError } from '@analytics/store';
import { AppMetrics } from './app-metrics';
import {
  CacheOutcomeReport,
  instrumentRepository,
  QueryLogger,
  reportCacheOutcome,
} from './instrument-repository';

/** A port like the report repositories: an abstract class with tenant-first methods. */
abstract class CountsRepository {
  abstract daily(scope: TenantScope, request: { days: number }): Promise<number[]>;
  abstract summary(scope: TenantScope): Promise<{ names: string[]; shapes: string[] }>;
}

class InMemoryCountsRepository extends CountsRepository {
  constructor(private readonly onCall: () => void = () => undefined) {
    super();
  }

  async daily(_scope: TenantScope, { days }: { days: number }): Promise<number[]> {
    this.onCall();
    return Array.from({ length: days }, (_, index) => index);
  }

  async summary(_scope: TenantScope): Promise<{ names: string[]; shapes: string[] }> {
    throw new StoreTimeoutError('The store query ran past the request time limit and was stopped');
  }
}

class RecordingLogger implements QueryLogger {
  readonly lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];

  info(fields: object, message: string): void {
    this.lines.push({ level: 'info', fields: fields as Record<string, unknown>, message });
  }

  warn(fields: object, message: string): void {
    this.lines.push({ level: 'warn', fields: fields as Record<string, unknown>, message });
  }
}

const scope = TenantScope.of('tenant-a');

describe('instrumentRepository', () => {
  it('instrumented call returns the result and logs one line', async () => {
    const logger = new RecordingLogger();
    const repository = instrumentRepository(new InMemoryCountsRepository(), {
      report: 'counts',
      logger,
      metrics: new AppMetrics({ processMetrics: false }),
    });

    const result = await repository.daily(scope, { days: 3 });

    expect(result).toEqual([0, 1, 2]);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0].message).toBe('store query');
    expect(logger.lines[0].fields).toMatchObject({
      report: 'counts',
      store: 'duckdb',
      method: 'daily',
      rows: 3,
      cache: 'none',
    });
    expect(typeof logger.lines[0].fields.durationMs).toBe('number');
  });

  it('instrumented repository keeps the port type', () => {
    const repository = instrumentRepository(new InMemoryCountsRepository(), {
      report: 'counts',
      logger: new RecordingLogger(),
      metrics: new AppMetrics({ processMetrics: false }),
    });

    expect(repository).toBeInstanceOf(CountsRepository);
  });

  it('cache outcome hook reaches the log line and counters', async () => {
    const logger = new RecordingLogger();
    const metrics = new AppMetrics({ processMetrics: false });
    const outcomes: CacheOutcomeReport['outcome'][] = ['hit', 'miss', 'hit'];
    const repository = instrumentRepository(
      new InMemoryCountsRepository(() =>
        reportCacheOutcome({ outcome: outcomes.shift() ?? 'bypass' }),
      ),
      { report: 'counts', logger, metrics },
    );

    await repository.daily(scope, { days: 1 });
    await repository.daily(scope, { days: 1 });
    await repository.daily(scope, { days: 1 });
    const text = await metrics.render();

    expect(logger.lines.map((line) => line.fields.cache)).toEqual(['hit', 'miss', 'hit']);
    expect(text).toContain('cache_hits_total{report="counts"} 2');
    expect(text).toContain('cache_misses_total{report="counts"} 1');
    // Hits never reached the store, so only the miss is a store query.
    expect(text).toContain(
      'store_query_duration_seconds_count{report="counts",store="duckdb",method="daily",outcome="ok"} 1',
    );
  });

  it('concurrent calls keep their own cache outcome', async () => {
    const logger = new RecordingLogger();
    let calls = 0;
    const repository = instrumentRepository(
      new InMemoryCountsRepository(() => {
        calls += 1;
        reportCacheOutcome({ outcome: calls % 2 === 0 ? 'hit' : 'miss' });
      }),
      { report: 'counts', logger, metrics: new AppMetrics({ processMetrics: false }) },
    );

    await Promise.all([repository.daily(scope, { days: 1 }), repository.daily(scope, { days: 2 })]);

    const byRows = Object.fromEntries(
      logger.lines.map((line) => [line.fields.rows, line.fields.cache]),
    );
    expect(byRows).toEqual({ 1: 'miss', 2: 'hit' });
  });

  it('failed call is rethrown and counted as a timeout', async () => {
    const logger = new RecordingLogger();
    const metrics = new AppMetrics({ processMetrics: false });
    const repository = instrumentRepository(new InMemoryCountsRepository(), {
      report: 'counts',
      store: 'kusto',
      logger,
      metrics,
    });

    await expect(repository.summary(scope)).rejects.toBeInstanceOf(StoreTimeoutError);
    const text = await metrics.render();

    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatchObject({
      level: 'warn',
      message: 'store query failed',
      fields: { method: 'summary', outcome: 'timeout', error: 'StoreTimeoutError' },
    });
    expect(text).toContain(
      'store_query_duration_seconds_count{report="counts",store="kusto",method="summary",outcome="timeout"} 1',
    );
  });

  it('logs a cancelled query at info', async () => {
    const logger = new RecordingLogger();
    const metrics = new AppMetrics({ processMetrics: false });
    const cancelling = new InMemoryCountsRepository(() => {
      throw queryCancelledError();
    });
    const repository = instrumentRepository(cancelling, { report: 'counts', logger, metrics });

    await expect(repository.daily(scope, { days: 1 })).rejects.toBeInstanceOf(QueryCancelledError);

    expect(logger.lines).toEqual([
      expect.objectContaining({
        level: 'info',
        fields: expect.objectContaining({ outcome: 'cancelled' }),
      }),
    ]);
    expect(await metrics.render()).toContain('outcome="cancelled"} 1');
  });

  it('reportCacheOutcome outside a call does nothing', () => {
    expect(() => reportCacheOutcome({ outcome: 'hit' })).not.toThrow();
  });
});
