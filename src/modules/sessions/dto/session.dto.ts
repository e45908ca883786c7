import { ApiProperty } from '@nestjs/swagger';
import { PLAYBACK_STATES, type PlaybackState } from '../../../entities/playback-session.entity.js';
import { MarkerDto, TrackDto } from './track.dto.js';

/** An item in the queue. */
export class QueueItemDto {
  /**
   * Plex's own id of this queue entry (the same item can be queued twice with two ids).
   * @example 1
   */
  @ApiProperty({ type: 'integer' })
  itemId: number;

  /** @example "211" */
  ratingKey: string;

  /** @example "Episode 1 of season 1" */
  title: string;

  /**
   * movie, episode, track, …
   * @example "episode"
   */
  type: string;

  /** @example 1380000 */
  @ApiProperty({ type: 'integer' })
  durationMs?: number;
}

/** The play queue behind a session, as Plex last described it. */
export class QueueDto {
  /** @example 17 */
  @ApiProperty({ type: 'integer' })
  playQueueId: number;

  /**
   * Plex's `playQueueVersion`: it grows with every change to the queue.
   * @example 1
   */
  @ApiProperty({ type: 'integer' })
  version: number;

  /**
   * The queue item being played.
   * @example 1
   */
  @ApiProperty({ type: 'integer' })
  selectedItemId: number;

  items: QueueItemDto[];
}

/** The item being played. */
export class ItemDto {
  /** @example "211" */
  ratingKey: string;

  /** @example "Episode 1 of season 1" */
  title: string;

  /** @example "episode" */
  type: string;

  /** @example 1380000 */
  @ApiProperty({ type: 'integer' })
  durationMs?: number;

  /**
   * For an episode: the show; for a track: the artist.
   * @example "Northern Lights"
   */
  grandparentTitle?: string;

  /**
   * For an episode: the season number.
   * @example 1
   */
  @ApiProperty({ type: 'integer' })
  parentIndex?: number;

  /**
   * For an episode: its number in the season; for a track: its number on the album.
   * @example 1
   */
  @ApiProperty({ type: 'integer' })
  index?: number;

  /**
   * Path of the artwork on the Plex server.
   * @example "/library/metadata/211/thumb/1700000000"
   */
  thumb?: string;

  /** Where the intro and the credits are ("Skip intro", "Skip credits"); empty when the server has none (or without Plex Pass). */
  markers: MarkerDto[];

  /** The file's audio tracks; `selected` is the one playing. Empty when they could not be read. */
  audioTracks: TrackDto[];

  /** The file's subtitle tracks; `selected` is the one shown (none: subtitles off). */
  subtitleTracks: TrackDto[];
}

/** Artwork of the next item: signed URLs on the proxy, no header needed. */
export class UpNextImagesDto {
  /** @example "http://192.168.1.5:3000/api/v1/images/eyJ2Ijox….Qm9…?w=360&h=540" */
  poster?: string;
}

/** What plays after the current item ("Next episode in 10 s"): `POST /api/v1/sessions/{id}/next` moves there. */
export class UpNextDto {
  /**
   * Its queue item id.
   * @example 2
   */
  @ApiProperty({ type: 'integer' })
  itemId: number;

  /** @example "212" */
  ratingKey: string;

  /** @example "Episode 2 of season 1" */
  title: string;

  /** @example "episode" */
  type: string;

  /** @example "Northern Lights" */
  grandparentTitle?: string;

  /** @example 1 */
  @ApiProperty({ type: 'integer' })
  parentIndex?: number;

  /** @example 2 */
  @ApiProperty({ type: 'integer' })
  index?: number;

  /** @example 1440000 */
  @ApiProperty({ type: 'integer' })
  durationMs?: number;

  /**
   * Where it will start, in ms (Plex's resume point; 0 when watched or never started).
   * @example 0
   */
  @ApiProperty({ type: 'integer' })
  positionMs: number;

  images: UpNextImagesDto;
}

export const STREAM_PROTOCOLS = ['file', 'hls'] as const;
export type StreamProtocol = (typeof STREAM_PROTOCOLS)[number];

export const SUBTITLE_MODES = ['sidecar', 'burned', 'none'] as const;

/** A subtitle track as a WebVTT file the player loads beside the video. */
export class SubtitleFileDto {
  /**
   * The subtitle track (`item.subtitleTracks[].id`).
   * @example 5003
   */
  @ApiProperty({ type: 'integer' })
  trackId: number;

