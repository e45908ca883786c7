import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startPlexEmulator } from '../../../emulator/index.js';
import type { PlexEmulator } from '../../../emulator/index.js';
import { EmulatorClient } from './emulator-client.js';

const DECISION = '/video/:/transcode/universal/decision';
const START = '/video/:/transcode/universal/start.m3u8';

interface RawResponse {
  status: number;
  contentType: string | null;
  text: string;
  bytes: Buffer;
}

/** Segment URIs of a media playlist (lines that are not tags) and the URIs inside tag attributes. */
function playlistUris(playlist: string): { lines: string[]; attributes: string[] } {
  const lines = playlist.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  const attributes = [...playlist.matchAll(/URI="([^"]+)"/g)].map((match) => match[1] ?? '');
  return { lines, attributes };
}

describe('Plex emulator: transcoder', () => {
  let emulator: PlexEmulator;
  let plex: EmulatorClient;
  let tv: EmulatorClient;

  before(async () => {
    emulator = await startPlexEmulator();
    plex = new EmulatorClient(emulator);
    tv = plex.as({ clientIdentifier: 'living-room-tv', sessionIdentifier: 'playback-1' });
  });
  after(() => emulator.close());
  beforeEach(() => emulator.faults.reset());

  /** Fetches a URL resolved like a player does (relative to the playlist it came from), with the token. */
  async function fetchResolved(uri: string, base: string, sessionIdentifier = 'playback-1'): Promise<RawResponse> {
    const url = new URL(uri, emulator.url + base);
    const response = await fetch(url, {
      headers: {
        'X-Plex-Token': emulator.token,
        'X-Plex-Client-Identifier': 'living-room-tv',
        'X-Plex-Session-Identifier': sessionIdentifier,
      },
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, contentType: response.headers.get('content-type'), text: bytes.toString('utf8'), bytes };
  }

  const startQuery = (ratingKey: string, extra: Record<string, string | number> = {}) => ({
    path: `/library/metadata/${ratingKey}`,
    mediaIndex: 0,
    partIndex: 0,
    protocol: 'hls',
    offset: 0,
    directPlay: 0,
    directStream: 1,
    ...extra,
  });

  it('decides transcode when directPlay=0 and direct play otherwise', async () => {
    const transcode = await tv.get(DECISION, startQuery('101'));
    assert.equal(transcode.status, 200, transcode.text);
    const container = transcode.json.MediaContainer;
    assert.equal(container.generalDecisionCode, 1001);
    assert.equal(typeof container.transcodeDecisionText, 'string');
    const media = (container.Metadata?.[0]?.Media as { Part: { decision: string; key: string }[] }[])[0];
    assert.equal(media?.Part[0]?.decision, 'transcode');
    assert.equal(container.Metadata?.[0]?.ratingKey, '101');

    const direct = await tv.get(DECISION, startQuery('101', { directPlay: 1 }));
    assert.equal(direct.json.MediaContainer.generalDecisionCode, 1000);
    const directMedia = (direct.json.MediaContainer.Metadata?.[0]?.Media as { Part: { decision: string }[] }[])[0];
    assert.equal(directMedia?.Part[0]?.decision, 'directplay');
    assert.deepEqual(emulator.activeTranscodes(), [], 'a decision starts nothing');
  });

  it('starts a transcode: master playlist with a relative URI, media playlist, init section and segments', async () => {
    const start = await tv.get(START, startQuery('102', { offset: 600.5, videoBitrate: 2000, videoResolution: '1280x720', transcodeSessionId: 'tx-1' }));
    assert.equal(start.status, 200, start.text);
    const masterText = start.text;
    assert.match(masterText, /^#EXTM3U\n/);
    assert.match(masterText, /#EXT-X-STREAM-INF:BANDWIDTH=2000000,RESOLUTION=1280x720,CODECS="[^"]+"\n/);
    const [variant] = playlistUris(masterText).lines;
    assert.equal(variant, 'session/tx-1/base/index.m3u8');

    const media = await fetchResolved(variant, START);
    assert.equal(media.status, 200);
    assert.equal(media.contentType, 'application/vnd.apple.mpegurl');
    assert.match(media.text, /#EXT-X-TARGETDURATION:10\n/);
    assert.match(media.text, /#EXT-X-PLAYLIST-TYPE:VOD\n/);
    assert.match(media.text, /#EXT-X-ENDLIST\n$/);
    const { lines, attributes } = playlistUris(media.text);
    assert.deepEqual(attributes, ['init.ts']);
    // 95 minutes from 600.5 s: 5099.5 s → 510 segments, the last one 9.5 s.
    assert.equal(lines.length, 510);
    assert.equal(lines[0], '00000.ts');
    assert.equal(lines[1], '/video/:/transcode/universal/session/tx-1/base/00001.ts');
    assert.equal(lines[509], '00509.ts');
    assert.match(media.text, /#EXTINF:9\.500,\n00509\.ts\n#EXT-X-ENDLIST/);

    const mediaPath = `/video/:/transcode/universal/session/tx-1/base/index.m3u8`;
    const init = await fetchResolved(attributes[0], mediaPath);
    assert.equal(init.status, 200);
    assert.equal(init.bytes.length, 376);
    for (const uri of [lines[0], lines[1], lines[509]]) {
      const segment = await fetchResolved(uri, mediaPath);
      assert.equal(segment.status, 200, uri);
      assert.equal(segment.contentType, 'video/mp2t');
      assert.equal(segment.bytes.length % 188, 0);
      assert.ok(segment.bytes.length > 10_000 && segment.bytes.length < 100_000);
      assert.equal(segment.bytes[0], 0x47);
    }
    assert.equal((await fetchResolved('00510.ts', mediaPath)).status, 404);

    const [record] = emulator.activeTranscodes();
    assert.ok(record);
    assert.equal(record.id, 'tx-1');
    assert.equal(record.ratingKey, '102');
    assert.equal(record.clientIdentifier, 'living-room-tv');
    assert.equal(record.sessionIdentifier, 'playback-1');
    assert.equal(record.offsetSeconds, 600.5);
    assert.equal(record.videoBitrate, 2000);
    assert.equal(record.segmentCount, 510);
    assert.equal(record.stoppedAt, undefined);
  });

  it('stops the transcode on a stopped timeline from the same playback; its resources then answer 404', async () => {
    const report = { ratingKey: '102', key: '/library/metadata/102', time: 700_000, duration: 5_700_000 };
    assert.equal((await tv.timeline({ ...report, state: 'playing' })).status, 200);
    const other = plex.as({ clientIdentifier: 'living-room-tv', sessionIdentifier: 'another-playback' });
    assert.equal((await other.timeline({ ...report, state: 'stopped' })).status, 200);
    assert.equal(emulator.activeTranscodes().length, 1, 'another playback does not stop it');
    assert.equal((await tv.timeline({ ...report, state: 'stopped' })).status, 200);
    assert.deepEqual(emulator.activeTranscodes(), []);
    const [record] = emulator.transcodeSessions().filter((session) => session.id === 'tx-1');
    assert.equal(record?.stopReason, 'stopped');
    assert.ok(record?.stoppedAt !== undefined && record.stoppedAt >= record.startedAt);
    const base = '/video/:/transcode/universal/session/tx-1/base/';
    assert.equal((await fetchResolved('index.m3u8', base)).status, 404);
    assert.equal((await fetchResolved('00000.ts', base)).status, 404);
  });

  it('a new start for the same playback replaces the running transcode', async () => {
    const first = await tv.get(START, startQuery('211'));
    assert.equal(first.status, 200, first.text);
    const firstId = emulator.activeTranscodes()[0]?.id;
    assert.ok(firstId);
    const seek = await tv.get(START, startQuery('211', { offset: 300 }));
    assert.equal(seek.status, 200);
    const active = emulator.activeTranscodes();
    assert.equal(active.length, 1);
    assert.notEqual(active[0]?.id, firstId);
    assert.equal(active[0]?.offsetSeconds, 300);
    const replaced = emulator.transcodeSessions().find((session) => session.id === firstId);
    assert.equal(replaced?.stopReason, 'replaced');
    assert.equal((await fetchResolved(`session/${firstId}/base/index.m3u8`, START)).status, 404);
    await tv.timeline({ ratingKey: '211', key: '/library/metadata/211', state: 'stopped', time: 300_000, duration: 1_380_000 });
    assert.deepEqual(emulator.activeTranscodes(), []);
  });

  it('the same transcodeSessionId from another playback replaces it too; a terminated playback stops its transcode', async () => {
    await tv.get(START, startQuery('101', { transcodeSessionId: 'shared' }));
    await plex.as({ clientIdentifier: 'phone', sessionIdentifier: 'p2' }).get(START, startQuery('104', { transcodeSessionId: 'shared' }));
    const active = emulator.activeTranscodes();
    assert.equal(active.length, 1);
    assert.equal(active[0]?.ratingKey, '104');
    emulator.faults.terminateNextTimeline({ code: 2001, text: 'Stopped by the owner', clientIdentifier: 'phone' });
    const phone = plex.as({ clientIdentifier: 'phone', sessionIdentifier: 'p2' });
    await phone.timeline({ ratingKey: '104', key: '/library/metadata/104', state: 'playing', time: 1000, duration: 720_000 });
    assert.deepEqual(emulator.activeTranscodes(), []);
    assert.equal(emulator.transcodeSessions().at(-1)?.stopReason, 'terminated');
  });

  it('serves an audio-only transcode for a track (music), without RESOLUTION', async () => {
    const start = await tv.get('/music/:/transcode/universal/start.m3u8', startQuery('312', { musicBitrate: 320 }));
    assert.equal(start.status, 200, start.text);
    assert.match(start.text, /#EXT-X-STREAM-INF:BANDWIDTH=320000,CODECS="mp4a.40.2"\n/);
    const id = emulator.activeTranscodes()[0]?.id;
    const segment = await fetchResolved(`session/${id}/base/00000.ts`, '/music/:/transcode/universal/start.m3u8');
    assert.equal(segment.status, 200);
    await tv.timeline({ ratingKey: '312', key: '/library/metadata/312', state: 'stopped', time: 1000, duration: 205_000 });
    assert.deepEqual(emulator.activeTranscodes(), []);
  });

  it('refuses what it cannot do: undeclared parameters, bad values, wrong items (400), DASH (501), no token (401)', async () => {
    const expectStatus = async (status: number, call: Promise<{ status: number; text: string }>, pattern?: RegExp) => {
      const response = await call;
      assert.equal(response.status, status, response.text);
      if (pattern) assert.match(response.text, pattern);
    };
    await expectStatus(400, tv.get(START, startQuery('101', { session: 'abc' })), /'session' is not declared/);
    await expectStatus(400, tv.get(START, startQuery('101', { maxVideoBitrate: 2000 })), /'maxVideoBitrate' is not declared/);
    await expectStatus(400, tv.get(DECISION, startQuery('101', { fastSeek: 1 })), /not declared/);
    await expectStatus(400, tv.get(START, startQuery('101', { offset: 'soon' })), /offset must be a number/);
    await expectStatus(400, tv.get(START, startQuery('101', { offset: 240 })), /offset/);
    await expectStatus(400, tv.get(START, startQuery('101', { protocol: 'dash' })), /hls/);
    await expectStatus(400, tv.get(START, startQuery('101', { directPlay: 2 })), /directPlay must be 0 or 1/);
    await expectStatus(400, tv.get(START, startQuery('101', { mediaIndex: 3 })), /mediaIndex/);
    await expectStatus(400, tv.get(START, startQuery('101', { videoResolution: 'hd' })), /videoResolution/);
    await expectStatus(400, tv.get(START, startQuery('101', { transcodeSessionId: 'a/b' })), /transcodeSessionId/);
    await expectStatus(400, tv.get(START, { ...startQuery('101'), path: '/library/sections/1' }), /path/);
    await expectStatus(400, tv.get('/music/:/transcode/universal/start.m3u8', startQuery('101')), /cannot be transcoded/);
    await expectStatus(400, tv.get('/photo/:/transcode/universal/start.m3u8', startQuery('101')), /transcodeType/);
    await expectStatus(404, tv.get(START, startQuery('999')));
    await expectStatus(501, tv.get('/video/:/transcode/universal/start.mpd', startQuery('101')));
    await expectStatus(400, plex.as({ clientIdentifier: null }).get(START, startQuery('101')), /client-identifier/i);
    await expectStatus(401, tv.as({ token: null }).get(START, startQuery('101')));
    await expectStatus(400, tv.get('/video/:/transcode/universal/session/x/base/index.m3u8', { foo: 1 }), /'foo' is not declared/);
    assert.deepEqual(emulator.activeTranscodes(), []);
  });

  it('failNext applies to the transcoder and its resources', async () => {
    emulator.faults.failNext(1, 500);
    assert.equal((await tv.get(START, startQuery('101'))).status, 500);
    assert.deepEqual(emulator.activeTranscodes(), [], 'a failed start starts nothing');
    assert.equal((await tv.get(START, startQuery('101', { transcodeSessionId: 'tx-f' }))).status, 200);
    emulator.faults.failNext(1, 503);
    assert.equal((await fetchResolved('session/tx-f/base/00000.ts', START)).status, 503);
    assert.equal((await fetchResolved('session/tx-f/base/00000.ts', START)).status, 200);
    await tv.timeline({ ratingKey: '101', key: '/library/metadata/101', state: 'stopped', time: 1000, duration: 240_000 });
    assert.deepEqual(emulator.activeTranscodes(), []);
  });
});
