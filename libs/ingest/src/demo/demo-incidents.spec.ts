import { DEMO_ENDPOINTS } from './demo-endpoints';
import { incidentsByHour, planIncidents } from './demo-incidents';
import { SeededRandom } from './seeded-random';

describe('planIncidents', () => {
  it('plans one incident per fifteen days inside the period', () => {
    const hourCount = 90 * 24;
    const incidents = planIncidents(new SeededRandom(42), DEMO_ENDPOINTS, hourCount);

    expect(incidents).toHaveLength(6);
    for (const incident of incidents) {
      expect(incident.firstHour).toBeGreaterThanOrEqual(0);
      expect(incident.firstHour + incident.hours).toBeLessThanOrEqual(hourCount);
      expect(incident.hours).toBeGreaterThanOrEqual(1);
      expect(incident.hours).toBeLessThanOrEqual(6);
      expect(incident.serverErrorRate).toBeGreaterThanOrEqual(0.2);
      expect(incident.serverErrorRate).toBeLessThanOrEqual(0.5);
      expect(DEMO_ENDPOINTS[incident.endpointIndex]).toBeDefined();
    }
  });

  it('plans one incident in a one-day period', () => {
    const incidents = planIncidents(new SeededRandom(1), DEMO_ENDPOINTS, 24);

    expect(incidents).toHaveLength(1);
    expect(incidents[0].firstHour + incidents[0].hours).toBeLessThanOrEqual(24);
  });
});

describe('incidentsByHour', () => {
  it('lists each incident in its hours only', () => {
    const incident = {
      endpointIndex: 3,
      firstHour: 2,
      hours: 2,
      serverErrorRate: 0.3,
      latencyFactor: 2,
    };
    const byHour = incidentsByHour([incident], 5);

    expect(byHour).toEqual([undefined, undefined, [incident], [incident], undefined]);
  });
});
