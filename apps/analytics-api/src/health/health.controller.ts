import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@analytics/auth';
import { DuckDbStore } from '@analytics/store';
import { FastifyReply } from 'fastify';

/** Liveness and readiness for the orchestrator; public, so probes need no token. */
@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly store: DuckDbStore) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: string; checks: Record<string, string> }> {
    try {
      await this.store.query('SELECT 1');
      return { status: 'ok', checks: { store: 'up' } };
    } catch {
      void reply.status(503);
      return { status: 'unavailable', checks: { store: 'down' } };
    }
  }
}
