// The rules playback follows, as plain functions: no app, no clock but the numbers given.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlaybackProgress } from '../../src/entities/playback-progress.entity.js';
import type { QueueItemSnapshot } from '../../src/entities/playback-session.entity.js';
import { cappedToDuration } from '../../src/modules/sessions/position.js';
import { mapQueueItemIds } from '../../src/modules/sessions/queue-id-mapping.js';
import { resumePointMs } from '../../src/modules/sessions/resume-point.js';
import { reachedThreshold } from '../../src/modules/timeline/played-state.service.js';
import { isNewsForPlex, SEEK_TOLERANCE_MS } from '../../src/modules/timeline/timeline-scheduler.service.js';

const saved = (positionMs: number, watched = false) => ({ positionMs, watched }) as PlaybackProgress;

describe('resume points', () => {
  it('start at the offset asked for, else the saved progress, else Plex’s resume point, else 0', () => {
    const plex = { viewOffsetMs: 30_000, viewCount: 0, durationMs: 600_000 };
    assert.equal(resumePointMs(plex, saved(90_000), 5_000), 5_000);
    assert.equal(resumePointMs(plex, saved(90_000)), 90_000);
    assert.equal(resumePointMs(plex, undefined), 30_000);
    assert.equal(resumePointMs({ viewCount: 0 }, undefined), 0);
  });

  it('start a watched item at 0, and never past the end', () => {
    assert.equal(resumePointMs({ viewOffsetMs: 30_000, viewCount: 1 }, saved(0, true)), 0);
    assert.equal(resumePointMs({ viewCount: 0, durationMs: 600_000 }, undefined, 900_000), 600_000);
    assert.equal(cappedToDuration(900_000, null), 900_000, 'no duration known: no cap');
  });
});

describe('the played threshold', () => {
  const item = (positionMs: number, durationMs: number | null = 1_000_000) => ({ positionMs, durationMs });

  it('counts an item left at or past it as watched, and not one left before it', () => {
    assert.equal(reachedThreshold(item(900_000), 90), true, 'exactly at the threshold');
    assert.equal(reachedThreshold(item(899_999), 90), false);
    assert.equal(reachedThreshold(item(850_000), 80), true, 'the server’s own threshold');
  });

  it('never without a known duration', () => {
    assert.equal(reachedThreshold(item(900_000, null), 90), false);
    assert.equal(reachedThreshold(item(900_000, 0), 90), false);
  });
});

describe('the seek tolerance', () => {
  it('reports a state change or a jump past the tolerance at once, and leaves drift to the periodic report', () => {
    const playingAt = (positionMs: number) => ({ state: 'playing', positionMs });
    assert.equal(isNewsForPlex('paused', 10_000, playingAt(10_000)), true, 'a state change');
    assert.equal(isNewsForPlex('playing', 10_000, playingAt(10_000 + SEEK_TOLERANCE_MS)), false, 'drift within the tolerance');
    assert.equal(isNewsForPlex('playing', 10_000, playingAt(10_000 + SEEK_TOLERANCE_MS + 1)), true, 'a seek forward');
    assert.equal(isNewsForPlex('playing', 10_000, playingAt(10_000 - SEEK_TOLERANCE_MS - 1)), true, 'a seek back');
  });
});

describe('mapping item ids onto a rebuilt queue', () => {
  const old = (itemId: number, ratingKey: string) => ({ itemId, ratingKey, title: ratingKey, type: 'track' }) as QueueItemSnapshot;
  const rebuilt = (playQueueItemId: number, ratingKey: string) => ({ playQueueItemId, ratingKey });

  it('maps by item and occurrence, and the current item onto the rebuilt one’s', () => {
    const mapId = mapQueueItemIds(
      [old(1, 'a'), old(2, 'b'), old(3, 'a'), old(4, 'added-by-hand')],
      [rebuilt(11, 'a'), rebuilt(12, 'b'), rebuilt(13, 'a')],
      { oldItemId: 2, newItemId: 12 },
    );
    assert.deepEqual([1, 2, 3].map(mapId), [11, 12, 13], 'the second "a" maps to the second "a"');
    assert.equal(mapId(4), 4, 'an item the rebuilt queue lacks keeps its id');
  });

  it('maps the current item even where the rebuilt queue repeats it elsewhere first', () => {
    const mapId = mapQueueItemIds([old(1, 'a'), old(2, 'a')], [rebuilt(21, 'a'), rebuilt(22, 'a')], { oldItemId: 2, newItemId: 21 });
    assert.equal(mapId(2), 21);
  });
});
