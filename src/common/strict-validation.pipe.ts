import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { compileValidator, type CompiledValidator } from './compiled-validator.js';

type DtoClass = new () => object;

/**
 * Strict validation (unknown fields refused, values converted to the DTO class), as ValidationPipe does it, with a
 * fast path for what clients send nearly always: a flat JSON object for a DTO whose decorators compile
 * (see compileValidator). Anything else (nested values, primitives, DTOs that do not compile) goes through
 * ValidationPipe unchanged.
 */
export class StrictValidationPipe extends ValidationPipe {
  private readonly validators = new Map<DtoClass, CompiledValidator | null>();

  constructor(exceptionFactory: (errors: ValidationError[]) => unknown) {
    super({ whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, transform: true, exceptionFactory });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype as DtoClass | undefined;
    const validator = metadata.type !== 'custom' && metatype && isFlatObject(value) ? this.validatorFor(metatype) : undefined;
    if (!validator) return super.transform(value, metadata);
    const entity = plainToInstance(metatype!, value) as Record<string, unknown>;
    const errors = validator.validate(entity);
    if (errors.length > 0) throw await this.exceptionFactory(errors);
    return entity;
  }

  private validatorFor(metatype: DtoClass): CompiledValidator | undefined {
    let validator = this.validators.get(metatype);
    if (validator === undefined) {
      validator = compileValidator(metatype) ?? null;
      this.validators.set(metatype, validator);
    }
    return validator ?? undefined;
  }
}

/** A plain object whose values are all primitives, with no key that could reach a prototype. */
function isFlatObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const [key, item] of Object.entries(value)) {
    if (key === '__proto__' || key === 'constructor' || (typeof item === 'object' && item !== null)) return false;
  }
  return true;
}
