// The family demo items: several audio and subtitle tracks, markers, per-user stream choices carried across a show,
// subtitles converted to WebVTT, transcodes that burn subtitles or convert the audio only, played at the credits.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startPlexEmulator, type PlexEmulator } from '../../../emulator/index.js';
import { EmulatorClient, metadataOf } from './emulator-client.js';

interface Stream {
  id: number;
  streamType: number;
  codec: string;
  index: number;
  language?: string;
  selected?: boolean;
  forced?: boolean;
  key?: string;
}

function streamsOf(item: Record<string, unknown> | undefined): Stream[] {
  const media = (item?.Media as { Part: { Stream?: Stream[] }[] }[] | undefined)?.[0];
  return media?.Part[0]?.Stream ?? [];
}

describe('emulator: the family demo', () => {
  let emulator: PlexEmulator;
  let plex: EmulatorClient;
  let alice: EmulatorClient;

  before(async () => {
    emulator = await startPlexEmulator();
    plex = new EmulatorClient(emulator);
    alice = plex.as({ token: emulator.addUser('alice') });
  });
  after(() => emulator.close());

  it('lists two audio languages with a DTS track, text and image subtitles with one forced', async () => {
    const [episode] = metadataOf((await plex.get('/library/metadata/6111')).json.MediaContainer);
    const streams = streamsOf(episode);
    assert.deepEqual(streams.filter((s) => s.streamType === 2).map((s) => `${s.language}/${s.codec}`), ['English/aac', 'Français/aac', 'English/dts']);
    assert.deepEqual(streams.filter((s) => s.streamType === 3).map((s) => `${s.language}/${s.codec}/${s.forced === true}`), [
      'English/srt/false',
      'Français/srt/true',
      'English/pgs/false',
    ]);
    const sidecars = streams.filter((s) => s.streamType === 3 && s.key === `/library/streams/${s.id}`);
    assert.deepEqual(sidecars.map((s) => s.codec), ['srt', 'srt'], 'text subtitles are sidecar files, the image ones embedded');
  });

  it('answers markers only with includeMarkers=1', async () => {
    const [plain] = metadataOf((await plex.get('/library/metadata/1002')).json.MediaContainer);
    assert.equal(plain?.Marker, undefined);
    const [marked] = metadataOf((await plex.get('/library/metadata/1002', { includeMarkers: 1 })).json.MediaContainer);
    const markers = marked?.Marker as { type: string; startTimeOffset: number; endTimeOffset: number }[];
    assert.deepEqual(markers.map((m) => m.type), ['intro', 'credits']);
    assert.equal(markers[1]?.endTimeOffset, marked?.duration);
    const [other] = metadataOf((await plex.get('/library/metadata/101', { includeMarkers: 1 })).json.MediaContainer);
    assert.equal(other?.Marker, undefined, 'other items have none');
  });

  it('keeps each user\'s stream choice and carries it to the next episode of the show', async () => {
    const part = emulator.item('6111')!.Media![0].Part[0];
    const dts = part.Stream!.find((s) => s.codec === 'dts')!;
    const forced = part.Stream!.find((s) => s.forced)!;
    assert.equal((await alice.put(`/library/parts/${part.id}`, { audioStreamID: dts.id, subtitleStreamID: forced.id })).status, 200);
    const next = streamsOf(metadataOf((await alice.get('/library/metadata/6112')).json.MediaContainer)[0]);
    assert.deepEqual(next.filter((s) => s.selected).map((s) => `${s.codec}/${s.language}`), ['dts/English', 'srt/Français']);
    const admins = streamsOf(metadataOf((await plex.get('/library/metadata/6112')).json.MediaContainer)[0]);
    assert.deepEqual(admins.filter((s) => s.selected).map((s) => s.codec), ['aac'], "the admin's stays the default");
    assert.equal((await alice.put(`/library/parts/${part.id}`, { subtitleStreamID: 0 })).status, 200);
    assert.deepEqual(emulator.streamChoice('600', 'alice'), { audioIndex: dts.index, subtitleIndex: null });
    assert.equal((await alice.put(`/library/parts/${part.id}`, { audioStreamID: 5001 })).status, 400, 'a stream of another part');
  });

  it('converts text subtitles to WebVTT; image subtitles cannot be', async () => {
    const part = emulator.item('1002')!.Media![0].Part[0];
    const srt = part.Stream!.find((s) => s.streamType === 3 && s.codec === 'srt')!;
    const pgs = part.Stream!.find((s) => s.codec === 'pgs')!;
    const vtt = await plex.get(`/library/streams/${srt.id}.srt`, { format: 'webvtt' });
    assert.equal(vtt.status, 200);
    assert.match(vtt.text, /^WEBVTT\n\n00:00:00\.000 --> 00:00:05\.000\n/);
    assert.match((await plex.get(`/library/streams/${srt.id}.srt`)).text, /^1\n00:00:00,000 --> /);
    assert.equal((await plex.get(`/library/streams/${pgs.id}.sup`, { format: 'webvtt' })).status, 501, 'embedded image subtitles are no sidecar');
    assert.equal((await plex.get(`/library/streams/999999.srt`)).status, 404);
  });

  it('records burned subtitles and audio-only conversion in transcodes', async () => {
    const part = emulator.item('1002')!.Media![0].Part[0];
    const pgs = part.Stream!.find((s) => s.codec === 'pgs')!;
    await alice.put(`/library/parts/${part.id}`, { subtitleStreamID: pgs.id });
    const tv = alice.as({ sessionIdentifier: 'family-1' });
    const common = { path: '/library/metadata/1002', protocol: 'hls', directPlay: 0, directStream: 1 };
    assert.equal((await tv.get('/video/:/transcode/universal/start.m3u8', { ...common, subtitles: 'burn', transcodeSessionId: 'burn-1' })).status, 200);
    assert.equal((await tv.get('/video/:/transcode/universal/start.m3u8', { ...common, directStreamAudio: 0, transcodeSessionId: 'audio-1' })).status, 200);
    const [burn, audio] = emulator.transcodeSessions().slice(-2);
    assert.deepEqual([burn?.subtitles, burn?.burnedSubtitleStreamId, burn?.directStreamAudio], ['burn', pgs.id, true]);
    assert.deepEqual([audio?.subtitles, audio?.burnedSubtitleStreamId, audio?.directStreamAudio, audio?.directStream], [undefined, undefined, false, true]);
    await tv.timeline({ ratingKey: '1002', key: '/library/metadata/1002', state: 'stopped', time: 0, duration: emulator.item('1002')!.duration! });
  });

  it('marks played at the first credits marker before the threshold (the default behaviour), at the threshold with behaviour 0', async () => {
    const bob = plex.as({ token: emulator.addUser('bob'), clientIdentifier: 'bob-tv' });
    const item = emulator.item('6113')!;
    const credits = (item.Marker ?? []).find((m) => m.type === 'credits')!;
    const duration = item.duration!;
    assert.ok(credits.startTimeOffset < duration * 0.9);
    const report = { ratingKey: '6113', key: '/library/metadata/6113', duration };
    await bob.timeline({ ...report, state: 'playing', time: credits.startTimeOffset + 1000 });
    assert.equal(emulator.item('6113', 'bob')?.viewCount, 1);
    await bob.timeline({ ...report, state: 'stopped', time: credits.startTimeOffset + 1000 });
    emulator.setPref('LibraryVideoPlayedAtBehaviour', 0);
    try {
      await bob.as({ sessionIdentifier: 'again' }).timeline({ ...report, ratingKey: '6114', key: '/library/metadata/6114', duration: emulator.item('6114')!.duration!, state: 'playing', time: Math.round(emulator.item('6114')!.duration! * 0.88) });
      assert.equal(emulator.item('6114', 'bob')?.viewCount, 0);
    } finally {
      emulator.setPref('LibraryVideoPlayedAtBehaviour', 3);
    }
  });
});
