import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Test files run from `dist/test/...`; the repo root is found from there. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The proxy as `npm start` runs it: what `nest build` compiled. */
export const MAIN_JS = join(REPO_ROOT, 'dist/src/main.js');

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'ppp-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
