import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startPlexEmulator } from '../../../emulator/index.js';
import type { PlexEmulator } from '../../../emulator/index.js';
import { EmulatorClient, metadataOf } from './emulator-client.js';

const MOVIE = '102'; // 95 minutes
const DURATION = 95 * 60_000;

function report(ratingKey: string, state: string, time: number, extra: Record<string, string | number> = {}) {
  return { ratingKey, key: `/library/metadata/${ratingKey}`, state, time, duration: DURATION, ...extra };
}

describe('Plex emulator: timeline, sessions and played state', () => {
  let emulator: PlexEmulator;
  let plex: EmulatorClient;

  before(async () => {
    emulator = await startPlexEmulator();
    plex = new EmulatorClient(emulator);
  });
  after(() => emulator.close());
  beforeEach(async () => {
    await plex.put('/:/unscrobble', { identifier: 'com.plexapp.plugins.library', key: MOVIE });
    emulator.setPref('LibraryVideoPlayedThreshold', 90);
  });

  it('records the resume point and shows a live session to the admin', async () => {
    const tv = plex.as({ clientIdentifier: 'living-room-tv', sessionIdentifier: 'playback-1' });
    assert.equal((await tv.timeline(report(MOVIE, 'playing', 60_000))).status, 200);
    assert.equal(emulator.item(MOVIE)?.viewOffset, 60_000);
    const sessions = metadataOf((await plex.get('/status/sessions')).json.MediaContainer);
    assert.equal(sessions.length, 1);
    const [session] = sessions as [Record<string, Record<string, unknown>>];
    assert.equal(session.ratingKey, MOVIE);
    assert.equal(session.viewOffset, 60_000);
    assert.equal(session.Player?.machineIdentifier, 'living-room-tv');
    assert.equal(session.Player?.state, 'playing');
    assert.equal(session.Player?.product, 'Emulator Tests');
    assert.equal(session.User?.title, 'admin');
    assert.equal(typeof session.Session?.id, 'string');

    await tv.timeline(report(MOVIE, 'paused', 90_000));
    const paused = metadataOf((await plex.get('/status/sessions')).json.MediaContainer)[0] as Record<string, Record<string, unknown>>;
    assert.equal(paused.Player?.state, 'paused');
    assert.equal(paused.viewOffset, 90_000);

    await tv.timeline(report(MOVIE, 'stopped', 120_000));
    assert.equal(metadataOf((await plex.get('/status/sessions')).json.MediaContainer).length, 0);
    assert.equal(emulator.item(MOVIE)?.viewOffset, 120_000, 'a stop below the threshold keeps the resume point');
    assert.equal(emulator.item(MOVIE)?.viewCount, 0);
  });

  it('keeps one session per client identifier and session identifier', async () => {
    await plex.as({ clientIdentifier: 'tv-a' }).timeline(report(MOVIE, 'playing', 1000));
    await plex.as({ clientIdentifier: 'tv-b' }).timeline(report('103', 'playing', 1000, { duration: 7_200_000 }));
    await plex.as({ clientIdentifier: 'tv-a' }).timeline(report(MOVIE, 'playing', 11_000));
    assert.equal(emulator.sessions().length, 2);
    await plex.as({ clientIdentifier: 'tv-a' }).timeline(report(MOVIE, 'stopped', 12_000));
    await plex.as({ clientIdentifier: 'tv-b' }).timeline(report('103', 'stopped', 2000, { duration: 7_200_000 }));
    assert.equal(emulator.sessions().length, 0);
  });

  it('marks played once when a live report crosses the threshold, and clears the resume point', async () => {
    const tv = plex.as({ clientIdentifier: 'tv-played', sessionIdentifier: 'p1' });
    const threshold = DURATION * 0.9;
    await tv.timeline(report(MOVIE, 'playing', threshold - 1));
    assert.equal(emulator.item(MOVIE)?.viewCount, 0);
    await tv.timeline(report(MOVIE, 'playing', threshold));
    const played = emulator.item(MOVIE)!;
    assert.equal(played.viewCount, 1);
    assert.equal(played.viewOffset, undefined);
    assert.equal(typeof played.lastViewedAt, 'number');
    await tv.timeline(report(MOVIE, 'playing', threshold + 10_000));
    await tv.timeline(report(MOVIE, 'stopped', DURATION));
    assert.equal(emulator.item(MOVIE)?.viewCount, 1, 'once per playback');
    // A later playback of the same item can mark it again.
    await tv.timeline(report(MOVIE, 'playing', 0));
    await tv.timeline(report(MOVIE, 'stopped', DURATION - 1000));
    assert.equal(emulator.item(MOVIE)?.viewCount, 2);
  });

  it('uses the LibraryVideoPlayedThreshold preference', async () => {
    emulator.setPref('LibraryVideoPlayedThreshold', 50);
    await plex.as({ clientIdentifier: 'tv-half' }).timeline(report(MOVIE, 'stopped', DURATION / 2));
    assert.equal(emulator.item(MOVIE)?.viewCount, 1);
  });

  it('never marks played from offline reports, but keeps their resume point', async () => {
    const offline = plex.as({ clientIdentifier: 'tv-offline' });
    await offline.timeline(report(MOVIE, 'stopped', DURATION - 1000, { offline: 1, updated: 1_700_000_000 }));
    assert.equal(emulator.item(MOVIE)?.viewCount, 0);
    assert.equal(emulator.item(MOVIE)?.viewOffset, DURATION - 1000);
    assert.equal(emulator.sessions().length, 0);
  });

  it('scrobbles and unscrobbles', async () => {
    const scrobble = await plex.put('/:/scrobble', { identifier: 'com.plexapp.plugins.library', key: MOVIE });
    assert.equal(scrobble.status, 200);
    assert.equal(emulator.item(MOVIE)?.viewCount, 1);
    await plex.put('/:/scrobble', { identifier: 'com.plexapp.plugins.library', key: MOVIE });
    assert.equal(emulator.item(MOVIE)?.viewCount, 2);
    const metadata = metadataOf((await plex.get(`/library/metadata/${MOVIE}`)).json.MediaContainer)[0];
    assert.equal(metadata?.viewCount, 2);
    assert.equal(typeof metadata?.lastViewedAt, 'number');
    await plex.put('/:/unscrobble', { identifier: 'com.plexapp.plugins.library', key: MOVIE });
    assert.equal(emulator.item(MOVIE)?.viewCount, 0);
    assert.equal(emulator.item(MOVIE)?.viewOffset, undefined);
    assert.equal((await plex.put('/:/scrobble', { identifier: 'com.plexapp.plugins.library', key: '999999' })).status, 404);
    assert.equal((await plex.put('/:/scrobble', { key: MOVIE })).status, 400);
    assert.equal((await plex.get('/:/scrobble', { identifier: 'com.plexapp.plugins.library', key: MOVIE })).status, 400);
    assert.equal((await plex.post('/:/unscrobble', { identifier: 'com.plexapp.plugins.library', key: MOVIE })).status, 400);
  });

  it('keeps watch state per user', async () => {
    const kidToken = emulator.addUser('kid', 'kid-token-0123456789');
    assert.equal(kidToken, 'kid-token-0123456789');
    const kid = plex.as({ token: kidToken, clientIdentifier: 'kids-tv' });
    await kid.timeline(report('101', 'stopped', 60_000, { duration: 240_000 }));
    await kid.put('/:/scrobble', { identifier: 'com.plexapp.plugins.library', key: '104' });
    assert.equal(emulator.item('101', 'kid')?.viewOffset, 60_000);
    assert.equal(emulator.item('101')?.viewOffset, undefined);
    assert.equal(emulator.item('104', 'kid')?.viewCount, 1);
    assert.equal(emulator.item('104')?.viewCount, 0);
    const seenByKid = metadataOf((await kid.get('/library/metadata/101')).json.MediaContainer)[0];
    assert.equal(seenByKid?.viewOffset, 60_000);
    const seenByAdmin = metadataOf((await plex.get('/library/metadata/101')).json.MediaContainer)[0];
    assert.equal(seenByAdmin?.viewOffset, undefined);
    assert.equal(emulator.requests.at(-2)?.user, 'kid');
  });
});
