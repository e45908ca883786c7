// Transcode sessions started by start.m3u8 and how they end. The spec has no stop call: a transcode ends when its
// playback reports `stopped`, when a new start replaces it, or when the server terminates the playback.

export type TranscodeStopReason = 'stopped' | 'replaced' | 'terminated';

export interface TranscodeSession {
  /** The transcode session id (`transcodeSessionId`, or generated); in the session's resource URLs. */
  id: string;
  transcodeType: string;
  ratingKey: string;
  partId: number;
  /** Name of the token's owner. */
  user: string;
  clientIdentifier: string;
  /** X-Plex-Session-Identifier: the playback this transcode serves. */
  sessionIdentifier?: string;
  offsetSeconds: number;
  directPlay: boolean;
  directStream: boolean;
  /** `directStreamAudio` as asked (default true): false with `directStream` converts the audio only, the video is copied. */
  directStreamAudio: boolean;
  /** `subtitles` as asked (`burn`, `none`, `sidecar`…), when given. */
  subtitles?: string;
  /** The user's selected subtitle stream, burned into the video (with `subtitles=burn`). */
  burnedSubtitleStreamId?: number;
  /** The user's selected audio stream, the one the transcode plays. */
  audioStreamId?: number;
  /** kbps, as asked. */
  videoBitrate?: number;
  /** `WxH`, as asked. */
  videoResolution?: string;
  secondsPerSegment: number;
  segmentCount: number;
  /** Epoch ms. */
  startedAt: number;
  stoppedAt?: number;
  stopReason?: TranscodeStopReason;
}

export type TranscodeStart = Omit<TranscodeSession, 'id' | 'startedAt' | 'stoppedAt' | 'stopReason'> & { id?: string };

/** The playback whose end stops its transcodes: same client, same session identifier, same item. */
export interface PlaybackRef {
  clientIdentifier: string;
  sessionIdentifier?: string;
  ratingKey: string;
}

export class TranscodeStore {
  private readonly all: TranscodeSession[] = [];
  private nextNumber = 1;

  /** Starts a transcode, first stopping ('replaced') any running one of the same playback or with the same id. */
  start(request: TranscodeStart): TranscodeSession {
    const id = request.id ?? `emulator-transcode-${this.nextNumber}`;
    this.nextNumber++;
    for (const running of this.active()) {
      const samePlayback =
        running.clientIdentifier === request.clientIdentifier && running.sessionIdentifier === request.sessionIdentifier;
      if (samePlayback || running.id === id) this.stop(running, 'replaced');
    }
    const session: TranscodeSession = { ...request, id, startedAt: Date.now() };
    if (session.sessionIdentifier === undefined) delete session.sessionIdentifier;
    this.all.push(session);
    return session;
  }

  /** The running transcode with that id. */
  running(id: string): TranscodeSession | undefined {
    return this.all.find((session) => session.id === id && session.stoppedAt === undefined);
  }

  /** Stops the running transcodes of that playback; returns how many. */
  stopPlayback(playback: PlaybackRef, reason: TranscodeStopReason): number {
    const matching = this.active().filter(
      (session) =>
        session.clientIdentifier === playback.clientIdentifier &&
        session.sessionIdentifier === playback.sessionIdentifier &&
        session.ratingKey === playback.ratingKey,
    );
    for (const session of matching) this.stop(session, reason);
    return matching.length;
  }

  /** Every transcode started, in order (copies). */
  list(): TranscodeSession[] {
    return this.all.map((session) => ({ ...session }));
  }

  active(): TranscodeSession[] {
    return this.all.filter((session) => session.stoppedAt === undefined);
  }

  private stop(session: TranscodeSession, reason: TranscodeStopReason): void {
    session.stoppedAt = Date.now();
    session.stopReason = reason;
  }
}
