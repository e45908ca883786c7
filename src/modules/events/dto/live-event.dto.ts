import { ApiProperty } from '@nestjs/swagger';
import { PLAYBACK_STATES, type PlaybackState } from '../../../entities/playback-session.entity.js';
import type { LiveSession, SessionChange, SessionEndReason } from '../live-event.js';


/** A session as its events carry it. */
export class LiveSessionDto implements LiveSession {
  /** @example "6f1c2a9e-8d3b-4c52-9f41-0a6b7c8d9e10" */
  id: string;
  /** The device playing it. @example "tv-livingroom" */
  deviceId: string;
  @ApiProperty({ enum: PLAYBACK_STATES, enumName: 'PlaybackState', example: 'playing' })
  state: PlaybackState;
  /** Where the player is, extrapolated to the moment of the event while playing. @example 61000 */
  @ApiProperty({ type: 'integer' })
  positionMs: number;
  /** The current item. @example "211" */
  ratingKey: string;
  /** Plex's queue item id of the current item. @example 1 */
  @ApiProperty({ type: 'integer' })
  itemId: number;
  /** Plex's `playQueueVersion`: it grows on every change of the queue. @example 3 */
  @ApiProperty({ type: 'integer' })
  queueVersion: number;
}

/** `session.created`: one of the profile's devices started a session. */
export class SessionCreatedEventDto {
  @ApiProperty({ enum: ['session.created'] })
  type: 'session.created';
  /** @example "3f1c2a9e-8d3b-4c52-9f41-0a6b7c8d9e10" */
  profileId: string;
  session: LiveSessionDto;
}

/** `session.updated`: a state change, a seek, another current item (moved by a client or at the end of an item), or a changed queue. */
export class SessionUpdatedEventDto {
  @ApiProperty({ enum: ['session.updated'] })
  type: 'session.updated';
  /** @example "3f1c2a9e-8d3b-4c52-9f41-0a6b7c8d9e10" */
  profileId: string;
  /** What changed: `state`, `position` (a seek), `item` (the current item), `queue` (items added, removed, moved, shuffled). */
  @ApiProperty({ enum: ['state', 'position', 'item', 'queue'] })
  change: SessionChange;
  session: LiveSessionDto;
}

/** `session.ended`: the session is over. */
export class SessionEndedEventDto {
  @ApiProperty({ enum: ['session.ended'] })
  type: 'session.ended';
  /** @example "3f1c2a9e-8d3b-4c52-9f41-0a6b7c8d9e10" */
  profileId: string;
  /**
   * Why: `stopped` (by a client), `end-of-queue`, `client-lost` (no client call for `SESSION_IDLE_TIMEOUT_MS`),
   * `terminated` (by the Plex server's owner, `text` saying why), `profile-deleted`.
   */
  @ApiProperty({ enum: ['stopped', 'end-of-queue', 'client-lost', 'terminated', 'profile-deleted'] })
  reason: SessionEndReason;
  /** Plex's message for a termination; null otherwise. @example "The server owner ended this stream" */
  @ApiProperty({ type: 'string', nullable: true })
  text: string | null;
  session: LiveSessionDto;
}

/** `progress.changed`: an item turned watched (played past the server's threshold) or unwatched (played again), from any device of the profile. */
export class ProgressChangedEventDto {
  @ApiProperty({ enum: ['progress.changed'] })
  type: 'progress.changed';
  /** @example "3f1c2a9e-8d3b-4c52-9f41-0a6b7c8d9e10" */
  profileId: string;
  /** @example "211" */
  ratingKey: string;
  watched: boolean;
  /** @example 0 */
  @ApiProperty({ type: 'integer' })
  positionMs: number;
  /** The device whose playback made the change. @example "tv-bedroom" */
  @ApiProperty({ type: 'string', nullable: true })
  deviceId: string | null;
}

/** Admin stream only: `profile.created`, `profile.updated` (renamed), `profile.deleted`. */
export class ProfileChangedEventDto {
  @ApiProperty({ enum: ['profile.created', 'profile.updated', 'profile.deleted'] })
  type: 'profile.created' | 'profile.updated' | 'profile.deleted';
  profileId: string;
  /** @example "Alice" */
  name: string;
}

/** Admin stream only: `key.created` (by the admin or by pairing), `key.revoked`. */
export class KeyChangedEventDto {
  @ApiProperty({ enum: ['key.created', 'key.revoked'] })
  type: 'key.created' | 'key.revoked';
  profileId: string;
  keyId: string;
  /** The device a paired key is bound to; null for a key issued by the admin. */
  @ApiProperty({ type: 'string', nullable: true })
  deviceId: string | null;
}

/** Admin stream only: `device.updated` (seen, renamed; at most once a minute), `device.paired`. */
export class DeviceChangedEventDto {
  @ApiProperty({ enum: ['device.updated', 'device.paired'] })
  type: 'device.updated' | 'device.paired';
  profileId: string;
  deviceId: string;
  @ApiProperty({ type: 'string', nullable: true })
  name: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  platform: string | null;
}

/** What was missed since `Last-Event-ID` is no longer kept (or the proxy restarted): read the state again. */
export class ResyncEventDto {
  @ApiProperty({ enum: ['resync'] })
  type: 'resync';
}
