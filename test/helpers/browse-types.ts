/** The shapes of the browse answers, as the tests read them. */
export interface Card {
  ratingKey: string;
  type: string;
  title: string;
  year?: number;
  durationMs?: number;
  index?: number;
  parentIndex?: number;
  parentTitle?: string;
  showTitle?: string;
  childCount?: number;
  watchedChildCount?: number;
  images: { poster?: string; backdrop?: string; logo?: string };
  progress: { positionMs: number; durationMs: number; watched: boolean };
  reason?: 'resume' | 'next';
}

export interface CardPage {
  items: Card[];
  total: number;
  nextCursor: string | null;
}

export interface Home {
  continueWatching: Card[];
  recentlyAdded: { library: { id: string; title: string }; items: Card[] }[];
}

export interface ItemDetail extends Card {
  summary?: string;
  genres: string[];
  contentRating?: string;
  studio?: string;
  media?: {
    videoResolution?: string;
    container?: string;
    durationMs?: number;
    audioTracks: { id: number; language?: string }[];
    subtitleTracks: { id: number; language?: string }[];
  };
  seasons?: Card[];
  nextUp?: Card;
  children?: CardPage;
}

export interface Library {
  id: string;
  title: string;
  type: string;
}
