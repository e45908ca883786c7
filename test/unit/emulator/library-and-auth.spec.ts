import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startPlexEmulator } from '../../../emulator/index.js';
import type { PlexEmulator } from '../../../emulator/index.js';
import { EmulatorClient, metadataOf, ratingKeys } from './emulator-client.js';

describe('Plex emulator: identity, auth, prefs and library', () => {
  let emulator: PlexEmulator;
  let plex: EmulatorClient;

  before(async () => {
    emulator = await startPlexEmulator({ machineIdentifier: 'a'.repeat(40) });
    plex = new EmulatorClient(emulator);
  });
  after(() => emulator.close());

  it('listens on a random port and exposes its url, token and machine identifier', () => {
    assert.ok(emulator.port > 0);
    assert.equal(emulator.url, `http://127.0.0.1:${emulator.port}`);
    assert.equal(emulator.token.length, 20);
    assert.equal(emulator.machineIdentifier, 'a'.repeat(40));
  });

  it('answers GET /identity without a token', async () => {
    const response = await plex.as({ token: null }).get('/identity');
    assert.equal(response.status, 200);
    assert.deepEqual(response.json.MediaContainer, {
      size: 0,
      claimed: true,
      machineIdentifier: emulator.machineIdentifier,
      version: response.json.MediaContainer.version,
    });
    assert.equal(typeof response.json.MediaContainer.version, 'string');
  });

  it('answers 401 to a missing or wrong token, and accepts the token as a query parameter', async () => {
    assert.equal((await plex.as({ token: 'wrong' }).get('/library/metadata/101')).status, 401);
    assert.equal((await plex.as({ token: null }).get('/library/metadata/101')).status, 401);
    const viaQuery = await plex.as({ token: null }).get('/library/metadata/101', { 'X-Plex-Token': emulator.token });
    assert.equal(viaQuery.status, 200);
    const recorded = emulator.requests.at(-1)!;
    assert.equal(recorded.query['X-Plex-Token'], '[REDACTED]');
    assert.equal(recorded.user, 'admin');
  });

  it('keeps /status/sessions for the admin: 403 for another user', async () => {
    const token = emulator.addUser('kid');
    assert.equal((await plex.as({ token }).get('/status/sessions')).status, 403);
    assert.equal((await plex.get('/status/sessions')).status, 200);
  });

  it('serves the preferences with the played threshold', async () => {
    emulator.setPref('LibraryVideoPlayedThreshold', 80);
    const settings = (await plex.get('/:/prefs')).json.MediaContainer.Setting as Record<string, unknown>[];
    const threshold = settings.find((setting) => setting.id === 'LibraryVideoPlayedThreshold');
    assert.equal(threshold?.value, 80);
    assert.equal(threshold?.type, 'int');
    assert.ok(settings.some((setting) => setting.id === 'LibraryVideoPlayedAtBehaviour'));
    emulator.setPref('LibraryVideoPlayedThreshold', 90);
  });

  it('has the demo library: 4+ movies, a show of 2 seasons, an album of 4+ tracks, a video playlist', () => {
    const { library } = emulator;
    assert.ok(library.ofType('movie').length >= 4);
    assert.deepEqual(library.children('200').map((season) => season.ratingKey), ['201', '202']);
    assert.ok(library.ofType('episode').length >= 6);
    assert.ok(library.ofType('track').length >= 4);
    assert.equal(library.playlists[0]?.playlistType, 'video');
    assert.equal(library.playlists[0]?.itemRatingKeys.length, 3);
  });

  it('serves metadata of one or several items, with media parts', async () => {
    const response = await plex.get('/library/metadata/101,211');
    assert.equal(response.status, 200);
    const [movie, episode] = metadataOf(response.json.MediaContainer);
    assert.equal(movie?.type, 'movie');
    assert.equal(movie?.key, '/library/metadata/101');
    const media = (movie?.Media as { Part: { key: string }[] }[])[0];
    assert.match(media.Part[0].key, /^\/library\/parts\/\d+\/\d+\/file\.ts$/);
    assert.equal(episode?.grandparentTitle, 'Northern Lights');
    assert.equal(episode?.parentIndex, 1);
    assert.equal(episode?.index, 1);
    assert.equal((await plex.get('/library/metadata/999999')).status, 404);
  });

  it('lists leaves: a show, a season, an album and an artist', async () => {
    const show = await plex.get('/library/metadata/200/allLeaves');
    assert.deepEqual(ratingKeys(show.json.MediaContainer), ['211', '212', '213', '221', '222', '223']);
    const season = await plex.get('/library/metadata/202/allLeaves');
    assert.deepEqual(ratingKeys(season.json.MediaContainer), ['221', '222', '223']);
    const album = await plex.get('/library/metadata/301/allLeaves');
    assert.deepEqual(ratingKeys(album.json.MediaContainer), ['311', '312', '313', '314']);
    const artist = await plex.get('/library/metadata/300/allLeaves');
    assert.equal(metadataOf(artist.json.MediaContainer).length, 4);
  });

  it('serves the playlist and its items', async () => {
    const playlist = metadataOf((await plex.get('/playlists/400')).json.MediaContainer)[0];
    assert.equal(playlist?.playlistType, 'video');
    assert.equal(playlist?.leafCount, 3);
    const items = await plex.get('/playlists/400/items');
    assert.deepEqual(ratingKeys(items.json.MediaContainer), ['101', '211', '104']);
    assert.equal((await plex.get('/playlists/401')).status, 404);
  });

  it('answers 404 to unknown paths', async () => {
    assert.equal((await plex.get('/library/nothing/here')).status, 404);
  });
});
