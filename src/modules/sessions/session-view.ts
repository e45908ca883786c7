import { lastValuePer } from '../../common/last-value.js';
import type { PlaybackProgress } from '../../entities/playback-progress.entity.js';
import type { CurrentItemDetails, PlaybackSession, QueueItemSnapshot } from '../../entities/playback-session.entity.js';
import type { PlexPlayQueueItem } from '../plex/plex.types.js';
import type { ItemDto, ProgressDto, QueueDto, SessionDto, StreamDto, UpNextDto } from './dto/session.dto.js';
import { currentDetailsOf } from './current-item-details.js';
import { cappedToDuration } from './position.js';

/** The position now: the reported one, moved on by the time since while playing, never past the end. */
export function currentPositionMs(session: PlaybackSession, now: number): number {
  const elapsed = session.state === 'playing' ? Math.max(0, now - session.positionAt) : 0;
  const position = session.positionMs + elapsed;
  return cappedToDuration(position, session.durationMs);
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
    grandparentThumb: item.grandparentThumb,
    viewOffsetMs: item.viewOffsetMs,
    viewCount: item.viewCount || undefined,
    part: part?.key ? { id: part.id, key: part.key, container: part.container ?? media?.container } : undefined,
  };
}

export function currentItemOf(session: PlaybackSession): QueueItemSnapshot | undefined {
  return session.queueItems.find((item) => item.itemId === session.playQueueItemId);
}

/**
 * `stream`: the current item's stream URL, for an active session with something to play. The item and the queue
 * are the same objects from one answer to the next while they are unchanged (itemOf, queueOf), so a report in a long
 * queue does not rebuild the queue's items: answers are only serialised, never changed.
 */
export function toSessionDto(session: PlaybackSession, now: number, stream?: StreamDto, upNext?: UpNextDto): SessionDto {
  return {
    id: session.id,
    state: session.state,
    positionMs: session.endedAt === null ? currentPositionMs(session, now) : session.positionMs,
    durationMs: session.durationMs ?? undefined,
    ratingKey: session.ratingKey,
    item: itemOf(session, currentItemOf(session), session.ratingKey, session.durationMs, currentDetailsOf(session)),
    deviceId: session.deviceId,
    createdAt: createdAtOf(session, session.createdAt),
    updatedAt: isoDate(session.updatedAt),
    endedAt: session.endedAt === null ? undefined : isoDate(session.endedAt),
    endedReason: session.endReason ?? undefined,
    stream,
    upNext,
    queue: queueOf(session, session.playQueueId, session.playQueueVersion, session.playQueueItemId, session.queueItems),
  };
}

const itemOf = lastValuePer(
  (current: QueueItemSnapshot | undefined, ratingKey: string, durationMs: number | null, details: CurrentItemDetails | undefined): ItemDto => ({
    ratingKey,
    title: current?.title ?? '',
    type: current?.type ?? 'unknown',
    durationMs: durationMs ?? undefined,
    grandparentTitle: current?.grandparentTitle,
    parentIndex: current?.parentIndex,
    index: current?.index,
    thumb: current?.thumb,
    markers: details?.markers.map((marker) => ({ ...marker })) ?? [],
    audioTracks: details?.audioTracks.map((track) => ({ ...track })) ?? [],
    subtitleTracks: details?.subtitleTracks.map((track) => ({ ...track })) ?? [],
  }),
);

/** The queue item after the current one, if any; looked up once per queue and current item (reports do not search). */
export function nextItemOf(session: PlaybackSession): QueueItemSnapshot | undefined {
  return nextOf(session, session.queueItems, session.playQueueItemId);
}

const nextOf = lastValuePer((items: readonly QueueItemSnapshot[], currentItemId: number): QueueItemSnapshot | undefined => {
  const index = items.findIndex((item) => item.itemId === currentItemId);
  return index >= 0 ? items[index + 1] : undefined;
});

/** A session's items are replaced on every queue change, never changed in place: the view is copied once per queue. */
const queueOf = lastValuePer(
  (playQueueId: number, version: number, selectedItemId: number, items: readonly QueueItemSnapshot[]): QueueDto => ({
    playQueueId,
    version,
    selectedItemId,
    items: items.map((q) => ({ itemId: q.itemId, ratingKey: q.ratingKey, title: q.title, type: q.type, durationMs: q.durationMs })),
  }),
);

const createdAtOf = lastValuePer(isoDate);

/** The ISO form of a time; the one of the last time asked for is kept (calls in the same millisecond share it). */
function isoDate(ms: number): string {
  if (ms !== lastIso.ms) lastIso = { ms, iso: new Date(ms).toISOString() };
  return lastIso.iso;
}

let lastIso = { ms: Number.NaN, iso: '' };

export function toProgressDto(progress: PlaybackProgress): ProgressDto {
  return {
    ratingKey: progress.ratingKey,
    positionMs: progress.positionMs,
    durationMs: progress.durationMs ?? undefined,
    watched: progress.watched,
    updatedAt: new Date(progress.updatedAt).toISOString(),
  };
}
