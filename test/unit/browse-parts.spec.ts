import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadRequestException } from '@nestjs/common';
import { PlaybackProgress } from '../../src/entities/playback-progress.entity.js';
import { artworkOf, progressOf } from '../../src/modules/browse/card-mapper.js';
import { decodeCursor, encodeCursor, nextCursor } from '../../src/modules/browse/cursor.js';
import { kindOfPath, snapSide } from '../../src/modules/images/image-sizes.js';
import { ImageSigner } from '../../src/modules/images/image-signer.js';
import type { PlexMetadataItem } from '../../src/modules/plex/plex.types.js';

const movie = (fields: Partial<PlexMetadataItem> = {}): PlexMetadataItem => ({
  ratingKey: '101',
  key: '/library/metadata/101',
  type: 'movie',
  title: 'A',
  durationMs: 1_000_000,
  viewCount: 0,
  media: [],
  markers: [],
  genres: [],
  ...fields,
});

const saved = (fields: Partial<PlaybackProgress>): PlaybackProgress =>
  Object.assign(new PlaybackProgress(), { profileId: 'p', serverId: 's', ratingKey: '101', positionMs: 0, durationMs: 1_000_000, watched: false, updatedAt: 0, ...fields });

describe('browse: cards, cursors and image URLs', () => {
  it("lays the proxy's saved progress over Plex's when it is at least as new", () => {
    const plex = movie({ viewOffsetMs: 100_000, lastViewedAt: 1_000 });
    assert.deepEqual(progressOf(plex, undefined), { positionMs: 100_000, durationMs: 1_000_000, watched: false });
    assert.equal(progressOf(plex, saved({ positionMs: 300_000, updatedAt: 1_000_000 })).positionMs, 300_000);
    assert.equal(progressOf(plex, saved({ positionMs: 300_000, updatedAt: 999_999 })).positionMs, 100_000, 'Plex is newer');
    assert.deepEqual(progressOf(plex, saved({ positionMs: 0, watched: true, updatedAt: 2_000_000 })), { positionMs: 0, durationMs: 1_000_000, watched: true });
    assert.equal(progressOf(movie({ viewCount: 1 }), undefined).watched, true);
    assert.equal(progressOf(movie({ type: 'show', leafCount: 3, viewedLeafCount: 3 }), undefined).watched, true);
    assert.equal(progressOf(movie({ type: 'season', leafCount: 3, viewedLeafCount: 2 }), undefined).watched, false);
  });

  it("gives an episode its show's poster and a track its album's", () => {
    assert.equal(artworkOf(movie({ type: 'episode', thumb: '/e', grandparentThumb: '/s' })).poster, '/s');
    assert.equal(artworkOf(movie({ type: 'track', thumb: '/t', parentThumb: '/a' })).poster, '/a');
    assert.equal(artworkOf(movie({ thumb: '/m', art: '/b' })).backdrop, '/b');
  });

  it('pages with cursors bound to their list, and says when the list ends', () => {
    const list = JSON.stringify(['library', '1', 'title']);
    assert.equal(decodeCursor(undefined, list), 0);
    assert.equal(decodeCursor(encodeCursor(50, list), list), 50);
    assert.throws(() => decodeCursor(encodeCursor(50, list), JSON.stringify(['library', '1', 'year'])), BadRequestException);
    assert.throws(() => decodeCursor('bm9wZQ', list), BadRequestException);
    assert.equal(nextCursor(0, 50, 256, list) !== null, true);
    assert.equal(nextCursor(250, 6, 256, list), null);
    assert.notEqual(nextCursor(0, 30, 256, list), null, 'a short page is not the last');
    assert.equal(nextCursor(100, 0, 256, list), null, 'an empty page ends the walk');
  });

  it('signs image grants deterministically and refuses any change', () => {
    const signer = new ImageSigner(Buffer.alloc(32, 7));
    const grant = { profileId: 'p1', path: '/library/metadata/101/thumb/1700000000' };
    const token = signer.sign(grant);
    assert.equal(signer.sign(grant), token, 'the same grant, the same URL');
    assert.deepEqual(signer.verify(token), grant);
    assert.notEqual(signer.sign({ ...grant, path: '/library/metadata/101/thumb/1700000001' }), token, 'a new version, a new URL');
    assert.equal(new ImageSigner(Buffer.alloc(32, 8)).verify(token), undefined, 'another key');
    assert.equal(signer.verify(`${token}x`), undefined);
    const [payload, mac] = token.split('.') as [string, string];
    const respelled = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_']
      .map((c) => mac.slice(0, -1) + c)
      .find((other) => other !== mac && Buffer.from(other, 'base64url').equals(Buffer.from(mac, 'base64url')))!;
    assert.equal(signer.verify(`${payload}.${respelled}`), undefined, 'only the signature as it was written, not a respelling');
    assert.equal(signer.verify(`${token}.extra`), undefined);
    assert.throws(() => new ImageSigner(Buffer.alloc(16)));
  });

  it('snaps sizes up to a few, and knows posters from backdrops', () => {
    assert.deepEqual([1, 90, 91, 300, 361, 2000, 4096].map(snapSide), [90, 90, 120, 360, 480, 2160, 2160]);
    assert.equal(kindOfPath('/library/metadata/1/thumb/2'), 'poster');
    assert.equal(kindOfPath('/library/metadata/1/art/2'), 'backdrop');
  });
});
