import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs, jsonOnce } from './column-transformers.js';

export const PLAYBACK_STATES = ['playing', 'paused', 'buffering', 'stopped'] as const;
export type PlaybackState = (typeof PLAYBACK_STATES)[number];

/** One queue entry as Plex last described it; kept so a session reads back without asking Plex. */
export interface QueueItemSnapshot {
  readonly itemId: number;
  readonly ratingKey: string;
  readonly title: string;
  readonly type: string;
  readonly durationMs?: number;
  readonly grandparentTitle?: string;
  readonly parentIndex?: number;
  readonly index?: number;
  readonly thumb?: string;
  /** For an episode, the show's poster (what a next-up card shows). */
  readonly grandparentThumb?: string;
  /** The profile's resume point and plays as Plex gave them with the queue. */
  readonly viewOffsetMs?: number;
  readonly viewCount?: number;
  /** The item's first media part, the one a stream plays (absent in snapshots taken before streams existed). */
  readonly part?: { readonly id: number; readonly key: string; readonly container?: string };
}

/** An audio or subtitle track of the current item's part, as Plex listed it for the profile. */
export interface TrackSnapshot {
  readonly id: number;
  readonly codec?: string;
  readonly language?: string;
  readonly languageCode?: string;
  readonly title?: string;
  readonly channels?: number;
  readonly selected: boolean;
  readonly default: boolean;
  readonly forced: boolean;
  readonly hearingImpaired?: boolean;
  /** Plex serves it as a file of its own (a sidecar subtitle). */
  readonly external: boolean;
}

/** What the session knows of its current item beyond the queue: markers and tracks (read when the item became current). */
export interface CurrentItemDetails {
  /** The queue item these details are of. */
  readonly itemId: number;
  readonly partId?: number;
  readonly markers: readonly { readonly type: 'intro' | 'credits'; readonly startMs: number; readonly endMs: number }[];
  readonly audioTracks: readonly TrackSnapshot[];
  readonly subtitleTracks: readonly TrackSnapshot[];
}

/** How the client wants its streams; every field optional (all absent: direct play whenever possible). */
export interface StreamPreferences {
  /** false: always transcode (HLS). */
  directPlay?: boolean;
  /** kbps; set: transcode to at most this bitrate. */
  maxVideoBitrate?: number;
  /** `WxH`; set: transcode to at most this resolution. */
  videoResolution?: string;
  /** Containers the player can play as they are; an item in another one is transcoded. Absent: any. */
  containers?: string[];
  /** Audio codecs the player can decode; a track in another one is converted (the video copied). Absent: any. */
  audioCodecs?: string[];
}

/**
 * A thin client's playback: the Plex play queue behind it and where the player is.
 *
 * Every field is initialised (to undefined) so that the constructor names it: V8 then keeps the properties inside
 * the object. Assigned afterwards, 26 properties or more turn the object into a hash table, which cost 1.5 KB
 * more per active session (15 MB at 10,000 sessions).
 */
@Entity({ name: 'playback_sessions' })
@Index('idx_playback_sessions_profile_ended', ['profileId', 'endedAt'])
export class PlaybackSession {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string = undefined!;

  @Column({ name: 'profile_id', type: 'varchar', length: 64 })
  profileId: string = undefined!;

  @Column({ name: 'device_id', type: 'varchar', length: 128 })
  deviceId: string = undefined!;

  @Column({ name: 'server_id', type: 'varchar', length: 64 })
  serverId: string = undefined!;

  /** The current item. */
  @Column({ name: 'rating_key', type: 'varchar', length: 64 })
  ratingKey: string = undefined!;

  @Column({ type: 'varchar', length: 16 })
  state: PlaybackState = undefined!;

  /** The position the client last reported (or the resume point), taken at `positionAt`. */
  @Column({ name: 'position_ms', type: 'integer' })
  positionMs: number = undefined!;

  @Column({ name: 'position_at', type: 'bigint', transformer: epochMs })
  positionAt: number = undefined!;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs: number | null = undefined!;

  @Column({ name: 'play_queue_id', type: 'integer' })
  playQueueId: number = undefined!;

  @Column({ name: 'play_queue_version', type: 'integer' })
  playQueueVersion: number = undefined!;

  /** Plex's own id of the current queue item. */
  @Column({ name: 'play_queue_item_id', type: 'integer' })
  playQueueItemId: number = undefined!;

  @Column({ name: 'queue_type', type: 'varchar', length: 8 })
  queueType: 'video' | 'audio' | 'photo' = undefined!;

  /** `server://…` URI the queue was made from, or null for a playlist. */
  @Column({ name: 'source_uri', type: 'varchar', length: 512, nullable: true })
  sourceUri: string | null = undefined!;

  @Column({ name: 'playlist_id', type: 'varchar', length: 32, nullable: true })
  playlistId: string | null = undefined!;

  @Column({ type: 'boolean' })
  continuous: boolean = undefined!;

  @Column({ type: 'boolean' })
  shuffle: boolean = undefined!;

  /** Replaced whole on every change, never changed in place (answers and the stored JSON are made once per list). */
  @Column({ name: 'queue_items', type: 'text', transformer: jsonOnce<readonly QueueItemSnapshot[]>() })
  queueItems: readonly QueueItemSnapshot[] = undefined!;

  /** When the current item started playing in this session (Plex's own played mark is looked for after it). */
  @Column({ name: 'item_started_at', type: 'bigint', transformer: epochMs })
  itemStartedAt: number = undefined!;

  /** The session ended but Plex has not yet received its final `stopped` report. */
  @Column({ name: 'stop_pending', type: 'boolean' })
  stopPending: boolean = undefined!;

  /** When the client itself last called; sessions whose client went silent are reaped. */
  @Column({ name: 'last_client_at', type: 'bigint', transformer: epochMs })
  lastClientAt: number = undefined!;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: number = undefined!;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt: number = undefined!;

  /** How the client wants its streams (set on create and by `GET /sessions/:id/stream`); null: direct play. */
  @Column({ name: 'stream_preferences', type: 'simple-json', nullable: true })
  streamPreferences: StreamPreferences | null = undefined!;

  /** Markers and tracks of the current item; null until read (or when Plex could not give them). */
  @Column({ name: 'item_details', type: 'text', nullable: true, transformer: jsonOnce<CurrentItemDetails>() })
  itemDetails: CurrentItemDetails | null = undefined!;

  @Column({ name: 'ended_at', type: 'bigint', nullable: true, transformer: epochMs })
  endedAt: number | null = undefined!;

  @Column({ name: 'end_reason', type: 'varchar', length: 255, nullable: true })
  endReason: string | null = undefined!;
}
