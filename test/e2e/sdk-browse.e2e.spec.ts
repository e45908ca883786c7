import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPlaybackClient, type PlaybackClient } from '../../sdk/typescript/src/index.js';
import { TEST_ADMIN_TOKEN } from '../helpers/household.js';
import { startStack, type Stack } from '../helpers/stack.js';

const DEVICE = 'tv-bedroom';

/** The answer's data, after checking the status. */
function ok<T>(result: { data?: T; error?: unknown; response: Response }, status = 200): T {
  assert.equal(result.response.status, status, `expected ${status}: ${JSON.stringify(result.error)}`);
  return result.data as T;
}

/**
 * A TV finding what to play through the proxy alone, with the generated SDK only (no raw HTTP): home → library →
 * show → season → episode → session → play → stop → home shows it in Continue watching.
 */
describe('a TV browses to an episode and back through the TypeScript SDK', () => {
  let stack: Stack;
  let sdk: PlaybackClient;
  before(async () => {
    stack = await startStack();
    const admin = createPlaybackClient({ baseUrl: stack.proxy.url, apiKey: TEST_ADMIN_TOKEN });
    const plexToken = stack.plex.addUser('viewer');
    const viewer = ok(await admin.POST('/api/v1/admin/profiles', { body: { name: 'Viewer', plexToken } }), 201);
    sdk = createPlaybackClient({ baseUrl: stack.proxy.url, apiKey: viewer.apiKey, deviceId: DEVICE });
  });
  after(() => stack.close());

  it('walks home, a library, a show, a season and an episode, plays it, and finds it on the home screen', async () => {
    const home = ok(await sdk.GET('/api/v1/home'));
    assert.deepEqual(home.continueWatching, [], 'a new viewer has nothing in progress');
    const shows = home.recentlyAdded.find((row) => row.library.title === 'TV Shows');
    assert.ok(shows, 'a row of the TV library');

    // The TV library, a page at a time, until the show.
    const libraries = ok(await sdk.GET('/api/v1/libraries'));
    const tv = libraries.find((library) => library.type === 'show');
    assert.ok(tv);
    let cursor: string | undefined;
    let showKey: string | undefined;
    do {
      const page = ok(await sdk.GET('/api/v1/libraries/{id}/items', { params: { path: { id: tv.id }, query: { sort: 'title', limit: 1, cursor } } }));
      showKey ??= page.items.find((card) => card.title === 'Northern Lights')?.ratingKey;
      cursor = page.nextCursor ?? undefined;
    } while (cursor && !showKey);
    assert.equal(showKey, '200');

    const show = ok(await sdk.GET('/api/v1/items/{ratingKey}', { params: { path: { ratingKey: showKey } } }));
    assert.equal(show.nextUp?.ratingKey, '211');
    const season = show.seasons?.find((card) => card.index === 2);
    assert.ok(season);
    const seasonDetail = ok(await sdk.GET('/api/v1/items/{ratingKey}', { params: { path: { ratingKey: season.ratingKey } } }));
    const episode = seasonDetail.children?.items[1];
    assert.equal(episode?.title, 'Episode 2 of season 2');
    const detail = ok(await sdk.GET('/api/v1/items/{ratingKey}', { params: { path: { ratingKey: episode.ratingKey } } }));
    assert.equal(detail.showTitle, 'Northern Lights');
    assert.ok(detail.media?.audioTracks.length);

    const session = ok(
      await sdk.POST('/api/v1/sessions', { params: { header: { 'X-Device-Id': DEVICE } }, body: { ratingKey: detail.ratingKey } }),
      201,
    );
    const id = { params: { path: { id: session.id } } };
    ok(await sdk.POST('/api/v1/sessions/{id}/progress', { ...id, body: { state: 'playing', positionMs: 0 } }));
    ok(await sdk.POST('/api/v1/sessions/{id}/progress', { ...id, body: { state: 'stopped', positionMs: 420_000 } }));

    const after = ok(await sdk.GET('/api/v1/home'));
    const resume = after.continueWatching[0];
    assert.equal(resume?.ratingKey, detail.ratingKey);
    assert.equal(resume?.reason, 'resume');
    assert.equal(resume?.progress.positionMs, 420_000);
    assert.ok(resume?.images.poster?.startsWith(stack.proxy.url));
    const showAgain = ok(await sdk.GET('/api/v1/items/{ratingKey}', { params: { path: { ratingKey: showKey } } }));
    assert.equal(showAgain.nextUp?.ratingKey, detail.ratingKey, 'the show goes on where it was left');
  });
});
