// The emulator against the official spec: every request of a realistic session conforms, the emulator refuses
// what the checker flags, and its per-route parameter tables match the spec's declarations.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startPlexEmulator } from '../../emulator/index.js';
import type { PlexEmulator } from '../../emulator/index.js';
import { NAMED_EXCEPTIONS as NAMED_EXCEPTIONS_ROUTES, ROUTES, SERVER_RESOURCES, matchRoute } from '../../emulator/router.js';
import { EmulatorClient, itemIds, libraryUri } from '../unit/emulator/emulator-client.js';
import { NAMED_EXCEPTIONS, uncoveredProblems } from './named-exceptions.js';
import { checkRequest, findOperation, loadPlexSpec, specOrSkip } from './plex-spec.js';
import type { SpecOperation, SpecParameter } from './plex-spec.js';

const spec = loadPlexSpec();
const LIBRARY = 'com.plexapp.plugins.library';

/** A sample of correct calls covering every route the emulator serves. */
async function sampleSession(emulator: PlexEmulator, plex: EmulatorClient): Promise<void> {
  const expectOk = async (label: string, call: Promise<{ status: number; text: string }>) => {
    const { status, text } = await call;
    assert.equal(status, 200, `${label}: ${text}`);
  };
  await expectOk('identity', plex.get('/identity'));
  await expectOk('prefs', plex.get('/:/prefs'));
  await expectOk('metadata', plex.get('/library/metadata/101,211', { checkFiles: 1 }));
  await expectOk('markers', plex.get('/library/metadata/6111', { includeMarkers: 1 }));
  const familyPart = emulator.item('6111')?.Media?.[0]?.Part[0];
  const sidecar = familyPart?.Stream?.find((stream) => stream.streamType === 3 && stream.key !== undefined);
  assert.ok(familyPart && sidecar);
  await expectOk('stream selection', plex.put(`/library/parts/${familyPart.id}`, { audioStreamID: familyPart.Stream![1].id, subtitleStreamID: sidecar.id, allParts: 1 }));
  await expectOk('sidecar subtitle', plex.get(`/library/streams/${sidecar.id}.srt`, { format: 'webvtt', encoding: 'utf-8', autoAdjustSubtitle: 0 }));
  await expectOk('allLeaves', plex.get('/library/metadata/200/allLeaves'));
  await expectOk('playlists', plex.get('/playlists', { playlistType: 'video', smart: 0 }));
  await expectOk('playlist', plex.get('/playlists/400'));
  await expectOk('playlist items', plex.get('/playlists/400/items', { type: '1,4' }));
  const created = await plex.createQueue({ type: 'video', uri: libraryUri(emulator, '200'), key: '/library/metadata/212', continuous: 0 });
  const id = created.playQueueID as number;
  const [first, second, third] = itemIds(created) as [number, number, number];
  await plex.createQueue({ type: 'video', uri: libraryUri(emulator, '211'), continuous: 1 });
  await plex.createQueue({ type: 'video', playlistID: 400, shuffle: 1 });
  await expectOk('get queue', plex.get(`/playQueues/${id}`, { own: 1, window: 2, center: String(second), includeBefore: 1, includeAfter: 1 }));
  await expectOk('move', plex.put(`/playQueues/${id}/items/${third}/move`, { after: first }));
  await expectOk('shuffle', plex.put(`/playQueues/${id}/shuffle`));
  await expectOk('unshuffle', plex.put(`/playQueues/${id}/unshuffle`));
  await expectOk('reset', plex.put(`/playQueues/${id}/reset`));
  await expectOk('add next', plex.put(`/playQueues/${id}`, { uri: libraryUri(emulator, '101'), next: 1 }));
  await expectOk('add playlist', plex.put(`/playQueues/${id}`, { playlistID: '400' }));
  const tv = plex.as({ clientIdentifier: 'conformance-tv', sessionIdentifier: 'playback-1' });
  const report = { ratingKey: '212', key: '/library/metadata/212', duration: 1_440_000, playQueueItemID: String(second) };
  await expectOk('timeline playing', tv.timeline({ ...report, state: 'playing', time: 0, timeToFirstFrame: 1 }));
  await expectOk('timeline buffering', tv.timeline({ ...report, state: 'buffering', time: 5000, timeStalled: 1, bufferedTime: 10 }));
  await expectOk('timeline paused', tv.timeline({ ...report, state: 'paused', time: 10_000, bandwidth: 8000 }));
  await expectOk('sessions', plex.get('/status/sessions'));
  await expectOk('timeline stopped', tv.timeline({ ...report, state: 'stopped', time: 1_400_000, continuing: 1 }));
  await expectOk('timeline offline', tv.timeline({ ...report, state: 'stopped', time: 20_000, offline: 1, updated: 1_700_000_000 }));
  await expectOk('scrobble', plex.put('/:/scrobble', { identifier: LIBRARY, key: '104' }));
  await expectOk('unscrobble', plex.put('/:/unscrobble', { identifier: LIBRARY, key: '104' }));
  await expectOk('delete item', plex.delete(`/playQueues/${id}/items/${first}`));
  await expectOk('clear', plex.delete(`/playQueues/${id}/items`));
  await streams(emulator, plex);
  await browse(plex);
}

