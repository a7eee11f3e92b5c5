import { Injectable } from '@nestjs/common';
import { CursorCodec, TenantScope } from '@analytics/common';
import { pageOf } from '@analytics/reports/shared';
import { GetQuotaViewUseCase } from './get-quota-view.use-case';
import { AccountManager, manages } from './managed-tenant-access';
import { QuotaRecordRepository } from './quota-record.repository';
import { QuotaStatus } from './quota-status';
import { QuotaUsageRepository } from './quota-usage.repository';
import { QuotaView } from './quota-view.types';

export const TENANT_SORTS = ['percentage', '-percentage'] as const;
export type TenantSort = (typeof TENANT_SORTS)[number];

export interface TenantListRequest {
  status?: QuotaStatus;
  sort: TenantSort;
  limit: number;
  cursor?: string;
}

export interface TenantListPage {
  tenants: QuotaView[];
  limit: number;
  nextCursor: string | null;
}

/** Tenants whose views are computed at once; each opens its own store connection. */
const VIEW_CONCURRENCY = 8;

/**
 * The tenants an account manager manages, each with its quota status, optionally filtered by
 * status and sorted by the highest percentage used over its products (ties by tenant id).
 * Known tenants are those with events or quota records.
 */
@Injectable()
export class ListManagedTenantsUseCase {
  constructor(
    private readonly records: QuotaRecordRepository,
    private readonly usage: QuotaUsageRepository,
    private readonly views: GetQuotaViewUseCase,
    private readonly cursorCodec: CursorCodec,
  ) {}

  async execute(manager: AccountManager, request: TenantListRequest): Promise<TenantListPage> {
    const [withEvents, withRecords] = await Promise.all([
      this.usage.tenantsWithEvents(),
      this.records.tenantsWithRecords(),
    ]);
    const tenantIds = [...new Set([...withEvents, ...withRecords])]
      .filter((tenantId) => TenantScope.isValidId(tenantId) && manages(manager, tenantId))
      .sort();

    // NOTE: every managed tenant's view is computed per request; a portfolio of thousands of
    // tenants would need the status kept per tenant instead.
    const views = await mapLimited(tenantIds, VIEW_CONCURRENCY, (tenantId) =>
      this.views.execute(TenantScope.of(tenantId)),
    );
    const direction = request.sort === '-percentage' ? -1 : 1;
    const selected = views
      .filter((view) => request.status === undefined || view.status === request.status)
      .sort(
        (left, right) =>
          direction * ((left.percentage ?? -1) - (right.percentage ?? -1)) ||
          left.tenantId.localeCompare(right.tenantId),
      );

    const binding = CursorCodec.bindingOf([
      manager.subject,
      [...manager.managedTenants].sort(),
      'managed-tenants',
      { ...request, cursor: undefined },
    ]);
    const page = pageOf(selected, {
      codec: this.cursorCodec,
      binding,
      cursor: request.cursor,
      limit: request.limit,
    });
    return { tenants: page.items, limit: request.limit, nextCursor: page.nextCursor };
  }
}

async function mapLimited<T, R>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  });
  await Promise.all(workers);
  return results;
}
