import { DEMO_TENANTS } from './demo-tenants';
import { hourlyDemand, localCalendar } from './traffic-cycle';

describe('localCalendar', () => {
  it('shifts the hour by the zone offset', () => {
    // Friday 2025-06-06 23:30 UTC.
    const instant = Date.UTC(2025, 5, 6, 23, 30);

    expect(localCalendar(instant, 0)).toEqual({ hour: 23, weekend: false });
    expect(localCalendar(instant, 1)).toEqual({ hour: 0, weekend: true });
    expect(localCalendar(instant, -5)).toEqual({ hour: 18, weekend: false });
    expect(localCalendar(instant, 5.5)).toEqual({ hour: 5, weekend: true });
  });

  it('ends the weekend on Monday', () => {
    // Monday 2025-06-09 00:30 UTC.
    const instant = Date.UTC(2025, 5, 9, 0, 30);

    expect(localCalendar(instant, 0)).toEqual({ hour: 0, weekend: false });
    expect(localCalendar(instant, -1)).toEqual({ hour: 23, weekend: true });
  });
});

describe('hourlyDemand', () => {
  const acme = DEMO_TENANTS[0];
  // Wednesday 2025-06-04 and Saturday 2025-06-07, 10:00 in Amsterdam standard time (UTC+1).
  const wednesdayMorning = Date.UTC(2025, 5, 4, 9);
  const saturdayMorning = Date.UTC(2025, 5, 7, 9);
  const wednesdayNight = Date.UTC(2025, 5, 4, 2);

  it('peaks in local office hours', () => {
    expect(
      hourlyDemand(acme, wednesdayMorning, 0.5) / hourlyDemand(acme, wednesdayNight, 0.5),
    ).toBeGreaterThan(10);
  });

  it('drops on weekends', () => {
    expect(
      hourlyDemand(acme, saturdayMorning, 0.5) / hourlyDemand(acme, wednesdayMorning, 0.5),
    ).toBeCloseTo(0.38, 5);
  });

  it('is zero before a new tenant starts', () => {
    const newcomer = DEMO_TENANTS.find((tenant) => tenant.startsAfter !== undefined);

    expect(newcomer).toBeDefined();
    expect(hourlyDemand(newcomer!, wednesdayMorning, newcomer!.startsAfter! - 0.01)).toBe(0);
    expect(hourlyDemand(newcomer!, wednesdayMorning, newcomer!.startsAfter! + 0.2)).toBeGreaterThan(
      0,
    );
  });
});
