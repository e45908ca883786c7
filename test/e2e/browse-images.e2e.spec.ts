import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pngSize } from '../../emulator/png.js';
import { receivedResponses, type ApiClient } from '../helpers/api-client.js';
import type { Card, CardPage, ItemDetail } from '../helpers/browse-types.js';
import { clientFor, createProfile, TEST_ADMIN_TOKEN, type CreatedProfile } from '../helpers/household.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** A GET with no header at all, as a TV image loader makes it. */
async function load(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

function withSize(url: string, w: number | string, h: number | string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('w', String(w));
  parsed.searchParams.set('h', String(h));
  return parsed.toString();
}

describe('browse: artwork through signed image URLs', () => {
  let stack: Stack;
  let api: ApiClient;
  let profile: CreatedProfile;
  let token: string;
  let poster: string;
  before(async () => {
    stack = await startStack();
    token = stack.plex.addUser('viewer');
    profile = await createProfile(stack.admin, { name: 'Viewer', plexToken: token });
    api = clientFor(stack.proxy.url, profile.apiKey);
    const movie = (await api.get<ItemDetail>('/api/v1/items/101')).body;
    poster = movie.images.poster!;
  });
  after(() => stack.close());

  it('gives absolute, deterministic URLs on the proxy that carry no token or key', async () => {
    assert.ok(poster.startsWith(`${stack.proxy.url}/api/v1/images/`), poster);
    const again = (await api.get<CardPage>('/api/v1/libraries/1/items?sort=addedAt&limit=4')).body.items.find((card) => card.ratingKey === '101');
    assert.equal(again?.images.poster, poster, 'the same artwork and size: the same URL');
    const movie = (await api.get<ItemDetail>('/api/v1/items/101')).body;
    assert.ok(movie.images.backdrop && movie.images.backdrop !== poster);
    const episode = (await api.get<Card>('/api/v1/items/211')).body;
    const show = (await api.get<Card>('/api/v1/items/200')).body;
    assert.equal(new URL(episode.images.poster!).pathname, new URL(show.images.poster!).pathname, "an episode shows its show's poster");
    for (const secret of [token, stack.plex.token, profile.apiKey, TEST_ADMIN_TOKEN]) {
      for (const url of [poster, movie.images.backdrop, episode.images.poster]) assert.ok(!url?.includes(secret));
    }
  });

  it('serves a real image, cacheable for a year, with an ETag, without any header', async () => {
    const image = await load(poster);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/png');
    assert.equal(image.headers.get('cache-control'), 'private, max-age=31536000, immutable');
    assert.match(image.headers.get('etag') ?? '', /^"[A-Za-z0-9_-]+"$/);
    assert.deepEqual(pngSize(image.bytes), { width: 360, height: 540 });
    const request = stack.plex.requestsTo('GET', '/photo/:/transcode').at(-1);
    assert.deepEqual(
      [request?.query.url, request?.query.minSize, request?.query.upscale, request?.query['X-Plex-Token']],
      [stack.plex.item('101')?.thumb, '1', '0', undefined],
      "Plex's transcoder with the artwork path, minSize=1, upscale=0, the token in a header",
    );
    assert.equal(request?.headers['x-plex-token'], '[REDACTED]');
    const direct = await load(`${stack.plex.url}/photo/:/transcode?url=${encodeURIComponent(request.query.url)}&width=360&height=540&minSize=1&upscale=0`, {
      'X-Plex-Token': token,
    });
    assert.ok(direct.bytes.equals(image.bytes), "Plex's bytes, as they are");
  });

  it('snaps sizes to a few, so odd sizes share one transcode and one ETag', async () => {
    stack.plex.clearRequests();
    const odd = await load(withSize(poster, 300, 450));
    const other = await load(withSize(poster, 359, 479));
    assert.equal(odd.status, 200);
    assert.equal(odd.headers.get('etag'), other.headers.get('etag'));
    const asked = stack.plex.requestsTo('GET', '/photo/:/transcode').map((request) => [request.query.width, request.query.height]);
    assert.deepEqual(asked, [['360', '480'], ['360', '480']]);
    assert.deepEqual(pngSize(odd.bytes), { width: 360, height: 540 }, 'minSize: the box is covered');
    const big = await load(withSize(poster, 4000, 4000));
    assert.deepEqual(pngSize(big.bytes), { width: 1000, height: 1500 }, 'upscale=0: never past the original');
    assert.notEqual(big.headers.get('etag'), odd.headers.get('etag'));
    for (const [w, h, field] of [[0, 10, 'w'], [10, 5000, 'h'], ['x', 10, 'w']] as const) {
      const bad = await fetch(withSize(poster, w, h));
      assert.equal(bad.status, 400);
      const body = (await bad.json()) as { fields: { field: string }[] };
      assert.equal(body.fields[0]?.field, field);
    }
  });

  it('answers 304 to If-None-Match without asking Plex', async () => {
    const first = await load(poster);
    const etag = first.headers.get('etag')!;
    stack.plex.clearRequests();
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const again = await load(poster, { 'if-none-match': header });
      assert.equal(again.status, 304);
      assert.equal(again.bytes.length, 0);
      assert.equal(again.headers.get('etag'), etag);
      assert.equal(again.headers.get('cache-control'), 'private, max-age=31536000, immutable');
    }
    assert.equal(stack.plex.requestsTo('GET', '/photo/:/transcode').length, 0);
    assert.equal((await load(poster, { 'if-none-match': '"stale"' })).status, 200);
  });

  it("serves a show's logo (Plex's clearLogo) at its own default size", async () => {
    const show = (await api.get<ItemDetail>('/api/v1/items/600')).body;
    assert.ok(show.images.logo);
    assert.equal((await api.get<ItemDetail>('/api/v1/items/101')).body.images.logo, undefined, 'no logo in Plex: none in the card');
    const logo = await load(show.images.logo);
    assert.equal(logo.status, 200);
    assert.deepEqual(pngSize(logo.bytes), { width: 540, height: 180 });
  });

  it('refuses a changed signature or claims (403)', async () => {
    const url = new URL(poster);
    const tokenPart = url.pathname.split('/').pop()!;
    const [payload, signature] = tokenPart.split('.') as [string, string];
    const flipped = (signature.startsWith('A') ? 'B' : 'A') + signature.slice(1);
    // The last character carries two unused bits: its other spellings decode to the same MAC, and are refused too.
    const respelled = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_']
      .map((c) => signature.slice(0, -1) + c)
      .find((other) => other !== signature && Buffer.from(other, 'base64url').equals(Buffer.from(signature, 'base64url')))!;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, a: '/library/metadata/102/thumb/1700000000' })).toString('base64url');
    for (const bad of [`${payload}.${flipped}`, `${payload}.${respelled}`, `${forged}.${signature}`, 'nonsense', `${payload}.`]) {
      const answer = await load(`${url.origin}/api/v1/images/${bad}?w=360&h=540`);
      assert.equal(answer.status, 403, bad);
    }
  });

  it("answers 404 for an item the profile cannot see (any more), and 503 while Plex is down", async () => {
    const backdrop = (await api.get<ItemDetail>('/api/v1/items/103')).body.images.backdrop!;
    stack.plex.shareSections('viewer', [2]);
    try {
      assert.equal((await load(backdrop)).status, 404);
      assert.equal((await api.get('/api/v1/items/104')).status, 404, 'nor its detail (not cached before)');
    } finally {
      stack.plex.shareSections('viewer', undefined);
    }
    await stack.plex.faults.down();
    try {
      const answer = await load(backdrop);
      assert.equal(answer.status, 503);
      assert.ok(Number(answer.headers.get('retry-after')) > 0);
    } finally {
      await stack.plex.faults.up();
    }
    assert.equal((await load(backdrop)).status, 200);
  });

  it('never puts a token or key in an answer or in the proxy output (the whole run scanned)', () => {
    const secrets = { "the member's Plex token": token, "the owner's Plex token": stack.plex.token, 'the API key': profile.apiKey, 'the admin token': TEST_ADMIN_TOKEN };
    const output = stack.proxy.output();
    for (const [name, secret] of Object.entries(secrets)) assert.ok(!output.includes(secret), `${name} is not in the proxy output`);
    const answers = receivedResponses.filter((response) => !(response.method === 'POST' && response.path === '/api/v1/admin/profiles'));
    assert.ok(answers.length > 5);
    for (const response of answers) {
      for (const [name, secret] of Object.entries(secrets)) {
        assert.ok(!response.text.includes(secret) && !response.headers.includes(secret), `${name} is not in ${response.method} ${response.path}`);
      }
    }
  });
});
