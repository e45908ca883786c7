import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../helpers/paths.js';

const MEMORY_PROFILE_JS = pathToFileURL(join(REPO_ROOT, 'dist/src/memory-profile.js')).href;

/**
 * In a fresh process: churns through short-lived objects (V8 grows its young generation to 32 MB), applies the
 * profile, churns again, and gives the young generation's size in MB (8 or 16 once applied: V8 sizes it by
 * allocation rate, up to half its usual maximum).
 */
function youngGenerationMb(nodeFlags: string[]): number {
  const script = `
    const { favourMemoryOverSpeed } = await import(${JSON.stringify(MEMORY_PROFILE_JS)});
    const { getHeapSpaceStatistics } = await import('node:v8');
    const churn = () => {
      let kept = [];
      for (let i = 0; i < 3_000_000; i++) { kept.push({ i, s: 'x' + i }); if (kept.length > 50_000) kept = []; }
    };
    churn();
    favourMemoryOverSpeed();
    churn();
    churn();
    console.log(getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size / 1048576);`;
  return Number(execFileSync(process.execPath, [...nodeFlags, '--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
}

describe('memory profile', () => {
  it('shrinks the young generation once applied', () => {
    assert.ok(youngGenerationMb([]) <= 16);
  });

  it('leaves V8 alone when node was told otherwise', () => {
    assert.equal(youngGenerationMb(['--no-optimize-for-size']), 32);
  });
});
