import {
  Controller,
  Get,
  Logger,
  Optional,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorFunction,
} from '@nestjs/terminus';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@analytics/auth';
import { FastifyReply } from 'fastify';
import { RedisReadiness, StoreReadiness } from './readiness.indicators';

/**
 * Liveness and readiness for the orchestrator; public, so probes need no token. Liveness checks
 * nothing outside the process, so a store outage takes the instance out of the load balancer
 * (readiness 503) without getting it restarted.
 */
@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);
  private lastReady = true;

  constructor(
    private readonly health: HealthCheckService,
    private readonly store: StoreReadiness,
    @Optional() private readonly redis?: RedisReadiness,
  ) {}

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  async ready(
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HealthCheckResult | object> {
    const checks: HealthIndicatorFunction[] = [() => this.store.check()];
    if (this.redis) {
      const redis = this.redis;
      checks.push(() => redis.check());
    }

    try {
      const result = await this.health.check(checks);
      this.noteReadiness(true, result);
      return result;
    } catch (error) {
      // Terminus reports a failed check as a 503 exception; the body is its report, not a problem.
      if (!(error instanceof ServiceUnavailableException)) {
        throw error;
      }
      const response = error.getResponse();
      const result =
        typeof response === 'string' ? { status: 'error', message: response } : response;
      this.noteReadiness(false, result);
      void reply.status(503);
      return result;
    }
  }

  /** Logs changes of readiness only, so a probe every few seconds does not repeat the same line. */
  private noteReadiness(ready: boolean, result: object): void {
    if (ready === this.lastReady) {
      return;
    }
    this.lastReady = ready;
    if (ready) {
      this.logger.log({ msg: 'Ready again', result });
    } else {
      this.logger.warn({ msg: 'Not ready: a readiness check failed', result });
    }
  }
}
