import type { PlaybackProgress } from '../../entities/playback-progress.entity.js';
import { cappedToDuration } from './position.js';

export interface WatchState {
  viewOffsetMs?: number;
  viewCount: number;
  durationMs?: number;
}

/**
 * Where playback of an item starts: the offset the client asked for; else this profile's saved
 * progress; else Plex's resume point; else 0. An item saved or known as watched starts at 0.
 */
export function resumePointMs(plex: WatchState, saved: PlaybackProgress | undefined, requestedMs?: number): number {
  const start = requestedMs ?? fromSaved(saved) ?? plex.viewOffsetMs ?? 0;
  return cappedToDuration(start, plex.durationMs);
}

function fromSaved(saved: PlaybackProgress | undefined): number | undefined {
  if (!saved) return undefined;
  return saved.watched ? 0 : saved.positionMs;
}
