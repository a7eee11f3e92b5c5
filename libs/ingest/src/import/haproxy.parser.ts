import { DateTime } from 'luxon';
import { LineParser, quoteValue, rejectLine, requireTenantId } from './line-parser';
import { parseRequestLine } from './request-line';

/** The BSD syslog header that rsyslog and similar put before the message: `Feb 25 16:19:49 host haproxy[7]: `. */
const SYSLOG_PREFIX = /^[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \S+ [^\s:]+: /;

/**
 * The HAProxy HTTP log format (`option httplog`):
 * `client_ip:port [accept_date] frontend[~] backend/server Tq/Tw/Tc/Tr/Tt status bytes_read
 * captured_request_cookie captured_response_cookie termination_state
 * actconn/feconn/beconn/srv_conn/retries srv_queue/backend_queue {captured headers} "request"`.
 * Timers are milliseconds, and -1 when the step never completed. `option logasap` puts `+` before
 * Tt and bytes_read. The captured header blocks are optional and not used.
 */
const HTTP_RECORD = new RegExp(
  [
    /^\S+:\d+ \[(\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2}\.\d{3})\] \S+ ([^\s/]+)\/\S+ /
      .source,
    /-?\d+\/-?\d+\/-?\d+\/-?\d+\/\+?(-?\d+) (-?\d+) \+?(\d+) \S+ \S+ \S+ /.source,
    /\d+\/\d+\/\d+\/\d+\/\+?\d+ \d+\/\d+ /.source,
    /(?:\{[^}]*\} )*"([^"]*)"$/.source,
  ].join(''),
);

const ACCEPT_DATE_FORMAT = 'dd/MMM/yyyy:HH:mm:ss.SSS';

/**
 * Parses one HAProxy HTTP log line, with or without a syslog header. `accept_date` has no zone,
 * so it is read in `options.timeZone`. The duration is Tt, the total time in milliseconds. The
 * log has no tenant or API key, so the tenant comes from the options and `apiKeyId` is "unknown".
 * Lines that are not request records ("Proxy … started.", "SSL handshake failure") are rejected.
 */
export const parseHaproxyLine: LineParser = (line, _lineNumber, options) => {
  const tenantId = requireTenantId(options, 'haproxy');

  const message = line.replace(SYSLOG_PREFIX, '');
  const match = HTTP_RECORD.exec(message);
  if (!match) {
    return rejectLine('not an HTTP request record');
  }
  const [, acceptDate, backend, totalTime, status, bytesRead, request] = match;

  // NOTE: in the hour that repeats when DST ends, luxon picks one of the two instants, because
  // the log cannot tell which one HAProxy meant.
  const timestamp = DateTime.fromFormat(acceptDate, ACCEPT_DATE_FORMAT, {
    locale: 'en-US',
    zone: options.timeZone,
  });
  if (!timestamp.isValid) {
    return rejectLine(
      `invalid accept date ${quoteValue(acceptDate)}: ${timestamp.invalidExplanation ?? 'unreadable'}`,
    );
  }

  if (totalTime === '-1') {
    return rejectLine('request aborted (Tt is -1), so it has no duration');
  }
  if (totalTime.startsWith('-')) {
    return rejectLine(`invalid total time Tt ${totalTime}`);
  }

  const statusCode = Number(status);
  if (statusCode < 100 || statusCode > 599) {
    return rejectLine(`invalid status code ${status}: expected 100-599`);
  }

  const requestLine = parseRequestLine(request);
  if ('reason' in requestLine) {
    return rejectLine(requestLine.reason);
  }

  return {
    event: {
      timestampMs: timestamp.toMillis(),
      ingestedAtMs: options.ingestedAtMs,
      tenantId,
      apiKeyId: 'unknown',
      product: options.product ?? backend,
      endpoint: requestLine.endpoint,
      method: requestLine.method,
      statusCode,
      durationMs: Number(totalTime),
      requestBytes: 0,
      responseBytes: Number(bytesRead),
      transactions: 1,
      region: 'unknown',
      params: requestLine.params,
    },
  };
};
