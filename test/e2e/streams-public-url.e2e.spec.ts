import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Session, Stream } from '../helpers/session-types.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { eventually, getWithHost, play, playlistUris } from '../helpers/streams.js';

/** Where a reverse proxy publishes the proxy: it strips `/proxy` and forwards the rest to the proxy. */
const PUBLIC_URL = 'https://tv.example/proxy';

describe('behind a reverse proxy at a path: PUBLIC_URL', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ PUBLIC_URL: `${PUBLIC_URL}/` });
  });
  after(() => stack.close());

  /** What the reverse proxy does with a public URL: the same path, prefix stripped, at the proxy's real address. */
  const forwarded = (publicUrl: string) => {
    assert.ok(publicUrl.startsWith(`${PUBLIC_URL}/api/v1/streams/`), `a public stream URL: ${publicUrl}`);
    return stack.proxy.url + publicUrl.slice(PUBLIC_URL.length);
  };

  it('hands out stream URLs under PUBLIC_URL (trailing slash dropped) that play once forwarded; Host is ignored', async () => {
    const { body: session } = await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '104' });
    const stream = session.stream!;
    assert.ok(stream.url.startsWith(`${PUBLIC_URL}/api/v1/streams/`), stream.url);
    const partId = stack.plex.item('104')?.Media?.[0]?.Part[0]?.id;
    assert.ok(partId !== undefined);
    const size = stack.plex.partFile(partId)?.size ?? 0;
    const ranged = await play(forwarded(stream.url), 'bytes=0-187');
    assert.equal(ranged.status, 206);
    assert.equal(ranged.headers.get('content-range'), `bytes 0-187/${size}`);
    const head = await fetch(forwarded(stream.url), { method: 'HEAD' });
    assert.equal(head.headers.get('content-length'), String(size));

    const fresh = (await stack.api.get<Stream>(`/api/v1/sessions/${session.id}/stream`)).body;
    assert.equal((await play(forwarded(fresh.url), 'bytes=0-9')).status, 206);
    const key = { authorization: `Bearer ${stack.profile.apiKey}`, 'x-device-id': 'tv-1' };
    const spoofed = await getWithHost(`${stack.proxy.url}/api/v1/sessions/${session.id}/stream`, 'evil.example', key);
    assert.ok((spoofed.body as Stream).url.startsWith(`${PUBLIC_URL}/api/v1/streams/`), 'PUBLIC_URL wins over any Host');
    await stack.api.delete(`/api/v1/sessions/${session.id}`);
  });

  it('writes playlist URIs that resolve under PUBLIC_URL too (relative), down to the segments', async () => {
    const { body: session } = await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '104', directPlay: false });
    const masterUrl = session.stream!.url;
    const master = await play(forwarded(masterUrl));
    assert.equal(master.status, 200, master.text);
    // A player resolves every URI against the URL it opened: the public one.
    const mediaUrl = new URL(playlistUris(master.text)[0], masterUrl).toString();
    const media = await play(forwarded(mediaUrl));
    assert.equal(media.status, 200, media.text);
    const uris = playlistUris(media.text).map((uri) => new URL(uri, mediaUrl).toString());
    assert.ok(uris.length >= 3);
    for (const uri of uris.slice(0, 3)) {
      const resource = await play(forwarded(uri));
      assert.equal(resource.status, 200, uri);
      assert.equal(resource.headers.get('content-type'), 'video/mp2t');
    }
    await stack.api.delete(`/api/v1/sessions/${session.id}`);
    await eventually(() => stack.plex.activeTranscodes().length === 0, 'the transcode stopped');
  });
});
