/**
 * Parses a query string into an object without a prototype. Every key, including `__proto__`,
 * becomes an own property, so the validation pipe sees and rejects it rather than having it
 * vanish or change the object's prototype. A repeated key becomes an array of its values.
 */
export function parseQueryString(text: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = Object.create(null);

  for (const [key, value] of new URLSearchParams(text)) {
    const existing = query[key];
    if (existing === undefined) {
      query[key] = value;
    } else {
      query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
  }

  return query;
}