/** What a home screen, a library grid, a detail page, a search and artwork ask (the named exceptions included). */
async function browse(plex: EmulatorClient): Promise<void> {
  const expectOk = async (label: string, call: Promise<{ status: number; text: string }>) => {
    const { status, text } = await call;
    assert.equal(status, 200, `${label}: ${text.slice(0, 200)}`);
  };
  await expectOk('sections', plex.get('/library/sections/all'));
  const paging = { 'X-Plex-Container-Start': 0, 'X-Plex-Container-Size': 50 };
  await expectOk('section page', plex.get('/library/sections/1/all', { ...paging, type: 1, sort: 'addedAt:desc,id', includeGuids: 1 }));
  await expectOk('section filters', plex.get('/library/sections/1/all', { ...paging, unwatched: 1, genre: 'Drama' }));
  await expectOk('continue watching', plex.get('/hubs/continueWatching', { count: 20 }));
  await expectOk('search', plex.get('/hubs/search', { query: 'harbour', limit: 5 }));
  await expectOk('seasons', plex.get('/library/metadata/600/children', paging));
  await expectOk('episodes', plex.request('GET', '/library/metadata/611/allLeaves', {}, { 'X-Plex-Container-Start': '0', 'X-Plex-Container-Size': '50' }));
  await expectOk('poster', plex.get('/photo/:/transcode', { url: '/library/metadata/101/thumb/1700000000', width: 240, height: 360, minSize: 1, upscale: 0 }));
}

/** Direct play of a part (whole and ranged) and an HLS transcode with its playlists and a segment, then its stop. */
async function streams(emulator: PlexEmulator, plex: EmulatorClient): Promise<void> {
  const part = emulator.item('104')?.Media?.[0]?.Part[0];
  assert.ok(part);
  const headers = { 'X-Plex-Token': emulator.token, 'X-Plex-Client-Identifier': 'conformance-tv' };
  for (const range of [undefined, 'bytes=0-1023']) {
    const response = await fetch(emulator.url + part.key, { headers: { ...headers, ...(range ? { Range: range } : {}) } });
    await response.arrayBuffer();
    assert.equal(response.status, range ? 206 : 200);
  }
  const tv = plex.as({ clientIdentifier: 'conformance-tv', sessionIdentifier: 'playback-2' });
  const query = {
    path: '/library/metadata/104',
    mediaIndex: 0,
    partIndex: 0,
    protocol: 'hls',
    offset: 12.5,
    directPlay: 0,
    directStream: 1,
    transcodeSessionId: 'conformance-1',
    videoBitrate: 4000,
    videoResolution: '1280x720',
    location: 'lan',
    subtitles: 'none',
  };
  const decision = await tv.get('/video/:/transcode/universal/decision', query);
  assert.equal(decision.status, 200, decision.text);
  const start = await tv.get('/video/:/transcode/universal/start.m3u8', query);
  assert.equal(start.status, 200, start.text);
  const base = '/video/:/transcode/universal/session/conformance-1/base/';
  for (const resource of ['index.m3u8', 'init.ts', '00000.ts']) {
    const response = await tv.get(base + resource);
    assert.equal(response.status, 200, resource);
  }
  const stopped = await tv.timeline({ ratingKey: '104', key: '/library/metadata/104', state: 'stopped', time: 12_500, duration: 720_000 });
  assert.equal(stopped.status, 200);
  assert.deepEqual(emulator.activeTranscodes(), []);
}

/** Requests to the server-provided resources (playlists, segments): not API operations, so not in the spec. */
function isServerResource(path: string): boolean {
  return matchRoute(path, SERVER_RESOURCES) !== undefined;
}

