import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { receivedResponses } from '../helpers/api-client.js';
import type { ApiError, Session, Stream } from '../helpers/session-types.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { eventually, play, playerSaw, playlistUris } from '../helpers/streams.js';

/** A playlist URI as the proxy writes it: `../{token}/{name}`, a sibling of the playlist's own stream URL. */
const RELATIVE_STREAM_URI = /^\.\.\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\/[A-Za-z0-9._-]+$/;

const timelineFor = (stack: Stack, sessionId: string) =>
  stack.plex.requestsTo('POST', '/:/timeline').filter((request) => request.headers['x-plex-session-identifier'] === sessionId);

describe('HLS transcodes through rewritten playlists', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack.close();
  });

  const create = async (body: Record<string, unknown>) => {
    const { status, body: session } = await stack.api.post<Session>('/api/v1/sessions', body);
    assert.equal(status, 201, JSON.stringify(session));
    return session;
  };
  const transcodesOf = (sessionId: string) => stack.plex.transcodeSessions().filter((t) => t.sessionIdentifier === sessionId);

  it('plays master → media playlist → init and segments, every URI a signed proxy URL, bytes as Plex sent them', async () => {
    const session = await create({ ratingKey: '104', directPlay: false, offsetMs: 60_000, maxVideoBitrate: 2000, videoResolution: '1280x720' });
    const stream = session.stream!;
    assert.equal(stream.protocol, 'hls');
    assert.equal(stream.directPlay, false);
    assert.match(stream.url, /\/master\.m3u8$/);
    assert.equal(transcodesOf(session.id).length, 0, 'nothing starts before the player opens the URL');

    const master = await play(stream.url);
    assert.equal(master.status, 200, master.text);
    assert.equal(master.headers.get('content-type'), 'application/vnd.apple.mpegurl');
    const [transcode] = transcodesOf(session.id);
    assert.ok(transcode, 'a transcode started');
    assert.equal(transcode.ratingKey, '104');
    assert.equal(transcode.offsetSeconds, 60, 'offset in seconds at the resume point');
    assert.equal(transcode.directPlay, false);
    assert.equal(transcode.videoBitrate, 2000);
    assert.equal(transcode.videoResolution, '1280x720');
    const reports = timelineFor(stack, session.id);
    assert.ok(reports.length > 0);
    assert.equal(transcode.clientIdentifier, reports[0].headers['x-plex-client-identifier'], 'the same player as the timeline reports');
    const decision = stack.plex.requestsTo('GET', '/video/:/transcode/universal/decision').at(-1);
    assert.equal(decision?.query.transcodeSessionId, transcode.id, 'decision first, for the same transcode');
    assert.equal(decision?.headers['x-plex-session-identifier'], session.id);

    const variants = playlistUris(master.text);
    assert.equal(variants.length, 1);
    for (const uri of variants) assert.match(uri, RELATIVE_STREAM_URI, 'relative: resolves against the address the player used');
    const media = await play(new URL(variants[0], stream.url).toString());
    assert.equal(media.status, 200, media.text);
    const uris = playlistUris(media.text);
    assert.ok(uris.length >= 3, media.text);
    for (const uri of uris) assert.match(uri, RELATIVE_STREAM_URI, `rewritten: ${uri}`);
    assert.match(media.text, /#EXT-X-MAP:URI="\.\.\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\/init\.ts"/, 'the URI attribute of EXT-X-MAP');
    assert.doesNotMatch(media.text, /transcode\/universal|X-Plex/);

    // init (an attribute URI), segment 0 (relative upstream), segment 1 (absolute path upstream)
    const direct = (name: string) =>
      fetch(`${stack.plex.url}/video/:/transcode/universal/session/${transcode.id}/base/${name}`, {
        headers: { 'x-plex-token': stack.plex.token, 'x-plex-client-identifier': 'test' },
      }).then(async (response) => Buffer.from(await response.arrayBuffer()));
    for (const name of ['init.ts', '00000.ts', '00001.ts']) {
      const uri = uris.find((u) => u.endsWith(`/${name}`));
      assert.ok(uri, name);
      const segment = await play(new URL(uri, stream.url).toString());
      assert.equal(segment.status, 200, name);
      assert.equal(segment.headers.get('content-type'), 'video/mp2t');
      assert.ok(segment.bytes.equals(await direct(name)), `bytes of ${name}`);
    }

    // Opening the master again does not start another transcode.
    assert.equal((await play(stream.url)).status, 200);
    assert.equal(transcodesOf(session.id).length, 1);

    assert.equal((await stack.api.delete(`/api/v1/sessions/${session.id}`)).status, 204);
    await eventually(() => transcodesOf(session.id).every((t) => t.stoppedAt !== undefined), 'the transcode stopped on DELETE');
    assert.equal(transcodesOf(session.id)[0]?.stopReason, 'stopped');
    const gone = await play(new URL(uris[0], stream.url).toString());
    assert.equal(gone.status, 410);
  });

  it('stops the transcode when the session moves on (next), and the new item gets a transcode of its own', async () => {
    const session = await create({ ratingKey: '201', directPlay: false });
    assert.equal((await play(session.stream!.url)).status, 200);
    const next = (await stack.api.post<Session>(`/api/v1/sessions/${session.id}/next`)).body;
    await eventually(() => transcodesOf(session.id).every((t) => t.stoppedAt !== undefined), 'the first transcode stopped on next');
    assert.equal(transcodesOf(session.id)[0]?.stopReason, 'stopped', 'by the stopped timeline report, not replaced');
    const stale = await play(session.stream!.url);
    assert.equal(stale.status, 410);
    assert.equal(next.stream?.protocol, 'hls', 'the preferences stay with the session');
    assert.equal((await play(next.stream.url)).status, 200);
    const transcodes = transcodesOf(session.id);
    assert.equal(transcodes.length, 2);
    assert.equal(transcodes[1]?.ratingKey, next.ratingKey);
    assert.equal(transcodes[1]?.stoppedAt, undefined);

    // previous on the queue's first item plays it again: a stop then a new start for the same item, in that order.
    const back = (await stack.api.post<Session>(`/api/v1/sessions/${session.id}/previous`)).body;
    assert.equal((await play(back.stream!.url)).status, 200);
    const again = (await stack.api.post<Session>(`/api/v1/sessions/${session.id}/previous`)).body;
    assert.equal(again.ratingKey, back.ratingKey);
    assert.equal((await play(again.stream!.url)).status, 200);
    const latest = transcodesOf(session.id).at(-1);
    assert.equal(latest?.stoppedAt, undefined, 'the late stop of the same item did not end its new transcode');

    await stack.api.delete(`/api/v1/sessions/${session.id}`);
    await eventually(() => transcodesOf(session.id).every((t) => t.stoppedAt !== undefined), 'every transcode stopped');
  });

  it('switches to HLS on GET /stream with preferences, and back to direct play', async () => {
    const session = await create({ ratingKey: '102' });
    assert.equal(session.stream?.protocol, 'file');
    const hls = await stack.api.get<Stream>(`/api/v1/sessions/${session.id}/stream?maxVideoBitrate=3000`);
    assert.equal(hls.status, 200);
    assert.equal(hls.body.protocol, 'hls');
    assert.equal((await play(hls.body.url)).status, 200);
    assert.equal(transcodesOf(session.id)[0]?.videoBitrate, 3000);
    const containers = await stack.api.get<Stream>(`/api/v1/sessions/${session.id}/stream?containers=mp4,mkv`);
    assert.equal(containers.body.protocol, 'hls', 'mpegts is not among the containers the player plays');
    const file = await stack.api.get<Stream>(`/api/v1/sessions/${session.id}/stream?directPlay=true`);
    assert.equal(file.body.protocol, 'file');
    assert.equal((await stack.api.get<Session>(`/api/v1/sessions/${session.id}`)).body.stream?.protocol, 'file');
    await stack.api.delete(`/api/v1/sessions/${session.id}`);
    await eventually(() => transcodesOf(session.id).every((t) => t.stoppedAt !== undefined), 'stopped');
  });

  it('refuses a tampered playlist or segment URL', async () => {
    const session = await create({ ratingKey: '104', directPlay: false });
    const master = await play(session.stream!.url);
    const uri = new URL(playlistUris(master.text)[0], session.stream!.url);
    const parts = uri.pathname.split('/');
    // Point the signed claims at another server path: the signature no longer matches.
    const claims = JSON.parse(Buffer.from(parts[4].split('.')[0], 'base64url').toString('utf8')) as { r: string };
    claims.r = 'hls:/library/metadata/104';
    parts[4] = `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${parts[4].split('.')[1]}`;
    uri.pathname = parts.join('/');
    const refused = await play(uri.toString());
    assert.equal(refused.status, 403);
    assert.match((JSON.parse(refused.text) as ApiError).message, /not valid/);
    await stack.api.delete(`/api/v1/sessions/${session.id}`);
  });

  it('transcodes a track (directPlay: false) as music, through the same playlists, and stops it on stop', async () => {
    const track = stack.plex.library.ofType('track')[0];
    assert.ok(track);
    const session = await create({ ratingKey: track.ratingKey, directPlay: false });
    assert.equal(session.stream?.protocol, 'hls');
    assert.equal(session.stream.directPlay, false);
    const master = await play(session.stream.url);
    assert.equal(master.status, 200, master.text);
    assert.match(master.text, /CODECS="mp4a\.40\.2"/);
    assert.doesNotMatch(master.text, /RESOLUTION=/);
    const [transcode] = transcodesOf(session.id);
    assert.equal(transcode?.transcodeType, 'music');
    assert.equal(transcode.ratingKey, track.ratingKey);
    assert.equal(transcode.directPlay, false);
    assert.equal(stack.plex.requestsTo('GET', '/music/:/transcode/universal/decision').at(-1)?.query.transcodeSessionId, transcode.id);

    const media = await play(new URL(playlistUris(master.text)[0], session.stream.url).toString());
    assert.equal(media.status, 200, media.text);
    const uris = playlistUris(media.text);
    for (const uri of uris) assert.match(uri, RELATIVE_STREAM_URI);
    const segment = await play(new URL(uris.find((uri) => uri.endsWith('/00000.ts'))!, session.stream.url).toString());
    assert.equal(segment.status, 200);
    assert.ok(segment.bytes.length > 0 && segment.bytes[0] === 0x47, 'an MPEG-TS segment');

    // The player stops: the client reports it; the stopped report (same session identifier) ends the transcode.
    const stopped = await stack.api.post<Session>(`/api/v1/sessions/${session.id}/progress`, { state: 'stopped', positionMs: 5000 });
    assert.equal(stopped.status, 200, JSON.stringify(stopped.body));
    await eventually(() => transcodesOf(session.id).every((t) => t.stoppedAt !== undefined), 'the music transcode stopped');
    assert.equal(transcodesOf(session.id)[0]?.stopReason, 'stopped');
    const stop = timelineFor(stack, session.id).at(-1);
    assert.equal(stop?.query.state, 'stopped');
    assert.equal(stop?.query.ratingKey, track.ratingKey);
    assert.equal((await play(session.stream.url)).status, 410);
  });

  it('answers HEAD on the master playlist and a segment with the headers GET gives', async () => {
    const session = await create({ ratingKey: '104', directPlay: false });
    const head = (url: string) => fetch(url, { method: 'HEAD' });
    const masterHead = await head(session.stream!.url);
    assert.equal(masterHead.status, 200);
    assert.equal(masterHead.headers.get('content-type'), 'application/vnd.apple.mpegurl');
    const master = await play(session.stream!.url);
    assert.equal(masterHead.headers.get('content-length'), String(master.bytes.length));
    assert.equal(transcodesOf(session.id).length, 1, 'HEAD then GET: one transcode');
    const media = await play(new URL(playlistUris(master.text)[0], session.stream!.url).toString());
    const segmentUrl = new URL(playlistUris(media.text).find((uri) => uri.endsWith('/00000.ts'))!, session.stream!.url).toString();
    const segmentHead = await head(segmentUrl);
    assert.equal(segmentHead.status, 200);
    assert.equal((await segmentHead.arrayBuffer()).byteLength, 0);
    const segment = await play(segmentUrl);
    assert.equal(segmentHead.headers.get('content-length'), String(segment.bytes.length));
    assert.equal(segmentHead.headers.get('content-type'), 'video/mp2t');
    await stack.api.delete(`/api/v1/sessions/${session.id}`);
  });

  it('leaves no transcode running, and no token in anything the client received', async () => {
    await eventually(() => stack.plex.activeTranscodes().length === 0, 'every transcode started was stopped');
    assert.ok(stack.plex.transcodeSessions().length >= 5);
    const secrets = [stack.plex.token, stack.profile.apiKey, stack.env.ADMIN_TOKEN];
    const clientAnswers = receivedResponses.filter((r) => !r.path.startsWith('/api/v1/admin/'));
    const seen = [...playerSaw, ...clientAnswers.map((r) => `${r.path} ${r.headers} ${r.text}`)];
    const decoded = seen.flatMap((text) =>
      [...text.matchAll(/(?:\/api\/v1\/streams\/|\.\.\/)([A-Za-z0-9_-]+)\./g)].map((m) => Buffer.from(m[1], 'base64url').toString('utf8')),
    );
    assert.ok(decoded.length > 10, 'the scan decoded the claims of the URLs received (playlists included)');
    for (const secret of secrets) for (const text of [...seen, ...decoded]) assert.ok(!text.includes(secret), 'a secret reached the client');
  });
});

describe('a reaped session stops its transcode', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ SESSION_IDLE_TIMEOUT_MS: '1500', TIMELINE_INTERVAL_MS: '250' });
  });
  after(() => stack.close());

  it('ends the session as client-lost and Plex stops the transcode', async () => {
    const session = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '104', directPlay: false })).body;
    assert.equal((await play(session.stream!.url)).status, 200);
    assert.equal(stack.plex.activeTranscodes().length, 1);
    await eventually(async () => (await stack.api.get<Session>(`/api/v1/sessions/${session.id}`)).body.endedReason === 'client-lost', 'reaped', 8000);
    await eventually(() => stack.plex.activeTranscodes().length === 0, 'the transcode stopped', 5000);
    assert.equal(stack.plex.transcodeSessions()[0]?.stopReason, 'stopped');
    assert.equal((await play(session.stream!.url)).status, 410);
  });
});
