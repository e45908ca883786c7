import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiError, Session } from '../helpers/session-types.js';
import { startStack, type Stack } from '../helpers/stack.js';

const PARTS = /^\/library\/parts\//;
const TRANSCODE_RESOURCES = /^\/video\/:\/transcode\/universal\/session\//;
import { eventually, play, playlistUris } from '../helpers/streams.js';

/** Plex failing under a stream: a JSON error while nothing was sent yet, a cut connection once the body has begun. */
describe('streams when Plex fails', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ PLEX_TIMEOUT_MS: '1500' }, { mediaBytes: 16 * 1024 * 1024 });
  });
  after(async () => {
    if (process.env.SHOW_PROXY_OUTPUT) console.log(stack.proxy.output());
    await stack.close();
  });

  const create = async (body: Record<string, unknown> = { ratingKey: '104' }) => {
    const { status, body: session } = await stack.api.post<Session>('/api/v1/sessions', body);
    assert.equal(status, 201, JSON.stringify(session));
    return session;
  };
  const assertJsonError = (response: Awaited<ReturnType<typeof play>>, status: number, message: RegExp) => {
    assert.equal(response.status, status, response.text);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    const body = JSON.parse(response.text) as ApiError;
    assert.equal(body.statusCode, status);
    assert.match(body.message, message);
    assert.ok(!response.text.includes(stack.plex.token), 'no Plex token in the error');
  };

  it('answers 503 JSON (Retry-After) when Plex answers 5xx or cannot be reached, and plays again after', async () => {
    const session = await create();
    for (const status of [500, 503]) {
      stack.plex.faults.failNext(1, status, PARTS);
      const failed = await play(session.stream!.url, 'bytes=0-99');
      assertJsonError(failed, 503, /cannot be reached/);
      assert.equal(failed.headers.get('retry-after'), '5');
    }
    await stack.plex.faults.down();
    try {
      assertJsonError(await play(session.stream!.url, 'bytes=0-99'), 503, /cannot be reached/);
      const head = await fetch(session.stream!.url, { method: 'HEAD' });
      assert.equal(head.status, 503);
    } finally {
      await stack.plex.faults.up();
    }
    assert.equal((await play(session.stream!.url, 'bytes=0-99')).status, 206);
    await stack.api.delete(`/api/v1/sessions/${session.id}`);
  });

  it('answers 503 JSON when Plex does not answer within PLEX_TIMEOUT_MS', async () => {
    const session = await create();
    stack.plex.faults.latency(3000);
    try {
      const started = Date.now();
      assertJsonError(await play(session.stream!.url, 'bytes=0-99'), 503, /cannot be reached/);
      assert.ok(Date.now() - started < 2900, 'the proxy gave up before Plex answered');
    } finally {
      stack.plex.faults.reset();
    }
    await stack.api.delete(`/api/v1/sessions/${session.id}`);
  });

  it('answers 502 when Plex refuses the proxy (401/403) and 404 for a part it no longer has', async () => {
    const session = await create();
    stack.plex.faults.failNext(1, 401, PARTS);
    assertJsonError(await play(session.stream!.url, 'bytes=0-99'), 502, /refused the credentials/);
    stack.plex.faults.failNext(1, 404, PARTS);
    assertJsonError(await play(session.stream!.url, 'bytes=0-99'), 404, /not on the Plex server/);
    await stack.api.delete(`/api/v1/sessions/${session.id}`);
  });

  it('cuts the player off (no clean end) when Plex goes away mid-file, and serves again once it is back', async () => {
    const session = await create();
    const partId = stack.plex.item('104')?.Media?.[0]?.Part[0]?.id;
    assert.ok(partId !== undefined);
    const size = stack.plex.partFile(partId)?.size ?? 0;
    const response = await fetch(session.stream!.url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-length'), String(size));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let received = (await reader.read()).value?.length ?? 0;
    await stack.plex.faults.down(300);
    const outcome = await (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return 'ended';
          received += value.length;
        }
      } catch {
        return 'cut';
      }
    })();
    assert.equal(outcome, 'cut', 'a player must see the stream break, not a short file that ended well');
    assert.ok(received < size, `${received} of ${size} bytes`);
    await eventually(async () => (await play(session.stream!.url, 'bytes=0-9')).status === 206, 'serves again', 5000);
    assert.ok(!stack.proxy.output().includes(stack.plex.token), 'no Plex token in the logs');
    await stack.api.delete(`/api/v1/sessions/${session.id}`);
  });

  it('answers 503 JSON for a transcode playlist or segment while Plex fails', async () => {
    const session = await create({ ratingKey: '104', directPlay: false });
    const master = await play(session.stream!.url);
    assert.equal(master.status, 200);
    const mediaUrl = new URL(playlistUris(master.text)[0], session.stream!.url).toString();
    stack.plex.faults.failNext(1, 500, TRANSCODE_RESOURCES);
    assertJsonError(await play(mediaUrl), 503, /cannot be reached/);
    const media = await play(mediaUrl);
    assert.equal(media.status, 200);
    const segmentUrl = new URL(playlistUris(media.text).find((uri) => uri.endsWith('/00000.ts'))!, mediaUrl).toString();
    stack.plex.faults.failNext(1, 502, TRANSCODE_RESOURCES);
    assertJsonError(await play(segmentUrl), 503, /cannot be reached/);
    assert.equal((await play(segmentUrl)).status, 200);
    await stack.api.delete(`/api/v1/sessions/${session.id}`);
    await eventually(() => stack.plex.activeTranscodes().length === 0, 'the transcode stopped');
  });

  it('leaves no stream token and no Plex token in the proxy logs', () => {
    const output = stack.proxy.output();
    assert.ok(!output.includes(stack.plex.token));
    const tokens = [...output.matchAll(/\/api\/v1\/streams\/([^/\s"?]+)/g)].map((match) => match[1]);
    assert.ok(tokens.length > 0, 'stream requests were logged');
    for (const token of tokens) assert.ok(!/^[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}$/.test(token ?? ''), `a stream token in the logs: ${token}`);
  });
});
