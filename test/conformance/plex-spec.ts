// Checks HTTP requests against the official Plex Media Server OpenAPI spec (../shared/plex/pms-openapi.yaml).
// Everything (paths, methods, parameters, types) comes from the parsed YAML; nothing is copied by hand.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * The spec, beside the repository: `../shared/plex/pms-openapi.yaml` from the repo root. The compiled file runs as
 * `dist/test/conformance/plex-spec.js`, three levels below the root. Env `PLEX_SPEC_PATH` overrides it.
 */
export const PLEX_SPEC_PATH: string =
  process.env.PLEX_SPEC_PATH ?? resolve(HERE, '..', '..', '..', '..', 'shared', 'plex', 'pms-openapi.yaml');

export const PLEX_SPEC_DISPLAY_PATH = '../shared/plex/pms-openapi.yaml';

/** What tests print (and skip with) when the spec file is not there. */
export const PLEX_SPEC_MISSING = `${PLEX_SPEC_DISPLAY_PATH} is missing: looked for ${PLEX_SPEC_PATH}; spec conformance checks cannot run (set PLEX_SPEC_PATH to its location)`;

export interface SchemaObject {
  type?: string | string[];
  enum?: unknown[];
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  additionalProperties?: boolean | SchemaObject;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  minimum?: number;
  maximum?: number;
}

export type ParameterLocation = 'query' | 'header' | 'path' | 'cookie';

export interface SpecParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: SchemaObject;
  style?: string;
  explode?: boolean;
}

export interface SpecOperation {
  method: string;
  /** The spec's path template, e.g. `/playQueues/{playQueueId}`. */
  template: string;
  operationId?: string;
  parameters: SpecParameter[];
  /** The operation needs an X-Plex-Token (false for `security: [{}]`). */
  needsToken: boolean;
}

export interface PlexSpec {
  file: string;
  version?: string;
  operations: SpecOperation[];
  /** Template → method (upper case) → operation. */
  byTemplate: Map<string, Map<string, SpecOperation>>;
}

export interface RequestToCheck {
  method: string;
  /** Decoded path without query. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const TOKEN = 'x-plex-token';
const MAX_SCHEMA_DEPTH = 8;

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pointer(root: Node, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (isNode(node) ? node[part] : undefined), root);
}

/** Follows `$ref`s until a concrete node. */
function deref(root: Node, node: unknown, seen: Set<string> = new Set()): unknown {
  let current = node;
  while (isNode(current) && typeof current.$ref === 'string') {
    if (seen.has(current.$ref)) return {};
    seen.add(current.$ref);
    current = pointer(root, current.$ref);
  }
  return current;
}

function toSchema(root: Node, node: unknown, depth = 0): SchemaObject {
  const raw = deref(root, node);
  if (!isNode(raw) || depth > MAX_SCHEMA_DEPTH) return {};
  const schema: SchemaObject = {};
  if (typeof raw.type === 'string' || Array.isArray(raw.type)) schema.type = raw.type as string | string[];
  if (Array.isArray(raw.enum)) schema.enum = raw.enum;
  if (typeof raw.minimum === 'number') schema.minimum = raw.minimum;
  if (typeof raw.maximum === 'number') schema.maximum = raw.maximum;
  if (raw.items !== undefined) schema.items = toSchema(root, raw.items, depth + 1);
  if (isNode(raw.properties)) {
    schema.properties = Object.fromEntries(
      Object.entries(raw.properties).map(([name, value]) => [name, toSchema(root, value, depth + 1)]),
    );
  }
  if (typeof raw.additionalProperties === 'boolean') schema.additionalProperties = raw.additionalProperties;
  else if (raw.additionalProperties !== undefined) {
    schema.additionalProperties = toSchema(root, raw.additionalProperties, depth + 1);
  }
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    const list = raw[key];
    if (Array.isArray(list)) schema[key] = list.map((entry) => toSchema(root, entry, depth + 1));
  }
  return schema;
}

