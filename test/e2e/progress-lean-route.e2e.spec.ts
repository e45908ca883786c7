import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FakeClock } from '../../src/common/clock.js';
import { ApiClient, type ApiResponse } from '../helpers/api-client.js';
import { clientFor, createProfile } from '../helpers/household.js';
import { startInProcessStack, type InProcessStack } from '../helpers/in-process-app.js';
import type { Session } from '../helpers/session-types.js';

/** What a call is answered, with what differs between two apps by design (ids, signed URLs) taken out. */
interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, string | null>;
}

const COMPARED_HEADERS = ['content-type', 'cache-control', 'retry-after', 'x-content-type-options', 'content-security-policy'];
const RATE_LIMIT = 30;

/**
 * The progress route is served by a lean handler instead of Nest's pipeline (progress-report.route.ts). The same
 * calls go to two apps, one with the lean route and one without, on the same fake time: every answer must be the
 * same, errors included, down to the rate limit (counted per key and route, as Nest's guard counts it).
 */
describe('the lean progress route answers as Nest’s pipeline does', () => {
  const apps: { lean?: Side; nest?: Side } = {};

  interface Side {
    stack: InProcessStack;
    url: string;
    other: ApiClient;
    sessionIds: string[];
  }

  const start = async (leanRoutes: boolean): Promise<Side> => {
    const stack = await startInProcessStack(new FakeClock(), { RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) }, { leanRoutes });
    const url = await stack.app.getUrl();
    const other = clientFor(url, (await createProfile(stack.admin, { name: 'Other' })).apiKey, 'phone-1');
    return { stack, url, other, sessionIds: [] };
  };

  before(async () => {
    apps.lean = await start(true);
    apps.nest = await start(false);
  });
  after(async () => {
    await apps.lean?.stack.close();
    await apps.nest?.stack.close();
  });

  /** Runs `call` on both apps and checks that they answered alike; gives the lean app's answer. */
  const same = async (what: string, call: (side: Side) => Promise<ApiResponse<unknown>>): Promise<Answer> => {
    const lean = normalize(apps.lean!, await call(apps.lean!));
    const nest = normalize(apps.nest!, await call(apps.nest!));
    assert.deepEqual(lean, nest, what);
    return lean;
  };

  const report = (body: unknown, session = 0, client?: (side: Side) => ApiClient) => (side: Side) =>
    (client?.(side) ?? side.stack.api).post(`/api/v1/sessions/${side.sessionIds[session]}/progress`, body);

  it('answers reports, bad bodies, keys, sessions and the rate limit alike', async () => {
    for (const side of [apps.lean!, apps.nest!]) {
      for (const ratingKey of ['102', '201']) {
        const created = await side.stack.api.post<Session>('/api/v1/sessions', { ratingKey });
        assert.equal(created.status, 201);
        side.sessionIds.push(created.body.id);
      }
      side.sessionIds.push((await side.other.post<Session>('/api/v1/sessions', { ratingKey: '103' })).body.id);
    }

    const paused = await same('a report', report({ state: 'paused', positionMs: 12_000 }));
    assert.equal(paused.status, 200);
    assert.equal((paused.body as Session).positionMs, 12_000);
    const before = await same('a report of another session', report({ state: 'buffering', positionMs: 0 }, 1));
    assert.equal(before.status, 200);
    // The lean route writes a queue's items once (sessionJson); a changed queue must show in the next report.
    const added = await same('a queue change', (side) => side.stack.api.post(`/api/v1/sessions/${side.sessionIds[1]}/queue`, { ratingKey: '101' }));
    const afterChange = await same('a report after the queue changed', report({ state: 'buffering', positionMs: 0 }, 1));
    const queueOf = (answer: Answer) => (answer.body as Session).queue;
    assert.equal(queueOf(afterChange).items.length, queueOf(before).items.length + 1);
    assert.ok(queueOf(afterChange).items.some((item) => item.ratingKey === '101'));
    assert.deepEqual(queueOf(afterChange), queueOf(added));

    const invalid = await same('invalid values', report({ state: 'dancing', positionMs: -1 }));
    assert.equal(invalid.status, 400);
    assert.deepEqual((invalid.body as { fields: { field: string }[] }).fields.map((f) => f.field), ['state', 'positionMs']);
    assert.equal((await same('an unknown field', report({ state: 'playing', positionMs: 1, volume: 3 }))).status, 400);
    assert.equal((await same('a missing field', report({ state: 'playing' }))).status, 400);
    assert.equal((await same('a nested value', report({ state: { $ne: 1 }, positionMs: 1 }))).status, 400);
    assert.equal((await same('a fractional position', report({ state: 'playing', positionMs: 1.5 }))).status, 400);
    assert.equal((await same('an array', report([1, 2]))).status, 400);
    assert.equal((await same('a bare number', report('7'))).status, 400);
    assert.equal((await same('no body', report(undefined))).status, 400);
    assert.equal((await same('malformed JSON', report('{"state":'))).status, 400);
    assert.equal((await same('a prototype key', report('{"__proto__":{"x":1},"state":"playing","positionMs":1}'))).status, 400);

    const noKey = (side: Side) => new ApiClient(side.url);
    const wrongKey = (side: Side) => new ApiClient(side.url).with({ authorization: 'Bearer ppk_wrong' });
    assert.equal((await same('no API key', report({ state: 'playing', positionMs: 1 }, 0, noKey))).status, 401);
    assert.equal((await same('a wrong API key', report({ state: 'playing', positionMs: 1 }, 0, wrongKey))).status, 401);
    assert.equal((await same('another profile’s session', report({ state: 'playing', positionMs: 1 }, 2))).status, 404);
    assert.equal((await same('an unknown session', (side) => side.stack.api.post('/api/v1/sessions/nope/progress', { state: 'playing', positionMs: 1 }))).status, 404);
    assert.equal((await same('an empty session id', (side) => side.stack.api.post('/api/v1/sessions//progress', { state: 'playing', positionMs: 1 }))).status, 404);

    const stopped = await same('stopped', report({ state: 'stopped', positionMs: 30_000 }));
    assert.equal((stopped.body as Session).endedReason, 'stopped');
    assert.equal((await same('a report on an ended session', report({ state: 'playing', positionMs: 1 }))).status, 409);

    // Reports count against the key's budget for this route, as through Nest's rate-limit guard.
    let limited: Answer | undefined;
    for (let call = 0; call < RATE_LIMIT && !limited; call++) {
      const answer = await same(`report ${call} towards the rate limit`, report({ state: 'playing', positionMs: call }, 1));
      if (answer.status === 429) limited = answer;
      else assert.equal(answer.status, 200);
    }
    assert.ok(limited, 'the rate limit was reached');
    assert.ok(limited.headers['retry-after']);
    for (const side of [apps.lean!, apps.nest!]) assert.equal((await side.stack.api.get('/api/v1/me')).status, 200, 'another route');
    assert.equal((await same('another key once one is limited', report({ state: 'paused', positionMs: 5 }, 2, (side) => side.other))).status, 200);
  });
});

function normalize(side: { sessionIds: string[] }, response: ApiResponse<unknown>): Answer {
  const headers = Object.fromEntries(COMPARED_HEADERS.map((name) => [name, response.headers.get(name)]));
  return { status: response.status, body: stripIds(side.sessionIds, response.body), headers };
}

/** Session ids (by their index, in bodies and messages) and signed stream URLs differ between two apps by design. */
function stripIds(sessionIds: string[], value: unknown): unknown {
  if (typeof value === 'string') return sessionIds.reduce((text, id, index) => text.replaceAll(id, `<session ${index}>`), value);
  if (Array.isArray(value)) return value.map((item) => stripIds(sessionIds, item));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, key === 'url' && typeof item === 'string' ? '<signed url>' : stripIds(sessionIds, item)]),
  );
}
