// Every kind of request the proxy's Plex client makes, as the emulator recorded it, checked against the official
// Plex spec (../shared/plex/pms-openapi.yaml, parsed: no hand-copied list of paths or parameters).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startPlexEmulator, type PlexEmulator } from '../../emulator/index.js';
import { matchRoute, SERVER_RESOURCES } from '../../emulator/router.js';
import { itemUri } from '../../src/modules/plex/plex.client.js';
import { callerFor, plexClient } from '../helpers/plex-client.js';
import { NAMED_EXCEPTIONS, uncoveredProblems } from './named-exceptions.js';
import { checkRequest, loadPlexSpec, operationFor, specOrSkip } from './plex-spec.js';

const spec = loadPlexSpec();

async function drain(body: AsyncIterable<unknown>): Promise<void> {
  for await (const chunk of body) void chunk;
}

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
    await client.metadata(caller, '6111', { includeMarkers: true });
    const familyPart = plex.item('1002')?.Media?.[0]?.Part[0];
    assert.ok(familyPart?.Stream);
    const sidecar = familyPart.Stream.find((stream) => stream.streamType === 3 && stream.key !== undefined)!;
    await client.setStreamSelection(caller, familyPart.id, { audioStreamId: familyPart.Stream.find((stream) => stream.codec === 'dts')!.id, subtitleStreamId: sidecar.id });
    await client.setStreamSelection(caller, familyPart.id, { subtitleStreamId: 0 });
    await drain((await client.subtitle(caller, sidecar.id, 'srt', 'webvtt')).body);
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

    // Browse: libraries, a page with a sort and the filters, a show's seasons (named exception), a season's episodes
    // paged by headers, continue watching, search, several items at once, artwork.
    await client.sections(caller);
    await client.sectionPage(caller, '1', { start: 100, size: 250, sort: 'titleSort:asc,id' });
    await client.sectionPage(caller, '1', { start: 0, size: 20, sort: 'addedAt:desc,id', unwatched: true, genre: 'Drama' });
    await client.sectionPage(caller, '2', { start: 0, size: 50, type: 4, sort: 'addedAt:desc,id' });
    await client.childrenPage(caller, '600', 0, 100);
    await client.leavesPage(caller, '611', 0, 100);
    await client.continueWatching(caller, 20);
    await client.search(caller, 'harbour', 10);
    await client.metadataOf(caller, ['101', '600']);
    await drain((await client.photo(caller, { path: '/library/metadata/101/thumb/1700000000', width: 360, height: 540 })).body);
    for (const request of plex.requestsTo('GET', /^\/library\/sections\/\d+\/all$/)) {
      assert.ok(Number(request.query['X-Plex-Container-Size']) <= 100, 'pages of at most 100, even when more are asked');
      assert.ok(request.query['X-Plex-Container-Start'] !== undefined);
    }

    // Streams: a media part (whole, ranged, and its first byte, which is how a player's HEAD is answered), a transcode
    // decision and start, and the transcode's own resources.
    const partKey = plex.item('104')?.Media?.[0]?.Part[0]?.key;
    assert.ok(partKey);
    for (const range of [undefined, 'bytes=100-199', 'bytes=0-0']) {
      const part = await client.mediaPart(caller, partKey, { range });
      await drain(part.body);
    }
    const transcode = { transcodeType: 'video' as const, ratingKey: '104', transcodeSessionId: 'conformance-t1', offsetSeconds: 12.5 };
    await client.transcodeDecision(caller, 'session-2', { ...transcode, videoBitrate: 2000, videoResolution: '1280x720' });
    await client.startTranscode(caller, 'session-2', transcode);
    await client.startTranscode(caller, 'session-2', { ...transcode, transcodeSessionId: 'conformance-t2', burnSubtitles: true });
    await client.startTranscode(caller, 'session-2', { ...transcode, transcodeSessionId: 'conformance-t1', convertAudioOnly: true });
    const base = '/video/:/transcode/universal/session/conformance-t1/base/';
    for (const resource of ['index.m3u8', 'init.ts', '00000.ts']) await drain((await client.transcodeResource(caller, base + resource)).body);
    await client.reportTimeline(caller, 'session-2', { ratingKey: '104', state: 'stopped', timeMs: 12_500, durationMs: 720_000 });
    assert.deepEqual(plex.activeTranscodes(), [], 'the stopped report ended the transcode');

    // The transcode's playlists and segments are resources the server hands out in its playlists, not operations of
    // the spec: they are left out of the spec check, and only they (the emulator's own list of such paths).
    const isServerResource = (path: string) => matchRoute(path, SERVER_RESOURCES) !== undefined;
    assert.equal(plex.requests.filter((request) => isServerResource(request.path)).length, 3);
    // Calls and parameters the spec lacks are accepted only as named exceptions (each used, with its clients named).
    const apiRequests = plex.requests.filter((request) => !isServerResource(request.path));
    const problems = apiRequests.flatMap((request) =>
      uncoveredProblems(request, checkRequest(checked, request)).map((problem) => `${request.method} ${request.path}: ${problem}`),
    );
    assert.deepEqual(problems, []);
    const used = NAMED_EXCEPTIONS.filter((exception) =>
      apiRequests.some((request) => checkRequest(checked, request).some((problem) => exception.covers(request, problem))),
    );
    assert.deepEqual(
      used.map((exception) => exception.call),
      ['GET /library/metadata/{ids}/children', 'GET /library/sections/{sectionId}/all with unwatched=1 and genre=…', 'GET /library/metadata/{ids} with includeMarkers=1'],
    );
    assert.ok(used.every((exception) => exception.clients.length > 0));
    assert.deepEqual(
      plex.requests.filter((r) => r.status !== 200 && r.status !== 206).map((r) => `${r.method} ${r.path} -> ${r.status}`),
      [],
      'the emulator accepted every call',
    );
    const operations = new Set(apiRequests.flatMap((r) => operationFor(checked, r.method, r.path) ?? []));
    assert.deepEqual([...operations].sort(), [
      'addToPlayQueue',
      'clearPlayQueue',
      'createPlayQueue',
      'deletePlayQueueItem',
      'getAllItemLeaves',
      'getAllPreferences',
      'getContinueWatching',
      'getIdentity',
      'getMediaPart',
      'getMetadataItem',
      'getPlayQueue',
      'getPlaylist',
      'getSections',
      'getStream',
      'listContent',
      'listSessions',
      'makeDecision',
      'markPlayed',
      'movePlayQueueItem',
      'report',
      'resetPlayQueue',
      'searchHubs',
      'setStreamSelection',
      'shuffle',
      'startTranscodeSession',
      'transcodeImage',
      'unscrobble',
      'unshuffle',
    ]);
  });
});
