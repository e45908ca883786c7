import { CardDto, ContinueCardDto } from './card.dto.js';

/** A library as a home row names it. */
export class HomeLibraryDto {
  /** @example "2" */
  id: string;

  /** @example "TV Shows" */
  title: string;
}

/** The newest items of one library; a show with new episodes appears once, as the show. */
export class RecentlyAddedRowDto {
  library: HomeLibraryDto;

  items: CardDto[];
}

/** What a TV shows when it opens. */
export class HomeDto {
  /** Items in progress and the next episode of shows being watched, one per show, the most recent first. */
  continueWatching: ContinueCardDto[];

  recentlyAdded: RecentlyAddedRowDto[];
}
