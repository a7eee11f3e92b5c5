/**
 * The tenant a request acts for, taken from the verified token only. Every repository call takes
 * one as its first argument, so no store query can be built without a tenant predicate.
 */
export class TenantScope {
  private constructor(readonly tenantId: string) {}

  static of(tenantId: string): TenantScope {
    if (!TenantScope.isValidId(tenantId)) {
      throw new Error(`Invalid tenant id: ${JSON.stringify(tenantId).slice(0, 80)}`);
    }
    return new TenantScope(tenantId);
  }

  /** Tenant ids are short printable tokens, so they can go into logs and cache keys as they are. */
  static isValidId(tenantId: unknown): tenantId is string {
    return typeof tenantId === 'string' && /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(tenantId);
  }

  toJSON(): string {
    return this.tenantId;
  }
}