function toParameter(root: Node, node: unknown): SpecParameter | undefined {
  const raw = deref(root, node);
  if (!isNode(raw) || typeof raw.name !== 'string' || typeof raw.in !== 'string') return undefined;
  return {
    name: raw.name,
    in: raw.in as ParameterLocation,
    required: raw.required === true,
    schema: toSchema(root, raw.schema),
    style: typeof raw.style === 'string' ? raw.style : undefined,
    explode: typeof raw.explode === 'boolean' ? raw.explode : undefined,
  };
}

function needsToken(security: unknown): boolean {
  if (!Array.isArray(security)) return false;
  return security.length > 0 && !security.some((entry) => isNode(entry) && Object.keys(entry).length === 0);
}

/** Operation parameters override path-level ones with the same name and location. */
function mergeParameters(pathLevel: SpecParameter[], operationLevel: SpecParameter[]): SpecParameter[] {
  const key = (parameter: SpecParameter) => `${parameter.in}:${parameter.name.toLowerCase()}`;
  const merged = new Map(pathLevel.map((parameter) => [key(parameter), parameter]));
  for (const parameter of operationLevel) {
    const existing = merged.get(key(parameter));
    // The same header may be declared twice (a shared $ref and an inline copy): required if either says so.
    merged.set(key(parameter), existing ? { ...parameter, required: parameter.required || existing.required } : parameter);
  }
  return [...merged.values()];
}

export function parsePlexSpec(text: string, file = '<memory>'): PlexSpec {
  const root: unknown = parse(text);
  if (!isNode(root) || !isNode(root.paths)) throw new Error(`${file} is not an OpenAPI document with paths`);
  const operations: SpecOperation[] = [];
  const byTemplate = new Map<string, Map<string, SpecOperation>>();
  for (const [template, pathItemNode] of Object.entries(root.paths)) {
    const pathItem = deref(root, pathItemNode);
    if (!isNode(pathItem)) continue;
    const list = (value: unknown): SpecParameter[] =>
      (Array.isArray(value) ? value : []).flatMap((entry) => toParameter(root, entry) ?? []);
    const pathLevel = list(pathItem.parameters);
    const methods = new Map<string, SpecOperation>();
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isNode(operation)) continue;
      const spec: SpecOperation = {
        method: method.toUpperCase(),
        template,
        operationId: typeof operation.operationId === 'string' ? operation.operationId : undefined,
        parameters: mergeParameters(pathLevel, list(operation.parameters)),
        needsToken: needsToken(operation.security ?? root.security),
      };
      operations.push(spec);
      methods.set(spec.method, spec);
    }
    byTemplate.set(template, methods);
  }
  const info = isNode(root.info) ? root.info : {};
  return { file, version: typeof info.version === 'string' ? info.version : undefined, operations, byTemplate };
}

/** The parsed spec, or undefined when the file is missing. */
export function loadPlexSpec(file: string = PLEX_SPEC_PATH): PlexSpec | undefined {
  if (!existsSync(file)) return undefined;
  return parsePlexSpec(readFileSync(file, 'utf8'), file);
}

/**
 * For tests: the spec, or (when the file is missing) a failure if process.env.CI is set, else a skip of the test
 * with PLEX_SPEC_MISSING (returns undefined). Warns once on the console.
 */
export function specOrSkip(t: TestContext, spec: PlexSpec | undefined): PlexSpec | undefined {
  if (spec) return spec;
  if (process.env.CI) assert.fail(PLEX_SPEC_MISSING);
  if (!warnedMissing) console.warn(`WARNING: ${PLEX_SPEC_MISSING}`);
  warnedMissing = true;
  t.skip(PLEX_SPEC_MISSING);
  return undefined;
}

let warnedMissing = false;

// ---------------------------------------------------------------------------------------------------------------
// Value checks

