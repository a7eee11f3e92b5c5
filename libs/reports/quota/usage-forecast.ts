/** Number of full local days before the current day whose use sets the forecast's daily rate. */
export const FORECAST_WINDOW_DAYS = 7;

/**
 * Daily rate of one product as a straight line fitted by least squares to the use of the last
 * full days: a steady use gives a flat line, a growing use a rising one. Day 0 is the first day
 * of the window, so the current day is `FORECAST_WINDOW_DAYS`.
 */
export class DailyTrend {
  private constructor(
    private readonly intercept: number,
    private readonly slope: number,
  ) {}

  static fit(dailyUse: readonly number[]): DailyTrend {
    const count = dailyUse.length;
    if (count === 0) {
      return new DailyTrend(0, 0);
    }

    const meanDay = (count - 1) / 2;
    const meanUse = dailyUse.reduce((sum, use) => sum + use, 0) / count;
    let covariance = 0;
    let variance = 0;
    dailyUse.forEach((use, day) => {
      covariance += (day - meanDay) * (use - meanUse);
      variance += (day - meanDay) ** 2;
    });

    const slope = variance === 0 ? 0 : covariance / variance;
    return new DailyTrend(meanUse - slope * meanDay, slope);
  }

  /** Expected use on a day, never negative: a falling line flattens at zero. */
  useOnDay(day: number): number {
    return Math.max(0, this.intercept + this.slope * day);
  }
}
