import {
  getMetadataStorage,
  ValidationError,
  ValidationTypes,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';

type Condition = (object: object, value: unknown) => boolean;
type Message = string | ((args: ValidationArguments) => string) | undefined;

interface Check {
  /** The key of the failure in `constraints` (the constraint's name, e.g. `isInt`). */
  type: string;
  validator: ValidatorConstraintInterface;
  /** Typed as an array, but undefined for constraints without parameters (`@IsInt()`). */
  constraints: unknown[];
  message: Message;
  validateIf?: Condition;
}

interface PropertyRules {
  property: string;
  /** `@IsOptional`, `@ValidateIf`: when one says no, the property is not checked. */
  conditions: Condition[];
  checks: Check[];
}

/** Validates an instance of one DTO class the way class-validator does, without its per-call metadata work. */
export interface CompiledValidator {
  /** The properties the DTO declares (any other is refused). */
  readonly properties: readonly string[];
  validate(object: Record<string, unknown>): ValidationError[];
}

/**
 * Compiles the class-validator decorators of a DTO into a plain function, for the options the app validates with
 * (`whitelist`, `forbidNonWhitelisted`, no groups). class-validator looks its metadata up and filters it on every
 * call; that was 40% of the CPU of a progress report. Only synchronous constraints on plain properties are
 * compiled (no nested, `each`, groups, `always` or contexts): for anything else this returns undefined and the
 * caller validates with class-validator itself.
 */
export function compileValidator(target: abstract new (...args: never[]) => unknown): CompiledValidator | undefined {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(target, '', false, false);
  if (metadatas.length === 0) return undefined;
  const byProperty = new Map<string, PropertyRules>();
  for (const metadata of metadatas) {
    if (metadata.each || metadata.always || metadata.context || metadata.groups?.length) return undefined;
    let rules = byProperty.get(metadata.propertyName);
    if (!rules) byProperty.set(metadata.propertyName, (rules = { property: metadata.propertyName, conditions: [], checks: [] }));
    if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) {
      rules.conditions.push(metadata.constraints[0] as Condition);
    } else if (metadata.type === ValidationTypes.CUSTOM_VALIDATION) {
      for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
        if (constraint.async) return undefined;
        rules.checks.push({
          type: constraint.name || metadata.type,
          validator: constraint.instance,
          constraints: metadata.constraints,
          message: metadata.message,
          validateIf: metadata.validateIf,
        });
      }
    } else {
      return undefined;
    }
  }
  const properties = [...byProperty.values()];
  return { properties: [...byProperty.keys()], validate: (object) => validate(object, byProperty, properties) };
}

function validate(object: Record<string, unknown>, byProperty: Map<string, PropertyRules>, properties: PropertyRules[]) {
  const errors: ValidationError[] = [];
  for (const property of Object.keys(object)) {
    if (!byProperty.has(property)) {
      errors.push(validationError(property, object[property], { whitelistValidation: `property ${property} should not exist` }));
    }
  }
  for (const rules of properties) {
    const value = object[rules.property];
    if (!rules.conditions.map((condition) => condition(object, value)).every(Boolean)) continue;
    let failed: Record<string, string> | undefined;
    for (const check of rules.checks) {
      if (check.validateIf && !check.validateIf(object, value)) continue;
      const args: ValidationArguments = {
        targetName: object.constructor.name,
        property: rules.property,
        object,
        value,
        constraints: check.constraints,
      };
      if (check.validator.validate(value, args)) continue;
      failed ??= {};
      failed[check.type] = messageOf(check, args);
    }
    if (failed) errors.push(validationError(rules.property, value, failed));
  }
  return errors;
}

function validationError(property: string, value: unknown, constraints: Record<string, string>): ValidationError {
  return Object.assign(new ValidationError(), { property, value, constraints, children: [] });
}

/** class-validator's own message: the decorator's `message`, else the constraint's default, with `$tokens` replaced. */
function messageOf(check: Check, args: ValidationArguments): string {
  const message = check.message || check.validator.defaultMessage?.(args) || '';
  let text = typeof message === 'function' ? message(args) : message;
  if (Array.isArray(check.constraints)) {
    check.constraints.forEach((constraint, index) => {
      text = text.replace(new RegExp(`\\$constraint${index + 1}`, 'g'), constraintToString(constraint));
    });
  }
  if (['string', 'boolean', 'number'].includes(typeof args.value)) text = text.replace(/\$value/g, String(args.value));
  return text.replace(/\$property/g, args.property).replace(/\$target/g, args.targetName);
}

function constraintToString(constraint: unknown): string {
  if (Array.isArray(constraint)) return constraint.join(', ');
  if (typeof constraint === 'symbol') return String(constraint.description);
  return String(constraint);
}
