import { ApiProperty } from '@nestjs/swagger';
import { PLAYBACK_STATES, type PlaybackState } from '../../../entities/playback-session.entity.js';

/** An item in the queue. */
export class QueueItemDto {
  /** Plex's own id of this queue entry (the same item can be queued twice with two ids). */
  itemId: number;
  ratingKey: string;
  title: string;
  /** movie, episode, track, … */
  type: string;
  durationMs?: number;
}

/** The play queue behind a session, as Plex last described it. */
export class QueueDto {
  playQueueId: number;
  /** Plex's `playQueueVersion`: it grows with every change to the queue. */
  version: number;
  /** The queue item being played. */
  selectedItemId: number;
  items: QueueItemDto[];
}

/** The item being played. */
export class ItemDto {
  ratingKey: string;
  title: string;
  type: string;
  durationMs?: number;
  /** For an episode: the show; for a track: the artist. */
  grandparentTitle?: string;
  /** For an episode: the season number. */
  parentIndex?: number;
  /** For an episode: its number in the season; for a track: its number on the album. */
  index?: number;
  /** Path of the artwork on the Plex server. */
  thumb?: string;
}

/** A playback session. */
export class SessionDto {
  id: string;

  @ApiProperty({ enum: PLAYBACK_STATES, enumName: 'PlaybackState' })
  state: PlaybackState;

  /** The best estimate of the position now, in ms (moves on by itself while playing). On create: the resume point. */
  positionMs: number;

  durationMs?: number;
  /** The current item's ratingKey. */
  ratingKey: string;
  item: ItemDto;
  queue: QueueDto;
  /** The device (`X-Device-Id`) that created the session. */
  deviceId: string;
  createdAt: string;
  updatedAt: string;
  endedAt?: string;
  /** Why the session ended: `stopped`, `end-of-queue`, `client-lost`, or the server's termination text. */
  endedReason?: string;
}

/** Where the caller is in an item. */
export class ProgressDto {
  ratingKey: string;
  positionMs: number;
  durationMs?: number;
  /** The item counts as played. */
  watched: boolean;
  /** When it was last saved; absent when only Plex knows and never said. */
  updatedAt?: string;
}
