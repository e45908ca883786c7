import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiClient } from '../helpers/api-client.js';
import { clientFor, createProfile } from '../helpers/household.js';
import { startStack, type Stack } from '../helpers/stack.js';

describe('abuse protection', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  after(() => stack.close());

  it('limits each API key on its own and answers 429 with Retry-After', async () => {
    const one = await createProfile(stack.admin, { name: 'One' });
    const two = await createProfile(stack.admin, { name: 'Two' });
    const api = clientFor(stack.proxy.url, one.apiKey);
    for (let i = 0; i < 5; i++) assert.equal((await api.get('/api/v1/me')).status, 200);
    const limited = await api.get<{ statusCode: number; retryAfterSeconds: number }>('/api/v1/me');
    assert.equal(limited.status, 429);
    assert.equal(limited.body.statusCode, 429);
    assert.ok(limited.body.retryAfterSeconds >= 1 && limited.body.retryAfterSeconds <= 60);
    assert.equal(limited.headers.get('retry-after'), String(limited.body.retryAfterSeconds));
    assert.equal((await clientFor(stack.proxy.url, two.apiKey).get('/api/v1/me')).status, 200, 'another key has its own budget');
  });

  it('counts calls without a valid key per address, so guessing keys is limited too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await new ApiClient(stack.proxy.url).with({ authorization: `Bearer ppk_guess-${i}` }).get('/api/v1/me')).status);
    }
    assert.ok(statuses.includes(401));
    assert.equal(statuses.at(-1), 429);
  });

  it('sends security headers and no CORS headers unless CORS_ORIGINS is set', async () => {
    const response = await fetch(`${stack.proxy.url}/health`, { headers: { origin: 'https://evil.example' } });
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(response.headers.get('content-security-policy'));
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    const api = await fetch(`${stack.proxy.url}/api/v1/me`, { headers: { authorization: 'Bearer ppk_wrong' } });
    assert.equal(api.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(api.headers.get('content-security-policy'), "default-src 'none';frame-ancestors 'none'");
    assert.equal(api.headers.get('cross-origin-resource-policy'), null, 'a TV web app of another origin plays stream URLs');
    assert.equal(api.headers.get('x-ratelimit-limit'), null);
  });
});
