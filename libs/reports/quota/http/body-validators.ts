import { registerDecorator } from 'class-validator';
import { QUOTA_PRODUCTS } from '../plans/plan.types';

/** Checks of JSON body fields; unlike query values, numbers arrive as JSON numbers. */
function define(name: string, test: (value: unknown) => boolean, message: string) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message },
      validator: { validate: test },
    });
}

export const IsBodyText = ({ maxLength }: { maxLength: number }) =>
  define(
    'isBodyText',
    (value) => typeof value === 'string' && value.trim().length > 0 && value.length <= maxLength,
    `must be a string of 1 to ${maxLength} characters, not only spaces`,
  );

export const IsWholeNumber = ({ min, max }: { min: number; max: number }) =>
  define(
    'isWholeNumber',
    (value) => Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max,
    `must be a whole number from ${min} to ${max}`,
  );

/** An object of product → included transactions (a whole number) or null to remove the override. */
export const IsLimitMap = ({ max }: { max: number }) =>
  define(
    'isLimitMap',
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.keys(value).length > 0 &&
      Object.entries(value).every(
        ([product, included]) =>
          (QUOTA_PRODUCTS as readonly string[]).includes(product) &&
          (included === null ||
            (Number.isSafeInteger(included) &&
              (included as number) >= 0 &&
              (included as number) <= max)),
      ),
    `must be an object of product to included transactions, each a whole number from 0 to ${max} or null to return to the plan's amount; the products are: ${QUOTA_PRODUCTS.join(', ')}`,
  );
