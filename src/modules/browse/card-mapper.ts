import type { PlaybackProgress } from '../../entities/playback-progress.entity.js';
import type { PlexMetadataItem } from '../plex/plex.types.js';
import type { CardDto, CardImagesDto, CardProgressDto } from './dto/card.dto.js';

const LEAF_TYPES = new Set(['movie', 'episode', 'track', 'clip', 'photo']);

export function isLeaf(item: PlexMetadataItem): boolean {
  return LEAF_TYPES.has(item.type);
}

/**
 * Where the profile is in an item. The proxy's saved progress wins when it is at least as new as Plex's last view
 * (it is written the moment a player reports, Plex hears of it later); a show, season or album is watched when all
 * of its episodes or tracks are.
 */
export function progressOf(item: PlexMetadataItem, saved: PlaybackProgress | undefined): CardProgressDto {
  if (!isLeaf(item)) {
    const watched = item.leafCount !== undefined && item.leafCount > 0 && item.viewedLeafCount === item.leafCount;
    return { positionMs: 0, durationMs: item.durationMs ?? 0, watched };
  }
  if (saved && saved.updatedAt >= (item.lastViewedAt ?? 0) * 1000) {
    return {
      positionMs: saved.watched ? 0 : saved.positionMs,
      durationMs: saved.durationMs ?? item.durationMs ?? 0,
      watched: saved.watched,
    };
  }
  const positionMs = item.viewOffsetMs ?? 0;
  return { positionMs, durationMs: item.durationMs ?? 0, watched: item.viewCount > 0 && positionMs === 0 };
}

/** The artwork paths of an item: an episode's poster is its show's, a track's its album's. */
export function artworkOf(item: PlexMetadataItem): { poster?: string; backdrop?: string; logo?: string } {
  const poster = item.type === 'episode' ? (item.grandparentThumb ?? item.thumb) : item.type === 'track' ? (item.parentThumb ?? item.thumb) : item.thumb;
  return { poster, backdrop: item.art ?? item.grandparentArt, logo: item.logo };
}

export function toCard(item: PlexMetadataItem, progress: CardProgressDto, images: CardImagesDto): CardDto {
  const parent = !isLeaf(item);
  return {
    ratingKey: item.ratingKey,
    type: item.type,
    title: item.title,
    year: item.year,
    durationMs: item.durationMs,
    index: item.index,
    parentIndex: item.type === 'episode' || item.type === 'track' ? item.parentIndex : undefined,
    parentTitle: item.parentTitle,
    showTitle: item.type === 'episode' ? item.grandparentTitle : undefined,
    childCount: parent ? item.leafCount : undefined,
    watchedChildCount: parent && item.leafCount !== undefined ? (item.viewedLeafCount ?? 0) : undefined,
    images,
    progress,
  };
}
