import { Injectable } from '@nestjs/common';
import { Clock, DomainError, InvalidParameterError, TenantScope } from '@analytics/common';
import { createHash, randomUUID } from 'node:crypto';
import { assertActor } from './change-quota.use-case';
import { QuotaRecordRepository } from './quota-record.repository';
import { CreditGrantRecord } from './quota-records.types';

/** Largest grant in one request, and the latest expiry, so a typo cannot grant a fortune forever. */
export const MAX_GRANT_CREDITS = 1_000_000_000;
export const MAX_GRANT_VALIDITY_DAYS = 1096;

/** Idempotency keys: 8 to 128 characters of letters, digits and `.`, `_`, `:`, `-` (a UUID fits). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export interface CreditGrantRequest {
  actor: string;
  reason: string;
  credits: number;
  expiresAtMs: number;
  /** The Idempotency-Key header as sent; undefined when absent. */
  idempotencyKey: string | undefined;
}

export interface CreditGrantResult {
  grant: CreditGrantRecord;
  /** True when the key was used before with the same request, so nothing new was granted. */
  replayed: boolean;
}

/**
 * Grants credits that expire. A retry with the same Idempotency-Key and the same request returns
 * the first grant; the same key with another request is rejected.
 */
@Injectable()
export class GrantCreditsUseCase {
  constructor(
    private readonly records: QuotaRecordRepository,
    private readonly clock: Clock,
  ) {}

  async execute(scope: TenantScope, request: CreditGrantRequest): Promise<CreditGrantResult> {
    assertActor(request.actor);
    const key = request.idempotencyKey;
    if (key === undefined || !IDEMPOTENCY_KEY.test(key)) {
      throw new InvalidParameterError(
        'Idempotency-Key',
        `${key === undefined ? 'is required' : 'is malformed'}; send 8 to 128 characters of letters, digits and . _ : - such as a UUID, new for each grant`,
      );
    }

    if (!(
      Number.isSafeInteger(request.credits) &&
      request.credits >= 1 &&
      request.credits <= MAX_GRANT_CREDITS
    )) {
      throw new InvalidParameterError(
        'credits',
        `must be a whole number from 1 to ${MAX_GRANT_CREDITS}`,
      );
    }

    const nowMs = this.clock.nowMs();
    if (request.expiresAtMs <= nowMs) {
      throw new InvalidParameterError('expiresAt', 'must be in the future');
    }
    if (request.expiresAtMs > nowMs + MAX_GRANT_VALIDITY_DAYS * 86_400_000) {
      throw new InvalidParameterError(
        'expiresAt',
        `must be at most ${MAX_GRANT_VALIDITY_DAYS} days ahead`,
      );
    }

    const grant: Omit<CreditGrantRecord, 'sequence'> = {
      kind: 'credit-grant',
      recordId: randomUUID(),
      tenantId: scope.tenantId,
      actor: request.actor,
      reason: request.reason,
      effectiveAtMs: nowMs,
      createdAtMs: nowMs,
      credits: request.credits,
      expiresAtMs: request.expiresAtMs,
    };
    const requestHash = createHash('sha256')
      .update(JSON.stringify([request.credits, request.expiresAtMs, request.reason]))
      .digest('hex');

    const outcome = await this.records.appendGrant(scope, grant, { key, requestHash });
    if (outcome.kind === 'key-reused') {
      throw new DomainError(
        'unprocessable_content',
        'The Idempotency-Key was used before with another request body; use a new key for a new grant',
        [{ parameter: 'Idempotency-Key', detail: 'was already used with a different body' }],
      );
    }
    return { grant: outcome.grant, replayed: outcome.kind === 'replayed' };
  }
}
