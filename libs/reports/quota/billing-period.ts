import { DateTime } from 'luxon';

/**
 * Billing cycle of a tenant: periods start at local midnight of `anchorDay` in `timeZone`.
 * Anchor day 1 is the calendar month, and a later day is an anniversary cycle. In a month
 * shorter than the anchor day, the period starts on the month's last day.
 */
export interface BillingSettings {
  timeZone: string;
  anchorDay: number;
}

export const DEFAULT_BILLING: BillingSettings = { timeZone: 'UTC', anchorDay: 1 };
export const MAX_ANCHOR_DAY = 31;

/** One billing period, half-open [startMs, endMs): a read at exactly `endMs` is in the next one. */
export interface BillingPeriod {
  startMs: number;
  endMs: number;
}

/** Returns the billing period that contains the instant. */
export function periodContaining(instantMs: number, billing: BillingSettings): BillingPeriod {
  const local = DateTime.fromMillis(instantMs, { zone: billing.timeZone });
  let start = anchorOf(local.year, local.month, billing);
  if (start.toMillis() > instantMs) {
    const previous = local.startOf('month').minus({ months: 1 });
    start = anchorOf(previous.year, previous.month, billing);
  }

  return { startMs: start.toMillis(), endMs: nextStart(start, billing).toMillis() };
}

/** Returns the period that ends where `period` starts. */
export function previousPeriod(period: BillingPeriod, billing: BillingSettings): BillingPeriod {
  return periodContaining(period.startMs - 1, billing);
}

/** Formats the local calendar date of an instant as YYYY-MM-DD. */
export function localDate(instantMs: number, timeZone: string): string {
  return DateTime.fromMillis(instantMs, { zone: timeZone }).toISODate() as string;
}

/** Local midnight that starts the day containing the instant. */
export function localDayStart(instantMs: number, timeZone: string): number {
  return DateTime.fromMillis(instantMs, { zone: timeZone }).startOf('day').toMillis();
}

/** Local midnights from the day containing `fromMs` up to `toMs` (exclusive), plus the midnight ending the last day. */
export function localDayBoundaries(fromMs: number, toMs: number, timeZone: string): number[] {
  const boundaries: number[] = [];
  let day = DateTime.fromMillis(fromMs, { zone: timeZone }).startOf('day');
  boundaries.push(day.toMillis());
  while (day.toMillis() < toMs) {
    // Calendar arithmetic keeps local midnight across DST changes, so a day may last 23 or 25 hours.
    day = day.plus({ days: 1 }).startOf('day');
    boundaries.push(day.toMillis());
  }
  return boundaries;
}

function anchorOf(year: number, month: number, billing: BillingSettings): DateTime {
  const firstOfMonth = DateTime.fromObject({ year, month, day: 1 }, { zone: billing.timeZone });
  const day = Math.min(billing.anchorDay, firstOfMonth.daysInMonth as number);
  return firstOfMonth.set({ day }).startOf('day');
}

function nextStart(start: DateTime, billing: BillingSettings): DateTime {
  const nextMonth = start.startOf('month').plus({ months: 1 });
  return anchorOf(nextMonth.year, nextMonth.month, billing);
}
