// Makes a fresh clone runnable: installs dependencies when they are missing or stale, then builds and bundles.
// Plain Node with no dependencies, so that `npm start` and `npm test` work straight after `git clone`.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const run = (command) => execSync(command, { stdio: 'inherit' });
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);

const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || mtime('package-lock.json') > mtime(installed)) {
  console.log('[setup] installing dependencies (npm ci)…');
  run('npm ci --no-audit --no-fund');
}
run('npx --no-install nest build');
run('node scripts/bundle.mjs');
