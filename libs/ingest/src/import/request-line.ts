import { isHttpMethod } from './http-methods';
import { quoteValue } from './line-parser';
import { parseQueryString, splitRequestTarget } from './query-string';

export interface RequestLine {
  method: string;
  /**
   * The raw path without the query string. Access logs carry the path the client sent
   * (`/products/42`), not a route template (`/products/{id}`), so reports group by raw path.
   */
  endpoint: string;
  params: Record<string, string>;
}

/** Parses the quoted request of an access log, `METHOD TARGET PROTOCOL`, or returns a rejection reason. */
export function parseRequestLine(text: string): RequestLine | { reason: string } {
  const parts = text.split(' ');
  if (parts.length !== 3 || !/^HTTP\/\d(\.\d)?$/.test(parts[2])) {
    return { reason: `malformed request line ${quoteValue(text)}` };
  }

  const [method, target] = parts;
  if (!isHttpMethod(method)) {
    return { reason: `invalid method ${quoteValue(method)}` };
  }
  if (target === '') {
    return { reason: 'missing request target' };
  }

  const { path, query } = splitRequestTarget(target);
  return { method, endpoint: path, params: parseQueryString(query) };
}
