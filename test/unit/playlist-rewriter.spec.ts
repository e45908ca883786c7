import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isWithin, PlaylistError, rewritePlaylist, serverPathOf } from '../../src/modules/streams/playlist-rewriter.js';

const SERVER = 'http://plex.lan:32400';
const DIR = '/video/:/transcode/universal/session/abc-1/';
const MEDIA_URL = `${SERVER}${DIR}base/index.m3u8`;

const MASTER = [
  '#EXTM3U',
  '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="English",URI="session/abc-1/audio/index.m3u8"',
  '#EXT-X-STREAM-INF:BANDWIDTH=4000000,RESOLUTION=1280x720,CODECS="avc1.640028,mp4a.40.2",AUDIO="aud"',
  'session/abc-1/base/index.m3u8',
  '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=200000,URI="session/abc-1/iframes.m3u8"',
  '',
].join('\n');

const MEDIA = [
  '#EXTM3U',
  '#EXT-X-VERSION:6',
  '#EXT-X-TARGETDURATION:10',
  '#EXT-X-MAP:URI="init.ts"',
  '#EXT-X-KEY:METHOD=AES-128,URI="/video/:/transcode/universal/session/abc-1/base/key.bin",IV=0x1',
  '#EXTINF:10.0,',
  '00000.ts',
  '#EXTINF:10.0,',
  '/video/:/transcode/universal/session/abc-1/base/00001.ts',
  '#EXTINF:10.0,',
  'http://plex.lan:32400/video/:/transcode/universal/session/abc-1/base/00002.ts?X-Plex-Token=secret&quality=1',
  '#EXTINF:4.5,',
  '  00003.ts  ',
  '#EXT-X-ENDLIST',
].join('\r\n');

describe('rewritePlaylist', () => {
  it('maps every URI line and every URI="…" attribute, and keeps everything else as it is', () => {
    const seen: string[] = [];
    const out = rewritePlaylist(MASTER, (uri) => {
      seen.push(uri);
      return `/p/${seen.length}`;
    });
    assert.deepEqual(seen, ['session/abc-1/audio/index.m3u8', 'session/abc-1/base/index.m3u8', 'session/abc-1/iframes.m3u8']);
    assert.equal(
      out,
      [
        '#EXTM3U',
        '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="English",URI="/p/1"',
        '#EXT-X-STREAM-INF:BANDWIDTH=4000000,RESOLUTION=1280x720,CODECS="avc1.640028,mp4a.40.2",AUDIO="aud"',
        '/p/2',
        '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=200000,URI="/p/3"',
        '',
      ].join('\n'),
    );
  });

  it('handles relative, absolute-path and absolute URIs, tags with URI attributes, CRLF line ends', () => {
    const out = rewritePlaylist(MEDIA, (uri) => `[${serverPathOf(uri, MEDIA_URL, SERVER)}]`);
    const lines = out.split('\r\n');
    assert.equal(lines[3], `#EXT-X-MAP:URI="[${DIR}base/init.ts]"`);
    assert.equal(lines[4], `#EXT-X-KEY:METHOD=AES-128,URI="[${DIR}base/key.bin]",IV=0x1`);
    assert.equal(lines[6], `[${DIR}base/00000.ts]`);
    assert.equal(lines[8], `[${DIR}base/00001.ts]`);
    assert.equal(lines[10], `[${DIR}base/00002.ts?quality=1]`, 'X-Plex-* parameters (the token) are dropped');
    assert.equal(lines[12], `[${DIR}base/00003.ts]`);
    assert.equal(lines.at(-1), '#EXT-X-ENDLIST');
    assert.doesNotMatch(out, /secret|plex\.lan|X-Plex/);
  });

  it('leaves tags without URIs alone (a CODECS value is not a URI)', () => {
    const text = '#EXTM3U\n#EXT-X-KEY:METHOD=NONE\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS="URI"\nx.m3u8\n';
    assert.equal(rewritePlaylist(text, () => 'y'), '#EXTM3U\n#EXT-X-KEY:METHOD=NONE\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS="URI"\ny\n');
  });

  it('refuses a text that is not a playlist, and passes on a refusal from the mapping', () => {
    assert.throws(() => rewritePlaylist('<html>error</html>', (uri) => uri), PlaylistError);
    assert.throws(
      () =>
        rewritePlaylist('#EXTM3U\nhttp://evil.example/x.ts\n', () => {
          throw new PlaylistError('outside');
        }),
      PlaylistError,
    );
    assert.equal(rewritePlaylist('\uFEFF#EXTM3U\na.ts', () => 'b'), '#EXTM3U\nb');
  });
});

describe('serverPathOf', () => {
  it('resolves URIs against the playlist and gives the path on the server', () => {
    assert.equal(serverPathOf('../other/x.ts', MEDIA_URL, SERVER), `${DIR}other/x.ts`);
    assert.equal(serverPathOf('/library/parts/1/2/file.ts', MEDIA_URL, SERVER), '/library/parts/1/2/file.ts');
  });

  it('refuses URIs that leave the server: another origin, scheme, port, credentials', () => {
    for (const uri of [
      'http://evil.example/video/x.ts',
      'https://plex.lan:32400/video/x.ts',
      'http://plex.lan:32401/video/x.ts',
      '//evil.example/x.ts',
      'http://user:pw@plex.lan:32400/video/x.ts',
      'data:text/plain,hello',
    ]) {
      assert.equal(serverPathOf(uri, MEDIA_URL, SERVER), undefined, uri);
    }
  });

  it('keeps a server behind a path prefix to that prefix', () => {
    const server = 'https://home.example/plex';
    const playlist = `${server}${DIR}base/index.m3u8`;
    assert.equal(serverPathOf('00001.ts', playlist, server), `${DIR}base/00001.ts`);
    assert.equal(serverPathOf('/other/x.ts', playlist, server), undefined);
  });
});

describe('isWithin', () => {
  it('accepts plain names below the directory', () => {
    assert.equal(isWithin(`${DIR}base/00001.ts`, DIR), true);
    assert.equal(isWithin(`${DIR}base/index.m3u8?quality=1`, DIR), true);
  });

  it('refuses other transcodes, dot segments, encoded slashes or dots, and odd characters', () => {
    for (const path of [
      '/video/:/transcode/universal/session/abc-2/base/00001.ts',
      `${DIR}../abc-2/base/00001.ts`,
      `${DIR}base/./x.ts`,
      `${DIR}base/..%2f..%2fx.ts`,
      `${DIR}base/%2e%2e/x.ts`,
      `${DIR}base//x.ts`,
      `${DIR}base/x.ts?next=%2e%2e%2fy`,
      `${DIR}base/x ts`,
      `${DIR}`,
      '/library/parts/1/2/file.ts',
    ]) {
      assert.equal(isWithin(path, DIR), false, path);
    }
  });
});
