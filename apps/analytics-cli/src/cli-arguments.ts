import { parseArgs, ParseArgsConfig } from 'node:util';

/** A usage error: the CLI prints the message and the command's help, and exits with status 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `--name value` options and positionals strictly; an unknown option is a usage error. */
export function parseCommandArguments<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true as const });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Parses a positive whole number option, or throws a usage error naming the option. */
export function parsePositiveInteger(
  name: string,
  text: string | undefined,
  fallback: number,
): number {
  if (text === undefined) {
    return fallback;
  }
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`--${name} must be a positive whole number, got "${text}"`);
  }
  return Number(text);
}
