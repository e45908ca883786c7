import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StreamSigner, type StreamGrant } from '../../src/modules/streams/stream-signer.js';

const KEY = Buffer.alloc(32, 7);
const NOW = Date.UTC(2026, 10, 22, 20, 0, 0);
const GRANT: StreamGrant = {
  sessionId: '3f0c8f4e-5b7a-4d52-9a57-2f1f0c4f9b1e',
  itemId: 12,
  resource: 'part:/library/parts/1001/1700000000/file.ts',
  expiresAt: NOW + 60_000,
};

/** Flips one character of a base64url text to another valid one. */
function flip(text: string, index: number): string {
  const replacement = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

function reencode(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [payload, mac] = token.split('.') as [string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(claims);
  return `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mac}`;
}

describe('StreamSigner', () => {
  const signer = new StreamSigner(KEY);

  it('verifies what it signed, with every claim back', () => {
    const result = signer.verify(signer.sign(GRANT), NOW);
    assert.deepEqual(result, { ok: true, grant: GRANT });
  });

  it('produces URL-safe tokens holding nothing but the claims', () => {
    const token = signer.sign(GRANT);
    assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const payload = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(payload).sort(), ['e', 'i', 'r', 's', 'v']);
  });

  it('refuses a token once it has expired (at the expiry instant)', () => {
    const token = signer.sign(GRANT);
    assert.deepEqual(signer.verify(token, GRANT.expiresAt - 1).ok, true);
    assert.deepEqual(signer.verify(token, GRANT.expiresAt), { ok: false, reason: 'expired' });
  });

  it('refuses any change to a claim: session, item, resource, expiry', () => {
    const token = signer.sign(GRANT);
    const changes: ((claims: Record<string, unknown>) => void)[] = [
      (c) => (c.s = 'another-session'),
      (c) => (c.i = 13),
      (c) => (c.r = 'part:/library/parts/1002/1700000000/file.ts'),
      (c) => (c.r = 'hls:/video/:/transcode/universal/session/x/base/index.m3u8'),
      (c) => (c.e = (c.e as number) + 3_600_000),
    ];
    for (const change of changes) assert.deepEqual(signer.verify(reencode(token, change), NOW), { ok: false, reason: 'invalid' });
  });

  it('refuses a changed signature, a truncated one, a missing one, garbage and oversized tokens', () => {
    const token = signer.sign(GRANT);
    const [payload, mac] = token.split('.') as [string, string];
    for (const bad of [
      `${payload}.${flip(mac, 5)}`,
      `${payload}.${mac.slice(0, 20)}`,
      `${payload}.`,
      payload,
      `.${mac}`,
      `${flip(payload, 3)}.${mac}`,
      'not a token',
      `${payload}.${mac}.extra`,
      `${'A'.repeat(5000)}.${mac}`,
    ]) {
      assert.deepEqual(signer.verify(bad, NOW), { ok: false, reason: 'invalid' }, bad.slice(0, 60));
    }
  });

  it('refuses every other spelling of the signature, those the same bytes when decoded included', () => {
    const token = signer.sign(GRANT);
    const [payload, mac] = token.split('.') as [string, string];
    const last = mac.at(-1)!;
    const sameBytes = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_']
      .map((c) => mac.slice(0, -1) + c)
      .filter((other) => other !== mac && Buffer.from(other, 'base64url').equals(Buffer.from(mac, 'base64url')));
    assert.equal(sameBytes.length, 3, `the last character ${last} has two unused bits`);
    for (const other of sameBytes) assert.deepEqual(signer.verify(`${payload}.${other}`, NOW), { ok: false, reason: 'invalid' });
  });

  it('refuses a token signed with another key', () => {
    const other = new StreamSigner(Buffer.alloc(32, 8));
    assert.deepEqual(signer.verify(other.sign(GRANT), NOW), { ok: false, reason: 'invalid' });
  });

  it('refuses well-signed claims of the wrong shape', () => {
    // Signed by this key, but not what the signer produces: e.g. a string item id.
    const odd = Buffer.from(JSON.stringify({ v: 1, s: 's', i: '12', r: 'part:x', e: NOW + 1000 })).toString('base64url');
    const mac = (signer as unknown as { mac(payload: string): Buffer }).mac(odd).toString('base64url');
    assert.deepEqual(signer.verify(`${odd}.${mac}`, NOW), { ok: false, reason: 'invalid' });
  });

  it('needs a key of at least 32 bytes', () => {
    assert.throws(() => new StreamSigner(Buffer.alloc(16)), /32 bytes/);
  });
});
