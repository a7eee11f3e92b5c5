import { DynamicModule, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuthSettings } from './auth-settings';
import { AuthenticationGuard } from './guards/authentication.guard';
import { KeySource } from './jwks/key-source';
import { JwtStrategy } from './jwt.strategy';
import { VerifiedTokenCache } from './verified-token-cache';

/**
 * Registers token verification for the given settings and key source. The application registers
 * `AuthenticationGuard` as its first global guard.
 */
@Module({})
export class AuthModule {
  static forRoot({
    settings,
    keySource,
  }: {
    settings: AuthSettings;
    keySource: KeySource;
  }): DynamicModule {
    return {
      module: AuthModule,
      imports: [PassportModule],
      providers: [
        { provide: AuthSettings, useValue: settings },
        { provide: KeySource, useValue: keySource },
        { provide: VerifiedTokenCache, useValue: new VerifiedTokenCache() },
        JwtStrategy,
        AuthenticationGuard,
      ],
      exports: [AuthSettings, KeySource, AuthenticationGuard],
    };
  }
}
