// Makes a fresh clone runnable: checks the Node version, installs dependencies when they are missing or stale,
// rebuilds the native addons when another Node (ABI) installed them, then builds.
// Plain Node with no dependencies, so that `npm start` and `npm test` work straight after `git clone`.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';

const NEEDED = [22, 12];
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < NEEDED[0] || (major === NEEDED[0] && minor < NEEDED[1])) {
  console.error(`plex-playback-proxy needs Node.js ${NEEDED.join('.')} or newer; this is Node.js ${process.versions.node}.`);
  process.exit(1);
}

const run = (command) => execSync(command, { stdio: 'inherit' });
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);

const installed = 'node_modules/.package-lock.json';
// The ABI (process.versions.modules) native addons in node_modules were built for.
const builtFor = 'node_modules/.node-abi';
if (!existsSync(installed) || mtime('package-lock.json') > mtime(installed)) {
  console.log('[setup] installing dependencies (npm ci)…');
  run('npm ci --no-audit --no-fund');
  writeFileSync(builtFor, process.versions.modules);
} else if (!existsSync(builtFor) || readFileSync(builtFor, 'utf8').trim() !== process.versions.modules) {
  console.log(`[setup] node_modules was installed by another Node.js; rebuilding native addons for ${process.versions.node}…`);
  run('npm rebuild --no-audit --no-fund');
  writeFileSync(builtFor, process.versions.modules);
}
run('npx --no-install nest build');
