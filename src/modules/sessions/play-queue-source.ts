import type { PlayQueueType, PlexMetadataItem } from '../plex/plex.types.js';

const AUDIO_TYPES = new Set(['artist', 'album', 'track']);

/** The kind of play queue an item plays in: `video`, `audio` or `photo` (a playlist says its own). */
export function queueTypeFor(item: PlexMetadataItem): PlayQueueType {
  if (item.type === 'playlist') {
    return item.playlistType === 'audio' || item.playlistType === 'photo' ? item.playlistType : 'video';
  }
  if (AUDIO_TYPES.has(item.type)) return 'audio';
  if (item.type === 'photo') return 'photo';
  return 'video';
}

/** The `source` column of a progress row: the queue's URI, or `playlist:{id}`. */
export function describeSource(source: { sourceUri: string | null; playlistId: string | null }): string | null {
  return source.sourceUri ?? (source.playlistId ? `playlist:${source.playlistId}` : null);
}
