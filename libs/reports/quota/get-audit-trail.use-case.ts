import { Injectable } from '@nestjs/common';
import { CursorCodec, TenantScope } from '@analytics/common';
import { QuotaRecordRepository } from './quota-record.repository';
import { QuotaRecord } from './quota-records.types';

export interface AuditTrailPage {
  records: QuotaRecord[];
  limit: number;
  nextCursor: string | null;
}

interface AuditPosition {
  before: number;
}

function isAuditPosition(value: unknown): value is AuditPosition {
  const before = (value as AuditPosition | null)?.before;
  return typeof before === 'number' && Number.isSafeInteger(before) && before > 0;
}

/** A tenant's quota records of every kind, newest first: the audit trail of its quota. */
@Injectable()
export class GetAuditTrailUseCase {
  constructor(
    private readonly records: QuotaRecordRepository,
    private readonly cursorCodec: CursorCodec,
  ) {}

  async execute(
    scope: TenantScope,
    request: { limit: number; cursor?: string },
  ): Promise<AuditTrailPage> {
    const binding = CursorCodec.bindingOf([scope.tenantId, 'quota-audit-trail', request.limit]);
    const position =
      request.cursor === undefined
        ? undefined
        : this.cursorCodec.decode(binding, request.cursor, isAuditPosition);

    // One record more than the page shows reveals whether another page follows.
    const found = await this.records.auditTrail(scope, {
      beforeSequence: position?.before,
      limit: request.limit + 1,
    });
    const records = found.slice(0, request.limit);
    const nextCursor =
      found.length > request.limit
        ? this.cursorCodec.encode<AuditPosition>(binding, {
            before: records[records.length - 1].sequence,
          })
        : null;

    return { records, limit: request.limit, nextCursor };
  }
}
