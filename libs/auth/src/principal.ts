/** Roles this API checks. `analytics:read` reads the caller's own reports; `quota:admin` manages other tenants' quotas. */
export const ROLES = ['analytics:read', 'quota:admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as established by a verified token. */
export interface Principal {
  tenantId: string;
  subject: string;
  roles: string[];
  /** Tenants an account manager manages; `['*']` means all. Empty for customers. */
  managedTenants: string[];
}
