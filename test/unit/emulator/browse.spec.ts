import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startPlexEmulator, type PlexEmulator } from '../../../emulator/index.js';
import { pngSize } from '../../../emulator/png.js';
import { EmulatorClient } from './emulator-client.js';

type Meta = Record<string, unknown>;
const metadataOf = (json: { MediaContainer: Meta }) => (json.MediaContainer.Metadata ?? []) as Meta[];
const keysOf = (json: { MediaContainer: Meta }) => metadataOf(json).map((item) => item.ratingKey);

describe('Plex emulator: browse calls', () => {
  let emulator: PlexEmulator;
  let plex: EmulatorClient;
  before(async () => {
    emulator = await startPlexEmulator();
    plex = new EmulatorClient(emulator);
  });
  after(() => emulator.close());

  it('lists its three sections', async () => {
    const { json } = await plex.get('/library/sections/all');
    const directories = json.MediaContainer.Directory as Meta[];
    assert.deepEqual(
      directories.map((d) => [d.key, d.title, d.type]),
      [['1', 'Movies', 'movie'], ['2', 'TV Shows', 'show'], ['3', 'Music', 'artist']],
    );
  });

  it('pages a section of 256 movies in a stable order, with totals', async () => {
    const seen: unknown[] = [];
    for (let start = 0; ; start += 100) {
      const { status, json } = await plex.get('/library/sections/1/all', { 'X-Plex-Container-Start': start, 'X-Plex-Container-Size': 100, sort: 'year:desc,id' });
      assert.equal(status, 200);
      assert.equal(json.MediaContainer.totalSize, 256);
      assert.equal(json.MediaContainer.offset, start);
      const keys = keysOf(json);
      seen.push(...keys);
      if (keys.length < 100) break;
    }
    assert.equal(seen.length, 256);
    assert.equal(new Set(seen).size, 256);
    const years = (await plex.get('/library/sections/1/all', { sort: 'year:desc,id', 'X-Plex-Container-Size': 256 })).json;
    const list = metadataOf(years).map((item) => item.year as number);
    assert.deepEqual(list, [...list].sort((a, b) => b - a));
  });

  it('filters by genre and unwatched (per user), and by type', async () => {
    const drama = metadataOf((await plex.get('/library/sections/1/all', { genre: 'drama' })).json);
    assert.ok(drama.length > 20);
    assert.ok(drama.every((item) => (item.Genre as { tag: string }[]).some((genre) => genre.tag === 'Drama')));
    const adminUnwatched = (await plex.get('/library/sections/1/all', { unwatched: 1, 'X-Plex-Container-Size': 0 })).json.MediaContainer.totalSize as number;
    assert.ok(adminUnwatched < 256, 'the admin has watched some generated movies');
    const token = emulator.addUser('kid');
    const kidUnwatched = (await plex.as({ token }).get('/library/sections/1/all', { unwatched: 1, 'X-Plex-Container-Size': 0 })).json.MediaContainer.totalSize;
    assert.equal(kidUnwatched, 256, 'a new member has watched nothing');
    const episodes = (await plex.get('/library/sections/2/all', { type: 4, sort: 'addedAt:desc,id', 'X-Plex-Container-Size': 3 })).json;
    assert.deepEqual(keysOf(episodes), ['6123', '6122', '6121']);
    assert.equal((await plex.get('/library/sections/1/all', { sort: 'rating' })).status, 400);
  });

  it("lists a show's seasons (specials first) and a season's episodes, paged by headers", async () => {
    assert.deepEqual(keysOf((await plex.get('/library/metadata/600/children')).json), ['610', '611', '612']);
    const page = await plex.request('GET', '/library/metadata/611/allLeaves', {}, { 'X-Plex-Container-Start': '1', 'X-Plex-Container-Size': '2' });
    assert.deepEqual(keysOf(page.json), ['6112', '6113']);
    assert.equal(page.json.MediaContainer.totalSize, 4);
  });

  it("continues watching: a member's in-progress item and a show's next episode, newest first", async () => {
    const token = emulator.addUser('viewer');
    const viewer = plex.as({ token, clientIdentifier: 'tv-viewer' });
    await viewer.put('/:/scrobble', { identifier: 'com.plexapp.plugins.library', key: '211' });
    await viewer.timeline({ ratingKey: '102', key: '/library/metadata/102', state: 'stopped', time: 60_000, duration: 5_700_000 });
    const hub = (await viewer.get('/hubs/continueWatching')).json.MediaContainer.Hub as { Metadata: Meta[] }[];
    assert.deepEqual(hub[0]?.Metadata.map((item) => item.ratingKey), ['102', '212']);
    const other = (await plex.as({ token: emulator.addUser('other') }).get('/hubs/continueWatching')).json.MediaContainer.Hub as { Metadata: Meta[] }[];
    assert.deepEqual(other[0]?.Metadata, []);
  });

  it('searches titles, grouped by type', async () => {
    const hubs = (await plex.get('/hubs/search', { query: 'harbour' })).json.MediaContainer.Hub as { type: string; Metadata: Meta[] }[];
    assert.deepEqual(hubs.map((hub) => hub.type).sort(), ['album', 'movie', 'show', 'track']);
    assert.equal((await plex.get('/hubs/search')).status, 400);
  });

  it('transcodes artwork into real PNGs of the asked size (minSize covers the box, upscale=0 never grows)', async () => {
    const poster = (await plex.get('/library/metadata/101')).json;
    const url = metadataOf(poster)[0]?.thumb as string;
    const image = async (query: Record<string, string | number>) => {
      const response = await fetch(`${emulator.url}/photo/:/transcode?${String(new URLSearchParams({ url, ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) }))}`, {
        headers: { 'X-Plex-Token': emulator.token },
      });
      return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
    };
    const small = await image({ width: 240, height: 360, minSize: 1, upscale: 0 });
    assert.equal(small.status, 200);
    assert.equal(small.type, 'image/png');
    assert.deepEqual(pngSize(small.bytes), { width: 240, height: 360 });
    assert.deepEqual(pngSize((await image({ width: 300, height: 300, minSize: 1, upscale: 0 })).bytes), { width: 300, height: 450 });
    assert.deepEqual(pngSize((await image({ width: 4000, height: 4000, minSize: 1, upscale: 0 })).bytes), { width: 1000, height: 1500 });
    const stale = await fetch(`${emulator.url}/photo/:/transcode?url=${encodeURIComponent('/library/metadata/101/thumb/1')}`, { headers: { 'X-Plex-Token': emulator.token } });
    assert.equal(stale.status, 404);
  });

  it('hides sections not shared with a member: lists, metadata and artwork answer as for unknown items', async () => {
    const token = emulator.addUser('guest');
    emulator.shareSections('guest', [2]);
    const guest = plex.as({ token });
    const sections = (await guest.get('/library/sections/all')).json.MediaContainer.Directory as Meta[];
    assert.deepEqual(sections.map((section) => section.key), ['2']);
    assert.equal((await guest.get('/library/metadata/101')).status, 404);
    assert.equal((await guest.get('/library/sections/1/all')).status, 404);
    assert.equal((await guest.get('/photo/:/transcode', { url: '/library/metadata/101/thumb/1700000000' })).status, 404);
    emulator.shareSections('guest', undefined);
    assert.equal((await guest.get('/library/metadata/101')).status, 200);
  });
});