describe('Plex emulator conformance with the official spec', () => {
  let emulator: PlexEmulator;
  let plex: EmulatorClient;

  before(async () => {
    emulator = await startPlexEmulator();
    plex = new EmulatorClient(emulator);
  });
  after(() => emulator.close());

  it('every request of a sample session conforms to the spec', async (t) => {
    const plexSpec = specOrSkip(t, spec);
    if (!plexSpec) return;
    emulator.clearRequests();
    await sampleSession(emulator, plex);
    assert.ok(emulator.requests.length >= 25);
    const apiRequests = emulator.requests.filter((request) => !isServerResource(request.path));
    assert.equal(emulator.requests.length - apiRequests.length, 3, 'the transcode resources were fetched');
    const problems = apiRequests.flatMap((request) => uncoveredProblems(request, checkRequest(plexSpec, request)));
    assert.deepEqual(problems, []);
    const excepted = NAMED_EXCEPTIONS.filter((exception) =>
      apiRequests.some((request) => checkRequest(plexSpec, request).some((problem) => exception.covers(request, problem))),
    );
    assert.deepEqual(excepted.map((exception) => exception.call), NAMED_EXCEPTIONS.map((exception) => exception.call), 'each named exception is used');
  });

  it('serves the named exceptions apart from the spec routes, and only they are outside the spec', (t) => {
    const plexSpec = specOrSkip(t, spec);
    if (!plexSpec) return;
    for (const route of NAMED_EXCEPTIONS_ROUTES) {
      assert.equal(plexSpec.byTemplate.has(route.template), false, `${route.template} is in the spec: no exception needed`);
      assert.equal(ROUTES.includes(route), false);
      const samplePath = route.template.replace(/\{[^}]+\}/g, '1');
      assert.ok(NAMED_EXCEPTIONS.some((exception) => exception.covers({ method: 'GET', path: samplePath }, '')), route.template);
    }
    for (const route of ROUTES) {
      for (const operation of route.operations) {
        for (const rule of operation.exceptions ?? []) {
          const problem = `query parameter '${rule.name}' is not declared`;
          const samplePath = route.template.replace(/\{[^}]+\}/g, '1');
          assert.ok(NAMED_EXCEPTIONS.some((exception) => exception.covers({ method: operation.method, path: samplePath }, problem)), `${rule.name} on ${route.template}`);
        }
      }
    }
  });

  it('refuses (400) what the checker flags', async (t) => {
    const plexSpec = specOrSkip(t, spec);
    if (!plexSpec) return;
    emulator.clearRequests();
    const good = { ratingKey: '101', key: '/library/metadata/101', state: 'playing', time: 1000, duration: 240_000 };
    await plex.get('/:/timeline', good);
    await plex.timeline({ ...good, containerKey: '/playQueues/1' });
    await plex.timeline({ ...good, state: 'running' });
    await plex.timeline({ ...good, time: '1.5' });
    await plex.timeline({ ...good, continuing: 2 });
    await plex.as({ clientIdentifier: null }).timeline(good);
    await plex.post('/playQueues', { uri: libraryUri(emulator, '101') });
    await plex.get('/playQueues/abc');
    for (const request of emulator.requests) {
      assert.equal(request.status, 400, `${request.method} ${request.path} ${JSON.stringify(request.query)}`);
      assert.notDeepEqual(checkRequest(plexSpec, request), [], `${request.method} ${request.path} should be flagged`);
    }
  });

  it('keeps the server-provided resources apart: none of them is a path of the spec', (t) => {
    const plexSpec = specOrSkip(t, spec);
    if (!plexSpec) return;
    for (const route of SERVER_RESOURCES) {
      assert.equal(plexSpec.byTemplate.has(route.template), false, route.template);
      const samplePath = route.template.replace(/\{[^}]+\}/g, '1');
      assert.equal(findOperation(plexSpec, 'GET', samplePath), undefined, `${route.template} matches a spec operation`);
      assert.equal(ROUTES.includes(route), false);
    }
  });

  it("declares, per route, exactly the spec's query parameters and methods", (t) => {
    const plexSpec = specOrSkip(t, spec);
    if (!plexSpec) return;
    for (const route of ROUTES) {
      const declared = plexSpec.byTemplate.get(route.template);
      assert.ok(declared, `${route.template} is not a path of the spec`);
      const served = route.operations.map((operation) => operation.method);
      assert.deepEqual(
        [...served, ...(route.unimplemented ?? [])].sort(),
        [...declared.keys()].sort(),
        `methods of ${route.template}`,
      );
      for (const operation of route.operations) {
        const specOperation: SpecOperation | undefined = declared.get(operation.method);
        assert.ok(specOperation);
        const specQuery: string[] = specOperation.parameters
          .filter((parameter: SpecParameter) => parameter.in === 'query')
          .map((parameter: SpecParameter) => `${parameter.name}${parameter.required ? '*' : ''}`)
          .sort();
        const emulatorQuery = operation.query.map((rule) => `${rule.name}${rule.required ? '*' : ''}`).sort();
        assert.deepEqual(emulatorQuery, specQuery, `query parameters of ${operation.method} ${route.template}`);
        const samplePath = route.template.replace(/\{[^}]+\}/g, '1');
        assert.equal(findOperation(plexSpec, operation.method, samplePath)?.template, route.template);
      }
    }
  });
});
