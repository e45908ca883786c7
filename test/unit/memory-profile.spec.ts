import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  MEMORY_FIRST_FROM_SESSIONS,
  MemoryProfile,
  SPEED_FIRST_BELOW_SESSIONS,
} from '../../src/modules/runtime/memory-profile.js';
import { MemoryProfileService } from '../../src/modules/runtime/memory-profile.service.js';
import type { SessionRepository } from '../../src/modules/sessions/session.repository.js';
import { REPO_ROOT } from '../helpers/paths.js';

/** Churns after each change of profile: at least 2, and up to this many while V8 has not resized yet. */
const CHURN_ROUNDS = 8;
const MEMORY_PROFILE_JS = pathToFileURL(join(REPO_ROOT, 'dist/src/modules/runtime/memory-profile.js')).href;

/**
 * In a fresh process: churns through short-lived objects (V8 grows its young generation to 32 MB), then for each
 * session count given adjusts the profile and records the young generation's size in MB (8 or 16 while memory is
 * favoured: V8 sizes it by allocation rate, up to half its usual maximum). V8 resizes it only as collections go by,
 * and how soon depends on how busy the machine is: it churns until the size is the one `expectMb` allows, at most
 * CHURN_ROUNDS times, so a size that never comes shows as the last one seen.
 */
function youngGenerationMb(nodeFlags: string[], steps: { sessions: number; expectMb: 'at most 16' | '32' }[]): number[] {
  const script = `
    const { MemoryProfile } = await import(${JSON.stringify(MEMORY_PROFILE_JS)});
    const { getHeapSpaceStatistics } = await import('node:v8');
    const churn = () => {
      let kept = [];
      for (let i = 0; i < 3_000_000; i++) { kept.push({ i, s: 'x' + i }); if (kept.length > 50_000) kept = []; }
    };
    const youngMb = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size / 1048576;
    const profile = new MemoryProfile();
    churn();
    const sizes = [];
    for (const { sessions, expectMb } of ${JSON.stringify(steps)}) {
      profile.adjust(sessions);
      const reached = () => (expectMb === '32' ? youngMb() === 32 : youngMb() <= 16);
      for (let round = 0; round < ${CHURN_ROUNDS} && !(round >= 2 && reached()); round++) churn();
      sizes.push(youngMb());
    }
    console.log(JSON.stringify(sizes));`;
  return JSON.parse(execFileSync(process.execPath, [...nodeFlags, '--input-type=module', '-e', script], { encoding: 'utf8' })) as number[];
}

describe('memory profile', () => {
  it('favours memory from thousands of active sessions and speed again below the lower mark', () => {
    const flags: string[] = [];
    const profile = new MemoryProfile([], (flag) => flags.push(flag));
    const changes = [0, 10, MEMORY_FIRST_FROM_SESSIONS - 1, MEMORY_FIRST_FROM_SESSIONS, 5_000, SPEED_FIRST_BELOW_SESSIONS, SPEED_FIRST_BELOW_SESSIONS - 1, 3].map(
      (activeSessions) => profile.adjust(activeSessions),
    );
    assert.deepEqual(changes, [undefined, undefined, undefined, 'memory', undefined, undefined, 'speed', undefined]);
    assert.deepEqual(flags, ['--optimize-for-size', '--no-optimize-for-size']);
    assert.equal(profile.favours, 'speed');
  });

  it('follows the number of active sessions at each check', () => {
    const sessions = { activeCount: 3 };
    const service = new MemoryProfileService(sessions as SessionRepository);
    const flags: string[] = [];
    Object.defineProperty(service, 'profile', { value: new MemoryProfile([], (flag) => flags.push(flag)) });
    service.adjust();
    sessions.activeCount = MEMORY_FIRST_FROM_SESSIONS;
    service.adjust();
    assert.equal(service.profile.favours, 'memory');
    sessions.activeCount = SPEED_FIRST_BELOW_SESSIONS - 1;
    service.adjust();
    assert.equal(service.profile.favours, 'speed');
    assert.deepEqual(flags, ['--optimize-for-size', '--no-optimize-for-size']);
  });

  it('leaves V8 alone when node was told on its command line', () => {
    for (const arg of ['--optimize-for-size', '--no-optimize-for-size', '--optimize_for_size']) {
      const flags: string[] = [];
      const profile = new MemoryProfile([arg], (flag) => flags.push(flag));
      assert.equal(profile.adjust(50_000), undefined);
      assert.deepEqual(flags, [], arg);
    }
  });

  it('shrinks the young generation while memory is favoured, and lets it grow back after', () => {
    const [few, many, fewAgain] = youngGenerationMb([], [
      { sessions: 10, expectMb: '32' },
      { sessions: MEMORY_FIRST_FROM_SESSIONS, expectMb: 'at most 16' },
      { sessions: 10, expectMb: '32' },
    ]);
    assert.equal(few, 32);
    assert.ok(many <= 16, `young generation ${many} MB with ${MEMORY_FIRST_FROM_SESSIONS} sessions`);
    assert.equal(fewAgain, 32);
  });

  it('keeps V8 as node was told on its command line', () => {
    assert.deepEqual(youngGenerationMb(['--no-optimize-for-size'], [{ sessions: MEMORY_FIRST_FROM_SESSIONS, expectMb: 'at most 16' }]), [32]);
  });
});
