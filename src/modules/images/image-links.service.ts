import { Injectable } from '@nestjs/common';
import { SecretBox } from '../households/secret-box.service.js';
import { DEFAULT_SIZES, type ArtworkKind } from './image-sizes.js';
import { ImageSigner, type ImageGrant } from './image-signer.js';

/** Where image URLs live on the proxy: `/api/v1/images/{token}?w=…&h=…`. */
export const IMAGES_PATH = '/api/v1/images';
/** Artwork paths Plex's metadata gives; anything else is not made into a URL. */
const ARTWORK_PATH = /^\/library\/metadata\/[A-Za-z0-9._-]{1,64}\/(thumb|art|clearLogo|banner)\/\d{1,14}$/;

/** Issues and checks the signed image URLs of cards (a key of their own, derived from the proxy's secret key). */
@Injectable()
export class ImageLinks {
  private readonly signer: ImageSigner;

  constructor(secrets: SecretBox) {
    this.signer = new ImageSigner(secrets.deriveKey('image-url'));
  }

  /** The URL of one artwork for one profile, at the default size of its kind; undefined without artwork. */
  urlFor(profileId: string, path: string | undefined, kind: ArtworkKind): string | undefined {
    if (!path || !ARTWORK_PATH.test(path)) return undefined;
    const { w, h } = DEFAULT_SIZES[kind];
    return `${IMAGES_PATH}/${this.signer.sign({ profileId, path })}?w=${w}&h=${h}`;
  }

  verify(token: string): ImageGrant | undefined {
    return this.signer.verify(token);
  }
}
