import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { PlaybackSession } from '../../entities/playback-session.entity.js';
import type { Caller } from '../auth/caller.js';
import { AppEvents } from '../events/app-events.js';
import { PlexCallers } from '../households/plex-callers.service.js';
import { itemUri, PlexClient } from '../plex/plex.client.js';
import { notFoundOnPlex } from '../plex/plex-not-found.js';
import type { CreatePlayQueueOptions, PlexCaller, PlexMetadataItem } from '../plex/plex.types.js';
import { detailsOf } from './current-item-details.js';
import { CurrentItemReader } from './current-item-reader.service.js';
import { OnDeck } from './on-deck.service.js';
import type { CreateSessionDto } from './dto/create-session.dto.js';
import type { ReportProgressDto } from './dto/report-progress.dto.js';
import { preferencesOf } from './dto/stream-preferences.js';
import type { ProgressDto, SessionDto } from './dto/session.dto.js';
import { queueTypeFor } from './play-queue-source.js';
import { ProgressRepository } from './progress.repository.js';
import { resumePointMs } from './resume-point.js';
import { SessionAccess } from './session-access.service.js';
import { SessionPlayback } from './session-playback.service.js';
import { SessionRepository } from './session.repository.js';
import { snapshotOf, toProgressDto } from './session-view.js';
import { SessionViews } from './session-views.service.js';

