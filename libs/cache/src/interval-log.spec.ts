import { IntervalLog } from './interval-log';
import { RecordingLogger, SettableClock } from './testing/example-report.port';

describe('IntervalLog', () => {
  it('writes one warning per interval and counts the rest', () => {
    const logger = new RecordingLogger();
    const clock = new SettableClock(0);
    const log = new IntervalLog(logger, clock, 10_000);

    for (let i = 0; i < 5; i += 1) log.warn('Redis failed');
    clock.advance(10_000);
    log.warn('Redis failed');

    expect(logger.warnings).toEqual([
      'Redis failed',
      'Redis failed (4 similar warnings in the last 10 s were not logged)',
    ]);
  });
});
