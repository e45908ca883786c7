import { createHmac } from 'node:crypto';
import { sameSignature } from '../streams/stream-signer.js';

/** What an image URL grants: one artwork path of the server, fetched with one profile's Plex token. */
export interface ImageGrant {
  profileId: string;
  /** `/library/metadata/{ratingKey}/{kind}/{version}`, as Plex's metadata gave it. */
  path: string;
}

const VERSION = 1;
const MAX_TOKEN_LENGTH = 1024;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Domain separation from the stream URLs' MACs. */
const MAC_PREFIX = 'image-url.v1.';

/**
 * Signs image grants without an expiry or anything random, so the same artwork always gets the same URL and TV image
 * caches hit; a new artwork version is a new path, hence a new URL. `base64url(claims).base64url(HMAC-SHA256)`.
 */
export class ImageSigner {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('an image signing key needs at least 32 bytes');
  }

  sign(grant: ImageGrant): string {
    const payload = Buffer.from(JSON.stringify({ v: VERSION, p: grant.profileId, a: grant.path })).toString('base64url');
    return `${payload}.${this.mac(payload).toString('base64url')}`;
  }

  /** The grant, or undefined when the token was not made by this signer. */
  verify(token: string): ImageGrant | undefined {
    if (token.length > MAX_TOKEN_LENGTH) return undefined;
    const [payload = '', signature = '', ...rest] = token.split('.');
    if (rest.length > 0 || !BASE64URL.test(payload) || !BASE64URL.test(signature)) return undefined;
    if (!sameSignature(signature, this.mac(payload))) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      if (claims.v !== VERSION || typeof claims.p !== 'string' || typeof claims.a !== 'string') return undefined;
      return { profileId: claims.p, path: claims.a };
    } catch {
      return undefined;
    }
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update(MAC_PREFIX).update(payload).digest();
  }
}
