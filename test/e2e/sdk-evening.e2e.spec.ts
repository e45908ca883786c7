import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPlaybackClient, type ApiError, type PlaybackClient, type Session } from '../../sdk/typescript/src/index.js';
import { TEST_ADMIN_TOKEN } from '../helpers/household.js';
import { startStack, type Stack } from '../helpers/stack.js';

const DEVICE = 'tv-livingroom';

/** The answer's data, after checking the status (openapi-fetch gives `data` or `error`, never both). */
function ok<T>(result: { data?: T; error?: unknown; response: Response }, status = 200): T {
  assert.equal(result.response.status, status, `expected ${status}: ${JSON.stringify(result.error)}`);
  return result.data as T;
}

/** The error body, after checking the status. */
function failed(result: { error?: ApiError; response: Response }, status: number): ApiError {
  assert.equal(result.response.status, status);
  assert.ok(result.error, 'an error body');
  assert.equal(result.error.statusCode, status);
  return result.error;
}

/**
 * A whole evening on a TV, through the generated SDK only (no raw HTTP), against the real proxy process and the
 * Plex emulator; then what Plex received.
 */
describe('an evening through the TypeScript SDK', () => {
  let stack: Stack;
  let sdk: PlaybackClient;
  before(async () => {
    stack = await startStack();
    // The household's admin creates a profile for the evening's viewer, through the SDK too.
    const admin = createPlaybackClient({ baseUrl: stack.proxy.url, apiKey: TEST_ADMIN_TOKEN });
    const viewer = ok(await admin.POST('/api/v1/admin/profiles', { body: { name: 'Evening viewer' } }), 201);
    assert.equal(viewer.name, 'Evening viewer');
    sdk = createPlaybackClient({ baseUrl: stack.proxy.url, apiKey: viewer.apiKey, deviceId: DEVICE });
  });
  after(() => stack.close());

  it('plays an episode and the ones after it: play, pause, seek, next, add to the queue, stop, read progress', async () => {
    const created = ok(
      await sdk.POST('/api/v1/sessions', { params: { header: { 'X-Device-Id': DEVICE } }, body: { ratingKey: '211', continuous: true } }),
      201,
    );
    const id = { params: { path: { id: created.id } } };
    assert.equal(created.ratingKey, '211');
    assert.equal(created.state, 'buffering');
    assert.equal(created.deviceId, DEVICE);
    assert.equal(created.item.grandparentTitle, 'Northern Lights');
    assert.deepEqual(
      created.queue.items.map((i) => i.ratingKey),
      ['211', '212', '213', '221', '222', '223'],
      'continuous: the episodes after it',
    );
    const playQueueId = created.queue.playQueueId;

    const playing = ok(await sdk.POST('/api/v1/sessions/{id}/progress', { ...id, body: { state: 'playing', positionMs: 0 } }));
    assert.equal(playing.state, 'playing');

    const paused = ok(await sdk.POST('/api/v1/sessions/{id}/progress', { ...id, body: { state: 'paused', positionMs: 300_000 } }));
    assert.equal(paused.state, 'paused');
    assert.equal(paused.positionMs, 300_000);

    const sought = ok(await sdk.POST('/api/v1/sessions/{id}/progress', { ...id, body: { state: 'playing', positionMs: 900_000 } }));
    assert.equal(sought.state, 'playing');
    assert.ok(sought.positionMs >= 900_000 && sought.positionMs <= created.durationMs!, `after the seek: ${sought.positionMs}`);

    const added = ok(await sdk.POST('/api/v1/sessions/{id}/queue', { ...id, body: { ratingKey: '101', next: true } }));
    assert.deepEqual(
      added.queue.items.map((i) => i.ratingKey),
      ['211', '101', '212', '213', '221', '222', '223'],
      'a short film right after this episode',
    );
    assert.ok(added.queue.version > created.queue.version);

    const next = ok(await sdk.POST('/api/v1/sessions/{id}/next', id));
    assert.equal(next.ratingKey, '101');
    assert.equal(next.item.type, 'movie');
    assert.equal(next.queue.selectedItemId, added.queue.items[1].itemId);
    assert.equal(next.state, 'buffering');
    assert.equal(next.positionMs, 0, 'never played before');

    ok(await sdk.POST('/api/v1/sessions/{id}/progress', { ...id, body: { state: 'playing', positionMs: 60_000 } }));
    ok(await sdk.DELETE('/api/v1/sessions/{id}', id), 204);

    const ended = ok(await sdk.GET('/api/v1/sessions/{id}', id));
    assert.equal(ended.state, 'stopped');
    assert.equal(ended.endedReason, 'stopped');
    assert.ok(ended.endedAt);
    const listed = ok(await sdk.GET('/api/v1/sessions'));
    assert.ok(listed.some((s: Session) => s.id === created.id && s.endedAt !== undefined));

    const first = ok(await sdk.GET('/api/v1/progress/{ratingKey}', { params: { path: { ratingKey: '211' } } }));
    assert.ok(first.positionMs >= 900_000 && first.positionMs <= created.durationMs!, `211 saved where next left it: ${first.positionMs}`);
    assert.equal(first.watched, false);
    const second = ok(await sdk.GET('/api/v1/progress/{ratingKey}', { params: { path: { ratingKey: '101' } } }));
    assert.ok(second.positionMs >= 60_000 && second.positionMs <= next.durationMs!, `101 saved where it stopped: ${second.positionMs}`);

    // What Plex received: one play queue, made the way real clients make it, and the film added to it.
    const [made, ...others] = stack.plex.requestsTo('POST', '/playQueues');
    assert.equal(others.length, 0, 'no rebuilt queue');
    assert.equal(made.query.uri, `server://${stack.plex.machineIdentifier}/com.plexapp.plugins.library/library/metadata/211`);
    assert.equal(made.query.continuous, '1');
    assert.equal(made.query.type, 'video');
    assert.equal(made.headers['x-plex-token'], '[REDACTED]', 'the proxy holds the Plex token, not the client');
    const [add] = stack.plex.requestsTo('PUT', `/playQueues/${playQueueId}`);
    assert.equal(add?.query.uri, `server://${stack.plex.machineIdentifier}/com.plexapp.plugins.library/library/metadata/101`);
    assert.equal(add?.query.next, '1');
    const plexQueue = stack.plex.playQueue(playQueueId)!;
    assert.deepEqual(
      plexQueue.entries.map((e) => e.playQueueItemID),
      added.queue.items.map((i) => i.itemId),
    );
    assert.equal(plexQueue.version, added.queue.version);
  });

  it('gets typed errors with the shared error body', async () => {
    const anonymous = createPlaybackClient({ baseUrl: stack.proxy.url, deviceId: DEVICE });
    failed(await anonymous.GET('/api/v1/sessions'), 401);

    const missing = failed(await sdk.GET('/api/v1/sessions/{id}', { params: { path: { id: 'no-such-session' } } }), 404);
    assert.match(missing.message, /not found/);

    const created = ok(
      await sdk.POST('/api/v1/sessions', { params: { header: { 'X-Device-Id': DEVICE } }, body: { ratingKey: '102' } }),
      201,
    );
    const id = { params: { path: { id: created.id } } };
    const invalid = failed(await sdk.POST('/api/v1/sessions/{id}/progress', { ...id, body: { state: 'playing', positionMs: -1 } }), 400);
    assert.deepEqual(invalid.fields?.map((f) => f.field), ['positionMs']);
    ok(await sdk.DELETE('/api/v1/sessions/{id}', id), 204);
    const ended = failed(await sdk.POST('/api/v1/sessions/{id}/next', id), 409);
    assert.match(ended.message, /has ended/);
  });
});
