import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reachedPlayedPoint } from '../../src/modules/timeline/played-state.service.js';
import type { PlayedAtBehaviour } from '../../src/modules/plex/plex.types.js';

const at = (positionMs: number, behaviour: PlayedAtBehaviour, creditsStartsMs?: number[]) =>
  reachedPlayedPoint({ positionMs, durationMs: 100_000, creditsStartsMs }, { videoPlayedThresholdPercent: 90, videoPlayedAtBehaviour: behaviour });

describe('where an item counts as played (LibraryVideoPlayedAtBehaviour)', () => {
  const credits = [80_000, 95_000];

  it('0: at the threshold only', () => {
    assert.deepEqual([at(85_000, 0, credits), at(90_000, 0, credits)], [false, true]);
  });

  it('1: at the final credits marker', () => {
    assert.deepEqual([at(92_000, 1, credits), at(95_000, 1, credits)], [false, true]);
  });

  it('2: at the first credits marker', () => {
    assert.deepEqual([at(79_999, 2, credits), at(80_000, 2, credits)], [false, true]);
  });

  it('3 (the default): the earlier of the threshold and the first credits marker', () => {
    assert.deepEqual([at(79_000, 3, credits), at(81_000, 3, credits), at(91_000, 3, [95_000]), at(89_000, 3, [95_000])], [false, true, true, false]);
  });

  it('the threshold when no credits marker is known, whatever the behaviour; never without a duration', () => {
    for (const behaviour of [0, 1, 2, 3] as const) assert.deepEqual([at(89_000, behaviour), at(90_000, behaviour, [])], [false, true]);
    assert.equal(reachedPlayedPoint({ positionMs: 5000, durationMs: null, creditsStartsMs: [1000] }, { videoPlayedThresholdPercent: 90, videoPlayedAtBehaviour: 2 }), false);
  });
});
