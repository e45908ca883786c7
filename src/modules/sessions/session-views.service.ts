import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { lastValuePer } from '../../common/last-value.js';
import type { PlaybackSession, QueueItemSnapshot } from '../../entities/playback-session.entity.js';
import { ImageLinks } from '../images/image-links.service.js';
import { StreamLinks } from '../streams/stream-links.service.js';
import type { SessionDto, UpNextDto } from './dto/session.dto.js';
import { nextItemOf, toSessionDto } from './session-view.js';

/** A session as every answer of the session API shows it: with its current stream URL, at a moment (now by default). */
@Injectable()
export class SessionViews {
  /** The same answer while the next item is the same (a progress report in a long queue signs no image again). */
  private readonly upNextOf = lastValuePer((profileId: string, next: QueueItemSnapshot): UpNextDto => this.upNext(profileId, next));

  constructor(
    private readonly links: StreamLinks,
    private readonly images: ImageLinks,
    private readonly clock: Clock,
  ) {}

  /** `freshStream`: a new stream URL even when the one last issued would still do (the client changed tracks). */
  of(session: PlaybackSession, now = this.clock.now(), options: { freshStream?: boolean } = {}): SessionDto {
    const next = session.endedAt === null ? nextItemOf(session) : undefined;
    const stream = options.freshStream ? this.links.freshForSession(session, now) : this.links.forSession(session, now);
    return toSessionDto(session, now, stream, next && this.upNextOf(session, session.profileId, next));
  }

  private upNext(profileId: string, next: QueueItemSnapshot): UpNextDto {
    const poster = next.type === 'episode' ? (next.grandparentThumb ?? next.thumb) : next.thumb;
    const watched = (next.viewCount ?? 0) > 0 && !next.viewOffsetMs;
    return {
      itemId: next.itemId,
      ratingKey: next.ratingKey,
      title: next.title,
      type: next.type,
      grandparentTitle: next.grandparentTitle,
      parentIndex: next.parentIndex,
      index: next.index,
      durationMs: next.durationMs,
      positionMs: watched ? 0 : (next.viewOffsetMs ?? 0),
      images: { poster: this.images.urlFor(profileId, poster, 'poster') },
    };
  }
}
