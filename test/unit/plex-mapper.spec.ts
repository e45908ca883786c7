import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toPlayQueue, toPreferences, toTimelineAnswer } from '../../src/modules/plex/plex.mapper.js';

describe('Plex answer mapping', () => {
  it('reads a play queue whose numbers arrive as strings or numbers', () => {
    const queue = toPlayQueue({
      MediaContainer: {
        playQueueID: '42',
        playQueueVersion: 3,
        playQueueSelectedItemID: '1002',
        playQueueShuffled: false,
        playQueueTotalCount: 2,
        Metadata: [
          { ratingKey: 10, title: 'A', type: 'episode', duration: '1000', playQueueItemID: 1001 },
          { ratingKey: '11', title: 'B', type: 'episode', duration: 2000, playQueueItemID: '1002' },
        ],
      },
    });
    assert.equal(queue.id, 42);
    assert.equal(queue.version, 3);
    assert.equal(queue.selectedItemId, 1002);
    assert.deepEqual(
      queue.items.map((i) => [i.ratingKey, i.playQueueItemId, i.durationMs]),
      [
        ['10', 1001, 1000],
        ['11', 1002, 2000],
      ],
    );
  });

  it('refuses a play queue answer without id or version', () => {
    assert.throws(() => toPlayQueue({ MediaContainer: { playQueueID: 1 } }), /playQueueVersion/);
  });

  it('reads the played threshold, 90% when absent or nonsense', () => {
    assert.equal(toPreferences({ MediaContainer: { Setting: [{ id: 'LibraryVideoPlayedThreshold', value: '85' }] } }).videoPlayedThresholdPercent, 85);
    assert.equal(toPreferences({ MediaContainer: {} }).videoPlayedThresholdPercent, 90);
    assert.equal(toPreferences({ MediaContainer: { Setting: [{ id: 'LibraryVideoPlayedThreshold', value: 0 }] } }).videoPlayedThresholdPercent, 90);
  });

  it('reads a termination from a timeline answer', () => {
    assert.deepEqual(toTimelineAnswer({ MediaContainer: { terminationCode: 2, terminationText: 'Admin stopped it' } }), {
      termination: { code: 2, text: 'Admin stopped it' },
    });
    assert.deepEqual(toTimelineAnswer({ MediaContainer: { size: 0 } }), {});
  });
});
