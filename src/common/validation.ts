import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** Flattens class-validator errors (nested DTOs included) into `{field, message}` pairs with dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return own.concat(flattenValidationErrors(error.children ?? [], field));
  });
}

/** Strict validation: unknown fields are refused, values are converted to the DTO's types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => flattenedFieldsError(flattenValidationErrors(errors)),
  });
}

/** A 400 naming every wrong field, its message all of theirs. */
export function flattenedFieldsError(fields: { field: string; message: string }[]): BadRequestException {
  const message = fields.map((f) => f.message).join('; ') || 'invalid request';
  return new BadRequestException({ message, fields });
}

/** A 400 naming one field, shaped like the validation pipe's errors. */
export function invalidField(field: string, message: string): BadRequestException {
  return new BadRequestException({ message, fields: [{ field, message }] });
}
