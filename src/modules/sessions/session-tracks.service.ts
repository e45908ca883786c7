import { ConflictException, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { invalidField } from '../../common/validation.js';
import type { Caller } from '../auth/caller.js';
import { PlexCallers } from '../households/plex-callers.service.js';
import { PlexClient } from '../plex/plex.client.js';
import type { StreamSelection } from '../plex/plex.types.js';
import { currentDetailsOf } from './current-item-details.js';
import { CurrentItemReader } from './current-item-reader.service.js';
import type { SelectTracksDto } from './dto/select-tracks.dto.js';
import type { SessionDto } from './dto/session.dto.js';
import { SessionAccess } from './session-access.service.js';
import { SessionRepository } from './session.repository.js';
import { SessionViews } from './session-views.service.js';

/**
 * Choosing the current item's audio and subtitle tracks. The choice is Plex's (`PUT /library/parts/{partId}` with the
 * profile's own token): Plex keeps it per user and carries it on to the next episode of the same show. The item's
 * tracks are read again afterwards, and the answer carries a fresh stream for them (a sidecar, a burned-in transcode).
 */
@Injectable()
export class SessionTracks {
  constructor(
    private readonly plex: PlexClient,
    private readonly callers: PlexCallers,
    private readonly access: SessionAccess,
    private readonly sessions: SessionRepository,
    private readonly itemReader: CurrentItemReader,
    private readonly views: SessionViews,
    private readonly clock: Clock,
  ) {}

  select(caller: Caller, id: string, dto: SelectTracksDto): Promise<SessionDto> {
    return this.access.withActive(caller, id, async (session) => {
      if (dto.audioTrackId === undefined && dto.subtitleTrackId === undefined) {
        throw invalidField('audioTrackId', 'give audioTrackId, subtitleTrackId (null: subtitles off), or both');
      }
      const plex = this.callers.forDevice(session.profileId, session.deviceId);
      const details = currentDetailsOf(session) ?? (await this.itemReader.read(plex, session.ratingKey, session.playQueueItemId)) ?? undefined;
      if (!details?.partId) throw new ConflictException(`the tracks of the current item (${session.ratingKey}) are not known; try again`);
      if (dto.audioTrackId !== undefined && !details.audioTracks.some((track) => track.id === dto.audioTrackId)) {
        throw invalidField('audioTrackId', `audioTrackId ${dto.audioTrackId} is not an audio track of the current item`);
      }
      if (typeof dto.subtitleTrackId === 'number' && !details.subtitleTracks.some((track) => track.id === dto.subtitleTrackId)) {
        throw invalidField('subtitleTrackId', `subtitleTrackId ${dto.subtitleTrackId} is not a subtitle track of the current item`);
      }
      const selection: StreamSelection = {
        audioStreamId: dto.audioTrackId,
        subtitleStreamId: dto.subtitleTrackId === undefined ? undefined : (dto.subtitleTrackId ?? 0),
      };
      await this.plex.setStreamSelection(plex, details.partId, selection);
      session.itemDetails = (await this.itemReader.read(plex, session.ratingKey, session.playQueueItemId)) ?? withSelection(details, selection);
      session.updatedAt = this.clock.now();
      this.sessions.save(session);
      return this.views.of(session, undefined, { freshStream: true });
    });
  }
}

/** The choice applied to the details as known, when Plex could not be asked again. */
function withSelection(details: NonNullable<ReturnType<typeof currentDetailsOf>>, selection: StreamSelection) {
  return {
    ...details,
    audioTracks:
      selection.audioStreamId === undefined ? details.audioTracks : details.audioTracks.map((track) => ({ ...track, selected: track.id === selection.audioStreamId })),
    subtitleTracks:
      selection.subtitleStreamId === undefined
        ? details.subtitleTracks
        : details.subtitleTracks.map((track) => ({ ...track, selected: track.id === selection.subtitleStreamId })),
  };
}
