import { KustoType, RecordTable } from '@analytics/store';

const CONVERSIONS: Partial<Record<KustoType, string>> = {
  string: 'tostring',
  long: 'tolong',
  int: 'toint',
  datetime: 'todatetime',
};

/**
 * Builds a `.set-or-append` command that appends rows to a quota table. A management command takes
 * no query parameters, so the rows travel as one base64 literal of JSON: base64 has no quote or
 * bracket, so no value can end the literal. Kusto decodes and parses the text, and each column is
 * converted by its type from the schema. `rows` are objects keyed by Kusto column name, with
 * datetimes as ISO 8601 text and null for an empty column.
 */
export function appendRowsCommand(
  table: RecordTable,
  rows: Record<string, string | number | null>[],
): string {
  const payload = Buffer.from(JSON.stringify(rows), 'utf8').toString('base64');
  const columns = table.columns.map((column) => {
    const conversion = CONVERSIONS[column.kustoType];
    if (!conversion) {
      throw new Error(
        `No conversion for column ${table.kustoName}.${column.kustoName} of type ${column.kustoType}`,
      );
    }
    return `${column.kustoName} = ${conversion}(Row['${column.kustoName}'])`;
  });

  return [
    `.set-or-append ${table.kustoName} <|`,
    `print Rows = parse_json(base64_decode_tostring('${payload}'))`,
    '| mv-expand Row = Rows to typeof(dynamic)',
    `| project ${columns.join(', ')}`,
  ].join('\n');
}

/**
 * Numbers quota records in write order without a store sequence: epoch milliseconds times 1000,
 * plus a counter within the millisecond, and never below the previous number of this process.
 * The numbers stay below 2^53 until the year 2255.
 *
 * NOTE: two instances that write in the same millisecond draw numbers from the same range, so
 * across instances the order is that of the clocks, and equal numbers are possible but unlikely.
 */
export class RecordSequence {
  private last = 0;

  constructor(private readonly nowMs: () => number = Date.now) {}

  next(): number {
    this.last = Math.max(this.nowMs() * 1000, this.last + 1);
    return this.last;
  }
}
