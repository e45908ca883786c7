// Bundles the compiled proxy (dist/src/main.js) and its dependencies into one ES module, dist/bundle/proxy.mjs,
// which is what `npm start` runs. Node 20 spends most of a start reading, resolving and linking ~2,000 module
// files one by one (the ESM of NestJS and es-toolkit above all); one file starts in about half the time.
// Runs after `nest build` (scripts/setup.mjs); node_modules stays beside it for the packages left outside.
import { build } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import { unwrapInferredNames } from './inferred-names.mjs';

const BUNDLE = 'dist/bundle/proxy.mjs';

/**
 * Left outside, loaded from node_modules when used: a native addon, the PostgreSQL driver (only with a
 * postgres DATABASE_URL), a file that finds its folder from __dirname, and the optional packages NestJS
 * tries that are not installed.
 */
const EXTERNAL = [
  'better-sqlite3',
  'pg',
  'swagger-ui-dist/absolute-path.js',
  'class-transformer/storage',
  '@fastify/multipart',
  '@fastify/view',
  '@nestjs/microservices',
  '@nestjs/microservices/*',
  '@nestjs/platform-express',
  '@nestjs/websockets/*',
];

/**
 * Some NestJS packages load their peers through `createRequire(import.meta.url)`, which esbuild cannot follow:
 * in a bundle that loads a second copy from node_modules (other classes, other DI tokens). Their `require` is
 * made the bundle's own, so esbuild sees the literal names and links the one copy.
 */
const ONE_COPY_OF_EACH_PACKAGE = {
  name: 'one-copy-of-each-package',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]node_modules[\\/]@nestjs[\\/].*\.js$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      if (!text.includes('createRequire(import.meta.url)')) return undefined;
      const contents = text.replace(
        /\b(const|let|var)\s+(\w+)\s*=\s*createRequire\(import\.meta\.url\);?/g,
        (_, kind, name) => (name === 'require' ? '' : `${kind} ${name} = require;`),
      );
      return { contents, loader: 'js' };
    });
  },
};

/** CommonJS modules bundled into ES module output call `require` for Node's built-ins. */
const BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * esbuild leaves non-ASCII characters in regular expression literals (validator's alphabets), and one such
 * character makes V8 hold the whole multi-megabyte source as a two-byte string. `\uXXXX` means the same code
 * unit in strings, templates, identifiers and regular expressions.
 */
function asciiOnly(source) {
  return source.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * keepNames wraps every named function and class in `__name(fn, "name")` (classes: `static { __name(this, "X") }`),
 * and esbuild's helper redefines `name` each time. A function whose `name` is redefined gets a map of its own: through
 * hundreds of them the progress endpoint spent a third more CPU per call. Wrappers that change nothing are taken
 * back (inferred-names.mjs), and the helper redefines only a name that differs (a class esbuild renamed `X2`).
 */
const SET_NAME = 'var __name = (target, value) => __defProp(target, "name", { value, configurable: true });';
const SET_NAME_IF_DIFFERENT =
  'var __name = (target, value) => (target.name === value ? target : __defProp(target, "name", { value, configurable: true }));';

function renameOnlyWhereNeeded(source) {
  if (source.split(SET_NAME).length !== 2) throw new Error(`esbuild's __name helper is not the one expected: ${SET_NAME}`);
  return source.replace(SET_NAME, SET_NAME_IF_DIFFERENT);
}

await build({
  entryPoints: ['dist/src/main.js'],
  outfile: BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Class names are seen: NestJS logs them, Swagger names schemas after DTOs. Without this esbuild renames the
  // classes TypeScript decorates (`let X = class X2`).
  keepNames: true,
  external: EXTERNAL,
  banner: { js: BANNER },
  plugins: [ONE_COPY_OF_EACH_PACKAGE],
  // Maps back to the TypeScript sources through dist's own maps, for `node --enable-source-maps`.
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  // The Swagger CLI plugin writes `enum` twice into DTO metadata; our own sources are linted for duplicate keys.
  logOverride: { 'duplicate-object-key': 'silent' },
});
const built = await readFile(BUNDLE, 'utf8');
const { source, unwrapped } = unwrapInferredNames(built);
const lines = (text) => text.split('\n').length;
// The source map esbuild wrote still fits while every line stays where it was (only columns move).
if (lines(source) !== lines(built)) throw new Error('taking back name wrappers moved lines: the source map would no longer fit');
await writeFile(BUNDLE, renameOnlyWhereNeeded(asciiOnly(source)));
console.log(`[bundle] ${BUNDLE}: ${(source.length / 1048576).toFixed(1)} MB, ${unwrapped} name wrappers taken back`);
