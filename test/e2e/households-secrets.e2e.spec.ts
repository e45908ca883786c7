import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startPlexEmulator, type PlexEmulator } from '../../emulator/index.js';
import { adminClient, clientFor, createProfile } from '../helpers/household.js';
import { tempDir } from '../helpers/paths.js';
import { startProxy, stopAllProxies } from '../helpers/proxy-process.js';

describe('secrets at rest, with nothing configured', () => {
  let plex: PlexEmulator;
  let dir: ReturnType<typeof tempDir>;
  before(async () => {
    plex = await startPlexEmulator();
    dir = tempDir();
  });
  after(async () => {
    await stopAllProxies();
    await plex.close();
    dir.remove();
  });

  it('generates the admin token and the secret key into 0600 files, logs where and never what, keeps tokens encrypted', async () => {
    const env = { PLEX_URL: plex.url, PLEX_TOKEN: plex.token, DATABASE_URL: `file:${join(dir.path, 'proxy.sqlite')}`, PERSIST_FLUSH_MS: '20' };
    const proxy = await startProxy(env);
    const tokenFile = join(dir.path, 'admin-token');
    const keyFile = join(dir.path, 'secret.key');
    assert.equal(statSync(tokenFile).mode & 0o777, 0o600);
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    const adminToken = readFileSync(tokenFile, 'utf8').trim();
    assert.ok(adminToken.length >= 32);
    assert.ok(proxy.output().includes(tokenFile), 'the log says where the admin token is');

    const userToken = plex.addUser('alice');
    const alice = await createProfile(adminClient(proxy.url, adminToken), { name: 'Alice', plexToken: userToken });
    const created = await clientFor(proxy.url, alice.apiKey).post('/api/v1/sessions', { ratingKey: '101' });
    assert.equal(created.status, 201);
    assert.equal(plex.requestsTo('POST', '/playQueues').at(-1)?.user, 'alice', 'the decrypted token reaches Plex');
    await proxy.stop();

    const database = readFileSync(join(dir.path, 'proxy.sqlite')).toString('latin1');
    for (const [name, secret] of [
      ["Alice's Plex token", userToken],
      ['the server token', plex.token],
      ['the API key', alice.apiKey],
    ] as const) {
      assert.ok(!database.includes(secret), `${name} is not stored in clear`);
    }
    const output = proxy.output();
    for (const secret of [adminToken, userToken, plex.token, alice.apiKey, readFileSync(keyFile, 'utf8').trim()]) {
      assert.ok(!output.includes(secret), 'no secret in the output');
    }

    const again = await startProxy({ ...env, CORS_ORIGINS: 'https://tv.example' });
    assert.equal((await clientFor(again.url, alice.apiKey).get('/api/v1/me')).status, 200, 'the same files are used after a restart');
    const cors = await fetch(`${again.url}/health`, { headers: { origin: 'https://tv.example' } });
    assert.equal(cors.headers.get('access-control-allow-origin'), 'https://tv.example', 'CORS once CORS_ORIGINS is set');
    assert.equal((await adminClient(again.url, adminToken).get('/api/v1/admin/profiles')).status, 200);
    await again.stop();
  });
});
