/** Raised for a value that has no single JSON form, so it cannot be part of a cache key. */
export class NonCanonicalValueError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`Value at ${path} cannot be part of a cache key: ${reason}`);
    this.name = 'NonCanonicalValueError';
  }
}

/**
 * Serializes a JSON value with the keys of every object sorted by code unit, so two objects with
 * the same properties give the same text whatever order the properties were set in.
 *
 * Follows `JSON.stringify` where it is unambiguous: `toJSON()` is applied (dates, `TenantScope`)
 * and object properties whose value is `undefined` are left out. Array order is kept, because order can change a result (the order of `groupBy` does). Values that `JSON.stringify` would
 * turn into something else or drop silently are rejected with `NonCanonicalValueError`: `NaN`,
 * infinities, `bigint`, functions, symbols, `undefined` in an array or at the top, instances of
 * classes without `toJSON` (a `Map` would otherwise read as `{}`) and cycles.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, '$', new Set<object>());
}

function serialize(value: unknown, path: string, ancestors: Set<object>): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }

  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new NonCanonicalValueError(path, `${value} is not a finite number`);
    return JSON.stringify(value);
  }

  if (typeof value !== 'object') {
    throw new NonCanonicalValueError(path, `${typeof value} has no JSON form`);
  }

  if (hasToJson(value)) {
    return serialize(value.toJSON(), path, ancestors);
  }

  if (ancestors.has(value)) throw new NonCanonicalValueError(path, 'the value contains a cycle');
  ancestors.add(value);
  try {
    return Array.isArray(value)
      ? serializeArray(value, path, ancestors)
      : serializeObject(value, path, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function serializeArray(items: readonly unknown[], path: string, ancestors: Set<object>): string {
  const parts = items.map((item, index) => {
    if (item === undefined)
      throw new NonCanonicalValueError(`${path}[${index}]`, 'undefined has no JSON form');
    return serialize(item, `${path}[${index}]`, ancestors);
  });
  return `[${parts.join(',')}]`;
}

function serializeObject(value: object, path: string, ancestors: Set<object>): string {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new NonCanonicalValueError(
      path,
      `an instance of ${value.constructor?.name ?? 'a class'} without toJSON has no single JSON form`,
    );
  }

  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const name of Object.keys(record).sort()) {
    const property = record[name];
    if (property === undefined) continue;
    parts.push(`${JSON.stringify(name)}:${serialize(property, `${path}.${name}`, ancestors)}`);
  }
  return `{${parts.join(',')}}`;
}

function hasToJson(value: object): value is { toJSON(): unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
