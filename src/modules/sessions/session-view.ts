import type { PlaybackProgress } from '../../entities/playback-progress.entity.js';
import type { PlaybackSession, QueueItemSnapshot } from '../../entities/playback-session.entity.js';
import type { PlexPlayQueueItem } from '../plex/plex.types.js';
import type { ItemDto, ProgressDto, QueueItemDto, SessionDto, StreamDto } from './dto/session.dto.js';

/** The position now: the reported one, moved on by the time since while playing, never past the end. */
export function currentPositionMs(session: PlaybackSession, now: number): number {
  const elapsed = session.state === 'playing' ? Math.max(0, now - session.positionAt) : 0;
  const position = session.positionMs + elapsed;
  return session.durationMs !== null && session.durationMs > 0 ? Math.min(position, session.durationMs) : position;
}

export function snapshotOf(item: PlexPlayQueueItem): QueueItemSnapshot {
  const media = item.media[0];
  const part = media?.parts[0];
  return {
    itemId: item.playQueueItemId,
    ratingKey: item.ratingKey,
    title: item.title,
    type: item.type,
    durationMs: item.durationMs,
    grandparentTitle: item.grandparentTitle,
    parentIndex: item.parentIndex,
    index: item.index,
    thumb: item.thumb,
    part: part?.key ? { id: part.id, key: part.key, container: part.container ?? media?.container } : undefined,
  };
}

export function currentItemOf(session: PlaybackSession): QueueItemSnapshot | undefined {
  return session.queueItems.find((item) => item.itemId === session.playQueueItemId);
}

/** `stream`: the current item's stream URL, for an active session with something to play. */
export function toSessionDto(session: PlaybackSession, now: number, stream?: StreamDto): SessionDto {
  const current = currentItemOf(session);
  const item: ItemDto = {
    ratingKey: session.ratingKey,
    title: current?.title ?? '',
    type: current?.type ?? 'unknown',
    durationMs: session.durationMs ?? undefined,
    grandparentTitle: current?.grandparentTitle,
    parentIndex: current?.parentIndex,
    index: current?.index,
    thumb: current?.thumb,
  };
  return {
    id: session.id,
    state: session.state,
    positionMs: session.endedAt === null ? currentPositionMs(session, now) : session.positionMs,
    durationMs: session.durationMs ?? undefined,
    ratingKey: session.ratingKey,
    item,
    deviceId: session.deviceId,
    createdAt: new Date(session.createdAt).toISOString(),
    updatedAt: new Date(session.updatedAt).toISOString(),
    endedAt: session.endedAt === null ? undefined : new Date(session.endedAt).toISOString(),
    endedReason: session.endReason ?? undefined,
    stream,
    // Last, and `items` last in it: sessionJson writes the items' JSON made once per queue there.
    queue: {
      playQueueId: session.playQueueId,
      version: session.playQueueVersion,
      selectedItemId: session.playQueueItemId,
      items: queueItemsView(session.queueItems),
    },
  };
}

/**
 * The queue as answers show it, made once per queue and shared by the answers (only serialised): a session's items
 * are replaced on every queue change, never changed in place, and a progress call should not copy the whole queue.
 */
const queueViews = new WeakMap<readonly QueueItemSnapshot[], QueueItemDto[]>();

function queueItemsView(items: readonly QueueItemSnapshot[]): QueueItemDto[] {
  let view = queueViews.get(items);
  if (!view) {
    view = items.map((q) => ({ itemId: q.itemId, ratingKey: q.ratingKey, title: q.title, type: q.type, durationMs: q.durationMs }));
    queueViews.set(items, view);
  }
  return view;
}

export function toProgressDto(progress: PlaybackProgress): ProgressDto {
  return {
    ratingKey: progress.ratingKey,
    positionMs: progress.positionMs,
    durationMs: progress.durationMs ?? undefined,
    watched: progress.watched,
    updatedAt: new Date(progress.updatedAt).toISOString(),
  };
}
