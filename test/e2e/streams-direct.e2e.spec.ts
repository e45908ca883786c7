import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { receivedResponses } from '../helpers/api-client.js';
import { clientFor, createProfile } from '../helpers/household.js';
import type { ApiError, Session, Stream } from '../helpers/session-types.js';
import { sleep, startStack, type Stack } from '../helpers/stack.js';
import { eventually, getWithHost, play, playerSaw, tampered, tokenClaims } from '../helpers/streams.js';

describe('direct play through signed stream URLs', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({}, { mediaBytes: 16 * 1024 * 1024 });
  });
  after(async () => {
    if (process.env.SHOW_PROXY_OUTPUT) console.log(stack.proxy.output().split('\n').filter((l) => !l.includes('"level":20')).join('\n'));
    await stack.close();
  });

  const create = async (body: Record<string, unknown> = { ratingKey: '104' }) => {
    const { status, body: session } = await stack.api.post<Session>('/api/v1/sessions', body);
    assert.equal(status, 201, JSON.stringify(session));
    return session;
  };
  const partOf = (ratingKey: string) => {
    const part = stack.plex.item(ratingKey)?.Media?.[0]?.Part[0];
    assert.ok(part);
    const file = stack.plex.partFile(part.id);
    assert.ok(file);
    return { part, file };
  };

  it('answers sessions with a stream: an absolute proxy URL, file protocol, an expiry, direct play', async () => {
    const session = await create();
    const stream = session.stream!;
    assert.ok(stream, 'the session carries a stream');
    assert.equal(stream.protocol, 'file');
    assert.equal(stream.directPlay, true);
    assert.ok(stream.url.startsWith(`${stack.proxy.url}/api/v1/streams/`), stream.url);
    assert.match(stream.url, /\/file\.ts$/);
    const expiresIn = Date.parse(stream.expiresAt) - Date.now();
    assert.ok(expiresIn > 5.9 * 3600_000 && expiresIn <= 6 * 3600_000, `6 h by default (${expiresIn} ms)`);
    assert.deepEqual(Object.keys(tokenClaims(stream.url)).sort(), ['e', 'i', 'r', 's', 'v']);
    const again = (await stack.api.get<Session>(`/api/v1/sessions/${session.id}`)).body;
    assert.equal(again.stream?.url, stream.url, 'the same URL while it has most of its life left');
    const progressed = (await stack.api.post<Session>(`/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: 1000 })).body;
    assert.equal(progressed.stream?.url, stream.url);
    const listed = (await stack.api.get<Session[]>('/api/v1/sessions')).body.find((s) => s.id === session.id);
    assert.ok(listed?.stream?.url.startsWith(stack.proxy.url));
  });

  it("builds stream URLs from the caller's own Host only when it is a plain host[:port], and marks answers no-store", async () => {
    const session = await create();
    const key = { authorization: `Bearer ${stack.profile.apiKey}`, 'x-device-id': 'tv-1' };
    const streamUrl = (answer: { body: unknown }) => (answer.body as Stream).url;
    // The Host the client used (a TV reaching the proxy by another name) is the one its player must use.
    const named = await getWithHost(`${stack.proxy.url}/api/v1/sessions/${session.id}/stream`, 'tv-proxy.lan:8080', key);
    assert.equal(named.status, 200);
    assert.match(streamUrl(named), /^http:\/\/tv-proxy\.lan:8080\/api\/v1\/streams\/[^/]+\/file\.ts$/);
    assert.equal(named.headers['cache-control'], 'no-store', 'a stream URL is a credential: never in a shared cache');
    // Anything else in Host never reaches the URL: it stays a path on the proxy (no userinfo, path or query smuggled).
    for (const host of ['evil.example@tv-proxy.lan', 'tv-proxy.lan/evil?x=', 'tv-proxy.lan:80:80', 'a b', '"quoted"']) {
      const answer = await getWithHost(`${stack.proxy.url}/api/v1/sessions/${session.id}`, host, key);
      if (answer.status === 400) continue; // refused by the HTTP server itself: fine too
      assert.equal(answer.status, 200, host);
      assert.match((answer.body as Session).stream!.url, /^\/api\/v1\/streams\/[^/]+\/file\.ts$/, host);
    }
    const listed = (await stack.api.get<Session[]>('/api/v1/sessions')).headers.get('cache-control');
    assert.equal(listed, 'no-store');
  });

  it('plays the file by ranges: start, middle, end, open-ended, suffix, whole; bytes equal to the emulator\'s', async () => {
    const session = await create();
    const { file } = partOf('104');
    const size = file.size;
    const mid = Math.floor(size / 2);
    const cases: { range?: string; start: number; end: number }[] = [
      { range: 'bytes=0-1023', start: 0, end: 1024 },
      { range: `bytes=${mid}-${mid + 65_535}`, start: mid, end: mid + 65_536 },
      { range: `bytes=${size - 188}-${size - 1}`, start: size - 188, end: size },
      { range: `bytes=${size - 300_000}-`, start: size - 300_000, end: size },
      { range: 'bytes=-500', start: size - 500, end: size },
      { range: `bytes=${size - 10}-${size + 5000}`, start: size - 10, end: size },
    ];
    for (const { range, start, end } of cases) {
      const response = await play(session.stream!.url, range);
      assert.equal(response.status, 206, range);
      assert.equal(response.headers.get('content-range'), `bytes ${start}-${end - 1}/${size}`, range);
      assert.equal(response.headers.get('content-length'), String(end - start), range);
      assert.equal(response.headers.get('accept-ranges'), 'bytes');
      assert.equal(response.headers.get('content-type'), 'video/mp2t');
      assert.ok(response.bytes.equals(file.slice(start, end)), `bytes of ${range}`);
    }
    const whole = await play(session.stream!.url);
    assert.equal(whole.status, 200);
    assert.equal(whole.headers.get('content-length'), String(size));
    assert.ok(whole.bytes.equals(file.slice(0, size)), 'the whole file');
    const ranged = stack.plex.requestsTo('GET', /^\/library\/parts\//).map((request) => request.headers.range);
    assert.ok(ranged.includes(`bytes=${mid}-${mid + 65_535}`), 'the Range went to Plex as it was');
  });

  it('passes 416 through for a range outside the file, with Content-Range', async () => {
    const session = await create();
    const { file } = partOf('104');
    const response = await play(session.stream!.url, `bytes=${file.size}-`);
    assert.equal(response.status, 416);
    assert.equal(response.headers.get('content-range'), `bytes */${file.size}`);
    assert.equal((JSON.parse(response.text) as ApiError).statusCode, 416);
  });

  it('answers HEAD as GET would (length, type, ranges, 416) without fetching the file from Plex', async () => {
    const session = await create();
    const { file } = partOf('104');
    const size = file.size;
    const earlier = stack.plex.requests.length;
    const head = async (range?: string, url = session.stream!.url) => {
      const response = await fetch(url, { method: 'HEAD', headers: range ? { range } : {} });
      assert.equal((await response.arrayBuffer()).byteLength, 0);
      playerSaw.push(url, JSON.stringify([...response.headers]));
      return response;
    };
    const whole = await head();
    assert.equal(whole.status, 200);
    assert.equal(whole.headers.get('content-length'), String(size));
    assert.equal(whole.headers.get('content-type'), 'video/mp2t');
    assert.equal(whole.headers.get('accept-ranges'), 'bytes');
    assert.equal(whole.headers.get('content-range'), null);
    const cases: [string, number, number][] = [
      ['bytes=100-199', 100, 199],
      [`bytes=${size - 300}-`, size - 300, size - 1],
      ['bytes=-500', size - 500, size - 1],
      [`bytes=${size - 10}-${size + 5000}`, size - 10, size - 1],
    ];
    for (const [range, first, last] of cases) {
      const response = await head(range);
      assert.equal(response.status, 206, range);
      assert.equal(response.headers.get('content-range'), `bytes ${first}-${last}/${size}`, range);
      assert.equal(response.headers.get('content-length'), String(last - first + 1), range);
      assert.equal(response.headers.get('content-type'), 'video/mp2t');
      // The same headers a GET of that range answers.
      const get = await play(session.stream!.url, range);
      assert.equal(get.headers.get('content-range'), response.headers.get('content-range'), range);
    }
    const outside = await head(`bytes=${size}-`);
    assert.equal(outside.status, 416);
    assert.equal(outside.headers.get('content-range'), `bytes */${size}`);
    assert.equal((await head(undefined, tampered(session.stream!.url, 'signature'))).status, 403);

    const heads = stack.plex.requests.slice(earlier).filter((request) => request.path.startsWith('/library/parts/') && request.headers.range === 'bytes=0-0');
    assert.equal(heads.length, 6, 'one first-byte GET per HEAD (the tampered one never reached Plex)');
    for (const request of heads) {
      assert.equal(request.method, 'GET', 'the spec declares only GET for media parts');
      assert.equal(request.status, 206);
      assert.ok(request.bodyBytes <= 1, `no body beyond the first byte (${request.bodyBytes})`);
    }
    const others = stack.plex.requests.slice(earlier).filter((request) => request.path.startsWith('/library/parts/') && !heads.includes(request));
    assert.deepEqual(others.map((request) => request.headers.range), cases.map(([range]) => range), 'only the GETs of the test fetched bytes');
  });

  it('never passes on a header Plex sent that it does not need to', async () => {
    const session = await create();
    const response = await play(session.stream!.url, 'bytes=0-99');
    assert.equal(response.headers.get('x-plex-protocol'), null);
    assert.equal(response.headers.get('set-cookie'), null);
  });

  it('refuses a tampered URL (payload or signature) with 403 and a JSON error', async () => {
    const session = await create();
    for (const where of ['payload', 'signature'] as const) {
      const response = await play(tampered(session.stream!.url, where), 'bytes=0-99');
      assert.equal(response.status, 403, where);
      assert.match((JSON.parse(response.text) as ApiError).message, /not valid/);
    }
    const garbage = await play(`${stack.proxy.url}/api/v1/streams/garbage/file.ts`);
    assert.equal(garbage.status, 403);
  });

  it("refuses an ended session's URL (410) and the old item's URL after next (410); the new one plays", async () => {
    const show = await create({ ratingKey: '201' });
    const first = show.stream!;
    assert.equal((await play(first.url, 'bytes=0-9')).status, 206);
    const next = (await stack.api.post<Session>(`/api/v1/sessions/${show.id}/next`)).body;
    assert.notEqual(next.stream?.url, first.url, 'a new stream for the new item');
    const stale = await play(first.url, 'bytes=0-9');
    assert.equal(stale.status, 410);
    assert.match((JSON.parse(stale.text) as ApiError).message, /another item/);
    assert.equal((await play(next.stream!.url, 'bytes=0-9')).status, 206);

    assert.equal((await stack.api.delete(`/api/v1/sessions/${show.id}`)).status, 204);
    const ended = await play(next.stream!.url, 'bytes=0-9');
    assert.equal(ended.status, 410);
    assert.match((JSON.parse(ended.text) as ApiError).message, /ended/);
    const endedSession = (await stack.api.get<Session>(`/api/v1/sessions/${show.id}`)).body;
    assert.equal(endedSession.stream, undefined, 'an ended session has no stream');
  });

  it('issues a fresh URL with GET /sessions/:id/stream; only for the caller\'s own active sessions', async () => {
    const session = await create();
    const fresh = await stack.api.get<Stream>(`/api/v1/sessions/${session.id}/stream`);
    assert.equal(fresh.status, 200);
    assert.equal(fresh.body.protocol, 'file');
    assert.ok(fresh.body.url.startsWith(stack.proxy.url));
    assert.equal((await play(fresh.body.url, 'bytes=0-9')).status, 206);

    const other = await createProfile(stack.admin, { name: 'Other' });
    const otherApi = clientFor(stack.proxy.url, other.apiKey);
    assert.equal((await otherApi.get(`/api/v1/sessions/${session.id}/stream`)).status, 404);
    assert.equal((await new (stack.api.constructor as typeof import('../helpers/api-client.js').ApiClient)(stack.proxy.url).get(`/api/v1/sessions/${session.id}/stream`)).status, 401);
    await stack.api.delete(`/api/v1/sessions/${session.id}`);
    assert.equal((await stack.api.get(`/api/v1/sessions/${session.id}/stream`)).status, 409);
  });

  it('answers 400 naming the field for bad stream preferences', async () => {
    const session = await create();
    const cases: [string, string][] = [
      ['maxVideoBitrate=fast', 'maxVideoBitrate'],
      ['maxVideoBitrate=10', 'maxVideoBitrate'],
      ['directPlay=maybe', 'directPlay'],
      ['videoResolution=720p', 'videoResolution'],
      ['containers=mp4,M%20KV', 'containers'],
      ['quality=high', 'quality'],
    ];
    for (const [query, field] of cases) {
      const response = await stack.api.get<ApiError>(`/api/v1/sessions/${session.id}/stream?${query}`);
      assert.equal(response.status, 400, query);
      assert.deepEqual([...new Set(response.body.fields?.map((f) => f.field))], [field], query);
    }
    const create400 = await stack.api.post<ApiError>('/api/v1/sessions', { ratingKey: '104', maxVideoBitrate: 'fast' });
    assert.equal(create400.status, 400);
    assert.deepEqual([...new Set(create400.body.fields?.map((f) => f.field))], ['maxVideoBitrate']);
  });

  it('aborts the request to Plex when the player goes away mid-file (no socket left open)', async () => {
    const session = await create();
    const { file } = partOf('104');
    await sleep(100);
    const before = stack.plex.openConnections();
    const partRequests = () => stack.plex.requestsTo('GET', /^\/library\/parts\//);
    const earlier = partRequests().length;
    const aborted = 5;
    for (let i = 0; i < aborted; i++) {
      const controller = new AbortController();
      const response = await fetch(session.stream!.url, { signal: controller.signal });
      assert.equal(response.status, 200);
      const reader = response.body!.getReader();
      await reader.read();
      controller.abort();
      await reader.closed.catch(() => undefined);
    }
    // A 16 MiB file was not read: without the abort each upstream socket would stay open, stalled by back-pressure
    // (five of them). Aborted sockets are destroyed; the pool may keep one fresh idle connection.
    await eventually(
      () => stack.plex.openConnections() <= before + 1,
      `the upstream connections closed (${before} before, ${stack.plex.openConnections()} now)`,
      5000,
    );
    await eventually(() => partRequests().slice(earlier).every((request) => request.aborted), 'Plex saw every request aborted');
    const upstream = partRequests().slice(earlier);
    assert.equal(upstream.length, aborted);
    for (const request of upstream) assert.ok(request.bodyBytes < file.size, `only part of the file was sent (${request.bodyBytes})`);
    // And the proxy keeps serving.
    assert.equal((await play(session.stream!.url, 'bytes=0-9')).status, 206);
  });

  it('puts no Plex token, API key or admin token in any URL, header or body the client received', () => {
    const secrets = [stack.plex.token, stack.profile.apiKey, stack.env.ADMIN_TOKEN, stack.env.SECRET_KEY];
    // What the TV received: every stream answer, and every client API answer (the admin API shows a new key once).
    const clientAnswers = receivedResponses.filter((r) => !r.path.startsWith('/api/v1/admin/'));
    const seen = [...playerSaw, ...clientAnswers.map((r) => `${r.path} ${r.headers} ${r.text}`)];
    const decoded = seen.flatMap((text) => [...text.matchAll(/\/api\/v1\/streams\/([A-Za-z0-9_-]+)\./g)].map((m) => Buffer.from(m[1], 'base64url').toString('utf8')));
    for (const secret of secrets) {
      for (const text of [...seen, ...decoded]) assert.ok(!text.includes(secret), `a secret reached the client: ${text.slice(0, 300)}`);
    }
    assert.ok(decoded.length > 5);
  });
});

describe('stream URLs expire', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ STREAM_URL_TTL_MS: '1000' });
  });
  after(() => stack.close());

  it('refuses an expired URL with 403; GET /stream gives a fresh one that plays', async () => {
    const session = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '104' })).body;
    assert.equal((await play(session.stream!.url, 'bytes=0-9')).status, 206);
    await sleep(1200);
    const expired = await play(session.stream!.url, 'bytes=0-9');
    assert.equal(expired.status, 403);
    assert.match((JSON.parse(expired.text) as ApiError).message, /expired/);
    const fresh = (await stack.api.get<Stream>(`/api/v1/sessions/${session.id}/stream`)).body;
    assert.equal((await play(fresh.url, 'bytes=0-9')).status, 206);
  });
});
