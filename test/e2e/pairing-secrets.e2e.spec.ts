// Nothing that would let someone take a pairing over reaches a log line or the database: the real proxy process
// (debug logging), a whole pairing, then its output and its SQLite file scanned.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ApiClient } from '../helpers/api-client.js';
import { clientFor } from '../helpers/household.js';
import { startStack, type Stack } from '../helpers/stack.js';

describe('pairing secrets', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  it('logs neither code nor the key, and stores the codes only hashed', async () => {
    const tv = new ApiClient(stack.proxy.url);
    const started = (await tv.post<{ userCode: string; deviceCode: string }>('/api/v1/pairing', { deviceId: 'tv-den', deviceName: 'Den TV' })).body;
    const denied = (await tv.post<{ userCode: string; deviceCode: string }>('/api/v1/pairing', { deviceId: 'tv-attic', deviceName: 'Attic TV' })).body;
    await tv.post('/api/v1/pairing/token', { deviceCode: started.deviceCode });
    const member = clientFor(stack.proxy.url, stack.profile.apiKey, 'phone');
    assert.equal((await member.post(`/api/v1/pairing/${started.userCode}`)).status, 200);
    assert.equal((await member.delete(`/api/v1/pairing/${denied.userCode.replace('-', '')}`)).status, 204);
    const paired = await tv.post<{ apiKey: string }>('/api/v1/pairing/token', { deviceCode: started.deviceCode });
    assert.equal(paired.status, 200);
    assert.equal((await clientFor(stack.proxy.url, paired.body.apiKey, 'tv-den').get('/api/v1/me')).status, 200);
    await stack.proxy.stop();

    const output = stack.proxy.output();
    assert.ok(output.includes('/api/v1/pairing/[REDACTED]'), 'approvals are logged, their code redacted');
    assert.ok(output.includes('paired with profile'));
    const database = readFileSync(stack.databaseUrl.replace(/^file:/, '')).toString('latin1');
    for (const code of [started, denied]) {
      for (const secret of [code.userCode, code.userCode.replace('-', ''), code.deviceCode]) {
        assert.ok(!output.includes(secret), 'no code in the output');
        assert.ok(!database.includes(secret), 'no code stored in clear');
      }
    }
    assert.ok(!output.includes(paired.body.apiKey) && !database.includes(paired.body.apiKey));
  });
});
