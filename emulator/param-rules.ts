// Declared parameters of each served operation (from the official spec) and their validation.

export type ParamType = 'string' | 'integer' | 'number' | 'boolint' | 'boolean' | 'integer-list' | 'enum' | 'object';

export interface ParamRule {
  name: string;
  type: ParamType;
  required?: boolean;
  /** Allowed values for `enum`. */
  values?: readonly string[];
  /** For `object`: the properties it stands for, each sent as a query parameter of its own (form style, exploded). */
  properties?: readonly ParamRule[];
}

export const str = (name: string, required = false): ParamRule => ({ name, type: 'string', required });
export const int = (name: string, required = false): ParamRule => ({ name, type: 'integer', required });
export const num = (name: string, required = false): ParamRule => ({ name, type: 'number', required });
export const boolInt = (name: string): ParamRule => ({ name, type: 'boolint' });
export const bool = (name: string): ParamRule => ({ name, type: 'boolean' });
export const intList = (name: string): ParamRule => ({ name, type: 'integer-list' });
export const oneOf = (name: string, values: readonly string[], required = false): ParamRule => ({
  name,
  type: 'enum',
  values,
  required,
});

/** A parameter declared as an object whose properties travel as query parameters of their own. */
export const object = (name: string, properties: readonly ParamRule[]): ParamRule => ({ name, type: 'object', properties });

const INTEGER = /^-?\d+$/;

/** Why `value` does not fit `rule`, or undefined when it does. */
export function valueProblem(rule: ParamRule, value: string): string | undefined {
  switch (rule.type) {
    case 'string':
    case 'object':
      return undefined;
    case 'integer':
      return INTEGER.test(value) ? undefined : `${rule.name} must be an integer, got '${value}'`;
    case 'number':
      return value.trim() !== '' && Number.isFinite(Number(value)) ? undefined : `${rule.name} must be a number, got '${value}'`;
    case 'boolint':
      return value === '0' || value === '1' ? undefined : `${rule.name} must be 0 or 1, got '${value}'`;
    case 'boolean':
      return ['0', '1', 'true', 'false'].includes(value) ? undefined : `${rule.name} must be a boolean, got '${value}'`;
    case 'integer-list':
      return value.split(',').every((part) => INTEGER.test(part))
        ? undefined
        : `${rule.name} must be a comma-separated list of integers, got '${value}'`;
    case 'enum':
      return rule.values?.includes(value)
        ? undefined
        : `${rule.name} must be one of ${(rule.values ?? []).join(', ')}, got '${value}'`;
  }
}

/** X-Plex-* values (token, client identifier, product...) may always travel as query parameters. */
export function isPlexHeaderParam(name: string): boolean {
  return /^x-plex-/i.test(name);
}

/** Problems with a query against the declared rules: undeclared, missing, or ill-typed parameters. */
export function queryProblems(rules: readonly ParamRule[], query: Record<string, string>): string[] {
  const problems: string[] = [];
  const byName = new Map<string, ParamRule>();
  for (const rule of rules) {
    if (rule.type === 'object') for (const property of rule.properties ?? []) byName.set(property.name, property);
    else byName.set(rule.name, rule);
  }
  for (const [name, value] of Object.entries(query)) {
    if (isPlexHeaderParam(name)) continue;
    const rule = byName.get(name);
    if (!rule) {
      problems.push(`query parameter '${name}' is not declared for this operation`);
      continue;
    }
    const problem = valueProblem(rule, value);
    if (problem) problems.push(problem);
  }
  for (const rule of rules) {
    if (rule.required && query[rule.name] === undefined) problems.push(`missing required query parameter '${rule.name}'`);
  }
  return problems;
}
