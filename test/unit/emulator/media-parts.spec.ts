import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { PlexEmulator, startPlexEmulator } from '../../../emulator/index.js';
import type { GeneratedFile, MediaPart } from '../../../emulator/index.js';
import { EmulatorClient } from './emulator-client.js';

interface RawResponse {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

async function fetchPart(emulator: PlexEmulator, key: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  const response = await fetch(emulator.url + key, { method, headers: { 'X-Plex-Token': emulator.token, ...headers } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function firstPart(emulator: PlexEmulator, ratingKey: string): MediaPart {
  const part = emulator.item(ratingKey)?.Media?.[0]?.Part[0];
  assert.ok(part, `item ${ratingKey} has a part`);
  return part;
}

/** Packets of 188 bytes with the sync byte, continuity counters that follow on, and PAT/PMT with valid CRCs. */
function assertValidTransportStream(bytes: Buffer): void {
  assert.equal(bytes.length % 188, 0);
  const counters = new Map<number, number>();
  const pids = new Set<number>();
  for (let at = 0; at < bytes.length; at += 188) {
    assert.equal(bytes[at], 0x47, `sync byte at ${at}`);
    const pid = ((bytes[at + 1] & 0x1f) << 8) | bytes[at + 2];
    const counter = bytes[at + 3] & 0x0f;
    const previous = counters.get(pid);
    if (previous !== undefined) assert.equal(counter, (previous + 1) % 16, `continuity of PID ${pid} at ${at}`);
    counters.set(pid, counter);
    pids.add(pid);
  }
  assert.deepEqual([...pids].sort((a, b) => a - b), [0x0000, 0x0100, 0x1000]);
  assert.equal(bytes[5], 0x00, 'PAT table id');
  assert.equal(bytes[188 + 5], 0x02, 'PMT table id');
  for (const start of [0, 188]) {
    const sectionLength = ((bytes[start + 6] & 0x0f) << 8) | bytes[start + 7];
    assert.equal(crc32Mpeg(bytes.subarray(start + 5, start + 8 + sectionLength)), 0, 'section CRC');
  }
}

/** CRC-32/MPEG-2 over a section including its CRC: 0 when the CRC is right. */
function crc32Mpeg(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    crc >>>= 0;
  }
  return crc;
}

describe('Plex emulator: media parts', () => {
  let emulator: PlexEmulator;
  let part: MediaPart;
  let file: GeneratedFile;

  before(async () => {
    emulator = await startPlexEmulator();
    part = firstPart(emulator, '101');
    const found = emulator.partFile(part.id);
    assert.ok(found);
    file = found;
  });
  after(() => emulator.close());

  it('describes every video part truthfully: MPEG-TS, real size, .ts key', () => {
    for (const item of [...emulator.library.ofType('movie'), ...emulator.library.ofType('episode')]) {
      const media = item.Media?.[0];
      const videoPart = media?.Part[0];
      assert.ok(media && videoPart);
      assert.equal(media.container, 'mpegts');
      assert.equal(videoPart.container, 'mpegts');
      assert.match(videoPart.key, /^\/library\/parts\/\d+\/\d+\/file\.ts$/);
      assert.equal(videoPart.size, file.size);
    }
    assert.equal(file.size % 188, 0);
    assert.ok(file.size > 3_000_000 && file.size <= 4 * 1024 * 1024, `a few MB: ${file.size}`);
  });

  it('serves the whole file (200) with its type and length, bytes that form a valid transport stream', async () => {
    const response = await fetchPart(emulator, part.key);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'video/mp2t');
    assert.equal(response.headers.get('accept-ranges'), 'bytes');
    assert.equal(Number(response.headers.get('content-length')), part.size);
    assert.equal(response.bytes.length, part.size);
    assert.ok(response.bytes.equals(file.slice(0)));
    assertValidTransportStream(response.bytes);
  });

  it('generates the same bytes in every emulator', async () => {
    const other = await startPlexEmulator();
    try {
      const otherFile = other.partFile(firstPart(other, '101').id);
      assert.ok(otherFile?.slice(1_000_000, 1_100_000).equals(file.slice(1_000_000, 1_100_000)));
    } finally {
      await other.close();
    }
  });

  const ranges: [string, (size: number) => string, (size: number) => [number, number]][] = [
    ['start', () => 'bytes=0-187', () => [0, 187]],
    ['middle', () => 'bytes=1000000-1065535', () => [1_000_000, 1_065_535]],
    ['end', (size) => `bytes=${size - 100}-${size - 1}`, (size) => [size - 100, size - 1]],
    ['open-ended', (size) => `bytes=${size - 5000}-`, (size) => [size - 5000, size - 1]],
    ['suffix', () => 'bytes=-777', (size) => [size - 777, size - 1]],
    ['past the end (capped)', (size) => `bytes=${size - 10}-${size + 1000}`, (size) => [size - 10, size - 1]],
  ];
  for (const [label, header, expected] of ranges) {
    it(`answers a Range (${label}) with 206 and exactly those bytes`, async () => {
      const [first, last] = expected(part.size);
      const response = await fetchPart(emulator, part.key, { Range: header(part.size) });
      assert.equal(response.status, 206);
      assert.equal(response.headers.get('content-range'), `bytes ${first}-${last}/${part.size}`);
      assert.equal(Number(response.headers.get('content-length')), last - first + 1);
      assert.equal(response.headers.get('content-type'), 'video/mp2t');
      assert.ok(response.bytes.equals(file.slice(first, last + 1)));
    });
  }

  it('answers an unsatisfiable Range with 416 and bytes */size', async () => {
    for (const header of [`bytes=${part.size}-`, `bytes=${part.size + 10}-${part.size + 20}`, 'bytes=-0', 'bytes=500-100']) {
      const response = await fetchPart(emulator, part.key, { Range: header });
      assert.equal(response.status, 416, header);
      assert.equal(response.headers.get('content-range'), `bytes */${part.size}`);
    }
  });

  it('ignores a Range it cannot parse, and several ranges: the whole file (200)', async () => {
    for (const header of ['bytes=abc', 'items=0-10', 'bytes=0-10,20-30']) {
      const response = await fetchPart(emulator, part.key, { Range: header });
      assert.equal(response.status, 200, header);
      assert.equal(response.bytes.length, part.size);
    }
  });

  it('answers HEAD with the headers and no body, with or without a Range', async () => {
    const whole = await fetchPart(emulator, part.key, {}, 'HEAD');
    assert.equal(whole.status, 200);
    assert.equal(Number(whole.headers.get('content-length')), part.size);
    assert.equal(whole.bytes.length, 0);
    const ranged = await fetchPart(emulator, part.key, { Range: 'bytes=10-19' }, 'HEAD');
    assert.equal(ranged.status, 206);
    assert.equal(ranged.headers.get('content-range'), `bytes 10-19/${part.size}`);
    assert.equal(ranged.bytes.length, 0);
    assert.equal(emulator.requestsTo('HEAD', part.key).length, 2);
  });

  it('serves tracks as a real WAV file', async () => {
    const track = firstPart(emulator, '311');
    assert.equal(track.container, 'wav');
    assert.match(track.key, /\/file\.wav$/);
    const response = await fetchPart(emulator, track.key, { Range: 'bytes=0-43' });
    assert.equal(response.status, 206);
    assert.equal(response.headers.get('content-type'), 'audio/wav');
    assert.equal(response.bytes.subarray(0, 4).toString('ascii'), 'RIFF');
    assert.equal(response.bytes.readUInt32LE(4), track.size - 8);
    assert.equal(response.bytes.subarray(8, 12).toString('ascii'), 'WAVE');
    assert.equal(response.bytes.readUInt32LE(40), track.size - 44);
  });

  it('needs a token, answers 404 for an unknown part, 400 for undeclared parameters', async () => {
    const plex = new EmulatorClient(emulator);
    assert.equal((await plex.as({ token: null }).get(part.key)).status, 401);
    assert.equal((await plex.get('/library/parts/999999/1700000000/file.ts')).status, 404);
    assert.equal((await plex.get(part.key, { offset: 10 })).status, 400);
    assert.equal((await plex.get(part.key, { download: 2 })).status, 400);
    const download = await fetchPart(emulator, `${part.key}?download=1`, { Range: 'bytes=0-9' });
    assert.equal(download.status, 206);
    assert.match(download.headers.get('content-disposition') ?? '', /attachment/);
  });

  it('records each part request with its Range header', async () => {
    emulator.clearRequests();
    await fetchPart(emulator, part.key, { Range: 'bytes=5-9' });
    const [request] = emulator.requestsTo('GET', part.key);
    assert.equal(request?.headers.range, 'bytes=5-9');
    assert.equal(request?.status, 206);
  });

  it('records how much of each body was written, whether the client went away first, and the open connections', async () => {
    emulator.clearRequests();
    const whole = await fetchPart(emulator, part.key);
    assert.equal(whole.bytes.length, part.size);
    const [complete] = emulator.requestsTo('GET', part.key);
    assert.equal(complete?.bodyBytes, part.size);
    assert.equal(complete?.aborted, false);

    // A client that reads one chunk of a part far larger than socket buffers, stops reading, then goes away.
    const big = await startPlexEmulator({ mediaBytes: 32 * 1024 * 1024 });
    try {
      const bigPart = firstPart(big, '104');
      const client = request(big.url + bigPart.key, { headers: { 'X-Plex-Token': big.token }, agent: false });
      const firstChunk = new Promise<void>((resolve, reject) => {
        client.on('response', (response) =>
          response.once('data', () => {
            response.pause();
            resolve();
          }),
        );
        client.on('error', reject);
      });
      client.end();
      await firstChunk;
      assert.equal(big.openConnections(), 1, 'the streaming connection is open');
      assert.equal(big.requests[0]?.aborted, false, 'still being written');
      client.destroy();
      await waitFor(() => big.openConnections() === 0 && big.requests[0]?.aborted === true);
      const aborted = big.requests[0];
      assert.equal(aborted?.status, 200);
      assert.ok((aborted?.bodyBytes ?? 0) > 0 && (aborted?.bodyBytes ?? 0) < bigPart.size, `part of the body: ${aborted?.bodyBytes}`);
    } finally {
      await big.close();
    }

    await fetchPart(emulator, part.key, {}, 'HEAD');
    assert.equal(emulator.requestsTo('HEAD', part.key)[0]?.bodyBytes, 0);
  });

  it('failNext applies to parts', async () => {
    emulator.faults.failNext(1, 503);
    assert.equal((await fetchPart(emulator, part.key, { Range: 'bytes=0-9' })).status, 503);
    assert.equal((await fetchPart(emulator, part.key, { Range: 'bytes=0-9' })).status, 206);
  });
});

describe('Plex emulator: a large part (mediaBytes)', () => {
  let emulator: PlexEmulator;

  before(async () => {
    emulator = await startPlexEmulator({ mediaBytes: 64 * 1024 * 1024, recordRequests: false });
  });
  after(() => emulator.close());

  it('streams a 64 MB part whole, and the size in the metadata is the real one', async () => {
    const part = firstPart(emulator, '102');
    assert.equal(part.size, Math.floor((64 * 1024 * 1024) / 188) * 188);
    const response = await fetch(emulator.url + part.key, { headers: { 'X-Plex-Token': emulator.token } });
    assert.equal(response.status, 200);
    let received = 0;
    for await (const chunk of response.body!) received += (chunk as Uint8Array).length;
    assert.equal(received, part.size);
    const tail = await fetchPart(emulator, part.key, { Range: 'bytes=-1000' });
    assert.ok(tail.bytes.equals(emulator.partFile(part.id)!.slice(part.size - 1000)));
  });

  it('refuses a mediaBytes too small to hold the generated block', () => {
    assert.throws(() => new PlexEmulator({ mediaBytes: 1000 }), /mediaBytes/);
  });
});
