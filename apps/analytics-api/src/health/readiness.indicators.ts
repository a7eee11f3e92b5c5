import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@analytics/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { randomUUID } from 'node:crypto';
import { RedisProbe } from './redis-probe';
import { StoreProbe } from './store-probe';

/** Time limit of each readiness check; a provider of the health module. */
export class HealthCheckTimeout {
  constructor(readonly ms: number) {}
}

/** Readiness of the store: a trivial query (`SELECT 1` on DuckDB, `print 1` on Kusto) returns within the time limit. */
@Injectable()
export class StoreReadiness {
  private readonly logger = new Logger(StoreReadiness.name);

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly store: StoreProbe,
    private readonly timeout: HealthCheckTimeout,
  ) {}

  check(): PromiseLike<HealthIndicatorResult<'store'>> {
    return this.indicators
      .check('store')
      .attempt(async () => {
        try {
          await this.store.ping(this.timeout.ms);
        } catch (error) {
          throw this.publicError(error);
        }
      })
      .withTimeout(this.timeout.ms);
  }

  /**
   * Returns the error the public readiness report shows. A domain error's message is written for
   * callers. Any other error may carry store details, so it is logged and replaced.
   */
  private publicError(error: unknown): Error {
    if (error instanceof DomainError) {
      return error;
    }
    this.logger.warn({ err: error }, 'The store readiness check failed');
    return new Error('The store check failed; the cause is in the service log');
  }
}

/**
 * Readiness of Redis: a value written under a key of its own is read back within the time limit.
 * A write catches a Redis that replies to PING but rejects writes (out of memory, a read-only replica).
 */
@Injectable()
export class RedisReadiness {
  private readonly key = `health:${randomUUID()}`;

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisProbe,
    private readonly timeout: HealthCheckTimeout,
  ) {}

  check(): PromiseLike<HealthIndicatorResult<'redis'>> {
    return this.indicators
      .check('redis')
      .attempt(async () => {
        const written = randomUUID();
        await this.redis.set(this.key, written, 60_000);

        const read = await this.redis.get(this.key);
        if (read !== written) {
          throw new Error('Redis returned another value than the one just written');
        }
      })
      .withTimeout(this.timeout.ms);
  }
}
