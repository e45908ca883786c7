import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startPlexEmulator } from '../../../emulator/index.js';
import type { PlexEmulator } from '../../../emulator/index.js';
import { EmulatorClient, libraryUri } from './emulator-client.js';

const GOOD_REPORT = { ratingKey: '101', key: '/library/metadata/101', state: 'playing', time: 1000, duration: 240_000 };

describe('Plex emulator: refuses what the spec does not allow (400)', () => {
  let emulator: PlexEmulator;
  let plex: EmulatorClient;

  before(async () => {
    emulator = await startPlexEmulator();
    plex = new EmulatorClient(emulator);
  });
  after(() => emulator.close());

  async function expect400(response: Promise<{ status: number; text: string }>, pattern: RegExp): Promise<void> {
    const { status, text } = await response;
    assert.equal(status, 400, text);
    assert.match(text, pattern);
  }

  it('accepts a correct timeline report', async () => {
    assert.equal((await plex.timeline(GOOD_REPORT)).status, 200);
  });

  it('refuses a method the spec does not declare', async () => {
    await expect400(plex.get('/:/timeline', GOOD_REPORT), /GET is not allowed on \/:\/timeline/);
    await expect400(plex.get('/playQueues'), /not allowed/);
    await expect400(plex.post('/playQueues/1/shuffle'), /not allowed/);
  });

  it('refuses an undeclared query parameter', async () => {
    await expect400(plex.timeline({ ...GOOD_REPORT, containerKey: '/playQueues/1' }), /'containerKey' is not declared/);
    await expect400(plex.timeline({ ...GOOD_REPORT, playbackTime: 1000 }), /'playbackTime' is not declared/);
    await expect400(plex.get('/identity', { foo: 'bar' }), /'foo' is not declared/);
  });

  it('always allows X-Plex-* query parameters', async () => {
    const response = await plex.timeline({ ...GOOD_REPORT, 'X-Plex-Product': 'TV', 'X-Plex-Device-Name': 'Den' });
    assert.equal(response.status, 200);
  });

  it('refuses a missing required parameter: POST /playQueues without type', async () => {
    await expect400(plex.post('/playQueues', { uri: libraryUri(emulator, '101') }), /missing required query parameter 'type'/);
  });

  it('refuses a value outside an enum', async () => {
    await expect400(plex.timeline({ ...GOOD_REPORT, state: 'running' }), /state must be one of/);
    await expect400(plex.post('/playQueues', { type: 'movie', uri: libraryUri(emulator, '101') }), /type must be one of/);
  });

  it('refuses a non-integer and a BoolInt other than 0/1', async () => {
    await expect400(plex.timeline({ ...GOOD_REPORT, time: '12.5' }), /time must be an integer/);
    await expect400(plex.timeline({ ...GOOD_REPORT, offline: 'true' }), /offline must be 0 or 1/);
    await expect400(plex.get('/playQueues/abc'), /playQueueId must be an integer/);
  });

  it('refuses time past duration', async () => {
    await expect400(plex.timeline({ ...GOOD_REPORT, time: 240_001 }), /past duration/);
  });

  it('refuses a timeline report without X-Plex-Client-Identifier', async () => {
    await expect400(plex.as({ clientIdentifier: null }).timeline(GOOD_REPORT), /X-Plex-Client-Identifier|x-plex-client-identifier/);
  });

  it('records every request, rejected ones included, with the token redacted', async () => {
    const rejected = emulator.requestsTo('GET', '/:/timeline');
    assert.equal(rejected.length, 1);
    assert.equal(rejected[0]?.status, 400);
    assert.equal(rejected[0]?.headers['x-plex-token'], '[REDACTED]');
    assert.equal(emulator.requestsTo('POST', /^\/:\/timeline$/).length >= 8, true);
    emulator.clearRequests();
    assert.equal(emulator.requests.length, 0);
  });
});
