import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { InvalidParameterError, ParameterIssue } from '@analytics/common';

/** Constraints that make the others meaningless when they fail, so only their message is shown. */
const DECISIVE_CONSTRAINTS = ['whitelistValidation', 'isSingleValue', 'isDefined'];

/**
 * Keys that class-transformer drops silently instead of passing on to the whitelist check, so
 * they are rejected here by name.
 */
const RESERVED_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * The global validation pipe: unknown parameters are rejected, nothing is converted implicitly,
 * and failures become one problem listing every offending parameter.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (typeof value === 'object' && value !== null) {
      const reserved = Object.keys(value).filter((key) => RESERVED_KEYS.has(key));
      if (reserved.length > 0) {
        throw InvalidParameterError.of(
          reserved.map((parameter) => ({
            parameter,
            detail:
              'is not a parameter of this endpoint; remove it (see /docs for the accepted ones)',
          })),
        );
      }
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) =>
      InvalidParameterError.of(errors.flatMap(toIssues)),
  });
}

function toIssues(error: ValidationError): ParameterIssue[] {
  const constraints = error.constraints ?? {};
  const decisive = DECISIVE_CONSTRAINTS.find((name) => name in constraints);

  if (decisive === 'whitelistValidation') {
    return [
      {
        parameter: error.property,
        detail: 'is not a parameter of this endpoint; remove it (see /docs for the accepted ones)',
      },
    ];
  }
  const messages = decisive ? [constraints[decisive]] : Object.values(constraints);
  const own =
    messages.length > 0 ? [{ parameter: error.property, detail: messages.join('; ') }] : [];
  return [...own, ...(error.children ?? []).flatMap(toIssues)];
}
