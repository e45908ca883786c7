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
