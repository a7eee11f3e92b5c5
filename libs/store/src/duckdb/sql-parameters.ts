import { DuckDBValue, listValue } from '@duckdb/node-api';

/**
 * Collects the values of one statement as named parameters. SQL text built with it contains
 * only parameter names, never a caller-supplied value.
 */
export class SqlParameters {
  readonly values: Record<string, DuckDBValue> = {};
  private count = 0;

  add(value: DuckDBValue): string {
    const name = `p${this.count++}`;
    this.values[name] = value;
    return `$${name}`;
  }

  addTimestamp(epochMs: number): string {
    return `${this.add(new Date(epochMs).toISOString())}::TIMESTAMPTZ`;
  }

  addTimestampList(epochMs: number[]): string {
    return `${this.add(listValue(epochMs.map((ms) => new Date(ms).toISOString())))}::TIMESTAMPTZ[]`;
  }

  addStringList(values: string[]): string {
    return `${this.add(listValue(values))}::VARCHAR[]`;
  }

  addKeyList(keys: string[][]): string {
    return `${this.add(listValue(keys.map((key) => listValue(key))))}::VARCHAR[][]`;
  }
}