function typesOf(schema: SchemaObject): string[] {
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

function describeEnum(values: readonly unknown[]): string {
  return values.map((value) => String(value)).join(', ');
}

/** Problems with one serialized value (query, header or path) against a schema; empty when it fits. */
export function valueProblems(schema: SchemaObject, value: string, label: string): string[] {
  if (schema.allOf) return schema.allOf.flatMap((part) => valueProblems(part, value, label));
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives && alternatives.length > 0) {
    const results = alternatives.map((part) => valueProblems(part, value, label));
    if (results.some((problems) => problems.length === 0)) return [];
    return [`${label}: '${value}' matches none of the allowed schemas`];
  }
  const problems: string[] = [];
  const types = typesOf(schema);
  if (types.length > 0 && !types.some((type) => fitsType(schema, type, value))) {
    problems.push(`${label}: '${value}' is not ${types.map((type) => article(type)).join(' or ')}`);
    return problems;
  }
  if (schema.enum && !schema.enum.some((allowed) => String(allowed) === value)) {
    problems.push(`${label}: '${value}' is not one of the allowed values (${describeEnum(schema.enum)})`);
  }
  if (types.includes('integer') || types.includes('number')) {
    const number = Number(value);
    if (schema.minimum !== undefined && number < schema.minimum) problems.push(`${label}: ${value} < ${schema.minimum}`);
    if (schema.maximum !== undefined && number > schema.maximum) problems.push(`${label}: ${value} > ${schema.maximum}`);
  }
  return problems;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function fitsType(schema: SchemaObject, type: string, value: string): boolean {
  switch (type) {
    case 'integer':
      return /^-?\d+$/.test(value);
    case 'number':
      return value.trim() !== '' && Number.isFinite(Number(value));
    case 'boolean':
      return ['true', 'false', '0', '1'].includes(value);
    case 'array':
      return value.split(',').every((part) => valueProblems(schema.items ?? {}, part, 'item').length === 0);
    default:
      return true;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Path matching

interface TemplateMatch {
  template: string;
  pathParams: Record<string, string>;
  /** One character per segment: '1' literal, '0' parameter; higher sorts first. */
  rank: string;
}

function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.split('/').slice(1);
}

function matchTemplates(spec: PlexSpec, path: string): TemplateMatch[] {
  const actual = splitPath(path);
  const matches: TemplateMatch[] = [];
  for (const template of spec.byTemplate.keys()) {
    const parts = splitPath(template);
    if (parts.length !== actual.length) continue;
    const pathParams: Record<string, string> = {};
    let rank = '';
    const fits = parts.every((part, i) => {
      const value = actual[i] ?? '';
      const param = /^\{([^}]+)\}$/.exec(part);
      if (param) {
        pathParams[param[1] ?? ''] = value;
        rank += '0';
        return value !== '';
      }
      rank += '1';
      if (!part.includes('{')) return part === value;
      // A parameter inside literal text, e.g. `start.{extension}`.
      const names: string[] = [];
      const source = part
        .split(/(\{[^}]+\})/)
        .map((piece) => {
          const inner = /^\{(.+)\}$/.exec(piece);
          if (!inner) return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(inner[1] ?? '');
          return '(.+)';
        })
        .join('');
      const found = new RegExp(`^${source}$`).exec(value);
      names.forEach((name, index) => (pathParams[name] = found?.[index + 1] ?? ''));
      return found !== null;
    });
    if (fits) matches.push({ template, pathParams, rank });
  }
  return matches.sort((a, b) => (a.rank < b.rank ? 1 : a.rank > b.rank ? -1 : 0));
}

interface Resolved {
  operation?: SpecOperation;
  match?: TemplateMatch;
  problem?: string;
}

function resolveOperation(spec: PlexSpec, method: string, path: string): Resolved {
  const upper = method.toUpperCase();
  const matches = matchTemplates(spec, path);
  if (matches.length === 0) return { problem: `${upper} ${path}: no path of the spec matches` };
  for (const match of matches) {
    const operation = spec.byTemplate.get(match.template)?.get(upper);
    if (operation) return { operation, match };
  }
  const best = matches[0];
  const declared = [...(spec.byTemplate.get(best.template)?.keys() ?? [])].join(', ');
  return {
    match: best,
    problem: `${upper} ${path}: method ${upper} is not declared for ${best.template} (declared: ${declared || 'none'})`,
  };
}

