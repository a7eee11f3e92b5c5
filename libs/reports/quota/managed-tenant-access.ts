import { Injectable } from '@nestjs/common';
import { DomainError, TenantScope } from '@analytics/common';
import { QuotaRecordRepository } from './quota-record.repository';
import { QuotaUsageRepository } from './quota-usage.repository';

/** Tenants an account manager manages, from the token; `*` stands for every tenant. */
export interface AccountManager {
  subject: string;
  managedTenants: readonly string[];
}

export const ALL_TENANTS = '*';

export function manages(manager: AccountManager, tenantId: string): boolean {
  return manager.managedTenants.includes(ALL_TENANTS) || manager.managedTenants.includes(tenantId);
}

/**
 * Opens a tenant to an account manager. A tenant outside the manager's scope gets the same
 * 404 as one that does not exist, so the response does not reveal which tenants exist.
 */
@Injectable()
export class ManagedTenantAccess {
  constructor(
    private readonly records: QuotaRecordRepository,
    private readonly usage: QuotaUsageRepository,
  ) {}

  async scopeFor(manager: AccountManager, tenantId: string): Promise<TenantScope> {
    if (!TenantScope.isValidId(tenantId) || !manages(manager, tenantId)) {
      throw notFound(tenantId);
    }

    const scope = TenantScope.of(tenantId);
    if (!(await this.exists(scope))) {
      throw notFound(tenantId);
    }
    return scope;
  }

  /** Checks whether the tenant has events or quota records, which is what makes it exist. */
  private async exists(scope: TenantScope): Promise<boolean> {
    if ((await this.usage.firstEventMs(scope)) !== null) {
      return true;
    }
    const records = await this.records.findRecords(scope);
    return (
      records.planAssignments.length + records.limitOverrides.length + records.creditGrants.length >
      0
    );
  }
}

function notFound(tenantId: string): DomainError {
  const name = TenantScope.isValidId(tenantId) ? `"${tenantId}"` : 'given';
  return new DomainError(
    'not_found',
    `The tenant ${name} was not found among the tenants you manage`,
  );
}
