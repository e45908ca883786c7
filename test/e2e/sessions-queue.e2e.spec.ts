import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiError, Session } from '../helpers/session-types.js';
import { startStack, type Stack } from '../helpers/stack.js';

describe('moving through and changing the queue', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  // From its first episode: a season otherwise starts at the episode in progress, and the tests leave some in progress.
  const season = async () => (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '201', fromStart: true })).body;
  const call = (id: string, path: string, body?: unknown) => stack.api.post<Session>(`/api/v1/sessions/${id}${path}`, body);
  /** The queue as Plex has it now. */
  const plexQueue = (id: number) => stack.plex.playQueue(id)!;

  it('next and previous change the current item to Plex’s neighbouring queue items', async () => {
    const session = await season();
    const [first, second] = session.queue.items;
    const next = await call(session.id, '/next');
    assert.equal(next.status, 200);
    assert.equal(next.body.queue.selectedItemId, second.itemId);
    assert.equal(next.body.ratingKey, second.ratingKey);
    assert.equal(next.body.item.title, second.title);
    assert.equal(next.body.state, 'buffering');
    const previous = await call(session.id, '/previous');
    assert.equal(previous.body.queue.selectedItemId, first.itemId);
    const again = await call(session.id, '/previous');
    assert.equal(again.body.queue.selectedItemId, first.itemId, 'previous on the first item restarts it');
    assert.equal(again.body.positionMs, 0);
  });

  it('jump plays a given queue item; an item not in the queue answers 404', async () => {
    const session = await season();
    const third = session.queue.items[2];
    const jumped = await call(session.id, '/jump', { itemId: third.itemId });
    assert.equal(jumped.status, 200);
    assert.equal(jumped.body.queue.selectedItemId, third.itemId);
    const missing = await stack.api.post<ApiError>(`/api/v1/sessions/${session.id}/jump`, { itemId: 424242 });
    assert.equal(missing.status, 404);
    assert.match(missing.body.message, /itemId 424242 is not in this session's queue/);
  });

  it('next resumes the new item at its saved position', async () => {
    const session = await season();
    const second = session.queue.items[1];
    const other = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: second.ratingKey })).body;
    await call(other.id, '/progress', { state: 'paused', positionMs: 77_000 });
    await stack.api.delete(`/api/v1/sessions/${other.id}`);
    assert.equal((await call(session.id, '/next')).body.positionMs, 77_000);
  });

  it('past the end of the queue the session stops', async () => {
    const session = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '101' })).body;
    const next = await call(session.id, '/next');
    assert.equal(next.status, 200);
    assert.equal(next.body.state, 'stopped');
    assert.equal(next.body.endedReason, 'end-of-queue');
  });

  it('add, remove and move go to Plex, and the version and items are taken from its answers', async () => {
    const session = await season();
    const added = await call(session.id, '/queue', { ratingKey: '101', next: true });
    assert.equal(added.status, 200);
    let plex = plexQueue(session.queue.playQueueId);
    assert.equal(added.body.queue.version, plex.version);
    assert.ok(plex.version > session.queue.version);
    assert.deepEqual(added.body.queue.items.map((i) => i.itemId), plex.entries.map((e) => e.playQueueItemID));
    assert.equal(added.body.queue.items[1]?.ratingKey, '101', 'next: right after the current item');
    const addedAtEnd = await call(session.id, '/queue', { ratingKey: '102' });
    const movie = added.body.queue.items[1];
    const last = addedAtEnd.body.queue.items.at(-1)!;

    const moved = await call(session.id, `/queue/${movie.itemId}/move`, { afterItemId: last.itemId });
    plex = plexQueue(session.queue.playQueueId);
    assert.equal(moved.body.queue.version, plex.version);
    assert.equal(moved.body.queue.items.at(-1)?.itemId, movie.itemId);
    assert.equal(stack.plex.requestsTo('PUT', `/playQueues/${session.queue.playQueueId}/items/${movie.itemId}/move`).at(-1)?.query.after, String(last.itemId));

    const removed = await stack.api.delete<Session>(`/api/v1/sessions/${session.id}/queue/${movie.itemId}`);
    assert.equal(removed.status, 200);
    plex = plexQueue(session.queue.playQueueId);
    assert.equal(removed.body.queue.version, plex.version);
    assert.ok(!removed.body.queue.items.some((i) => i.itemId === movie.itemId));
  });

  it('adds "next" right after the session\'s current item even straight after a next', async () => {
    const session = await season();
    const moved = await call(session.id, '/next');
    const added = await call(session.id, '/queue', { ratingKey: '101', next: true });
    const ids = added.body.queue.items.map((i) => i.itemId);
    assert.equal(added.body.queue.items[ids.indexOf(moved.body.queue.selectedItemId) + 1]?.ratingKey, '101');
    assert.equal(added.body.queue.version, plexQueue(session.queue.playQueueId).version);
  });

  it('moves an item to the beginning without afterItemId', async () => {
    const session = await season();
    const third = session.queue.items[2];
    const moved = await call(session.id, `/queue/${third.itemId}/move`, {});
    assert.equal(moved.status, 200);
    assert.equal(moved.body.queue.items[0]?.itemId, third.itemId);
    assert.equal(moved.body.queue.selectedItemId, session.queue.selectedItemId, 'the current item stays');
  });

  it('refuses to remove the current item (409), an unknown item (404) and a media type the queue cannot hold (409)', async () => {
    const session = await season();
    assert.equal((await stack.api.delete(`/api/v1/sessions/${session.id}/queue/${session.queue.selectedItemId}`)).status, 409);
    assert.equal((await stack.api.delete(`/api/v1/sessions/${session.id}/queue/999999`)).status, 404);
    assert.equal((await stack.api.delete(`/api/v1/sessions/${session.id}/queue/abc`)).status, 400);
    const track = stack.plex.library.ofType('track')[0];
    assert.equal((await call(session.id, '/queue', { ratingKey: track.ratingKey })).status, 409);
    assert.equal((await call(session.id, '/queue', { ratingKey: '99999' })).status, 404);
  });

  it('shuffles and unshuffles through Plex, keeping the current item; refused once items were added', async () => {
    const session = await season();
    const shuffled = await call(session.id, '/queue/shuffle');
    assert.equal(shuffled.status, 200);
    assert.equal(shuffled.body.queue.version, plexQueue(session.queue.playQueueId).version);
    assert.equal(plexQueue(session.queue.playQueueId).shuffled, true);
    assert.equal(shuffled.body.queue.selectedItemId, session.queue.selectedItemId);
    const unshuffled = await call(session.id, '/queue/unshuffle');
    assert.deepEqual(unshuffled.body.queue.items.map((i) => i.itemId), session.queue.items.map((i) => i.itemId));
    await call(session.id, '/queue', { ratingKey: '101' });
    const refused = await stack.api.post<ApiError>(`/api/v1/sessions/${session.id}/queue/shuffle`);
    assert.equal(refused.status, 409);
    assert.match(refused.body.message, /Up Next/);
  });

  it('rebuilds a play queue Plex has forgotten, from the stored source at the current item, transparently', async () => {
    const session = await season();
    await call(session.id, '/next');
    const current = session.queue.items[1];
    stack.plex.faults.expirePlayQueue(session.queue.playQueueId);
    stack.plex.clearRequests();

    const next = await call(session.id, '/next');
    assert.equal(next.status, 200);
    assert.notEqual(next.body.queue.playQueueId, session.queue.playQueueId, 'a new queue');
    assert.equal(next.body.ratingKey, session.queue.items[2].ratingKey, 'the move happened on the new queue');
    const [rebuilt] = stack.plex.requestsTo('POST', '/playQueues');
    assert.equal(rebuilt?.query.uri, `server://${stack.plex.machineIdentifier}/com.plexapp.plugins.library/library/metadata/201`);
    assert.equal(rebuilt?.query.key, `/library/metadata/${current.ratingKey}`);
    const plex = plexQueue(next.body.queue.playQueueId);
    assert.equal(next.body.queue.version, plex.version);
    assert.deepEqual(next.body.queue.items.map((i) => i.itemId), plex.entries.map((e) => e.playQueueItemID));

    stack.plex.faults.expirePlayQueue(next.body.queue.playQueueId);
    const target = next.body.queue.items.at(-1)!;
    const moved = await call(session.id, `/queue/${target.itemId}/move`, {});
    assert.equal(moved.status, 200, 'a queue change on a forgotten queue works too');
    assert.equal(moved.body.queue.items[0]?.ratingKey, target.ratingKey);
  });
});