/** The spec operation serving that request, if any. */
export function findOperation(spec: PlexSpec, method: string, path: string): SpecOperation | undefined {
  return resolveOperation(spec, method, path).operation;
}

/** The operationId serving that request, if any. */
export function operationFor(spec: PlexSpec, method: string, path: string): string | undefined {
  return findOperation(spec, method, path)?.operationId;
}

// ---------------------------------------------------------------------------------------------------------------
// Request check

/** Whether `name` is accepted by a query parameter declared as an object (deepObject or exploded form). */
function acceptedByObjectParameter(parameter: SpecParameter, name: string): boolean {
  if (parameter.in !== 'query' || !typesOf(parameter.schema).includes('object')) return false;
  if (parameter.style === 'deepObject') return name.startsWith(`${parameter.name}[`) && name.endsWith(']');
  if (parameter.explode === false) return false;
  const properties = parameter.schema.properties;
  const freeForm = !properties || (parameter.schema.additionalProperties ?? true) !== false;
  return freeForm || Object.hasOwn(properties, name);
}

/**
 * Problems of a request against the spec (empty array: it conforms): path and method, path parameter types,
 * undeclared query parameters (X-Plex-Token is always allowed: it is the security scheme), query value types,
 * BoolInt and enums, required query and header parameters (header names compared case-insensitively), token.
 */
export function checkRequest(spec: PlexSpec, request: RequestToCheck): string[] {
  const resolved = resolveOperation(spec, request.method, request.path);
  if (!resolved.operation || !resolved.match) return resolved.problem ? [resolved.problem] : [];
  const { operation, match } = resolved;
  const where = `${operation.method} ${request.path} (${operation.operationId ?? operation.template})`;
  const problems: string[] = [];
  const query = request.query ?? {};
  const headers = new Map(Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  const parameters = operation.parameters;

  for (const parameter of parameters.filter((candidate) => candidate.in === 'path')) {
    const value = match.pathParams[parameter.name];
    if (value === undefined) continue;
    problems.push(...valueProblems(parameter.schema, value, `${where}: path parameter ${parameter.name}`));
  }

  const declaredQuery = new Map(
    parameters.filter((parameter) => parameter.in === 'query').map((parameter) => [parameter.name, parameter]),
  );
  for (const [name, value] of Object.entries(query)) {
    if (name.toLowerCase() === TOKEN) continue;
    const parameter = declaredQuery.get(name);
    if (parameter && !typesOf(parameter.schema).includes('object')) {
      problems.push(...valueProblems(parameter.schema, value, `${where}: query parameter ${name}`));
    } else if (!parameter && !parameters.some((candidate) => acceptedByObjectParameter(candidate, name))) {
      problems.push(`${where}: query parameter '${name}' is not declared for this operation`);
    }
  }
  for (const parameter of declaredQuery.values()) {
    const viaObject = typesOf(parameter.schema).includes('object')
      ? Object.keys(query).some((name) => name.toLowerCase() !== TOKEN && acceptedByObjectParameter(parameter, name))
      : false;
    if (parameter.required && query[parameter.name] === undefined && !viaObject) {
      problems.push(`${where}: required query parameter '${parameter.name}' is missing`);
    }
  }

  for (const parameter of parameters.filter((candidate) => candidate.in === 'header')) {
    const value = headers.get(parameter.name.toLowerCase());
    if (value === undefined) {
      if (parameter.required) problems.push(`${where}: required header '${parameter.name}' is missing`);
      continue;
    }
    problems.push(...valueProblems(parameter.schema, value, `${where}: header ${parameter.name}`));
  }

  if (operation.needsToken) {
    const hasToken = headers.has(TOKEN) || Object.keys(query).some((name) => name.toLowerCase() === TOKEN);
    if (!hasToken) problems.push(`${where}: no X-Plex-Token (header or query) although the operation requires one`);
  }
  return problems;
}
