import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DevSigningKey, Public } from '@analytics/auth';
import { JsonWebKey } from 'node:crypto';

/** Serves the embedded dev issuer's public key as an SSO would; registered only in dev mode. */
@ApiExcludeController()
@Public()
@Controller('.well-known')
export class DevJwksController {
  constructor(private readonly signingKey: DevSigningKey) {}

  @Get('jwks.json')
  jwks(): { keys: JsonWebKey[] } {
    return this.signingKey.jwks();
  }
}
