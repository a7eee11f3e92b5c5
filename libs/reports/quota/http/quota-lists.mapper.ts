import { formatInstant } from '@analytics/common';
import { AuditTrailPage } from '../get-audit-trail.use-case';
import { QuotaHistoryPage } from '../get-quota-history.use-case';
import { TenantListPage } from '../list-managed-tenants.use-case';
import { QuotaRecord } from '../quota-records.types';
import {
  AuditTrailDto,
  ManagedTenantListDto,
  QuotaHistoryDto,
  QuotaRecordDto,
} from './quota-lists.dto';

export function toQuotaHistoryDto(history: QuotaHistoryPage): QuotaHistoryDto {
  const zone = history.timeZone;
  return {
    data: history.periods.map((item) => ({
      period: {
        start: formatInstant(item.period.startMs, zone),
        end: formatInstant(item.period.endMs, zone),
      },
      plan: item.plan,
      status: item.status,
      products: item.products,
    })),
    page: { limit: history.limit, nextCursor: history.nextCursor },
  };
}

export function toManagedTenantListDto(list: TenantListPage): ManagedTenantListDto {
  return {
    data: list.tenants.map((view) => ({
      tenantId: view.tenantId,
      plan: view.plan,
      status: view.status,
      percentage: view.percentage,
      period: {
        start: formatInstant(view.period.startMs, view.billing.timeZone),
        end: formatInstant(view.period.endMs, view.billing.timeZone),
      },
    })),
    page: { limit: list.limit, nextCursor: list.nextCursor },
  };
}

export function toAuditTrailDto(trail: AuditTrailPage): AuditTrailDto {
  return {
    data: trail.records.map(toQuotaRecordDto),
    page: { limit: trail.limit, nextCursor: trail.nextCursor },
  };
}

export function toQuotaRecordDto(record: QuotaRecord): QuotaRecordDto {
  const audit = {
    id: record.recordId,
    kind: record.kind,
    actor: record.actor,
    reason: record.reason,
    effectiveAt: new Date(record.effectiveAtMs).toISOString(),
    createdAt: new Date(record.createdAtMs).toISOString(),
  };

  switch (record.kind) {
    case 'plan-assignment':
      return {
        ...audit,
        plan: record.planId,
        billingTimeZone: record.billingTimeZone,
        billingAnchorDay: record.billingAnchorDay,
      };
    case 'limit-override':
      return {
        ...audit,
        product: record.product,
        includedTransactions: record.includedTransactions,
      };
    case 'credit-grant':
      return {
        ...audit,
        credits: record.credits,
        expiresAt: new Date(record.expiresAtMs).toISOString(),
      };
  }
}
