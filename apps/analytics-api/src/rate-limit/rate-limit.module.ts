import { DynamicModule, Module, OnApplicationShutdown } from '@nestjs/common';
import { RateLimitCounter } from './rate-limit-counter';
import { RateLimitSettings } from './rate-limit-settings';
import { TenantRateLimitGuard } from './tenant-rate-limit.guard';

class CounterCloser implements OnApplicationShutdown {
  constructor(private readonly counter: RateLimitCounter) {}

  onApplicationShutdown(): Promise<void> {
    return this.counter.close();
  }
}

/**
 * Rate limiting. The counters live in Redis when configured, so instances share one limit, and in
 * memory otherwise. The application registers the guard as a global guard after authentication.
 *
 * NOTE: @nestjs/throttler 6.7 ships only CommonJS that requires the ES-module-only
 * @nestjs/common 12, which Jest on Node 20 cannot load, so the guard is our own; its counting
 * contract mirrors ThrottlerStorage.increment.
 */
@Module({})
export class RateLimitModule {
  static forRoot({
    settings,
    counter,
  }: {
    settings: RateLimitSettings;
    counter: RateLimitCounter;
  }): DynamicModule {
    return {
      module: RateLimitModule,
      providers: [
        { provide: RateLimitSettings, useValue: settings },
        { provide: RateLimitCounter, useValue: counter },
        { provide: CounterCloser, useValue: new CounterCloser(counter) },
        TenantRateLimitGuard,
      ],
      exports: [TenantRateLimitGuard],
    };
  }
}
