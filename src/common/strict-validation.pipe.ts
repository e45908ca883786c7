import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { compileValidator, type CompiledValidator } from './compiled-validator.js';
import { copiesPlainly } from './plain-copy.js';

type DtoClass = new () => object;

interface FastPath {
  validator: CompiledValidator;
  /** `Object.assign` does what class-transformer would (see copiesPlainly). */
  plainCopy: boolean;
}

/**
 * Strict validation (unknown fields refused, values converted to the DTO class), as ValidationPipe does it, with a
 * fast path for what clients send nearly always: a flat JSON object for a DTO whose decorators compile
 * (see compileValidator). Anything else (nested values, primitives, DTOs that do not compile) goes through
 * ValidationPipe unchanged.
 */
export class StrictValidationPipe extends ValidationPipe {
  private readonly fastPaths = new Map<DtoClass, FastPath | null>();

  constructor(exceptionFactory: (errors: ValidationError[]) => unknown) {
    super({ whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, transform: true, exceptionFactory });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype as DtoClass | undefined;
    const fast = metadata.type !== 'custom' && metatype && isFlatObject(value) ? this.fastPathFor(metatype) : undefined;
    if (!fast) return super.transform(value, metadata);
    const entity = (fast.plainCopy ? Object.assign(new metatype!(), value) : plainToInstance(metatype!, value)) as Record<string, unknown>;
    const errors = fast.validator.validate(entity);
    if (errors.length > 0) throw await this.exceptionFactory(errors);
    return entity;
  }

  private fastPathFor(metatype: DtoClass): FastPath | undefined {
    let fast = this.fastPaths.get(metatype);
    if (fast === undefined) {
      const validator = compileValidator(metatype);
      fast = validator ? { validator, plainCopy: copiesPlainly(metatype, validator.properties) } : null;
      this.fastPaths.set(metatype, fast);
    }
    return fast ?? undefined;
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