/** Creating, reading, reporting on and stopping sessions. Queue moves live in SessionQueueService. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly plex: PlexClient,
    private readonly callers: PlexCallers,
    private readonly sessions: SessionRepository,
    private readonly progress: ProgressRepository,
    private readonly access: SessionAccess,
    private readonly playback: SessionPlayback,
    private readonly events: AppEvents,
    private readonly views: SessionViews,
    private readonly clock: Clock,
    private readonly onDeck: OnDeck,
    private readonly itemReader: CurrentItemReader,
  ) {}

  async create(caller: Caller, deviceId: string, dto: CreateSessionDto): Promise<SessionDto> {
    const plex = this.callers.forDevice(caller.profileId, deviceId);
    const serverId = this.callers.serverIdOf(caller.profileId);
    const origin =
      dto.playlistId !== undefined
        ? await this.lookUp(() => this.plex.playlist(plex, dto.playlistId!), `playlistId ${dto.playlistId}`)
        : await this.lookUp(() => this.plex.metadata(plex, dto.ratingKey!, { includeMarkers: true }), `ratingKey ${dto.ratingKey}`);
    const options = await this.queueOptions(plex, caller.profileId, serverId, origin, dto);
    const queue = await this.plex.createPlayQueue(plex, options);
    const current = queue.items.find((item) => item.playQueueItemId === queue.selectedItemId) ?? queue.items[0];
    if (!current) throw new UnprocessableEntityException(`${origin.title || origin.ratingKey} has nothing to play`);
    const itemDetails =
      current.ratingKey === origin.ratingKey
        ? detailsOf(origin, current.playQueueItemId)
        : await this.itemReader.read(plex, current.ratingKey, current.playQueueItemId);

    const now = this.clock.now();
    const saved = await this.progress.find(caller.profileId, serverId, current.ratingKey);
    const session = Object.assign(new PlaybackSession(), {
      id: randomUUID(),
      profileId: caller.profileId,
      deviceId,
      serverId,
      ratingKey: current.ratingKey,
      state: 'buffering',
      positionMs: resumePointMs(current, saved, dto.offsetMs),
      positionAt: now,
      durationMs: current.durationMs ?? null,
      playQueueId: queue.id,
      playQueueVersion: queue.version,
      playQueueItemId: current.playQueueItemId,
      queueType: options.type,
      sourceUri: 'uri' in options.source ? options.source.uri : null,
      playlistId: 'playlistId' in options.source ? options.source.playlistId : null,
      continuous: options.continuous ?? false,
      shuffle: options.shuffle ?? false,
      queueItems: queue.items.map(snapshotOf),
      itemStartedAt: now,
      stopPending: false,
      lastClientAt: now,
      createdAt: now,
      updatedAt: now,
      streamPreferences: preferencesOf(dto),
      itemDetails,
      endedAt: null,
      endReason: null,
    } satisfies Partial<PlaybackSession>);
    await this.sessions.insert(session);
    this.events.emit('session', { type: 'created', session });
    return this.views.of(session, now);
  }

  async list(caller: Caller): Promise<SessionDto[]> {
    const now = this.clock.now();
    return (await this.sessions.listForProfile(caller.profileId)).map((s) => this.views.of(s, now));
  }

  async get(caller: Caller, id: string): Promise<SessionDto> {
    return this.views.of(await this.access.find(caller, id));
  }

  /** Never calls Plex: the proxy is the client's source of truth and tells Plex on its own schedule. */
  reportProgress(caller: Caller, id: string, dto: ReportProgressDto): Promise<SessionDto> {
    return this.access.withActive(caller, id, async (session) => {
      this.playback.report(session, dto.state, dto.positionMs);
      return this.views.of(session);
    });
  }

  stop(caller: Caller, id: string): Promise<void> {
    return this.access.withActive(caller, id, async (session) => {
      this.playback.end(session, 'stopped');
    });
  }

  /** Ends every active session of a profile (the profile is being deleted). */
  async endAllOf(profileId: string, reason: string): Promise<void> {
    const active = [...this.sessions.activeSessions()].filter((session) => session.profileId === profileId);
    for (const session of active) {
      await this.access
        .withActive({ profileId }, session.id, async (current) => this.playback.end(current, reason))
        .catch((error: unknown) => {
          if (!(error instanceof ConflictException)) throw error;
        });
    }
  }

  /** The caller's saved progress in an item; Plex's own resume point when the proxy has none. */
  async progressFor(caller: Caller, ratingKey: string): Promise<ProgressDto> {
    const saved = await this.progress.find(caller.profileId, this.callers.serverIdOf(caller.profileId), ratingKey);
    if (saved) return toProgressDto(saved);
    const item = await this.lookUp(() => this.plex.metadata(this.callers.forProfile(caller.profileId), ratingKey), `ratingKey ${ratingKey}`);
    return {
      ratingKey,
      positionMs: item.viewOffsetMs ?? 0,
      durationMs: item.durationMs,
      watched: item.viewCount > 0 && !item.viewOffsetMs,
      updatedAt: item.lastViewedAt ? new Date(item.lastViewedAt * 1000).toISOString() : undefined,
    };
  }

  /** The session as the client sees it, with the current item's stream. */

  /** Runs a Plex lookup; not found becomes a 404 naming what the client asked for. */
  private lookUp(find: () => Promise<PlexMetadataItem>, what: string): Promise<PlexMetadataItem> {
    return find().catch(notFoundOnPlex(`${what} not found on the Plex server`));
  }

  /**
   * A show or season starts at the episode to watch next (On Deck), or its first episode with `fromStart`, and plays on
   * from there; an album from its first track; an episode with `continuous` queues the ones that follow it.
   */
  private async queueOptions(
    plex: PlexCaller,
    profileId: string,
    serverId: string,
    origin: PlexMetadataItem,
    dto: CreateSessionDto,
  ): Promise<CreatePlayQueueOptions> {
    const type = queueTypeFor(origin);
    if (origin.type === 'playlist') return { type, source: { playlistId: origin.ratingKey }, shuffle: dto.shuffle };
    const uri = itemUri(await this.callers.machineIdentifier(serverId), origin.ratingKey);
    const continuous = dto.continuous === true && origin.type === 'episode';
    const options: CreatePlayQueueOptions = { type, source: { uri }, shuffle: dto.shuffle, continuous: continuous || undefined };
    if ((origin.type === 'show' || origin.type === 'season') && !dto.shuffle) {
      const episode = await this.onDeck.episodeToPlay(plex, profileId, serverId, origin.ratingKey, dto.fromStart === true);
      if (episode) options.startKey = `/library/metadata/${episode.ratingKey}`;
    }
    return options;
  }
}
