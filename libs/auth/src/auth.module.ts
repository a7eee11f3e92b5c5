import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AuthSettings } from './auth-settings';
import { AuthenticationGuard } from './guards/authentication.guard';
import { KeySource } from './jwks/key-source';
import { JwtStrategy } from './jwt.strategy';
import { VerifiedTokenCache } from './verified-token-cache';

/** Registers token verification and the global guard for the given settings and key source. */
@Module({})
export class AuthModule {
  static forRoot({ settings, keySource }: { settings: AuthSettings; keySource: KeySource }): DynamicModule {
    return {
      module: AuthModule,
      imports: [PassportModule],
      providers: [
        { provide: AuthSettings, useValue: settings },
        { provide: KeySource, useValue: keySource },
        { provide: VerifiedTokenCache, useValue: new VerifiedTokenCache() },
        JwtStrategy,
        { provide: APP_GUARD, useClass: AuthenticationGuard },
      ],
      exports: [AuthSettings, KeySource],
    };
  }
}