  /**
   * A signed URL on the proxy serving the track as WebVTT (converted by Plex); no header, no key.
   * @example "http://192.168.1.5:3000/api/v1/streams/eyJ2IjoxLCJzIjoiM2YwYy4uLiJ9.Xw3v…/subtitles.vtt"
   */
  url: string;

  /** @example "English" */
  language?: string;

  /** @example "eng" */
  languageCode?: string;

  /** @example false */
  forced: boolean;

  /**
   * The profile's chosen track: show this one.
   * @example true
   */
  selected: boolean;
}

/**
 * Where the player gets the current item: a URL on the proxy it can open as it is (no header, no key), valid until
 * `expiresAt`, for this item of this session only.
 */
export class StreamDto {
  /**
   * The URL to give the player. It carries a signed, expiring token (no API key, no Plex token); it stops working
   * when it expires, when the session moves to another item and when the session ends.
   * @example "http://192.168.1.5:3000/api/v1/streams/eyJ2IjoxLCJzIjoiM2YwYy4uLiJ9.Xw3v…/file.mkv"
   */
  url: string;

  /** `file`: the media file itself (HTTP Range requests); `hls`: an HLS master playlist (a transcode). */
  @ApiProperty({ enum: STREAM_PROTOCOLS, enumName: 'StreamProtocol', example: 'file' })
  protocol: StreamProtocol;

  /**
   * When the URL stops working; ask `GET /api/v1/sessions/{id}/stream` for a fresh one before then.
   * @example "2026-11-23T02:15:00.000Z"
   */
  @ApiProperty({ format: 'date-time' })
  expiresAt: string;

  /**
   * The file is played as it is (true), or transcoded by the Plex server (false).
   * @example true
   */
  directPlay: boolean;

  /**
   * How the selected subtitles reach the screen: `sidecar` (load the selected entry of `subtitles` beside the video),
   * `burned` (drawn into the video by a transcode: image subtitles such as PGS, or ones inside the file), `none`.
   */
  @ApiProperty({ enum: SUBTITLE_MODES, enumName: 'SubtitleMode', example: 'sidecar' })
  subtitleMode: (typeof SUBTITLE_MODES)[number];

  /** Every text subtitle track as a WebVTT file (valid as long as the stream URL). */
  subtitles: SubtitleFileDto[];

  /**
   * The audio is converted by the Plex server (a codec the player said it cannot decode), the video copied as it is.
   * @example true
   */
  audioConverted?: boolean;
}

/** A playback session. */
export class SessionDto {
  /** @example "3f0c8f4e-5b7a-4d52-9a57-2f1f0c4f9b1e" */
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: PLAYBACK_STATES, enumName: 'PlaybackState', example: 'playing' })
  state: PlaybackState;

  /**
   * The best estimate of the position now, in ms (moves on by itself while playing). On create: the resume point.
   * @example 754000
   */
  @ApiProperty({ type: 'integer' })
  positionMs: number;

  /** @example 1380000 */
  @ApiProperty({ type: 'integer' })
  durationMs?: number;

  /**
   * The current item's ratingKey.
   * @example "211"
   */
  ratingKey: string;

  item: ItemDto;
  queue: QueueDto;

  /** The next item of the queue, while the session is active and one follows. */
  upNext?: UpNextDto;

  /**
   * The device (`X-Device-Id`) that created the session.
   * @example "tv-livingroom"
   */
  deviceId: string;

  /** @example "2026-11-22T20:15:00.000Z" */
  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  /** @example "2026-11-22T20:27:34.000Z" */
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  /**
   * When the session ended; absent while it is active.
   * @example "2026-11-22T21:40:00.000Z"
   */
  @ApiProperty({ format: 'date-time' })
  endedAt?: string;

  /**
   * Why the session ended: `stopped`, `end-of-queue`, `client-lost`, or the server's termination text.
   * @example "stopped"
   */
  endedReason?: string;

  /** The current item's stream; absent once the session has ended, or when the item has nothing to stream. */
  stream?: StreamDto;
}

/** Where the caller is in an item. */
export class ProgressDto {
  /** @example "211" */
  ratingKey: string;

  /** @example 754000 */
  @ApiProperty({ type: 'integer' })
  positionMs: number;

  /** @example 1380000 */
  @ApiProperty({ type: 'integer' })
  durationMs?: number;

  /**
   * The item counts as played.
   * @example false
   */
  watched: boolean;

  /**
   * When it was last saved; absent when only Plex knows and never said.
   * @example "2026-11-22T20:27:34.000Z"
   */
  @ApiProperty({ format: 'date-time' })
  updatedAt?: string;
}
