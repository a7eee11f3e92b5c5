import { DateTime } from 'luxon';
import { LineParser, quoteValue, rejectLine, requireTenantId } from './line-parser';
import { parseRequestLine } from './request-line';

/**
 * The ingress-nginx default `log-format-upstream`, up to `[$proxy_alternative_upstream_name]`:
 * `$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer"
 * "$http_user_agent" $request_length $request_time [$proxy_upstream_name]
 * [$proxy_alternative_upstream_name]`. The upstream fields after it can be comma lists or `-`
 * and are not used. nginx writes `"` inside variables as `\x22`, so quoted fields have no `"`.
 */
const RECORD =
  /^\S+ - \S+ \[([^\]]+)\] "([^"]*)" (\d+) (\d+) "[^"]*" "[^"]*" (\d+) (\S+) \[([^\]]*)\] \[[^\]]*\](?: |$)/;

const TIME_LOCAL_FORMAT = 'dd/MMM/yyyy:HH:mm:ss ZZZ';

/**
 * Parses one ingress-nginx access log line. `$request_time` is in seconds with millisecond
 * resolution, so it is converted to milliseconds. The log has no tenant or API key, so the
 * tenant comes from the options and `apiKeyId` is "unknown".
 */
export const parseNginxIngressLine: LineParser = (line, _lineNumber, options) => {
  const tenantId = requireTenantId(options, 'nginx-ingress');

  const match = RECORD.exec(line);
  if (!match) {
    return rejectLine('not an ingress-nginx access log record');
  }
  const [, timeLocal, request, status, bodyBytesSent, requestLength, requestTime, upstreamName] =
    match;

  const timestamp = DateTime.fromFormat(timeLocal, TIME_LOCAL_FORMAT, {
    locale: 'en-US',
    setZone: true,
  });
  if (!timestamp.isValid) {
    return rejectLine(
      `invalid time ${quoteValue(timeLocal)}: expected e.g. 07/Feb/2020:11:48:51 +0000`,
    );
  }

  const requestLine = parseRequestLine(request);
  if ('reason' in requestLine) {
    return rejectLine(requestLine.reason);
  }

  const statusCode = Number(status);
  if (statusCode < 100 || statusCode > 599) {
    return rejectLine(`invalid status code ${status}: expected 100-599`);
  }

  if (!/^\d+(\.\d+)?$/.test(requestTime)) {
    return rejectLine(
      `invalid request time ${quoteValue(requestTime)}: expected seconds such as 0.001`,
    );
  }

  return {
    event: {
      timestampMs: timestamp.toMillis(),
      ingestedAtMs: options.ingestedAtMs,
      tenantId,
      apiKeyId: 'unknown',
      product: options.product ?? (upstreamName || 'unknown'),
      endpoint: requestLine.endpoint,
      method: requestLine.method,
      statusCode,
      durationMs: secondsToMilliseconds(requestTime),
      requestBytes: Number(requestLength),
      responseBytes: Number(bodyBytesSent),
      transactions: 1,
      region: 'unknown',
      params: requestLine.params,
    },
  };
};

/** Converts decimal seconds to milliseconds, rounded to the microsecond to drop float noise (0.033 s → 33 ms). */
function secondsToMilliseconds(seconds: string): number {
  return Math.round(Number(seconds) * 1_000_000) / 1000;
}
