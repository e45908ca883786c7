import { ValidateBy, type ValidationOptions } from 'class-validator';

/** The decorated property may not be given together with `other`. */
export function NotTogetherWith(other: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notTogetherWith',
      constraints: [other],
      validator: {
        validate: (_value, args) => (args?.object as Record<string, unknown>)[other] === undefined,
        defaultMessage: (args) => `${args?.property} cannot be given together with ${other}`,
      },
    },
    options,
  );
}

/** A list of at most `maxItems` strings, each matching `pattern` (one rule, so DTOs using it still compile). */
export function IsListOf(pattern: RegExp, maxItems: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isListOf',
      constraints: [pattern, maxItems],
      validator: {
        validate: (value) =>
          Array.isArray(value) && value.length <= maxItems && value.every((item) => typeof item === 'string' && pattern.test(item)),
        defaultMessage: (args) => `${args?.property} must be a list of at most ${maxItems} values matching ${String(pattern)}`,
      },
    },
    options,
  );
}
