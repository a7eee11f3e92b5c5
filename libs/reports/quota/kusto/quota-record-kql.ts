import { TenantScope } from '@analytics/common';
import {
  CREDIT_GRANTS_TABLE,
  IDEMPOTENCY_KEYS_TABLE,
  KqlParameters,
  LIMIT_OVERRIDES_TABLE,
  PLAN_ASSIGNMENTS_TABLE,
  RecordTable,
} from '@analytics/store';

export interface KqlStatement {
  text: string;
  params: KqlParameters;
}

const EPOCH_MS = (column: string) => `tolong((${column} - datetime(1970-01-01)) / 1ms)`;

/** Columns of every record table, renamed to the names the record mappers read. */
const AUDIT_PROJECTION = [
  'record_id = RecordId',
  'sequence = tostring(Sequence)',
  'tenant_id = TenantId',
  'actor = Actor',
  'reason = Reason',
  `effective_at_ms = ${EPOCH_MS('EffectiveAt')}`,
  `created_at_ms = ${EPOCH_MS('CreatedAt')}`,
].join(', ');

export const RECORD_PROJECTIONS = {
  'plan-assignment': `${AUDIT_PROJECTION}, plan_id = PlanId, billing_time_zone = BillingTimeZone, billing_anchor_day = BillingAnchorDay`,
  'limit-override': `${AUDIT_PROJECTION}, product = Product, included_transactions = IncludedTransactions`,
  'credit-grant': `${AUDIT_PROJECTION}, credits = tostring(Credits), expires_at_ms = ${EPOCH_MS('ExpiresAt')}`,
} as const;

export type RecordKind = keyof typeof RECORD_PROJECTIONS;

export const RECORD_TABLES: Record<RecordKind, RecordTable> = {
  'plan-assignment': PLAN_ASSIGNMENTS_TABLE,
  'limit-override': LIMIT_OVERRIDES_TABLE,
  'credit-grant': CREDIT_GRANTS_TABLE,
};

const KEYS = IDEMPOTENCY_KEYS_TABLE.kustoName;

/**
 * Builds the `let` statements that pick the winner of each idempotency key of one tenant: the
 * row written first, ties broken by record id. Every reader computes the same winner from the same rows, so two grants
 * appended under one key by racing instances resolve to one.
 */
function keyWinnersKql(tenant: string): string {
  return [
    `let Keys = ${KEYS}`,
    `    | where TenantId == ${tenant}`,
    "    | extend WinnerOrder = strcat(format_datetime(CreatedAt, 'yyyy-MM-dd HH:mm:ss.fffffff'), '/', RecordId);",
    'let Winners = Keys | summarize arg_min(WinnerOrder, RecordId, RequestHash) by IdempotencyKey;',
    'let LosingRecords = Keys | where RecordId !in ((Winners | project RecordId)) | project RecordId;',
  ].join('\n');
}

/**
 * Rows of one record table of the tenant, one per record id: an append that landed twice (a
 * retried command, or a grant rewritten by the recovery of a key) counts once. Credit grants
 * whose idempotency key lost a race are left out.
 */
function recordRowsKql(kind: RecordKind, tenant: string): string {
  const lines = [`${RECORD_TABLES[kind].kustoName}`, `| where TenantId == ${tenant}`];
  if (kind === 'credit-grant') {
    lines.push('| where RecordId !in (LosingRecords)');
  }
  lines.push(
    '| summarize arg_min(Sequence, *) by RecordId',
    `| project ['kind'] = '${kind}', ${RECORD_PROJECTIONS[kind]}`,
  );
  return lines.join('\n');
}

/** Builds the query of every record of one kind of the tenant, in write order. */
export function recordsKql(scope: TenantScope, kind: RecordKind, maxRows: number): KqlStatement {
  const params = new KqlParameters();
  const tenant = params.addString('tenant', scope.tenantId);
  const text = [
    keyWinnersKql(tenant),
    recordRowsKql(kind, tenant),
    '| sort by tolong(sequence) asc',
    `| take ${params.addLong('maxRows', maxRows)}`,
  ].join('\n');
  return { text, params };
}

/** Builds the query of one credit grant by record id, which returns no row when its idempotency key lost a race. */
export function grantKql(scope: TenantScope, recordId: string): KqlStatement {
  const params = new KqlParameters();
  const tenant = params.addString('tenant', scope.tenantId);
  const record = params.addString('record', recordId);
  const text = [
    keyWinnersKql(tenant),
    recordRowsKql('credit-grant', tenant),
    `| where record_id == ${record}`,
  ].join('\n');
  return { text, params };
}

/** Builds the query of the winning row of one idempotency key of the tenant. */
export function keyWinnerKql(scope: TenantScope, key: string): KqlStatement {
  const params = new KqlParameters();
  const tenant = params.addString('tenant', scope.tenantId);
  const keyName = params.addString('key', key);
  const text = [
    keyWinnersKql(tenant),
    `Winners | where IdempotencyKey == ${keyName} | project record_id = RecordId, request_hash = RequestHash`,
  ].join('\n');
  return { text, params };
}

/** Records of all kinds written before a sequence number, newest first. */
export function auditTrailKql(
  scope: TenantScope,
  page: { beforeSequence?: number; limit: number },
): KqlStatement {
  const params = new KqlParameters();
  const tenant = params.addString('tenant', scope.tenantId);
  const before = params.addLong('before', page.beforeSequence ?? Number.MAX_SAFE_INTEGER);
  const limit = params.addLong('limit', Math.trunc(page.limit));
  const kinds = Object.keys(RECORD_PROJECTIONS) as RecordKind[];

  const text = [
    keyWinnersKql(tenant),
    `union ${kinds.map((kind) => `(${recordRowsKql(kind, tenant).split('\n').join(' ')})`).join(',\n    ')}`,
    `| where tolong(sequence) < ${before}`,
    '| sort by tolong(sequence) desc',
    `| take ${limit}`,
  ].join('\n');
  return { text, params };
}

/** Ids of the tenants with any quota record. An account manager's list, so no tenant predicate applies. */
export function tenantsWithRecordsKql(maxRows: number): KqlStatement {
  const params = new KqlParameters();
  const tables = Object.values(RECORD_TABLES).map((table) => table.kustoName);
  const text = [
    `union ${tables.join(', ')}`,
    '| distinct TenantId',
    '| sort by TenantId asc',
    `| take ${params.addLong('maxRows', maxRows)}`,
  ].join('\n');
  return { text, params };
}
