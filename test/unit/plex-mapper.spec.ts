import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toMetadataItem, toPlayQueue, toPreferences, toTimelineAnswer } from '../../src/modules/plex/plex.mapper.js';

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

  it("reads the played-at behaviour, Plex's default (3: the earlier of the threshold and the credits) when absent or unknown", () => {
    const behaviour = (value: unknown) =>
      toPreferences({ MediaContainer: { Setting: [{ id: 'LibraryVideoPlayedAtBehaviour', value }] } }).videoPlayedAtBehaviour;
    assert.deepEqual([behaviour(0), behaviour('1'), behaviour(2), behaviour(3), behaviour(7), behaviour('x')], [0, 1, 2, 3, 3, 3]);
    assert.equal(toPreferences({ MediaContainer: {} }).videoPlayedAtBehaviour, 3);
  });

  it('reads intro and credits markers (others and broken ones left out) and what tracks are', () => {
    const item = toMetadataItem({
      ratingKey: '7',
      Marker: [
        { type: 'intro', startTimeOffset: '1000', endTimeOffset: 2000 },
        { type: 'commercial', startTimeOffset: 5, endTimeOffset: 6 },
        { type: 'credits', startTimeOffset: 9000, endTimeOffset: 8000 },
        { type: 'credits', startTimeOffset: 9000, endTimeOffset: 10_000, final: true },
      ],
      Media: [{ Part: [{ id: 3, Stream: [{ id: 9, streamType: 3, codec: 'srt', key: '/library/streams/9', forced: '1', selected: true, title: 'Signs' }] }] }],
    });
    assert.deepEqual(item.markers, [
      { type: 'intro', startMs: 1000, endMs: 2000 },
      { type: 'credits', startMs: 9000, endMs: 10_000 },
    ]);
    const [track] = item.media[0].subtitleStreams;
    assert.deepEqual([track?.forced, track?.selected, track?.default, track?.key, track?.title], [true, true, false, '/library/streams/9', 'Signs']);
  });

  it('reads a termination from a timeline answer', () => {
    assert.deepEqual(toTimelineAnswer({ MediaContainer: { terminationCode: 2, terminationText: 'Admin stopped it' } }), {
      termination: { code: 2, text: 'Admin stopped it' },
    });
    assert.deepEqual(toTimelineAnswer({ MediaContainer: { size: 0 } }), {});
  });
});
