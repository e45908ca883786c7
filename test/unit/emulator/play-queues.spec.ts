import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startPlexEmulator } from '../../../emulator/index.js';
import type { PlexEmulator } from '../../../emulator/index.js';
import { EmulatorClient, itemIds, libraryUri, metadataOf, ratingKeys } from './emulator-client.js';

describe('Plex emulator: play queues', () => {
  let emulator: PlexEmulator;
  let plex: EmulatorClient;
  const allItemIds = new Set<number>();

  before(async () => {
    emulator = await startPlexEmulator();
    plex = new EmulatorClient(emulator);
  });
  after(() => emulator.close());

  function collect(container: Record<string, unknown>): void {
    for (const id of itemIds(container)) {
      assert.equal(typeof id, 'number');
      allItemIds.add(id);
    }
  }

  it('creates a queue from a movie: one item, version 1, selected', async () => {
    const queue = await plex.createQueue({ type: 'video', uri: libraryUri(emulator, '102') });
    collect(queue);
    assert.deepEqual(ratingKeys(queue), ['102']);
    assert.equal(queue.playQueueVersion, 1);
    assert.equal(queue.playQueueSelectedItemID, itemIds(queue)[0]);
    assert.equal(queue.playQueueSelectedItemOffset, 0);
    assert.equal(queue.playQueueSelectedMetadataItemID, 102);
    assert.equal(queue.playQueueTotalCount, 1);
    assert.equal(queue.playQueueShuffled, false);
    assert.equal(queue.playQueueSourceURI, libraryUri(emulator, '102'));
  });

  it('creates a queue from a show (all episodes), starting at key', async () => {
    const queue = await plex.createQueue({
      type: 'video',
      uri: libraryUri(emulator, '200'),
      key: '/library/metadata/212',
    });
    collect(queue);
    assert.deepEqual(ratingKeys(queue), ['211', '212', '213', '221', '222', '223']);
    assert.equal(queue.playQueueSelectedMetadataItemID, 212);
    assert.equal(queue.playQueueSelectedItemOffset, 1);
    const allLeaves = await plex.createQueue({ type: 'video', uri: libraryUri(emulator, '201', '/allLeaves') });
    assert.deepEqual(ratingKeys(allLeaves), ['211', '212', '213']);
    collect(allLeaves);
  });

  it('creates a continuous queue from an episode: it and the rest of the show', async () => {
    const queue = await plex.createQueue({ type: 'video', uri: libraryUri(emulator, '213'), continuous: 1 });
    collect(queue);
    assert.deepEqual(ratingKeys(queue), ['213', '221', '222', '223']);
    const single = await plex.createQueue({ type: 'video', uri: libraryUri(emulator, '213') });
    assert.deepEqual(ratingKeys(single), ['213']);
    collect(single);
  });

  it('creates a queue from a playlist and an audio queue from an album', async () => {
    const queue = await plex.createQueue({ type: 'video', playlistID: 400 });
    collect(queue);
    assert.deepEqual(ratingKeys(queue), ['101', '211', '104']);
    const album = await plex.createQueue({ type: 'audio', uri: libraryUri(emulator, '301') });
    assert.deepEqual(ratingKeys(album), ['311', '312', '313', '314']);
    collect(album);
    assert.equal((await plex.post('/playQueues', { type: 'audio', uri: libraryUri(emulator, '101') })).status, 400);
  });

  it('shuffles on creation, keeping the selected item first', async () => {
    const queue = await plex.createQueue({
      type: 'video',
      uri: libraryUri(emulator, '200'),
      key: '/library/metadata/222',
      shuffle: 1,
    });
    collect(queue);
    assert.equal(ratingKeys(queue)[0], '222');
    assert.deepEqual([...ratingKeys(queue)].sort(), ['211', '212', '213', '221', '222', '223']);
    assert.equal(queue.playQueueShuffled, true);
  });

  it('gives every queue item a server-wide unique id', () => {
    // 1 + 6 + 3 + 4 + 1 + 3 + 4 + 6 items were created above.
    assert.equal(allItemIds.size, 28);
  });

  it('bumps the version on every change, not on selection by timeline', async () => {
    const created = await plex.createQueue({ type: 'video', uri: libraryUri(emulator, '201') });
    const id = created.playQueueID as number;
    const [first, second, third] = itemIds(created) as [number, number, number];
    const path = `/playQueues/${id}`;
    const steps: [string, () => Promise<{ status: number; json: { MediaContainer: Record<string, unknown> } }>][] = [
      ['move', () => plex.put(`${path}/items/${third}/move`, { after: first })],
      ['move to start', () => plex.put(`${path}/items/${second}/move`)],
      ['shuffle', () => plex.put(`${path}/shuffle`)],
      ['unshuffle', () => plex.put(`${path}/unshuffle`)],
      ['reset', () => plex.put(`${path}/reset`)],
      ['add', () => plex.put(path, { uri: libraryUri(emulator, '101') })],
      ['delete item', () => plex.delete(`${path}/items/${first}`)],
      ['clear', () => plex.delete(`${path}/items`)],
    ];
    let version = 1;
    for (const [name, step] of steps) {
      const response = await step();
      assert.equal(response.status, 200, name);
      version++;
      assert.equal(response.json.MediaContainer.playQueueVersion, version, name);
      assert.equal(emulator.playQueue(id)?.version, version, name);
    }
    assert.equal(emulator.playQueue(id)?.entries.length, 0);
  });

  it('moves items and unshuffles back to the source order', async () => {
    const created = await plex.createQueue({ type: 'audio', uri: libraryUri(emulator, '301') });
    const id = created.playQueueID as number;
    const [a, b, c, d] = itemIds(created) as [number, number, number, number];
    let queue = (await plex.put(`/playQueues/${id}/items/${d}/move`, { after: a })).json.MediaContainer;
    assert.deepEqual(itemIds(queue), [a, d, b, c]);
    queue = (await plex.put(`/playQueues/${id}/items/${c}/move`)).json.MediaContainer;
    assert.deepEqual(itemIds(queue), [c, a, d, b]);
    queue = (await plex.put(`/playQueues/${id}/unshuffle`)).json.MediaContainer;
    assert.deepEqual(itemIds(queue), [a, b, c, d]);
    assert.equal((await plex.put(`/playQueues/${id}/items/${a}/move`, { after: 999999 })).status, 400);
    assert.equal((await plex.put(`/playQueues/${id}/items/999999/move`)).status, 404);
  });

  it('adds to Up Next: next=1 right after the current item, otherwise after the other added items', async () => {
    const created = await plex.createQueue({ type: 'video', uri: libraryUri(emulator, '201') });
    const id = created.playQueueID as number;
    let queue = (await plex.put(`/playQueues/${id}`, { uri: libraryUri(emulator, '101') })).json.MediaContainer;
    assert.deepEqual(ratingKeys(queue), ['211', '101', '212', '213']);
    assert.equal(queue.playQueueLastAddedItemID, String(itemIds(queue)[1]));
    queue = (await plex.put(`/playQueues/${id}`, { uri: libraryUri(emulator, '102') })).json.MediaContainer;
    assert.deepEqual(ratingKeys(queue), ['211', '101', '102', '212', '213']);
    queue = (await plex.put(`/playQueues/${id}`, { uri: libraryUri(emulator, '103'), next: 1 })).json.MediaContainer;
    assert.deepEqual(ratingKeys(queue), ['211', '103', '101', '102', '212', '213']);
    queue = (await plex.put(`/playQueues/${id}`, { uri: libraryUri(emulator, '104'), next: 1 })).json.MediaContainer;
    assert.deepEqual(ratingKeys(queue), ['211', '103', '104', '101', '102', '212', '213']);
    queue = (await plex.put(`/playQueues/${id}`, { playlistID: '400' })).json.MediaContainer;
    assert.deepEqual(ratingKeys(queue).slice(5, 8), ['101', '211', '104']);
  });

  it('refuses shuffle and unshuffle once the queue has an Up Next area', async () => {
    const created = await plex.createQueue({ type: 'video', uri: libraryUri(emulator, '200') });
    const id = created.playQueueID as number;
    assert.equal((await plex.put(`/playQueues/${id}/shuffle`)).status, 200);
    assert.equal((await plex.put(`/playQueues/${id}`, { uri: libraryUri(emulator, '101') })).status, 200);
    const refused = await plex.put(`/playQueues/${id}/shuffle`);
    assert.equal(refused.status, 400);
    assert.match(refused.text, /Up Next/);
    assert.equal((await plex.put(`/playQueues/${id}/unshuffle`)).status, 400);
    assert.equal(emulator.playQueue(id)?.version, 3);
  });

  it('selects the item named by a timeline report, without bumping the version', async () => {
    const created = await plex.createQueue({ type: 'video', uri: libraryUri(emulator, '201') });
    const id = created.playQueueID as number;
    const second = itemIds(created)[1];
    const report = await plex.timeline({
      ratingKey: '212',
      key: '/library/metadata/212',
      state: 'playing',
      time: 1000,
      duration: 1440000,
      playQueueItemID: second,
    });
    assert.equal(report.status, 200);
    const queue = (await plex.get(`/playQueues/${id}`)).json.MediaContainer;
    assert.equal(queue.playQueueSelectedItemID, second);
    assert.equal(queue.playQueueSelectedMetadataItemID, 212);
    assert.equal(queue.playQueueSelectedItemOffset, 1);
    assert.equal(queue.playQueueVersion, 1);
    assert.equal((await plex.put(`/playQueues/${id}/reset`)).json.MediaContainer.playQueueSelectedItemID, itemIds(created)[0]);
  });

  it('windows the queue around the center', async () => {
    const created = await plex.createQueue({ type: 'video', uri: libraryUri(emulator, '200'), key: '/library/metadata/221' });
    const id = created.playQueueID as number;
    const ids = itemIds(created);
    const windowed = (await plex.get(`/playQueues/${id}`, { window: 1 })).json.MediaContainer;
    assert.deepEqual(ratingKeys(windowed), ['213', '221', '222']);
    assert.equal(windowed.playQueueTotalCount, 6);
    const after = (await plex.get(`/playQueues/${id}`, { center: ids[1], includeBefore: 0 })).json.MediaContainer;
    assert.deepEqual(ratingKeys(after), ['213', '221', '222', '223']);
    assert.equal(metadataOf((await plex.get(`/playQueues/${id}`, { own: 1 })).json.MediaContainer).length, 6);
  });

  it('answers 404 for an unknown queue or item', async () => {
    assert.equal((await plex.get('/playQueues/987654')).status, 404);
    assert.equal((await plex.put('/playQueues/987654/shuffle')).status, 404);
    const created = await plex.createQueue({ type: 'video', uri: libraryUri(emulator, '101') });
    assert.equal((await plex.delete(`/playQueues/${created.playQueueID as number}/items/987654`)).status, 404);
  });
});
