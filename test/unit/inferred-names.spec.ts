import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { REPO_ROOT } from '../helpers/paths.js';

type Unwrap = (source: string) => { source: string; unwrapped: number };
const { unwrapInferredNames } = (await import(pathToFileURL(join(REPO_ROOT, 'scripts/inferred-names.mjs')).href)) as { unwrapInferredNames: Unwrap };

/** esbuild's keepNames helper, as the bundle has it. */
const HELPER = 'var __name = (target, value) => Object.defineProperty(target, "name", { value, configurable: true });\n';

/** Runs code that leaves what it found in `result`, and gives it. */
function run(code: string): unknown {
  return JSON.parse(runInNewContext(`${HELPER}${code}\nJSON.stringify(result);`) as string) as unknown;
}

/** The source with the wrappers taken back, checked to take back `count`, keep every line and change no name. */
function takenBack(lines: string[], count: number): string {
  const wrapped = lines.join('\n');
  const { source, unwrapped } = unwrapInferredNames(wrapped);
  assert.equal(unwrapped, count);
  assert.equal(source.split('\n').length, lines.length);
  assert.deepEqual(run(source), run(wrapped));
  return source;
}

describe('taking back keepNames wrappers that change no name (scripts/inferred-names.mjs)', () => {
  it('unwraps a function where V8 gives it the same name, and the names stay as they were', () => {
    const source = takenBack(
      [
        'const handler = /* @__PURE__ */ __name(() => 1, "handler");',
        'let later; later = __name(function () { return 2; }, "later");',
        'const meta = { type: __name(() => String, "type"), "quoted": __name(() => 3, "quoted") };',
        'const outer = __name(() => { const inner = __name(() => 4, "inner"); return inner; }, "outer");',
        'const result = [handler.name, later.name, meta.type.name, meta.quoted.name, outer.name, outer().name];',
      ],
      6,
    );
    assert.doesNotMatch(source, /__name\(/);
    assert.deepEqual(run(source), ['handler', 'later', 'type', 'quoted', 'outer', 'inner']);
  });

  it('keeps the wrappers that do name something or might: a renamed binding, an argument, a named function, a reassigned, redeclared or guarded declaration', () => {
    const source = takenBack(
      [
        'const handler2 = __name(() => 1, "handler");',
        'const list = [__name(() => 2, "element")];',
        'const named = __name(function own() { return 3; }, "named");',
        'function declared2() {} __name(declared2, "declared");',
        'function reassigned() {} __name(reassigned, "reassigned"); const keep = () => { reassigned = () => 4; };',
        'const inFunction = () => { function redeclared() {} __name(redeclared, "redeclared"); var redeclared = redeclared; };',
        'const outer = () => { function inner() {} if (!inner) __name(inner, "inner"); return inner; };',
        'const result = [handler2.name, list[0].name, named.name, declared2.name];',
      ],
      0,
    );
    assert.equal(source.match(/__name\(/g)?.length, 7);
    assert.deepEqual(run(source), ['handler', 'element', 'named', 'declared']);
  });

  it('takes back the statements that name a declared function with its own name, in every scope', () => {
    const source = takenBack(
      [
        'function declared() {} __name(declared, "declared");',
        'function outer(calls) {',
        '  function next() { return calls++; }',
        '  __name(next, "next");',
        '  switch (calls) { case 0: { function inBlock() {} __name(inBlock, "inBlock"); return [next.name, inBlock.name]; } }',
        '  return [next.name];',
        '}',
        '__name(outer, "outer");',
        'class Kept { static { __name(this, "Kept"); } }',
        'const result = [declared.name, outer.name, ...outer(0), Kept.name];',
      ],
      4,
    );
    assert.equal(source.match(/__name\(/g)?.length, 1);
    assert.deepEqual(run(source), ['declared', 'outer', 'next', 'inBlock', 'Kept']);
  });
});
