import { Injectable, Logger } from '@nestjs/common';
import type { PlaybackSession } from '../../entities/playback-session.entity.js';

/** What happened to a session; the timeline reporter turns these into Plex reports. */
export type SessionEvent =
  | { type: 'created'; session: PlaybackSession }
  | { type: 'progress'; session: PlaybackSession; previousState: PlaybackSession['state']; previousPositionMs: number }
  | { type: 'item-changed'; session: PlaybackSession; previous: PreviousItem }
  | { type: 'ended'; session: PlaybackSession };

/** The item a session left, and where it was left. */
export interface PreviousItem {
  ratingKey: string;
  playQueueItemId: number;
  positionMs: number;
  durationMs: number | null;
  /** When it had started playing in the session. */
  startedAt: number;
  /** When the session left it. */
  leftAt: number;
}

type Listener = (event: SessionEvent) => void;

/** A tiny synchronous event bus, so the session API does not depend on how Plex is told. */
@Injectable()
export class SessionEvents {
  private readonly logger = new Logger(SessionEvents.name);
  private readonly listeners: Listener[] = [];

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  emit(event: SessionEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error(`session event listener failed: ${(error as Error).message}`);
      }
    }
  }
}
