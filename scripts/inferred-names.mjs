// Takes back the `__name(fn, "name")` wrappers of esbuild's keepNames where V8 would give the function that very
// name by itself (`const x = () => …`, `{ type: () => String }`, `x = function () {…}`). A wrapped function is
// anonymous to V8, so its `name` has to be redefined, and that gives it a map of its own: the progress endpoint
// spent ~6 % more CPU through hundreds of such functions. Wrappers that do change a name (a class or a function
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

/** [start, end) of each wrapper to replace by [innerStart, innerEnd) of the function it wraps, in source order. */
function redundantWrappers(ast) {
  const found = [];
  const visit = (node, parent) => {
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === '__name') {
      const [fn, name] = node.arguments;
      if (fn && isAnonymousFunction(fn) && name?.type === 'Literal' && parent && nameGivenBy(parent, node) === name.value) {
        found.push({ start: node.start, end: node.end, innerStart: fn.start, innerEnd: fn.end });
      }
    }
    for (const key in node) {
      const value = node[key];
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child.type === 'string') visit(child, node);
      } else if (value && typeof value.type === 'string') visit(value, node);
    }
  };
  visit(ast, null);
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
