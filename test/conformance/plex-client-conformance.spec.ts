// Every kind of request the proxy's Plex client makes, as the emulator recorded it, checked against the official
// Plex spec (../shared/plex/pms-openapi.yaml, parsed: no hand-copied list of paths or parameters).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startPlexEmulator, type PlexEmulator } from '../../emulator/index.js';
import { itemUri } from '../../src/modules/plex/plex.client.js';
import { callerFor, plexClient } from '../helpers/plex-client.js';
import { checkRequest, loadPlexSpec, operationFor, specOrSkip } from './plex-spec.js';

const spec = loadPlexSpec();

describe('the Plex client conforms to the official Plex spec', () => {
  let plex: PlexEmulator;
  const client = plexClient();

  before(async () => {
    plex = await startPlexEmulator();
  });
  after(async () => {
    await client.onModuleDestroy();
    await plex.close();
  });

  it('sends only declared methods, paths and parameters, with valid values, for every call it makes', async (t) => {
    const checked = specOrSkip(t, spec);
    if (!checked) return;
    const caller = callerFor(plex);
    const uri = (ratingKey: string) => itemUri(plex.machineIdentifier, ratingKey);

    await client.identity(caller);
    await client.preferences(caller);
    await client.metadata(caller, '101');
    await client.leaves(caller, '200');
    await client.playlist(caller, '400');
    const show = await client.createPlayQueue(caller, { type: 'video', source: { uri: uri('200') }, startKey: '/library/metadata/212' });
    await client.createPlayQueue(caller, { type: 'video', source: { uri: uri('211') }, continuous: true });
    await client.createPlayQueue(caller, { type: 'video', source: { playlistId: '400' }, shuffle: true });
    const [first, second, third] = show.items.map((item) => item.playQueueItemId) as [number, number, number];
    await client.playQueue(caller, show.id, { own: true, window: 50, center: second });
    await client.movePlayQueueItem(caller, show.id, third, first);
    await client.movePlayQueueItem(caller, show.id, third);
    await client.shufflePlayQueue(caller, show.id);
    await client.unshufflePlayQueue(caller, show.id);
    await client.resetPlayQueue(caller, show.id);
    await client.addToPlayQueue(caller, show.id, { uri: uri('101') }, true);
    await client.addToPlayQueue(caller, show.id, { uri: uri('102') });
    await client.addToPlayQueue(caller, show.id, { playlistId: '400' });
    await client.removeFromPlayQueue(caller, show.id, first);
    const report = { ratingKey: '212', durationMs: 1_440_000, playQueueItemId: second };
    for (const state of ['buffering', 'playing', 'paused'] as const) {
      await client.reportTimeline(caller, 'session-1', { ...report, state, timeMs: 60_000 });
    }
    await client.sessions(caller);
    await client.reportTimeline(caller, 'session-1', { ...report, state: 'stopped', timeMs: 2_000_000, continuing: true });
    await client.reportTimeline(caller, 'session-1', { ...report, state: 'stopped', timeMs: 90_000, offlineUpdatedAt: 1_790_000_000 });
    await client.scrobble(caller, '104');
    await client.unscrobble(caller, '104');
    await client.clearPlayQueue(caller, show.id);

    const problems = plex.requests.flatMap((request) =>
      checkRequest(checked, request).map((problem) => `${request.method} ${request.path}: ${problem}`),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      plex.requests.filter((r) => r.status !== 200).map((r) => `${r.method} ${r.path} -> ${r.status}`),
      [],
      'the emulator accepted every call',
    );
    const operations = new Set(plex.requests.map((r) => operationFor(checked, r.method, r.path)));
    assert.deepEqual([...operations].sort(), [
      'addToPlayQueue',
      'clearPlayQueue',
      'createPlayQueue',
      'deletePlayQueueItem',
      'getAllItemLeaves',
      'getAllPreferences',
      'getIdentity',
      'getMetadataItem',
      'getPlayQueue',
      'getPlaylist',
      'listSessions',
      'markPlayed',
      'movePlayQueueItem',
      'report',
      'resetPlayQueue',
      'shuffle',
      'unscrobble',
      'unshuffle',
    ]);
  });
});
