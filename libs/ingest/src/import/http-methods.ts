/**
 * Request methods registered with IANA that gateways pass on (RFC 9110, RFC 5789 for PATCH and
 * the WebDAV methods). Methods are case-sensitive, so `get` or `PATCHp` is invalid.
 */
const HTTP_METHODS: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
  'PROPFIND',
  'PROPPATCH',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'SEARCH',
  'REPORT',
]);

export function isHttpMethod(method: string): boolean {
  return HTTP_METHODS.has(method);
}
