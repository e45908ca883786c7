import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../helpers/paths.js';

const MEMORY_PROFILE_JS = pathToFileURL(join(REPO_ROOT, 'dist/src/memory-profile.js')).href;

/** Applies the profile in a fresh process, churns through short-lived objects, and reads the young generation's size. */
function youngGenerationMb(nodeFlags: string[]): number {
  const script = `
    const { memoryProfile } = await import(${JSON.stringify(MEMORY_PROFILE_JS)});
    const { getHeapSpaceStatistics } = await import('node:v8');
    memoryProfile.beforeStart();
    let keep = [];
    for (let i = 0; i < 3_000_000; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 50_000) keep = []; }
    const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    console.log(young.space_size / 1048576);`;
  return Number(execFileSync(process.execPath, [...nodeFlags, '--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
}

describe('memory profile', () => {
  it('keeps the young generation small under allocation churn', () => {
    assert.ok(youngGenerationMb([]) <= 8, 'two semi-spaces of 4 MB at most');
  });

  it('leaves a size given on the command line alone', () => {
    assert.ok(youngGenerationMb(['--max-semi-space-size=32']) > 8);
  });
});
