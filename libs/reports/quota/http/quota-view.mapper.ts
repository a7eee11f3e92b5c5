import { formatInstant } from '@analytics/common';
import { FORECAST_WINDOW_DAYS } from '../usage-forecast';
import { QuotaView } from '../quota-view.types';
import { QuotaViewDto } from './quota-view.dto';

/** Maps a quota view to its response body; period bounds carry the billing time zone's offset. */
export function toQuotaViewDto(view: QuotaView): QuotaViewDto {
  const zone = view.billing.timeZone;

  return {
    tenantId: view.tenantId,
    catalogVersion: view.catalogVersion,
    plan: view.plan,
    billing: {
      ...view.billing,
      cycle: view.billing.anchorDay === 1 ? 'calendar-month' : 'anniversary',
    },
    period: {
      start: formatInstant(view.period.startMs, zone),
      end: formatInstant(view.period.endMs, zone),
    },
    status: view.status,
    percentage: view.percentage,
    products: view.products.map((product) => ({ ...product })),
    credits: {
      ...view.credits,
      expiringInPeriod: view.credits.expiringInPeriod.map(({ expiresAtMs, ...grant }) => ({
        ...grant,
        expiresAt: new Date(expiresAtMs).toISOString(),
      })),
    },
    forecast: {
      method: `least-squares line over the last ${FORECAST_WINDOW_DAYS} full local days`,
      windowStart: formatInstant(view.forecastWindow.startMs, zone),
      windowEnd: formatInstant(view.forecastWindow.endMs, zone),
    },
    generatedAt: new Date(view.generatedAtMs).toISOString(),
  };
}
