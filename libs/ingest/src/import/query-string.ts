/** Maximum length of a kept parameter value, as the gateway truncates longer values. */
export const MAX_PARAM_VALUE_LENGTH = 256;

/** Maximum number of parameters kept per call. Later ones are dropped. */
export const MAX_PARAMS = 50;

/**
 * Parses a query string (without the `?`) into parameters. Empty pairs (`&&`) are skipped, a
 * token without `=` becomes a parameter with an empty value, a repeated name keeps its first
 * value, `+` is a space and percent escapes are decoded. Values are cut to
 * MAX_PARAM_VALUE_LENGTH characters and at most MAX_PARAMS parameters are kept.
 */
export function parseQueryString(query: string): Record<string, string> {
  const entries: [string, string][] = [];

  for (const pair of query.split('&')) {
    if (pair === '') {
      continue;
    }

    const separator = pair.indexOf('=');
    const name = decodeComponent(separator === -1 ? pair : pair.slice(0, separator));
    const value = separator === -1 ? '' : decodeComponent(pair.slice(separator + 1));
    entries.push([name, value]);
  }

  return limitParams(entries);
}

/**
 * Applies the limits of parseQueryString to parameters that arrive already split: empty names
 * are dropped, the first value of a name wins, and the first MAX_PARAMS names are kept.
 */
export function limitParams(entries: Iterable<[string, string]>): Record<string, string> {
  const params = new Map<string, string>();

  for (const [name, value] of entries) {
    if (name === '' || params.has(name)) {
      continue;
    }
    if (params.size >= MAX_PARAMS) {
      break;
    }
    params.set(name, value.slice(0, MAX_PARAM_VALUE_LENGTH));
  }

  // fromEntries defines own properties, so a parameter named `__proto__` stays a parameter.
  return Object.fromEntries(params);
}

/**
 * Splits a request target into path and query string. An absolute-form target
 * (`http://host/path`, sent to forward proxies) is reduced to its path.
 */
export function splitRequestTarget(target: string): { path: string; query: string } {
  const authority = /^https?:\/\/[^/?#]*/i.exec(target);
  const originForm = authority ? target.slice(authority[0].length) : target;
  const [withoutFragment] = originForm.split('#', 1);

  const questionMark = withoutFragment.indexOf('?');
  const path = questionMark === -1 ? withoutFragment : withoutFragment.slice(0, questionMark);
  const query = questionMark === -1 ? '' : withoutFragment.slice(questionMark + 1);
  return { path: authority && path === '' ? '/' : path, query };
}

/** Decodes `+` and percent escapes. Text with a malformed escape such as `%zz` is kept as logged. */
function decodeComponent(text: string): string {
  const spaced = text.replaceAll('+', ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
