import { createHash } from 'node:crypto';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { invalidField } from '../../common/validation.js';
import { PlexCallers } from '../households/plex-callers.service.js';
import { PlexClient } from '../plex/plex.client.js';
import { PlexNotFoundError } from '../plex/plex.errors.js';
import { DEFAULT_SIZES, kindOfPath, MAX_IMAGE_SIDE, snapSide } from './image-sizes.js';
import { ImageLinks } from './image-links.service.js';

/** The same bytes for the same URL and size, for as long as caches care: a new artwork version is a new URL. */
export const IMAGE_CACHE_CONTROL = 'private, max-age=31536000, immutable';

export interface ImageAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  body?: Readable;
}

/** Serves signed image URLs: checks the signature, snaps the size, answers 304 to a cache, else relays Plex's transcoder. */
@Injectable()
export class ImagesService {
  constructor(
    private readonly links: ImageLinks,
    private readonly plex: PlexClient,
    private readonly callers: PlexCallers,
  ) {}

  async open(token: string, size: { w?: string; h?: string }, ifNoneMatch: string | undefined): Promise<ImageAnswer> {
    const grant = this.links.verify(token);
    if (!grant) throw new ForbiddenException('this image URL is not valid: ask for the item again');
    const defaults = DEFAULT_SIZES[kindOfPath(grant.path)];
    const width = snapSide(side('w', size.w, defaults.w));
    const height = snapSide(side('h', size.h, defaults.h));
    const etag = `"${createHash('sha256').update(`${token} ${width}x${height}`).digest('base64url').slice(0, 27)}"`;
    const headers = { 'cache-control': IMAGE_CACHE_CONTROL, etag };
    if (matches(ifNoneMatch, etag)) return { status: 304, headers };
    if (!this.callers.hasProfile(grant.profileId)) throw new NotFoundException('this image is not available');
    const upstream = await this.plex
      .photo(this.callers.forProfile(grant.profileId), { path: grant.path, width, height })
      .catch((error: unknown) => {
        if (error instanceof PlexNotFoundError) throw new NotFoundException('this image is not available to this profile');
        throw error;
      });
    const type = String(upstream.headers['content-type'] ?? '');
    if (!type.startsWith('image/')) {
      upstream.body.destroy();
      throw new NotFoundException('this image is not available');
    }
    const length = upstream.headers['content-length'];
    return {
      status: 200,
      headers: { ...headers, 'content-type': type, ...(typeof length === 'string' ? { 'content-length': length } : {}) },
      body: upstream.body,
    };
  }
}

function side(field: 'w' | 'h', value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > MAX_IMAGE_SIDE) {
    throw invalidField(field, `${field} must be an integer from 1 to ${MAX_IMAGE_SIDE}`);
  }
  return Number(value);
}

/** `If-None-Match`: a list of tags, weak ones compared by their value, or `*`. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}
