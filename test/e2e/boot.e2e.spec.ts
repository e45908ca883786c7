import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { startPlexEmulator, type PlexEmulator } from '../../emulator/index.js';
import { tempDir } from '../helpers/paths.js';
import { runProxyToExit, startProxy, stopAllProxies, type ProxyProcess } from '../helpers/proxy-process.js';

interface Health {
  status: string;
  info?: Record<string, { status: string; emulator?: boolean }>;
  error?: Record<string, { status: string }>;
}

async function health(proxy: ProxyProcess): Promise<{ status: number; body: Health }> {
  const response = await fetch(`${proxy.url}/health`);
  return { status: response.status, body: (await response.json()) as Health };
}

describe('the proxy process', () => {
  let plex: PlexEmulator;
  const dir = tempDir();

  before(async () => {
    plex = await startPlexEmulator();
  });
  after(async () => {
    await stopAllProxies();
    await plex.close();
    dir.remove();
  });

  it('starts against a Plex server, answers /health, and keeps its Plex client identifier across restarts', async () => {
    const env = { PLEX_URL: plex.url, PLEX_TOKEN: plex.token, DATABASE_URL: `file:${join(dir.path, 'proxy.sqlite')}` };
    const first = await startProxy(env);
    const { status, body } = await health(first);
    assert.equal(status, 200);
    assert.equal(body.info?.database?.status, 'up');
    assert.equal(body.info?.plex?.status, 'up');
    assert.equal(body.info?.plex?.emulator, false);
    const identityCalls = plex.requestsTo('GET', '/identity');
    assert.ok(identityCalls.length > 0, 'health asked Plex /identity');
    const clientId = identityCalls.at(-1)!.headers['x-plex-client-identifier'];
    assert.match(clientId ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(await first.stop(), { code: null, signal: 'SIGTERM' }, 'SIGTERM ends the process after a clean shutdown');

    const db = new Database(join(dir.path, 'proxy.sqlite'), { readonly: true });
    const stored = db.prepare('SELECT value FROM proxy_settings WHERE key = ?').get('plex.clientIdentifier') as { value: string };
    db.close();
    assert.equal(stored.value, clientId);

    plex.clearRequests();
    const second = await startProxy(env);
    assert.equal((await health(second)).status, 200);
    assert.equal(plex.requestsTo('GET', '/identity').at(-1)!.headers['x-plex-client-identifier'], clientId);
    await second.stop();
  });

  it('sends every identity header Plex expects', async () => {
    const proxy = await startProxy({ PLEX_URL: plex.url, PLEX_TOKEN: plex.token, DATABASE_URL: `file:${join(dir.path, 'h.sqlite')}` });
    plex.clearRequests();
    await health(proxy);
    const headers = plex.requestsTo('GET', '/identity').at(-1)!.headers;
    await proxy.stop();
    assert.equal(headers['x-plex-product'], 'Plex Playback Proxy');
    assert.match(headers['x-plex-version'] ?? '', /^\d+\.\d+\.\d+/);
    assert.equal(headers['x-plex-platform'], 'Node.js');
    assert.equal(headers['x-plex-device-name'], 'Plex Playback Proxy');
    assert.equal(headers.accept, 'application/json');
    assert.equal(headers['x-plex-token'], '[REDACTED]', 'the token was sent (the emulator redacts it in its records)');
  });

  it('reports Plex down in /health (503) when the server cannot be reached, and up again after', async () => {
    const proxy = await startProxy({
      PLEX_URL: plex.url,
      PLEX_TOKEN: plex.token,
      PLEX_TIMEOUT_MS: '1000',
      DATABASE_URL: `file:${join(dir.path, 'down.sqlite')}`,
    });
    await plex.faults.down(60_000);
    try {
      const down = await health(proxy);
      assert.equal(down.status, 503);
      assert.equal(down.body.error?.plex?.status, 'down');
      assert.equal(down.body.info?.database?.status, 'up');
    } finally {
      await plex.faults.up();
    }
    assert.equal((await health(proxy)).status, 200);
    await proxy.stop();
  });

  it('uses the built-in emulator when PLEX_URL is unset, and says so loudly', async () => {
    const proxy = await startProxy({ DATABASE_URL: `file:${join(dir.path, 'embedded.sqlite')}`, LOG_LEVEL: 'info' });
    const { status, body } = await health(proxy);
    await proxy.stop();
    assert.equal(status, 200);
    assert.equal(body.info?.plex?.emulator, true);
    const warning = proxy.logLines().find((l) => String(l.msg).includes('BUILT-IN PLEX EMULATOR'));
    assert.ok(warning, 'a log line names the built-in emulator');
    assert.equal(warning.level, 40, 'at warn level');
  });

  it('refuses bad configuration with one line naming the variable, and exits 1', async () => {
    const { code, output } = await runProxyToExit({ PORT: 'eighty', DATABASE_URL: `file:${join(dir.path, 'x.sqlite')}` });
    assert.equal(code, 1);
    assert.equal(output.trim(), 'Invalid configuration: PORT must be an integer between 0 and 65535 (got "eighty")');
  });

  it('never writes the Plex token to its logs', async () => {
    const proxy = await startProxy({ PLEX_URL: plex.url, PLEX_TOKEN: plex.token, DATABASE_URL: `file:${join(dir.path, 's.sqlite')}`, LOG_LEVEL: 'trace' });
    await health(proxy);
    await fetch(`${proxy.url}/health?X-Plex-Token=${plex.token}`, { headers: { 'x-plex-token': plex.token, authorization: `Bearer ${plex.token}` } });
    await proxy.stop();
    assert.ok(proxy.output().length > 0);
    assert.ok(!proxy.output().includes(plex.token), 'the token appears nowhere in the output');
  });
});
