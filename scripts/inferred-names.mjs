// Takes back the `__name(fn, "name")` wrappers of esbuild's keepNames where V8 would give the function that very
// name by itself (`const x = () => …`, `{ type: () => String }`, `x = function () {…}`), and the statements
// `__name(f, "f");` that follow a declaration `function f() {…}`. A wrapped function is anonymous to V8, so its
// `name` has to be redefined, and that gives it a map of its own: the progress endpoint spent ~6 % more CPU through
// hundreds of such functions. The statements change nothing but cost a call each time their scope runs (a dozen
// per request in Fastify's hook runners and body reader). Wrappers that do change a name (a class or a function
// esbuild renamed `X2`) stay.
import { parse } from 'acorn';

/** The name the ECMAScript NamedEvaluation rules give an anonymous function in this position, if any. */
function nameGivenBy(parent, node) {
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === node && parent.id.type === 'Identifier' ? parent.id.name : undefined;
    case 'AssignmentExpression':
      return parent.operator === '=' && parent.right === node && parent.left.type === 'Identifier' ? parent.left.name : undefined;
    case 'Property':
    case 'PropertyDefinition':
      if (parent.value !== node || parent.computed || parent.kind === 'get' || parent.kind === 'set') return undefined;
      return parent.key.type === 'Identifier' ? parent.key.name : parent.key.type === 'Literal' ? String(parent.key.value) : undefined;
    default:
      return undefined;
  }
}

function isAnonymousFunction(node) {
  return node.type === 'ArrowFunctionExpression' || ((node.type === 'FunctionExpression' || node.type === 'ClassExpression') && !node.id);
}

/** Whether a call is `__name(<identifier>, "<that identifier>")`: the identifier's name as the name, if so. */
function sameNameCall(node) {
  if (node?.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== '__name') return undefined;
  const [target, name] = node.arguments;
  return target?.type === 'Identifier' && name?.type === 'Literal' && target.name === name.value ? target.name : undefined;
}

const FUNCTION_SCOPES = new Set(['Program', 'FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'StaticBlock']);

/** The identifier a node assigns to (`x = …`, `x += …`, `x++`, `var x = …`, `for (x of …)`), if any. */
function assignedName(node, parent) {
  if (node.type === 'VariableDeclarator' && node.init && node.id.type === 'Identifier') return node.id.name;
  if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier') return node.left.name;
  if (node.type === 'UpdateExpression' && node.argument.type === 'Identifier') return node.argument.name;
  if ((parent?.type === 'ForInStatement' || parent?.type === 'ForOfStatement') && parent.left === node && node.type === 'Identifier') {
    return node.name;
  }
  return undefined;
}

/**
 * [start, end) of each wrapper to replace by [innerStart, innerEnd) of the function it wraps, in source order; a
 * statement taken back whole has an empty inner range. A `__name(f, "f");` statement is taken back only where its
 * statement list declares `function f` and nothing in the enclosing function assigns a name `f` (so the binding
 * still holds the declared function when the statement runs).
 */
function redundantWrappers(ast) {
  const found = [];
  /** Statements `__name(f, "f");` beside `function f`, with the names assigned in their function scope. */
  const statements = [];
  const scopes = [];
  const visit = (node, parent) => {
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === '__name') {
      const [fn, name] = node.arguments;
      if (fn && isAnonymousFunction(fn) && name?.type === 'Literal' && parent && nameGivenBy(parent, node) === name.value) {
        found.push({ start: node.start, end: node.end, innerStart: fn.start, innerEnd: fn.end });
      }
    }
    const assigned = assignedName(node, parent);
    if (assigned !== undefined) for (const scope of scopes) scope.add(assigned);
    const opensScope = FUNCTION_SCOPES.has(node.type);
    if (opensScope) scopes.push(new Set());
    const list = node.type === 'SwitchCase' ? node.consequent : Array.isArray(node.body) ? node.body : undefined;
    if (list) {
      const declared = new Set(list.filter((statement) => statement.type === 'FunctionDeclaration').map((statement) => statement.id.name));
      for (const statement of list) {
        const named = statement.type === 'ExpressionStatement' ? sameNameCall(statement.expression) : undefined;
        if (named !== undefined && declared.has(named)) statements.push({ statement, named, assignedInScope: scopes.at(-1) });
      }
    }
    for (const key in node) {
      const value = node[key];
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child.type === 'string') visit(child, node);
      } else if (value && typeof value.type === 'string') visit(value, node);
    }
    if (opensScope) scopes.pop();
  };
  visit(ast, null);
  for (const { statement, named, assignedInScope } of statements) {
    if (!assignedInScope?.has(named)) found.push({ start: statement.start, end: statement.end, innerStart: statement.start, innerEnd: statement.start });
  }
  return found.sort((a, b) => a.start - b.start);
}

export function unwrapInferredNames(source) {
  const wrappers = redundantWrappers(parse(source, { ecmaVersion: 'latest', sourceType: 'module' }));
  let next = 0;
  // Copies source[from, to), unwrapping the wrappers inside it (nested ones too: a wrapped function can hold more).
  const copy = (from, to) => {
    let text = '';
    let at = from;
    while (next < wrappers.length && wrappers[next].start < to) {
      const wrapper = wrappers[next++];
      text += source.slice(at, wrapper.start) + copy(wrapper.innerStart, wrapper.innerEnd);
      at = wrapper.end;
    }
    return text + source.slice(at, to);
  };
  return { source: copy(0, source.length), unwrapped: wrappers.length };
}
