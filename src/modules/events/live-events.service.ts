import { randomInt } from 'node:crypto';
import { Injectable, type BeforeApplicationShutdown, type MessageEvent } from '@nestjs/common';
import { Observable, type Subscriber } from 'rxjs';
import { Clock, type TimerHandle } from '../../common/clock.js';
import { AppEvents } from './app-events.js';
import { isHouseholdChange, liveEventOf, type LiveEvent, type ResyncEvent } from './live-event.js';
import { ReplayBuffer, type Numbered } from './replay-buffer.js';

/** Events kept per profile for a reconnecting client (a TV off the network for a while). */
export const PROFILE_REPLAY_EVENTS = 256;
/** Events kept for the admin's stream, which carries every profile's. */
export const ADMIN_REPLAY_EVENTS = 2048;
/** A comment this often keeps proxies and TVs from closing an idle connection. */
export const KEEP_ALIVE_MS = 15_000;
/** How long an EventSource waits before reconnecting (the SSE `retry:` field). */
const RETRY_MS = 3_000;

/** Whose events a stream carries: one profile's, or (the admin's) everyone's plus household changes. */
export type StreamScope = { kind: 'profile'; profileId: string; keyId?: string } | { kind: 'admin' };

interface OpenStream {
  scope: StreamScope;
  subscriber: Subscriber<MessageEvent>;
}

/**
 * Turns the app's events into live streams: each profile's stream sees only that profile's events, each with an id;
 * the last ones are kept so a client reconnecting with `Last-Event-ID` gets what it missed, or `resync` when that is
 * gone. Streams of a revoked key or a deleted profile end.
 */
@Injectable()
export class LiveEventsService implements BeforeApplicationShutdown {
  private readonly epoch: string;
  private readonly buffers = new Map<string, ReplayBuffer<LiveEvent>>();
  private readonly adminBuffer: ReplayBuffer<LiveEvent>;
  private readonly byProfile = new Map<string, Set<OpenStream>>();
  private readonly adminStreams = new Set<OpenStream>();
  private keepAlive?: TimerHandle;
  private openCount = 0;

  constructor(
    private readonly clock: Clock,
    events: AppEvents,
  ) {
    this.epoch = clock.now().toString(36) + randomInt(36 ** 4).toString(36);
    this.adminBuffer = new ReplayBuffer(this.epoch, ADMIN_REPLAY_EVENTS);
    events.on('session', (event) => {
      const live = liveEventOf(event, this.clock.now());
      if (live) this.publish(live);
    });
    events.on('progress', (change) => this.publish({ type: 'progress.changed', ...change }));
    events.on('household', (change) => {
      this.publish(change);
      if (change.type === 'key.revoked') this.endStreams(change.profileId, change.keyId);
      if (change.type === 'profile.deleted') {
        this.endStreams(change.profileId);
        this.buffers.delete(change.profileId);
      }
    });
  }

  get streamCount(): number {
    return this.openCount;
  }

  beforeApplicationShutdown(): void {
    for (const streams of [...this.byProfile.values(), this.adminStreams]) {
      for (const stream of [...streams]) stream.subscriber.complete();
    }
  }

  /**
   * The stream for `scope`: first what came after `lastEventId` (or `resync`), then every new event as it happens,
   * with a keep-alive comment every KEEP_ALIVE_MS.
   */
  open(scope: StreamScope, lastEventId?: string): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      const stream: OpenStream = { scope, subscriber };
      const buffer = this.bufferOf(scope);
      if (lastEventId) {
        const missed = buffer.since(lastEventId);
        if (missed === 'resync') subscriber.next(toMessage({ id: buffer.lastId, event: { type: 'resync' } }));
        else for (const entry of missed) subscriber.next(toMessage(entry));
      }
      // With the id the client is now caught up to (a message without one would get a number of Nest's own, which a
      // reconnection would then send back as Last-Event-ID).
      subscriber.next({ id: buffer.lastId, retry: RETRY_MS, comment: 'connected' });
      this.streamsOf(scope).add(stream);
      this.openCount++;
      this.armKeepAlive();
      return () => {
        const streams = this.streamsOf(scope);
        if (!streams.delete(stream)) return;
        this.openCount--;
        if (scope.kind === 'profile' && streams.size === 0) this.byProfile.delete(scope.profileId);
        if (this.openCount === 0) this.disarmKeepAlive();
      };
    });
  }

  private publish(event: LiveEvent): void {
    // One message (one JSON text) for every stream it goes to.
    if (!isHouseholdChange(event)) {
      const message = toMessage(this.profileBuffer(event.profileId).append(event));
      for (const stream of this.byProfile.get(event.profileId) ?? []) stream.subscriber.next(message);
    }
    const message = toMessage(this.adminBuffer.append(event));
    for (const stream of this.adminStreams) stream.subscriber.next(message);
  }

  private endStreams(profileId: string, keyId?: string): void {
    for (const stream of [...(this.byProfile.get(profileId) ?? [])]) {
      if (keyId === undefined || (stream.scope.kind === 'profile' && stream.scope.keyId === keyId)) stream.subscriber.complete();
    }
  }

  private bufferOf(scope: StreamScope): ReplayBuffer<LiveEvent> {
    return scope.kind === 'admin' ? this.adminBuffer : this.profileBuffer(scope.profileId);
  }

  private profileBuffer(profileId: string): ReplayBuffer<LiveEvent> {
    let buffer = this.buffers.get(profileId);
    if (!buffer) this.buffers.set(profileId, (buffer = new ReplayBuffer(this.epoch, PROFILE_REPLAY_EVENTS)));
    return buffer;
  }

  private streamsOf(scope: StreamScope): Set<OpenStream> {
    if (scope.kind === 'admin') return this.adminStreams;
    let streams = this.byProfile.get(scope.profileId);
    if (!streams) this.byProfile.set(scope.profileId, (streams = new Set()));
    return streams;
  }

  /** One timer for every open stream, running only while streams are open. */
  private armKeepAlive(): void {
    if (this.keepAlive) return;
    this.keepAlive = this.clock.setTimer(() => {
      this.keepAlive = undefined;
      for (const streams of [...this.byProfile.values(), this.adminStreams]) {
        for (const stream of streams) stream.subscriber.next(KEEP_ALIVE);
      }
      if (this.openCount > 0) this.armKeepAlive();
    }, KEEP_ALIVE_MS);
  }

  private disarmKeepAlive(): void {
    this.keepAlive?.cancel();
    this.keepAlive = undefined;
  }
}

const KEEP_ALIVE: MessageEvent = Object.freeze({ comment: 'keep-alive' });

function toMessage(entry: Numbered<LiveEvent | ResyncEvent>): MessageEvent {
  return { id: entry.id, type: entry.event.type, data: JSON.stringify(entry.event) };
}
