import { Injectable } from '@nestjs/common';
import type { PlaybackProgress } from '../../entities/playback-progress.entity.js';
import { PlexCallers } from '../households/plex-callers.service.js';
import { ImageLinks } from '../images/image-links.service.js';
import type { PlexMetadataItem } from '../plex/plex.types.js';
import { ProgressRepository } from '../sessions/progress.repository.js';
import { artworkOf, progressOf, toCard } from './card-mapper.js';
import type { CardDto } from './dto/card.dto.js';

/** Turns Plex items into a profile's cards: its saved progress over Plex's, its signed artwork URLs. */
@Injectable()
export class Cards {
  constructor(
    private readonly images: ImageLinks,
    private readonly progress: ProgressRepository,
    private readonly callers: PlexCallers,
  ) {}

  async of(profileId: string, items: readonly PlexMetadataItem[]): Promise<CardDto[]> {
    const saved = await this.savedProgress(profileId, items.map((item) => item.ratingKey));
    return items.map((item) => this.card(profileId, item, saved.get(item.ratingKey)));
  }

  /** The profile's saved progress of these items, in one query. */
  savedProgress(profileId: string, ratingKeys: readonly string[]): Promise<Map<string, PlaybackProgress>> {
    return this.progress.findMany(profileId, this.callers.serverIdOf(profileId), ratingKeys);
  }

  /** The profile's most recently saved progress on a server, newest first. */
  recentProgress(profileId: string, serverId: string, limit: number): Promise<PlaybackProgress[]> {
    return this.progress.recent(profileId, serverId, limit);
  }

  card(profileId: string, item: PlexMetadataItem, saved: PlaybackProgress | undefined): CardDto {
    const artwork = artworkOf(item);
    const images = {
      poster: this.images.urlFor(profileId, artwork.poster, 'poster'),
      backdrop: this.images.urlFor(profileId, artwork.backdrop, 'backdrop'),
      logo: this.images.urlFor(profileId, artwork.logo, 'logo'),
    };
    return toCard(item, progressOf(item, saved), images);
  }
}
