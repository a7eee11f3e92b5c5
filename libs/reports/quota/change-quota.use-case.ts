import { Injectable } from '@nestjs/common';
import {
  canonicalTimeZone,
  Clock,
  DomainError,
  InvalidParameterError,
  TenantScope,
} from '@analytics/common';
import { randomUUID } from 'node:crypto';
import { BillingSettings, MAX_ANCHOR_DAY } from './billing-period';
import { effectiveQuotaAt, quotaEtag } from './effective-quota';
import { GetQuotaViewUseCase } from './get-quota-view.use-case';
import { CURRENT_PLAN_CATALOG, findPlan, isQuotaProduct, planIds } from './plans/plan-catalog';
import { QuotaRecordRepository } from './quota-record.repository';
import { NewQuotaRecord, QuotaRecords } from './quota-records.types';
import { QuotaView } from './quota-view.types';

/** Largest included amount an override may set, far above any plan, so typos are caught. */
export const MAX_INCLUDED_TRANSACTIONS = 1_000_000_000_000;

export interface QuotaChange {
  /** The `sub` of the account manager's token. */
  actor: string;
  reason: string;
  /** The If-Match header as sent; undefined when absent. */
  ifMatch: string | undefined;
  planId?: string;
  /** Included transactions per product; null removes the product's override. */
  limits?: Record<string, number | null>;
  billingTimeZone?: string;
  billingAnchorDay?: number;
}

/**
 * Changes a tenant's plan, billing cycle or per-product limits by appending records, all in one
 * write. The change applies only to the state the caller saw: If-Match must carry the entity tag
 * of the current plan and limits.
 */
@Injectable()
export class ChangeQuotaUseCase {
  constructor(
    private readonly records: QuotaRecordRepository,
    private readonly views: GetQuotaViewUseCase,
    private readonly clock: Clock,
  ) {}

  async execute(scope: TenantScope, change: QuotaChange): Promise<QuotaView> {
    assertActor(change.actor);
    if (change.ifMatch === undefined) {
      throw new DomainError(
        'precondition_required',
        'A quota change requires If-Match with the ETag of the quota view it is based on; GET the view first',
        [
          {
            parameter: 'If-Match',
            detail: 'is required; send the ETag of GET /v1/admin/tenants/{tenantId}/quota',
          },
        ],
      );
    }
    if (change.ifMatch.trim() === '*') {
      // HTTP allows `*`, but it would let a manager overwrite a change they never saw.
      throw new DomainError(
        'precondition_required',
        'If-Match: * is not accepted for quota changes; send the ETag of the quota view the change is based on',
        [
          {
            parameter: 'If-Match',
            detail: 'must be the ETag of GET /v1/admin/tenants/{tenantId}/quota, not *',
          },
        ],
      );
    }
    validateChange(change);

    const nowMs = this.clock.nowMs();
    const catalog = CURRENT_PLAN_CATALOG;
    const current = effectiveQuotaAt(await this.records.findRecords(scope), nowMs, catalog);
    const billing: BillingSettings = {
      timeZone:
        change.billingTimeZone === undefined
          ? current.billing.timeZone
          : (canonicalTimeZone(change.billingTimeZone) as string),
      anchorDay: change.billingAnchorDay ?? current.billing.anchorDay,
    };
    const audit = {
      tenantId: scope.tenantId,
      actor: change.actor,
      reason: change.reason,
      effectiveAtMs: nowMs,
      createdAtMs: nowMs,
    };

    const appended: NewQuotaRecord[] = [];
    if (
      change.planId !== undefined ||
      change.billingTimeZone !== undefined ||
      change.billingAnchorDay !== undefined
    ) {
      appended.push({
        kind: 'plan-assignment',
        recordId: randomUUID(),
        ...audit,
        planId: change.planId ?? current.plan.id,
        billingTimeZone: billing.timeZone,
        billingAnchorDay: billing.anchorDay,
      });
    }
    for (const [product, includedTransactions] of Object.entries(change.limits ?? {}).sort(
      ([left], [right]) => left.localeCompare(right),
    )) {
      if (isQuotaProduct(product)) {
        appended.push({
          kind: 'limit-override',
          recordId: randomUUID(),
          ...audit,
          product,
          includedTransactions,
        });
      }
    }

    const expected = change.ifMatch;
    await this.records.appendChange(scope, appended, (records: QuotaRecords) => {
      const etag = quotaEtag(scope.tenantId, effectiveQuotaAt(records, nowMs, catalog));
      if (!ifMatchAccepts(expected, etag)) {
        throw new DomainError(
          'precondition_failed',
          'The quota changed since the ETag in If-Match was issued; GET the view again and reapply the change',
          [
            {
              parameter: 'If-Match',
              detail: 'does not match the current ETag; GET the quota view again',
            },
          ],
        );
      }
    });

    return this.views.execute(scope);
  }
}

/** If-Match per RFC 9110: `*` or a list of entity tags compared strongly, so weak tags never match. */
export function ifMatchAccepts(header: string, etag: string): boolean {
  const trimmed = header.trim();
  if (trimmed === '*') {
    return true;
  }
  return trimmed.split(',').some((candidate) => candidate.trim() === etag);
}

export function assertActor(actor: string): void {
  if (actor.length === 0) {
    throw new DomainError(
      'forbidden',
      'The token has no "sub" claim; quota changes are recorded under the subject that made them',
    );
  }
}

function validateChange(change: QuotaChange): void {
  const catalog = CURRENT_PLAN_CATALOG;
  if (
    change.planId === undefined &&
    change.limits === undefined &&
    change.billingTimeZone === undefined &&
    change.billingAnchorDay === undefined
  ) {
    throw new InvalidParameterError(
      'plan',
      'the body changes nothing; give at least one of "plan", "limits", "billingTimeZone" or "billingAnchorDay"',
    );
  }
  if (change.planId !== undefined && findPlan(catalog, change.planId) === undefined) {
    throw new InvalidParameterError('plan', `must be one of: ${planIds(catalog).join(', ')}`);
  }
  if (
    change.billingTimeZone !== undefined &&
    canonicalTimeZone(change.billingTimeZone) === undefined
  ) {
    throw new InvalidParameterError(
      'billingTimeZone',
      'must be an IANA time zone name such as UTC, Europe/Amsterdam or America/New_York',
    );
  }
  if (
    change.billingAnchorDay !== undefined &&
    !(
      Number.isInteger(change.billingAnchorDay) &&
      change.billingAnchorDay >= 1 &&
      change.billingAnchorDay <= MAX_ANCHOR_DAY
    )
  ) {
    throw new InvalidParameterError(
      'billingAnchorDay',
      `must be a whole number from 1 to ${MAX_ANCHOR_DAY}; 1 bills per calendar month`,
    );
  }

  for (const [product, included] of Object.entries(change.limits ?? {})) {
    if (!isQuotaProduct(product)) {
      throw new InvalidParameterError(
        `limits.${product}`,
        `is not a product; the products are: ${Object.keys(catalog.plans[0].products).join(', ')}`,
      );
    }
    if (
      included !== null &&
      !(Number.isSafeInteger(included) && included >= 0 && included <= MAX_INCLUDED_TRANSACTIONS)
    ) {
      throw new InvalidParameterError(
        `limits.${product}`,
        `must be a whole number from 0 to ${MAX_INCLUDED_TRANSACTIONS}, or null to return to the plan's amount`,
      );
    }
  }
}
