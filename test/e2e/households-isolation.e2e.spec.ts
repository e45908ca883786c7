import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { receivedResponses, type ApiClient } from '../helpers/api-client.js';
import { clientFor, createProfile, type CreatedProfile } from '../helpers/household.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { openSse } from '../helpers/sse-client.js';
import { startStack, sleep, type Stack } from '../helpers/stack.js';

interface Session {
  id: string;
  state: string;
  positionMs: number;
  queue: { playQueueId: number; items: { itemId: number }[]; selectedItemId: number };
  stream?: { url: string; protocol: string; expiresAt: string; directPlay: boolean };
}
interface Operation {
  security?: Record<string, string[]>[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

/** A body each client operation accepts, so the walk reaches the ownership check rather than validation. */
const BODIES: Record<string, unknown> = {
  createSession: { ratingKey: '211', continuous: true },
  reportProgress: { state: 'playing', positionMs: 1000 },
  jumpToItem: { itemId: 2 },
  addToQueue: { ratingKey: '101' },
  moveQueueItem: { afterItemId: 3 },
  selectTracks: { subtitleTrackId: null },
};

/** Every client (API key) operation of the committed contract. */
function clientOperations(): { method: string; path: string; operationId: string; eventStream: boolean }[] {
  const document = parse(readFileSync(join(REPO_ROOT, 'openapi.yaml'), 'utf8')) as {
    paths: Record<string, Record<string, Operation & { operationId: string }>>;
  };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, operation]) => operation.security?.some((s) => 'clientKey' in s))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
        eventStream: Object.keys(operation.responses?.['200']?.content ?? {}).includes('text/event-stream'),
      })),
  );
}

describe('isolation between profiles', () => {
  const secretKey = 'a'.repeat(64);
  let stack: Stack;
  let alice: CreatedProfile;
  let mallory: CreatedProfile;
  let aliceToken: string;
  let malloryToken: string;
  let aliceApi: ApiClient;
  let session: Session;
  before(async () => {
    stack = await startStack({ SECRET_KEY: secretKey, RATE_LIMIT_PER_MINUTE: '100000' });
    aliceToken = stack.plex.addUser('alice');
    malloryToken = stack.plex.addUser('mallory');
    alice = await createProfile(stack.admin, { name: 'Alice', plexToken: aliceToken });
    mallory = await createProfile(stack.admin, { name: 'Mallory', plexToken: malloryToken });
    aliceApi = clientFor(stack.proxy.url, alice.apiKey, 'tv-alice');
    session = (await aliceApi.post<Session>('/api/v1/sessions', { ratingKey: '211', continuous: true })).body;
    await aliceApi.post(`/api/v1/sessions/${session.id}/progress`, { state: 'paused', positionMs: 120_000 });
  });
  after(() => stack.close());

  it("walks every client endpoint with another profile's key and reads or changes nothing of the first profile's", async () => {
    const operations = clientOperations();
    assert.ok(operations.length >= 14, `found ${operations.length} client operations`);
    const aliceBefore = (await aliceApi.get<Session[]>('/api/v1/sessions')).body;
    const requestsBefore = stack.plex.requests.length;
    // Mallory on the same device id as Alice, to show the device id grants nothing either.
    const mallorysApi = clientFor(stack.proxy.url, mallory.apiKey, 'tv-alice');
    const queueItem = session.queue.items[1].itemId;
    for (const { method, path, operationId, eventStream } of operations) {
      const url = path.replace('{id}', session.id).replace('{itemId}', String(queueItem)).replace('{ratingKey}', '211');
      if (eventStream) {
        // A stream never ends by itself: read it a while, then look at what came.
        const events = await openSse(stack.proxy.url + url, { authorization: `Bearer ${mallory.apiKey}`, 'x-device-id': 'tv-alice' });
        await sleep(200);
        events.close();
        assert.equal(events.status, 200, operationId);
        assert.ok(!events.raw.includes(session.id) && !events.raw.includes(alice.id) && !events.raw.includes('Alice'), `${operationId} carries nothing of Alice's`);
        continue;
      }
      const { status, body } = await mallorysApi.send<unknown>(method, url, BODIES[operationId]);
      const text = JSON.stringify(body ?? null);
      if (path.includes('{id}')) {
        assert.equal(status, 404, `${operationId}: another profile's session answers 404`);
        const unknown = await mallorysApi.send<{ message: string }>(method, url.replace(session.id, '00000000-0000-4000-8000-000000000000'), BODIES[operationId]);
        assert.equal(unknown.status, 404);
        assert.equal((body as { message: string }).message.replace(session.id, 'X'), unknown.body.message.replace('00000000-0000-4000-8000-000000000000', 'X'), `${operationId}: same answer as an unknown id`);
      } else {
        assert.ok(status < 500, `${operationId}: ${status}`);
        assert.ok(!text.includes(session.id), `${operationId} does not reveal Alice's session`);
      }
      assert.ok(!text.includes('Alice'), `${operationId} does not reveal Alice's profile`);
    }
    const mallorysProgress = await mallorysApi.get<{ positionMs: number }>('/api/v1/progress/211');
    assert.notEqual(mallorysProgress.body.positionMs, 120_000, "Mallory does not see Alice's progress");

    const aliceAfter = (await aliceApi.get<Session[]>('/api/v1/sessions')).body;
    // Every answer issues a fresh stream URL (a new expiry): what the stream is, not its URL, must be the same.
    const comparable = (sessions: Session[]) =>
      sessions.map(({ stream, ...rest }) => ({ ...rest, stream: stream && { protocol: stream.protocol, directPlay: stream.directPlay } }));
    assert.deepEqual(comparable(aliceAfter), comparable(aliceBefore), "Alice's sessions are exactly as they were");
    const walkRequests = stack.plex.requests.slice(requestsBefore);
    const asAlice = walkRequests.filter((r) => r.user === 'alice' && r.path !== '/:/timeline');
    assert.deepEqual(asAlice, [], 'nothing was asked of Plex as Alice but her own timeline reports');
    const onAlicesQueue = walkRequests.filter((r) => r.path.startsWith(`/playQueues/${session.queue.playQueueId}`));
    assert.deepEqual(onAlicesQueue, [], "Alice's play queue was neither read nor changed");
  });

  it('a scan of every response and of all the proxy output finds no token or key', async () => {
    await sleep(200);
    const secrets: Record<string, string> = {
      'admin token': stack.env.ADMIN_TOKEN,
      'Plex server token': stack.plex.token,
      "Alice's Plex token": aliceToken,
      "Mallory's Plex token": malloryToken,
      SECRET_KEY: secretKey,
      "Alice's API key": alice.apiKey,
      "Mallory's API key": mallory.apiKey,
      "the test profile's API key": stack.profile.apiKey,
    };
    const output = stack.proxy.output();
    for (const [name, secret] of Object.entries(secrets)) assert.ok(!output.includes(secret), `${name} is not in the proxy output`);
    const issuing = (r: { method: string; path: string }) =>
      r.method === 'POST' && /^\/api\/v1\/admin\/profiles(\/[^/]+\/keys)?$/.test(r.path);
    for (const response of receivedResponses) {
      for (const [name, secret] of Object.entries(secrets)) {
        if (name.endsWith('API key') && issuing(response)) continue; // shown once, at creation, by design
        const where = `${response.method} ${response.path}`;
        assert.ok(!response.text.includes(secret) && !response.headers.includes(secret), `${name} is not in the answer to ${where}`);
      }
    }
    assert.ok(receivedResponses.length > 20);
  });
});
