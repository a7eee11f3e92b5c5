import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { TenantScope } from '@analytics/common';
import { Principal } from '../principal';

/** The verified caller, as set by the global guard. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ user: Principal }>().user,
);

/** The caller's tenant scope; the only way a controller learns which tenant to query. */
export const CurrentTenant = createParamDecorator(
  (_data: unknown, context: ExecutionContext): TenantScope =>
    TenantScope.of(context.switchToHttp().getRequest<{ user: Principal }>().user.tenantId),
);
