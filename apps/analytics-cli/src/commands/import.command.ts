import { canonicalTimeZone, TenantScope } from '@analytics/common';
import {
  IMPORT_FORMATS,
  ImportFormat,
  importFile,
  ImportOptions,
  ImportReport,
} from '@analytics/ingest';
import { DuckDbStore, storePathsFromEnv } from '@analytics/store';
import { accessSync, constants, statSync } from 'node:fs';
import { parseCommandArguments, UsageError } from '../cli-arguments';
import { Command } from '../command';

const HELP = `Usage: analytics-cli import --format ${IMPORT_FORMATS.join('|')} [options] FILE...

Loads API-call events from log files into the store. A file is imported whole or not at all:
a file with a rejected line loads nothing unless --skip-invalid is given.

Options:
  --format FORMAT   ndjson (canonical records), nginx-ingress (ingress-nginx default access
                    log) or haproxy (HAProxy HTTP log, with or without a syslog header)
  --tenant ID       tenant of every event; required for nginx-ingress and haproxy
  --product NAME    product of every event, in place of the upstream or backend name
                    (nginx-ingress and haproxy)
  --timezone ZONE   IANA zone of haproxy timestamps, which carry no offset (default UTC)
  --skip-invalid    load the valid lines of a file that has rejected lines

Exit status: 0 when every file was loaded, 1 otherwise, 2 on a usage error.`;

const NOT_LOADED_HINT =
  'a file is imported whole or not at all; fix the lines or pass --skip-invalid';

export const importCommand: Command = {
  help: HELP,

  async run(args: string[]): Promise<number> {
    const { files, options } = parseImportArguments(args);

    const store = await DuckDbStore.open(storePathsFromEnv().duckDbPath);
    let allLoaded = true;
    try {
      for (const file of files) {
        const report = await importFile(store, file, options);
        printReport(report);
        allLoaded &&= report.loaded;
      }
    } finally {
      store.close();
    }

    return allLoaded ? 0 : 1;
  },
};

function parseImportArguments(args: string[]): { files: string[]; options: ImportOptions } {
  const { values: parsed, positionals } = parseCommandArguments(args, {
    format: { type: 'string' },
    tenant: { type: 'string' },
    product: { type: 'string' },
    timezone: { type: 'string' },
    'skip-invalid': { type: 'boolean' },
  });
  const values = {
    format: stringOption(parsed.format),
    tenant: stringOption(parsed.tenant),
    product: stringOption(parsed.product),
    timezone: stringOption(parsed.timezone),
    skipInvalid: parsed['skip-invalid'] === true,
  };

  const format = parseFormat(values.format);
  const hasTenantField = format === 'ndjson';
  if (positionals.length === 0) {
    throw new UsageError('Missing FILE: name at least one log file to import');
  }
  positionals.forEach(checkReadableFile);
  if (hasTenantField && (values.tenant !== undefined || values.product !== undefined)) {
    throw new UsageError(
      '--tenant and --product apply to nginx-ingress and haproxy only, because NDJSON records carry their own',
    );
  }
  if (!hasTenantField && values.tenant === undefined) {
    throw new UsageError(
      `Missing --tenant: the ${format} format has no tenant field, so name the tenant of its events`,
    );
  }
  if (values.tenant !== undefined && !TenantScope.isValidId(values.tenant)) {
    throw new UsageError(
      `Invalid --tenant "${values.tenant}": expected 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit`,
    );
  }
  if (values.product !== undefined && values.product.trim() === '') {
    throw new UsageError('Invalid --product: the name is empty');
  }

  return {
    files: positionals,
    options: {
      format,
      tenantId: values.tenant,
      product: values.product,
      timeZone: parseTimeZone(format, values.timezone),
      skipInvalid: values.skipInvalid,
    },
  };
}

/** Checks every file before the store is opened, so a mistyped name changes nothing. */
function checkReadableFile(file: string): void {
  try {
    accessSync(file, constants.R_OK);
  } catch {
    throw new UsageError(`Cannot read ${file}: the file does not exist or is not readable`);
  }
  if (!statSync(file).isFile()) {
    throw new UsageError(`Cannot read ${file}: not a regular file`);
  }
}

/** Narrows a value that parseArgs types loosely. Options declared as strings are strings. */
function stringOption(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function parseFormat(text: string | undefined): ImportFormat {
  if (text === undefined) {
    throw new UsageError(`Missing --format: expected one of ${IMPORT_FORMATS.join(', ')}`);
  }

  const format = IMPORT_FORMATS.find((candidate) => candidate === text);
  if (format === undefined) {
    throw new UsageError(
      `Invalid --format "${text}": expected one of ${IMPORT_FORMATS.join(', ')}`,
    );
  }
  return format;
}

/** Reads --timezone, which applies to haproxy only because the other formats log an offset. */
function parseTimeZone(format: ImportFormat, text: string | undefined): string | undefined {
  if (text === undefined) {
    return undefined;
  }
  if (format !== 'haproxy') {
    throw new UsageError(
      `--timezone applies to haproxy only, because ${format} timestamps carry their offset`,
    );
  }

  const timeZone = canonicalTimeZone(text);
  if (timeZone === undefined) {
    throw new UsageError(
      `Invalid --timezone "${text}": expected an IANA zone name such as Europe/Berlin or UTC`,
    );
  }
  return timeZone;
}

function printReport(report: ImportReport): void {
  const counts = report.loaded
    ? `${report.accepted} accepted, ${report.rejectedCount} rejected; loaded`
    : `${report.valid} valid, ${report.rejectedCount} rejected; not loaded (${NOT_LOADED_HINT})`;
  process.stdout.write(`${report.file}: ${counts}\n`);

  for (const rejection of report.rejected) {
    process.stderr.write(`  line ${rejection.line}: ${rejection.reason}\n`);
  }
  const unlisted = report.rejectedCount - report.rejected.length;
  if (unlisted > 0) {
    process.stderr.write(`  … and ${unlisted} more rejected lines\n`);
  }
}
