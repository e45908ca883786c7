import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PlexEmulator, startPlexEmulator } from '../../../emulator/index.js';
import { EmulatorClient, libraryUri, ratingKeys } from './emulator-client.js';

describe('Plex emulator: the long show (longShowEpisodes)', () => {
  let emulator: PlexEmulator;
  let plex: EmulatorClient;

  before(async () => {
    emulator = await startPlexEmulator({ longShowEpisodes: 45 });
    plex = new EmulatorClient(emulator);
  });
  after(() => emulator.close());

  it('adds show 500 with that many episodes in seasons of 20, numbered in order', () => {
    const show = emulator.library.get('500');
    assert.equal(show?.title, 'The Long Run');
    assert.equal(show.leafCount, 45);
    assert.deepEqual(
      emulator.library.children('500').map((season) => [season.ratingKey, season.index, season.leafCount]),
      [['501', 1, 20], ['502', 2, 20], ['503', 3, 5]],
    );
    const episodes = emulator.library.leaves('500');
    assert.equal(episodes.length, 45);
    assert.deepEqual(episodes.slice(19, 22).map((episode) => episode.ratingKey), ['50120', '50201', '50202']);
    const last = episodes.at(-1)!;
    assert.deepEqual([last.ratingKey, last.title, last.grandparentTitle, last.parentRatingKey], ['50305', 'Episode 5 of season 3', 'The Long Run', '503']);
    assert.equal(new Set(episodes.map((episode) => episode.Media?.[0]?.Part[0]?.id)).size, 45, 'each episode has its own part');
  });

  it('plays it as a continuous queue from an episode to the end', async () => {
    const queue = await plex.createQueue({ type: 'video', uri: libraryUri(emulator, '50120'), continuous: 1 });
    assert.equal(ratingKeys(queue).length, 26);
    assert.deepEqual(ratingKeys(queue).slice(0, 2), ['50120', '50201']);
    assert.equal(queue.playQueueTotalCount, 26);
  });

  it('is not in the default library, and refuses a size it cannot number', async () => {
    const plain = await startPlexEmulator();
    try {
      assert.equal(plain.library.get('500'), undefined);
      assert.deepEqual(plain.library.ofType('show').map((show) => show.ratingKey), ['200', '600']);
    } finally {
      await plain.close();
    }
    assert.throws(() => new PlexEmulator({ longShowEpisodes: 1981 }), /longShowEpisodes must be an integer from 0 to 1980, got 1981/);
    assert.throws(() => new PlexEmulator({ longShowEpisodes: 2.5 }), /longShowEpisodes/);
  });
});
