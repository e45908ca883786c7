import { randomUUID } from 'node:crypto';
import { BadGatewayException, ConflictException, GoneException, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import type { PlaybackSession } from '../../entities/playback-session.entity.js';
import { AppConfig } from '../config/app-config.js';
import { PlexCallers } from '../households/plex-callers.service.js';
import { PlexClient } from '../plex/plex.client.js';
import type { TranscodeRequest } from '../plex/plex.types.js';
import { SessionAccess } from '../sessions/session-access.service.js';
import { AppEvents } from '../events/app-events.js';
import { currentPositionMs } from '../sessions/session-view.js';
import { TimelineScheduler } from '../timeline/timeline-scheduler.service.js';
import { isWithin } from './playlist-rewriter.js';
import { hlsStartResource, type StreamPlan } from './stream-plan.js';

type HlsPlan = Extract<StreamPlan, { protocol: 'hls' }>;

/** A session's running transcode, as far as the proxy knows. */
export interface RunningTranscode {
  itemId: number;
  /** The signed start resource it was made for (type and limits). */
  startResource: string;
  transcodeSessionId: string;
  /** Server path of the transcode's own directory (ends with `/`): every playlist and segment URI must be below it. */
  directory: string;
  /** The master playlist as Plex answered it, and the server path it was answered for (relative URIs resolve there). */
  master: string;
  masterPath: string;
}

/** Decision codes from 2000 up mean the server can neither play nor convert the item. */
const DECISION_FAILED = 2000;
/** A transcode directory at the start of a server path. */
const TRANSCODE_DIRECTORY = /^\/(video|music|audio)\/:\/transcode\/universal\/session\/[A-Za-z0-9._-]+\//;

/**
 * Starts Plex transcodes for sessions and remembers the one each session plays. Plex stops a playback's transcode
 * when it hears `stopped` for it (the timeline scheduler sends that on stop, next/previous/jump, reaping and every
 * other end, with the same `X-Plex-Session-Identifier`), or when a new one starts for the same playback.
 */
@Injectable()
export class TranscodeSessions {
  private readonly logger = new Logger(TranscodeSessions.name);
  private readonly running = new Map<string, RunningTranscode>();

  constructor(
    private readonly plex: PlexClient,
    private readonly callers: PlexCallers,
    private readonly access: SessionAccess,
    private readonly scheduler: TimelineScheduler,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    events: AppEvents,
  ) {
    events.on('session', (event) => {
      if (event.type === 'item-changed' || event.type === 'ended') this.running.delete(event.session.id);
    });
  }

  /** Sessions with a transcode known: at most one per active session (forgotten when it changes item or ends). */
  get runningCount(): number {
    return this.running.size;
  }

  /**
   * The transcode of the session's current item for this plan: the running one, else a new one (a decision, then
   * `start.m3u8` from the current position). Runs under the session's lock, so an item change cannot slip in between.
   */
  async start(session: PlaybackSession, itemId: number, plan: HlsPlan): Promise<RunningTranscode> {
    try {
      return await this.access.withActive({ profileId: session.profileId }, session.id, async (current) => {
        if (current.playQueueItemId !== itemId) throw new GoneException('the session has moved on to another item; its new stream URL is in the session');
        const startResource = hlsStartResource(plan);
        const running = this.running.get(current.id);
        if (running && running.itemId === itemId && running.startResource === startResource) return running;
        // A `stopped` still on its way for this playback must not reach Plex after the new transcode started.
        await this.scheduler.stopsDelivered(current.id, this.config.plex.timeoutMs);
        const transcode = await this.startNew(current, plan, startResource);
        this.running.set(current.id, transcode);
        return transcode;
      });
    } catch (error) {
      if (error instanceof ConflictException) throw new GoneException('the session of this stream has ended');
      throw error;
    }
  }

  /**
   * The transcode directory a signed resource path of the session may be served from: the running transcode's, or
   * after a proxy restart (nothing known yet) the one named in the path; undefined when the transcode was replaced.
   */
  directoryFor(sessionId: string, itemId: number, path: string): string | undefined {
    const running = this.running.get(sessionId);
    if (running) return running.itemId === itemId && isWithin(path, running.directory) ? running.directory : undefined;
    const directory = TRANSCODE_DIRECTORY.exec(path)?.[0];
    return directory && isWithin(path, directory) ? directory : undefined;
  }

  private async startNew(session: PlaybackSession, plan: HlsPlan, startResource: string): Promise<RunningTranscode> {
    const caller = this.callers.forDevice(session.profileId, session.deviceId);
    const transcodeSessionId = randomUUID();
    const request: TranscodeRequest = {
      transcodeType: plan.transcodeType,
      ratingKey: session.ratingKey,
      transcodeSessionId,
      offsetSeconds: this.offsetMs(session) / 1000,
      videoBitrate: plan.videoBitrate,
      videoResolution: plan.videoResolution,
      burnSubtitles: plan.burnSubtitleId !== undefined || undefined,
      convertAudioOnly: plan.convertAudioOnly,
    };
    const decision = await this.plex.transcodeDecision(caller, session.id, request);
    if ((decision.generalCode ?? 0) >= DECISION_FAILED) {
      throw new BadGatewayException(`the Plex server can neither play nor transcode this item (${decision.generalText ?? decision.generalCode})`);
    }
    const master = await this.plex.startTranscode(caller, session.id, request);
    this.logger.log(`session ${session.id}: started transcode ${transcodeSessionId} of item ${session.ratingKey}`);
    return {
      itemId: session.playQueueItemId,
      startResource,
      transcodeSessionId,
      directory: `/${plan.transcodeType}/:/transcode/universal/session/${transcodeSessionId}/`,
      master,
      masterPath: `/${plan.transcodeType}/:/transcode/universal/start.m3u8`,
    };
  }

  /** The resume point, kept a second short of the end (a transcode cannot start at or past it). */
  private offsetMs(session: PlaybackSession): number {
    const position = currentPositionMs(session, this.clock.now());
    return session.durationMs ? Math.max(0, Math.min(position, session.durationMs - 1000)) : position;
  }
}
