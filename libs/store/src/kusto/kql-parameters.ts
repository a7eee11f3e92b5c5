/** Scalar types a `declare query_parameters` statement uses here. */
export type KqlParameterType = 'string' | 'long' | 'real' | 'datetime' | 'dynamic';

/**
 * Collects the values of one query as client request parameters. KQL built with it contains only
 * parameter names, never a caller-supplied value. Kusto receives every value other than a string
 * or a long as a literal in text form (`datetime(...)`, `dynamic(...)`), in the request
 * properties rather than in the query text.
 */
export class KqlParameters {
  readonly values: Record<string, string | number> = {};
  private readonly types: { name: string; type: KqlParameterType }[] = [];

  /** Adds a value under a name derived from `hint`; returns the name to use in the query. */
  addString(hint: string, value: string): string {
    return this.add(hint, 'string', value);
  }

  addLong(hint: string, value: number): string {
    if (!Number.isSafeInteger(value)) {
      throw new RangeError(`Parameter ${hint} must be a safe integer, got ${value}`);
    }
    return this.add(hint, 'long', value);
  }

  addDatetime(hint: string, epochMs: number): string {
    return this.add(hint, 'datetime', `datetime(${kustoDatetimeText(epochMs)})`);
  }

  /** Adds a JSON value as `dynamic`. Strings inside stay JSON strings, so no text escapes the literal. */
  addDynamic(hint: string, value: unknown): string {
    return this.add(hint, 'dynamic', `dynamic(${JSON.stringify(value)})`);
  }

  /** Returns the `declare query_parameters(...)` statement that must start the query, or '' without parameters. */
  declaration(): string {
    if (this.types.length === 0) {
      return '';
    }
    return `declare query_parameters(${this.types.map(({ name, type }) => `${name}:${type}`).join(', ')});\n`;
  }

  private add(hint: string, type: KqlParameterType, value: string | number): string {
    if (!/^[a-z][A-Za-z0-9]*$/.test(hint)) {
      throw new Error(`Invalid parameter name hint ${hint}`);
    }

    let name = `p_${hint}`;
    for (let suffix = 2; name in this.values; suffix++) {
      name = `p_${hint}${suffix}`;
    }
    this.values[name] = value;
    this.types.push({ name, type });
    return name;
  }
}

/** Formats an instant as Kusto datetime text with 7 fractional digits (100 ns ticks), always UTC. */
export function kustoDatetimeText(epochMs: number): string {
  if (!Number.isFinite(epochMs)) {
    throw new RangeError(`Invalid instant ${epochMs}`);
  }
  return new Date(epochMs).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}
