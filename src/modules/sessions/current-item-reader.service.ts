import { Injectable, Logger } from '@nestjs/common';
import type { CurrentItemDetails } from '../../entities/playback-session.entity.js';
import { PlexClient } from '../plex/plex.client.js';
import { PlexError } from '../plex/plex.errors.js';
import type { PlexCaller } from '../plex/plex.types.js';
import { detailsOf } from './current-item-details.js';

/**
 * Reads the markers and tracks of an item that becomes a session's current one (`/library/metadata/{id}` with
 * `includeMarkers=1`, with the profile's token: its own stream choices). A failed read costs the answer its markers
 * and tracks, never the session.
 */
@Injectable()
export class CurrentItemReader {
  private readonly logger = new Logger(CurrentItemReader.name);

  constructor(private readonly plex: PlexClient) {}

  async read(caller: PlexCaller, ratingKey: string, itemId: number): Promise<CurrentItemDetails | null> {
    try {
      return detailsOf(await this.plex.metadata(caller, ratingKey, { includeMarkers: true }), itemId);
    } catch (error) {
      if (!(error instanceof PlexError)) throw error;
      this.logger.warn(`markers and tracks of ${ratingKey} could not be read (${error.message}); the session goes on without them`);
      return null;
    }
  }
}
