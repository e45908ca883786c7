import type { LibraryItem } from './library-types.js';
import type { EmulatorUser } from './users.js';
import type { WatchStateStore } from './watch-state.js';

export type PlaybackState = 'playing' | 'paused' | 'buffering' | 'stopped';

export interface TimelineReport {
  user: EmulatorUser;
  clientIdentifier: string;
  sessionIdentifier?: string;
  item: LibraryItem;
  state?: PlaybackState;
  time?: number;
  duration: number;
  offline: boolean;
  product?: string;
  device?: string;
  deviceName?: string;
  platform?: string;
}

/** A playback the server knows about: one per (client identifier, session identifier). */
export interface LiveSession {
  /** Session.id in /status/sessions. */
  id: string;
  /** sessionKey in /status/sessions (a number, as text). */
  sessionKey: string;
  /** Internal key: client identifier + session identifier. */
  mapKey: string;
  clientIdentifier: string;
  sessionIdentifier?: string;
  user: EmulatorUser;
  ratingKey: string;
  state: PlaybackState;
  viewOffset: number;
  product: string;
  device: string;
  title: string;
  platform: string;
  /** This playback already marked its item played (Plex does it once per playback). */
  markedPlayed: boolean;
  updatedAt: number;
}

export interface ReportOutcome {
  markedPlayed: boolean;
  session?: LiveSession;
}

/** Live playbacks fed by timeline reports, and Plex's played-threshold rule. */
export class PlaybackSessions {
  private readonly sessions = new Map<string, LiveSession>();
  private nextSessionNumber = 1;

  constructor(
    private readonly watch: WatchStateStore,
    /** Where the item counts as played, in ms (the server's threshold and played-at behaviour). */
    private readonly playedAtMs: (item: LibraryItem, durationMs: number) => number,
  ) {}

  list(): LiveSession[] {
    return [...this.sessions.values()].filter((session) => session.state !== 'stopped');
  }

  /** Ends the playback of that client (and session identifier, when given): the next report starts a new one. */
  end(clientIdentifier: string, sessionIdentifier?: string): void {
    this.sessions.delete(this.keyOf(clientIdentifier, sessionIdentifier));
  }

  clear(): void {
    this.sessions.clear();
  }

  report(report: TimelineReport): ReportOutcome {
    const { user, item } = report;
    if (report.offline) {
      // Synced from an offline client: keeps the resume point, never marks played, no live session.
      if (report.time !== undefined) this.watch.setOffset(user.name, item.ratingKey, report.time);
      return { markedPlayed: false };
    }
    const session = this.sessionFor(report);
    if (report.state) session.state = report.state;
    session.updatedAt = Date.now();
    let markedPlayed = false;
    if (report.time !== undefined) {
      session.viewOffset = report.time;
      const crossed = report.time >= this.playedAtMs(item, report.duration);
      if (crossed && !session.markedPlayed) {
        this.watch.markPlayed(user.name, item.ratingKey);
        session.markedPlayed = true;
        markedPlayed = true;
      } else if (!crossed) {
        this.watch.setOffset(user.name, item.ratingKey, report.time);
      }
    }
    if (session.state === 'stopped') this.sessions.delete(session.mapKey);
    return { markedPlayed, session };
  }

  private keyOf(clientIdentifier: string, sessionIdentifier: string | undefined): string {
    return `${clientIdentifier}\u0000${sessionIdentifier ?? ''}`;
  }

  private sessionFor(report: TimelineReport): LiveSession {
    const key = this.keyOf(report.clientIdentifier, report.sessionIdentifier);
    const existing = this.sessions.get(key);
    if (existing && existing.ratingKey === report.item.ratingKey && existing.user.token === report.user.token) {
      return existing;
    }
    const number = this.nextSessionNumber++;
    const session: LiveSession = {
      id: `emulator-session-${number}`,
      sessionKey: String(number),
      mapKey: key,
      clientIdentifier: report.clientIdentifier,
      sessionIdentifier: report.sessionIdentifier,
      user: report.user,
      ratingKey: report.item.ratingKey,
      state: report.state ?? 'playing',
      viewOffset: report.time ?? 0,
      product: report.product ?? 'Unknown',
      device: report.device ?? 'Unknown',
      title: report.deviceName ?? report.device ?? report.product ?? report.clientIdentifier,
      platform: report.platform ?? 'Unknown',
      markedPlayed: false,
      updatedAt: Date.now(),
    };
    this.sessions.set(key, session);
    return session;
  }
}
