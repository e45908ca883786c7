import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest, FastifySchemaValidationError, FastifyServerOptions } from 'fastify';
import { flattenedFieldsError } from './validation.js';

/**
 * Fastify's JSON-schema validation for routes that declare a body schema (`@RouteSchema`), as strict as the
 * ValidationPipe: no type coercion, unknown properties refused rather than dropped, every error reported.
 */
export const STRICT_SCHEMA_VALIDATION: FastifyServerOptions['ajv'] = {
  customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true, useDefaults: false },
};

/**
 * The request body of a route whose `@RouteSchema` Fastify has validated before the route ran. A custom parameter,
 * so the global ValidationPipe leaves it alone: the JSON schema already checked it, compiled once at start-up.
 */
export const SchemaValidatedBody = createParamDecorator(
  (_: unknown, context: ExecutionContext): unknown => context.switchToHttp().getRequest<FastifyRequest>().body,
);

/** Turns a schema's validation errors into the API's 400 body: `{message, fields: [{field, message}]}`. */
export function schemaValidationError(errors: FastifySchemaValidationError[]): BadRequestException {
  return flattenedFieldsError(errors.map(fieldError));
}

function fieldError(error: FastifySchemaValidationError): { field: string; message: string } {
  const path = error.instancePath.split('/').filter(Boolean).join('.');
  const params = error.params;
  const within = (name: unknown) => (path ? `${path}.${String(name)}` : String(name));
  switch (error.keyword) {
    case 'required':
      return named(within(params.missingProperty), 'is required');
    case 'additionalProperties':
      return { field: within(params.additionalProperty), message: `property ${String(params.additionalProperty)} should not exist` };
    case 'enum':
      return named(path, `must be one of ${(params.allowedValues as unknown[]).join(', ')}`);
    case 'type':
      return named(path, params.type === 'integer' ? 'must be an integer' : `must be of type ${String(params.type)}`);
    case 'minimum':
      return named(path, `must not be less than ${String(params.limit)}`);
    case 'maximum':
      return named(path, `must not be greater than ${String(params.limit)}`);
    default:
      return named(path, error.message ?? 'is invalid');
  }
}

function named(field: string, message: string): { field: string; message: string } {
  return field ? { field, message: `${field} ${message}` } : { field: 'body', message: `the body ${message}` };
}
