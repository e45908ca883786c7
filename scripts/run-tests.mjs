// Runs every compiled test file with Node's own test runner.
// Usage: node scripts/run-tests.mjs [unit|e2e|conformance ...]   (default: all kinds)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const kinds = process.argv.slice(2);
const roots = (kinds.length > 0 ? kinds : ['unit', 'conformance', 'e2e']).map((kind) => join('dist', 'test', kind));

function specFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return specFiles(path);
    return name.endsWith('.spec.js') ? [path] : [];
  });
}

const files = roots.flatMap(specFiles).sort();
if (files.length === 0) {
  console.error(`no test files found under ${roots.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
