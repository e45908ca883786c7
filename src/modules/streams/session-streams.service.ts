import { ConflictException, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import type { PlaybackSession } from '../../entities/playback-session.entity.js';
import type { Caller } from '../auth/caller.js';
import { PlexCallers } from '../households/plex-callers.service.js';
import { PlexClient } from '../plex/plex.client.js';
import type { StreamDto } from '../sessions/dto/session.dto.js';
import { preferencesOf } from '../sessions/dto/stream-preferences.js';
import { SessionAccess } from '../sessions/session-access.service.js';
import { SessionRepository } from '../sessions/session.repository.js';
import { currentItemOf } from '../sessions/session-view.js';
import type { StreamQueryDto } from './dto/stream-query.dto.js';
import { StreamLinks } from './stream-links.service.js';

/** A fresh stream URL for a session's current item, with the stream preferences the client gives now. */
@Injectable()
export class SessionStreams {
  constructor(
    private readonly access: SessionAccess,
    private readonly sessions: SessionRepository,
    private readonly plex: PlexClient,
    private readonly callers: PlexCallers,
    private readonly links: StreamLinks,
    private readonly clock: Clock,
  ) {}

  issue(caller: Caller, id: string, query: StreamQueryDto): Promise<StreamDto> {
    return this.access.withActive(caller, id, async (session) => {
      const given = preferencesOf(query);
      if (given) {
        session.streamPreferences = given;
        session.updatedAt = this.clock.now();
        this.sessions.save(session);
      }
      await this.learnPart(session);
      const stream = this.links.freshForSession(session, this.clock.now());
      if (!stream) throw new ConflictException(`the current item (${session.ratingKey}) has nothing to stream`);
      return stream;
    });
  }

  /** Sessions from before streams existed hold no part for their items: asked from Plex once. */
  private async learnPart(session: PlaybackSession): Promise<void> {
    const current = currentItemOf(session);
    if (!current || current.part || session.queueType === 'photo') return;
    const item = await this.plex.metadata(this.callers.forDevice(session.profileId, session.deviceId), session.ratingKey);
    const media = item.media[0];
    const part = media?.parts[0];
    if (!part?.key) return;
    const learned = { ...current, part: { id: part.id, key: part.key, container: part.container ?? media?.container } };
    session.queueItems = session.queueItems.map((item) => (item === current ? learned : item));
    this.sessions.save(session);
  }
}
