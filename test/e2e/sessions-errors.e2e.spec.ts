import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiClient } from '../helpers/api-client.js';
import type { ApiError, Session } from '../helpers/session-types.js';
import { startStack, type Stack } from '../helpers/stack.js';

describe('bad input', () => {
  let stack: Stack;
  let session: Session;
  before(async () => {
    stack = await startStack();
    session = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '102' })).body;
  });
  after(() => stack.close());

  const cases: [string, string, unknown, string][] = [
    ['create without an item', '/api/v1/sessions', {}, 'ratingKey'],
    ['create with a ratingKey that is no key', '/api/v1/sessions', { ratingKey: '../101' }, 'ratingKey'],
    ['create with a ratingKey of dots', '/api/v1/sessions', { ratingKey: '..' }, 'ratingKey'],
    ['create with a ratingKey over 64 characters', '/api/v1/sessions', { ratingKey: 'k'.repeat(65) }, 'ratingKey'],
    ['create with both ratingKey and playlistId', '/api/v1/sessions', { ratingKey: '101', playlistId: '400' }, 'playlistId'],
    ['create with a negative offsetMs', '/api/v1/sessions', { ratingKey: '101', offsetMs: -1 }, 'offsetMs'],
    ['create with a string shuffle', '/api/v1/sessions', { ratingKey: '101', shuffle: 'yes' }, 'shuffle'],
    ['create with an unknown field', '/api/v1/sessions', { ratingKey: '101', volume: 11 }, 'volume'],
    ['progress with an unknown state', '/progress', { state: 'rewinding', positionMs: 1 }, 'state'],
    ['progress without a position', '/progress', { state: 'playing' }, 'positionMs'],
    ['progress with a fractional position', '/progress', { state: 'playing', positionMs: 1.5 }, 'positionMs'],
    ['jump without itemId', '/jump', {}, 'itemId'],
    ['queue add with a bad next', '/queue', { ratingKey: '101', next: 'soon' }, 'next'],
    ['move with a bad afterItemId', '/queue/1/move', { afterItemId: 'x' }, 'afterItemId'],
  ];
  for (const [label, path, body, field] of cases) {
    it(`answers 400 naming the field: ${label}`, async () => {
      const url = path.startsWith('/api') ? path : `/api/v1/sessions/${session.id}${path}`;
      const { status, body: error } = await stack.api.post<ApiError>(url, body);
      assert.equal(status, 400);
      assert.equal(error.error, 'Bad Request');
      assert.ok(error.fields?.some((f) => f.field === field), JSON.stringify(error));
      assert.match(error.message, new RegExp(field));
    });
  }

  it('answers 400 for a missing X-Device-Id, naming the header', async () => {
    const { status, body } = await new ApiClient(stack.proxy.url)
      .with({ authorization: `Bearer ${stack.profile.apiKey}` })
      .post<ApiError>('/api/v1/sessions', { ratingKey: '101' });
    assert.equal(status, 400);
    assert.deepEqual(body.fields?.map((f) => f.field), ['X-Device-Id']);
  });

  it('answers 400 for malformed JSON and 404 for an unknown session', async () => {
    const malformed = await stack.api.post<ApiError>('/api/v1/sessions', '{"ratingKey":');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.statusCode, 400);
    const unknown = await stack.api.get<ApiError>('/api/v1/sessions/00000000-0000-0000-0000-000000000000');
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.message, /not found/);
  });

  it('accepts body-less calls sent with Content-Type: application/json', async () => {
    const response = await fetch(`${stack.proxy.url}/api/v1/sessions/${session.id}/previous`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-device-id': 'tv-1', authorization: `Bearer ${stack.profile.apiKey}` },
    });
    assert.equal(response.status, 200);
  });

  it('answers 413 for a body over the size limit', async () => {
    const { status } = await stack.api.post('/api/v1/sessions', { ratingKey: '101', padding: 'x'.repeat(100_000) });
    assert.equal(status, 413);
  });

  it('changes nothing when it refuses a call', async () => {
    const before = (await stack.api.get<Session>(`/api/v1/sessions/${session.id}`)).body;
    await stack.api.post(`/api/v1/sessions/${session.id}/progress`, { state: 'rewinding', positionMs: 5 });
    await stack.api.post(`/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: -5 });
    const after = (await stack.api.get<Session>(`/api/v1/sessions/${session.id}`)).body;
    // Every answer carries a freshly issued stream URL (a new expiry); everything else is unchanged.
    assert.deepEqual({ ...after, stream: after.stream?.protocol }, { ...before, stream: before.stream?.protocol });
  });
});

describe('client authentication', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  it('answers 401 with the shared error body without a key, with a wrong key, and with the admin token', async () => {
    const anonymous = new ApiClient(stack.proxy.url).with({ 'x-device-id': 'tv-1' });
    const calls = [
      (c: ApiClient) => c.post<ApiError>('/api/v1/sessions', { ratingKey: '101' }),
      (c: ApiClient) => c.get<ApiError>('/api/v1/sessions'),
      (c: ApiClient) => c.get<ApiError>('/api/v1/progress/101'),
      (c: ApiClient) => c.get<ApiError>('/api/v1/me'),
    ];
    for (const client of [
      anonymous,
      anonymous.with({ authorization: 'Bearer ppk_not-a-key' }),
      anonymous.with({ authorization: `Bearer ${stack.env.ADMIN_TOKEN}` }),
      anonymous.with({ authorization: stack.profile.apiKey }),
    ]) {
      for (const call of calls) {
        const { status, body } = await call(client);
        assert.equal(status, 401);
        assert.equal(body.error, 'Unauthorized');
        assert.equal(body.statusCode, 401);
      }
    }
    assert.equal((await stack.api.post('/api/v1/sessions', { ratingKey: '101' })).status, 201);
    assert.ok(!stack.proxy.output().includes(stack.profile.apiKey), 'the key is never logged');
  });
});
