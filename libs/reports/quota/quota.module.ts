import { Module } from '@nestjs/common';
import { ChangeQuotaUseCase } from './change-quota.use-case';
import { GetAuditTrailUseCase } from './get-audit-trail.use-case';
import { GetQuotaHistoryUseCase } from './get-quota-history.use-case';
import { GetQuotaViewUseCase } from './get-quota-view.use-case';
import { GrantCreditsUseCase } from './grant-credits.use-case';
import { AdminTenantsController } from './http/admin-tenants.controller';
import { QuotaController } from './http/quota.controller';
import { ListManagedTenantsUseCase } from './list-managed-tenants.use-case';
import { ManagedTenantAccess } from './managed-tenant-access';

/**
 * Quotas and credits: the customer's view and the account managers' routes. Its repository
 * ports, QuotaRecordRepository and QuotaUsageRepository, are bound by the composition root.
 */
@Module({
  controllers: [QuotaController, AdminTenantsController],
  providers: [
    GetQuotaViewUseCase,
    GetQuotaHistoryUseCase,
    ListManagedTenantsUseCase,
    ChangeQuotaUseCase,
    GrantCreditsUseCase,
    GetAuditTrailUseCase,
    ManagedTenantAccess,
  ],
})
export class QuotaModule {}
