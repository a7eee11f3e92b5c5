import { canonicalTimeZone, INSTANT_FORM, parseInstant } from '@analytics/common';
import { Transform } from 'class-transformer';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * Custom checks for query strings. Fastify turns a repeated key into an array, so each
 * single-valued parameter is checked for that first and gets a message that states so.
 */
function define(
  name: string,
  test: (value: unknown) => boolean,
  message: string | ((args: ValidationArguments) => string),
  options?: ValidationOptions,
) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message, ...options },
      validator: { validate: test },
    });
}

export const IsSingleValue = () =>
  define(
    'isSingleValue',
    (value) => !Array.isArray(value),
    'must be given once; only list parameters may repeat',
  );

export const IsInstant = () =>
  define(
    'isInstant',
    (value) => typeof value === 'string' && parseInstant(value) !== undefined,
    (args) =>
      typeof args.value === 'string' && args.value.endsWith('-00:00')
        ? `uses the offset -00:00, which RFC 3339 reserves for an unknown local offset; write Z or +00:00 instead (${INSTANT_FORM})`
        : `must be ${INSTANT_FORM}`,
  );

export const IsIanaTimeZone = () =>
  define(
    'isIanaTimeZone',
    (value) => typeof value === 'string' && canonicalTimeZone(value) !== undefined,
    'must be an IANA time zone name such as UTC, Europe/Amsterdam or Asia/Kolkata',
  );

export const IsOneOf = (allowed: readonly string[]) =>
  define(
    'isOneOf',
    (value) => typeof value === 'string' && allowed.includes(value),
    `must be one of: ${allowed.join(', ')}`,
  );

export const IsWholeNumberIn = (min: number, max: number) =>
  define(
    'isWholeNumberIn',
    (value) =>
      typeof value === 'string' &&
      /^\d{1,9}$/.test(value) &&
      Number(value) >= min &&
      Number(value) <= max,
    `must be a whole number from ${min} to ${max}`,
  );

export const IsText = ({ maxLength }: { maxLength: number }) =>
  define(
    'isText',
    (value) => typeof value === 'string' && value.length > 0 && value.length <= maxLength,
    `must be a non-empty string of at most ${maxLength} characters`,
  );

/**
 * Checks a list parameter: at most `maxItems` values, each of `allowed` when given, else each a
 * non-empty string of at most `maxLength` characters. Duplicates are rejected, because they
 * suggest a client bug and would be ignored anyway.
 */
export const IsValueList = ({
  maxItems,
  allowed,
  maxLength = 256,
}: {
  maxItems: number;
  allowed?: readonly string[];
  maxLength?: number;
}) =>
  define(
    'isValueList',
    (value) =>
      Array.isArray(value) &&
      value.length <= maxItems &&
      new Set(value).size === value.length &&
      value.every(
        (item) =>
          typeof item === 'string' &&
          item.length > 0 &&
          item.length <= maxLength &&
          (!allowed || allowed.includes(item)),
      ),
    (args) => {
      const repeated = repeatedValueOf(args.value);
      if (repeated !== undefined) {
        return `repeats the value "${repeated.slice(0, 64)}"; send each value once`;
      }
      return allowed
        ? `must be at most ${maxItems} distinct values of: ${allowed.join(', ')}; repeat the parameter for each value`
        : `must be at most ${maxItems} distinct non-empty values of up to ${maxLength} characters; repeat the parameter for each value`;
    },
  );

/** Returns the first value that appears twice in a list, or undefined. */
function repeatedValueOf(value: unknown): string | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  const seen = new Set<unknown>();
  for (const item of value) {
    if (seen.has(item)) {
      return String(item);
    }
    seen.add(item);
  }
  return undefined;
}

/** Turns a single query value into a one-element list, so list parameters always arrive as arrays. */
export const AsList = () =>
  Transform(({ value }) => (value === undefined || Array.isArray(value) ? value : [value]));
