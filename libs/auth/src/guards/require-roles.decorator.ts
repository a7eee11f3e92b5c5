import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { Role } from '../principal';

export const REQUIRED_ROLES = 'auth:roles';

/**
 * Requires a bearer token carrying every listed role, and documents the requirement in OpenAPI
 * together, so the spec cannot drift from what the guard enforces.
 */
export const RequireRoles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLES, roles),
    ApiBearerAuth(),
    ApiExtension('x-required-roles', roles),
  );
