// Audio and subtitle tracks: chosen per profile through Plex, carried to the next episode, subtitles a TV can show
// (WebVTT sidecars, image subtitles burned in), audio the device cannot play converted alone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../helpers/api-client.js';
import { clientFor, createProfile } from '../helpers/household.js';
import type { ApiError, Session, Track } from '../helpers/session-types.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { eventually, play, tampered } from '../helpers/streams.js';

const byCodec = (tracks: Track[], codec: string, forced = false) => tracks.find((track) => track.codec === codec && track.forced === forced)!;

describe('tracks and subtitles', () => {
  let stack: Stack;
  let alice: ApiClient;
  let aliceId: string;
  before(async () => {
    stack = await startStack();
    const profile = await createProfile(stack.admin, { name: 'Alice', plexToken: stack.plex.addUser('alice') });
    aliceId = profile.apiKey;
    alice = clientFor(stack.proxy.url, profile.apiKey);
  });
  after(async () => {
    await eventually(() => stack.plex.activeTranscodes().length === 0, 'every transcode stopped');
    await stack.close();
  });

  it("lists the item's audio and subtitle tracks on the session and on the item's detail", async () => {
    const { body } = await alice.post<Session>('/api/v1/sessions', { ratingKey: '1002' });
    const part = stack.plex.item('1002')!.Media![0].Part[0];
    const streams = part.Stream!;
    assert.deepEqual(body.item.audioTracks.map((track) => [track.id, track.language, track.codec, track.channels, track.selected, track.default]), [
      [streams[1].id, 'English', 'aac', 2, true, true],
      [streams[2].id, 'Français', 'aac', 2, false, false],
      [streams[4].id, 'English', 'dts', 6, false, false],
    ]);
    assert.deepEqual(body.item.subtitleTracks.map((track) => [track.language, track.codec, track.forced, track.external, track.selected]), [
      ['English', 'srt', false, true, false],
      ['Français', 'srt', true, true, false],
      ['English', 'pgs', false, false, false],
    ]);
    assert.deepEqual(byCodec(body.item.subtitleTracks, 'pgs').hearingImpaired, true);
    assert.equal(byCodec(body.item.subtitleTracks, 'pgs').title, 'SDH');
    assert.equal(body.stream?.subtitleMode, 'none');
    assert.deepEqual(body.stream?.subtitles.map((file) => [file.trackId, file.language, file.forced]), [
      [streams[3].id, 'English', false],
      [streams[5].id, 'Français', true],
    ], 'the text tracks as files; the image one cannot be');

    const detail = await alice.get<{ media: { audioTracks: Track[]; subtitleTracks: Track[] } }>('/api/v1/items/1002');
    assert.deepEqual(detail.body.media.audioTracks, body.item.audioTracks);
    assert.deepEqual(detail.body.media.subtitleTracks, body.item.subtitleTracks);
    await alice.delete(`/api/v1/sessions/${body.id}`);
  });

  it('serves text subtitles as WebVTT at signed URLs, converted by Plex with the profile\'s token', async () => {
    const { body } = await alice.post<Session>('/api/v1/sessions', { ratingKey: '1002' });
    const file = body.stream!.subtitles[0];
    assert.ok(file.url.startsWith(`${stack.proxy.url}/api/v1/streams/`));
    assert.ok(!file.url.includes(stack.plex.token) && !file.url.includes(aliceId));
    stack.plex.clearRequests();
    const vtt = await play(file.url);
    assert.equal(vtt.status, 200);
    assert.match(vtt.headers.get('content-type') ?? '', /^text\/vtt/);
    assert.match(vtt.bytes.toString('utf8'), /^WEBVTT\n/);
    const [asked] = stack.plex.requestsTo('GET', `/library/streams/${file.trackId}.srt`);
    assert.deepEqual([asked?.query.format, asked?.user], ['webvtt', 'alice']);
    assert.equal((await play(tampered(file.url, 'signature'))).status, 403, 'a changed URL');
    await alice.delete(`/api/v1/sessions/${body.id}`);
    assert.equal((await play(file.url)).status, 410, 'gone with its session');
  });

  it("chooses tracks through Plex with the profile's token, and answers with a fresh stream for them", async () => {
    const session = (await alice.post<Session>('/api/v1/sessions', { ratingKey: '1002' })).body;
    const partId = stack.plex.item('1002')!.Media![0].Part[0].id;
    const forced = byCodec(session.item.subtitleTracks, 'srt', true);
    stack.plex.clearRequests();
    const sidecar = await alice.post<Session>(`/api/v1/sessions/${session.id}/tracks`, { subtitleTrackId: forced.id });
    assert.equal(sidecar.status, 200);
    const [put] = stack.plex.requestsTo('PUT', `/library/parts/${partId}`);
    assert.deepEqual([put?.query, put?.user], [{ subtitleStreamID: String(forced.id) }, 'alice']);
    assert.deepEqual(sidecar.body.item.subtitleTracks.filter((track) => track.selected).map((track) => track.id), [forced.id]);
    assert.equal(sidecar.body.stream?.subtitleMode, 'sidecar');
    assert.equal(sidecar.body.stream?.protocol, 'file');
    assert.notEqual(sidecar.body.stream?.url, session.stream?.url, 'a fresh stream URL');
    assert.deepEqual(sidecar.body.stream?.subtitles.filter((file) => file.selected).map((file) => file.trackId), [forced.id]);

    const pgs = byCodec(session.item.subtitleTracks, 'pgs');
    const burned = (await alice.post<Session>(`/api/v1/sessions/${session.id}/tracks`, { subtitleTrackId: pgs.id })).body;
    assert.deepEqual([burned.stream?.subtitleMode, burned.stream?.protocol, burned.stream?.directPlay], ['burned', 'hls', false]);
    const master = await play(burned.stream!.url);
    assert.equal(master.status, 200);
    const transcode = stack.plex.transcodeSessions().at(-1)!;
    assert.deepEqual([transcode.ratingKey, transcode.user, transcode.subtitles, transcode.burnedSubtitleStreamId], ['1002', 'alice', 'burn', pgs.id]);

    const off = (await alice.post<Session>(`/api/v1/sessions/${session.id}/tracks`, { subtitleTrackId: null })).body;
    assert.equal(stack.plex.requestsTo('PUT', `/library/parts/${partId}`).at(-1)?.query.subtitleStreamID, '0');
    assert.deepEqual([off.stream?.subtitleMode, off.stream?.protocol], ['none', 'file']);
    assert.ok(off.item.subtitleTracks.every((track) => !track.selected));
    await alice.delete(`/api/v1/sessions/${session.id}`);
  });

  it('refuses a track that is not the current item\'s, and an empty choice, naming the field', async () => {
    const session = (await alice.post<Session>('/api/v1/sessions', { ratingKey: '1002' })).body;
    const cases: [unknown, string][] = [
      [{ audioTrackId: 424242 }, 'audioTrackId'],
      [{ subtitleTrackId: session.item.audioTracks[0].id }, 'subtitleTrackId'],
      [{ subtitleTrackId: 'off' }, 'subtitleTrackId'],
      [{}, 'audioTrackId'],
    ];
    for (const [body, field] of cases) {
      const answer = await alice.post<ApiError>(`/api/v1/sessions/${session.id}/tracks`, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.deepEqual([...new Set(answer.body.fields?.map((f) => f.field))], [field]);
    }
    assert.equal((await stack.api.post<ApiError>(`/api/v1/sessions/${session.id}/tracks`, { subtitleTrackId: null })).status, 404, "another profile's session");
    await alice.delete(`/api/v1/sessions/${session.id}`);
  });

  it('keeps the choice per profile and carries it to the next episode, on any device of the profile', async () => {
    const session = (await alice.post<Session>('/api/v1/sessions', { ratingKey: '6111', continuous: true })).body;
    const french = session.item.audioTracks.find((track) => track.language === 'Français')!;
    const english = byCodec(session.item.subtitleTracks, 'srt');
    await alice.post(`/api/v1/sessions/${session.id}/tracks`, { audioTrackId: french.id, subtitleTrackId: english.id });
    const next = (await alice.post<Session>(`/api/v1/sessions/${session.id}/next`)).body;
    assert.equal(next.ratingKey, '6112');
    assert.deepEqual(
      [next.item.audioTracks.find((track) => track.selected)?.language, next.item.subtitleTracks.find((track) => track.selected)?.codec],
      ['Français', 'srt'],
    );
    assert.notEqual(next.item.audioTracks.find((track) => track.selected)?.id, french.id, "the next episode's own track");
    assert.equal(next.stream?.subtitleMode, 'sidecar');
    await alice.delete(`/api/v1/sessions/${session.id}`);

    const kitchen = alice.with({ 'x-device-id': 'tablet-kitchen' });
    const other = (await kitchen.post<Session>('/api/v1/sessions', { ratingKey: '6113' })).body;
    assert.equal(other.item.audioTracks.find((track) => track.selected)?.language, 'Français');
    await kitchen.delete(`/api/v1/sessions/${other.id}`);

    const admins = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '6112' })).body;
    assert.equal(admins.item.audioTracks.find((track) => track.selected)?.language, 'English', "another profile's choice is its own");
    assert.equal(admins.stream?.subtitleMode, 'none');
    await stack.api.delete(`/api/v1/sessions/${admins.id}`);
  });

  it('converts only the audio when the device cannot play the selected track (DTS)', async () => {
    const session = (await alice.post<Session>('/api/v1/sessions', { ratingKey: '1002', audioCodecs: ['aac', 'ac3'] })).body;
    assert.deepEqual([session.stream?.protocol, session.stream?.audioConverted], ['file', undefined], 'AAC plays as it is');
    const dts = byCodec(session.item.audioTracks, 'dts');
    const converted = (await alice.post<Session>(`/api/v1/sessions/${session.id}/tracks`, { audioTrackId: dts.id })).body;
    assert.deepEqual([converted.stream?.protocol, converted.stream?.audioConverted], ['hls', true]);
    assert.equal((await play(converted.stream!.url)).status, 200);
    const transcode = stack.plex.transcodeSessions().at(-1)!;
    assert.deepEqual([transcode.directStream, transcode.directStreamAudio, transcode.audioStreamId, transcode.videoBitrate], [true, false, dts.id, undefined]);
    const other = (await alice.with({ 'x-device-id': 'tv-bedroom' }).post<Session>('/api/v1/sessions', { ratingKey: '1002' })).body;
    assert.deepEqual([other.stream?.protocol, other.stream?.audioConverted], ['file', undefined], 'a device that said nothing plays the file');
    await alice.delete(`/api/v1/sessions/${session.id}`);
    await alice.with({ 'x-device-id': 'tv-bedroom' }).delete(`/api/v1/sessions/${other.id}`);
  });
});
