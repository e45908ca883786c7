import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a stream URL grants: one upstream resource, for one session's item, until a time. */
export interface StreamGrant {
  /** The proxy session id. */
  sessionId: string;
  /** Plex's play queue item id of the item the URL was issued for. */
  itemId: number;
  /**
   * The upstream resource, exactly: `part:<part key>` (direct play), `hls:start` plus the transcode options
   * (the master playlist), or `hls:<server path>` (a playlist or segment of the session's transcode).
   */
  resource: string;
  /** Expiry, epoch milliseconds. */
  expiresAt: number;
}

export type VerifyResult = { ok: true; grant: StreamGrant } | { ok: false; reason: 'invalid' | 'expired' };

const VERSION = 1;
const MAX_TOKEN_LENGTH = 4096;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Domain separation: a MAC made for anything else with the same key never verifies as a stream URL. */
const MAC_PREFIX = 'stream-url.v1.';

/**
 * Signs and verifies stream URL tokens: `base64url(JSON claims).base64url(HMAC-SHA256(key, claims))`. The claims
 * are readable (a session id, an item id, a server path, an expiry; nothing secret) but cannot be changed.
 */
export class StreamSigner {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('a stream signing key needs at least 32 bytes');
  }

  sign(grant: StreamGrant): string {
    const payload = Buffer.from(
      JSON.stringify({ v: VERSION, s: grant.sessionId, i: grant.itemId, r: grant.resource, e: grant.expiresAt }),
    ).toString('base64url');
    return `${payload}.${this.mac(payload).toString('base64url')}`;
  }

  verify(token: string, now: number): VerifyResult {
    if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'invalid' };
    const dot = token.indexOf('.');
    const payload = token.slice(0, dot);
    const signature = token.slice(dot + 1);
    if (dot <= 0 || !BASE64URL.test(payload) || !BASE64URL.test(signature)) return { ok: false, reason: 'invalid' };
    if (!sameSignature(signature, this.mac(payload))) return { ok: false, reason: 'invalid' };
    const grant = parseClaims(payload);
    if (!grant) return { ok: false, reason: 'invalid' };
    if (now >= grant.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, grant };
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update(MAC_PREFIX).update(payload).digest();
  }
}

function parseClaims(payload: string): StreamGrant | undefined {
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  const { v, s, i, r, e } = claims as Record<string, unknown>;
  if (v !== VERSION || typeof s !== 'string' || typeof r !== 'string') return undefined;
  if (!Number.isSafeInteger(i) || !Number.isSafeInteger(e)) return undefined;
  return { sessionId: s, itemId: i as number, resource: r, expiresAt: e as number };
}

/**
 * Whether `signature` is the MAC's own base64url text. Compared as text, not decoded: a MAC of 32 bytes ends in a
 * character with two unused bits, and a decoder would take four spellings of the last character for the same MAC.
 * Lengths are public (always 43 characters); the comparison of the characters is constant-time.
 */
export function sameSignature(signature: string, mac: Buffer): boolean {
  const given = Buffer.from(signature);
  const expected = Buffer.from(mac.toString('base64url'));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
