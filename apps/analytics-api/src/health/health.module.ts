import { DynamicModule, Module, Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HealthCheckTimeout, RedisReadiness, StoreReadiness } from './readiness.indicators';
import { KeyvRedisProbe, RedisProbe } from './redis-probe';

export interface HealthOptions {
  checkTimeoutMs: number;
  /** Checks Redis when set, through a connection of the health module's own. */
  redisUrl?: string;
}

/** /health/live and /health/ready. The store comes from the global repositories module. */
@Module({})
export class HealthModule {
  static forRoot({ checkTimeoutMs, redisUrl }: HealthOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: HealthCheckTimeout, useValue: new HealthCheckTimeout(checkTimeoutMs) },
      StoreReadiness,
    ];

    if (redisUrl) {
      providers.push(
        {
          provide: RedisProbe,
          useFactory: () => new KeyvRedisProbe(redisUrl, { connectTimeoutMs: checkTimeoutMs }),
        },
        RedisReadiness,
        {
          provide: RedisProbeCloser,
          useFactory: (probe: RedisProbe) => new RedisProbeCloser(probe),
          inject: [RedisProbe],
        },
      );
    }

    return {
      module: HealthModule,
      // Failed checks are logged by the controller when readiness changes, not on every probe.
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers,
    };
  }
}

/** Closes the probe's Redis connection when the application shuts down. */
class RedisProbeCloser {
  constructor(private readonly probe: RedisProbe) {}

  async onApplicationShutdown(): Promise<void> {
    await this.probe.close();
  }
}
