import { CUSTOMER_PROFILES, DemoTenant } from './demo-tenants';

export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Share of the period over which a newly signed tenant ramps up to its full volume. */
const ONBOARDING_RAMP = 0.08;

/** Local hour 0-23 and whether it is Saturday or Sunday, at `instantMs` in the tenant's zone. */
export function localCalendar(
  instantMs: number,
  utcOffsetHours: number,
): { hour: number; weekend: boolean } {
  const localMs = instantMs + utcOffsetHours * HOUR_MS;
  const hour = Math.floor(localMs / HOUR_MS) - Math.floor(localMs / DAY_MS) * 24;
  // 1970-01-01 was a Thursday, so day 0 has weekday 4 when Sunday is 0.
  const weekday = (((Math.floor(localMs / DAY_MS) + 4) % 7) + 7) % 7;
  return { hour, weekend: weekday === 0 || weekday === 6 };
}

/**
 * Relative call volume of a tenant in the hour starting at `hourStartMs`, before the tenant's
 * size is applied: daily rhythm in local time, weekend dip, growth over the period and the ramp
 * of a recently signed customer. `progress` is the position of the hour in the period, 0 to 1.
 */
export function hourlyDemand(tenant: DemoTenant, hourStartMs: number, progress: number): number {
  const profile = CUSTOMER_PROFILES[tenant.kind];
  const startsAfter = tenant.startsAfter ?? 0;
  if (progress < startsAfter) {
    return 0;
  }

  // The middle of the hour decides its local hour, which matters for half-hour zones.
  const { hour, weekend } = localCalendar(hourStartMs + HOUR_MS / 2, tenant.utcOffsetHours);
  const rhythm = profile.hourlyShape[hour] * (weekend ? profile.weekendFactor : 1);
  const trend = 1 + tenant.growth * progress;
  const ramp = Math.min(1, (progress - startsAfter) / ONBOARDING_RAMP + 0.05);
  return rhythm * trend * ramp;
}
