import { Injectable, NotFoundException } from '@nestjs/common';
import { PlexCallers } from '../households/plex-callers.service.js';
import { PlexClient } from '../plex/plex.client.js';
import { notFoundOnPlex } from '../plex/plex-not-found.js';
import { PlexNotFoundError } from '../plex/plex.errors.js';
import type { PlexCaller, PlexMetadataItem, PlexSection } from '../plex/plex.types.js';
import { BrowseCache } from './browse-cache.service.js';
import { LIBRARY_TYPES, type LibraryType } from './dto/library.dto.js';

export interface KnownLibrary extends PlexSection {
  type: LibraryType;
}

/** The Plex reads browse shares, made with the profile's own token: its libraries and items, cached for seconds. */
@Injectable()
export class LibraryReader {
  constructor(
    private readonly plex: PlexClient,
    private readonly callers: PlexCallers,
    private readonly cache: BrowseCache,
  ) {}

  caller(profileId: string): PlexCaller {
    return this.callers.forProfile(profileId);
  }

  /** The libraries of the kinds thin clients can show (movies, shows, music, photos). */
  libraries(profileId: string): Promise<KnownLibrary[]> {
    return this.cache.get(profileId, 'libraries', async () =>
      (await this.plex.sections(this.caller(profileId))).filter((section): section is KnownLibrary =>
        (LIBRARY_TYPES as readonly string[]).includes(section.type),
      ),
    );
  }

  async library(profileId: string, id: string): Promise<KnownLibrary> {
    const library = (await this.libraries(profileId)).find((candidate) => candidate.id === id);
    if (!library) throw new NotFoundException(`library ${id} not found`);
    return library;
  }

  /**
   * The items Plex still has among these keys, in one call; one by one when one of them is gone (a key from the
   * proxy's progress, or a show removed since a list named it), so one missing item never fails a whole answer.
   */
  async existingItems(profileId: string, ratingKeys: readonly string[]): Promise<PlexMetadataItem[]> {
    const caller = this.caller(profileId);
    try {
      return await this.plex.metadataOf(caller, ratingKeys);
    } catch (error) {
      if (!(error instanceof PlexNotFoundError)) throw error;
      const found = await Promise.all(
        ratingKeys.map((key) =>
          this.plex.metadata(caller, key).catch((failure: unknown) => {
            if (failure instanceof PlexNotFoundError) return undefined;
            throw failure;
          }),
        ),
      );
      return found.filter((item): item is PlexMetadataItem => item !== undefined);
    }
  }

  /** One item with the profile's watch state; 404 naming the ratingKey when Plex does not have it (for this profile). */
  item(profileId: string, ratingKey: string): Promise<PlexMetadataItem> {
    return this.cache.get(profileId, `item:${ratingKey}`, () =>
      this.plex.metadata(this.caller(profileId), ratingKey).catch(notFoundOnPlex(`ratingKey ${ratingKey} not found on the Plex server`)),
    );
  }
}
