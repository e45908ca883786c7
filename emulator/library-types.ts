// Shapes of the demo library, close to Plex's own metadata objects.

export type ItemType = 'movie' | 'show' | 'season' | 'episode' | 'artist' | 'album' | 'track';

export interface MediaPart {
  id: number;
  key: string;
  duration: number;
  file: string;
  size: number;
  container: string;
  Stream?: MediaStream[];
}

/** A stream of a part: 1 video, 2 audio, 3 subtitles (Plex's streamType). */
export interface MediaStream {
  id: number;
  streamType: 1 | 2 | 3;
  codec: string;
  index: number;
  channels?: number;
  language?: string;
  languageCode?: string;
  /** As Plex shows it in menus, e.g. "English (AAC Stereo)". */
  displayTitle?: string;
  /** A variant's own name, e.g. "SDH" or "Commentary". */
  title?: string;
  default?: boolean;
  forced?: boolean;
  hearingImpaired?: boolean;
  /** Subtitle streams: `/library/streams/{id}`. */
  key?: string;
  /** The stream the serving user has chosen (set per user when metadata is answered; never stored). */
  selected?: boolean;
}

/** An intro or credits marker (Plex's `Marker`, answered only with `includeMarkers=1`). */
export interface Marker {
  id: number;
  type: 'intro' | 'credits';
  startTimeOffset: number;
  endTimeOffset: number;
  /** The last credits marker of the item. */
  final?: boolean;
}

export interface MediaInfo {
  id: number;
  duration: number;
  container: string;
  bitrate: number;
  videoCodec?: string;
  videoResolution?: string;
  width?: number;
  height?: number;
  audioCodec: string;
  audioChannels: number;
  Part: MediaPart[];
}

export interface LibraryItem {
  ratingKey: string;
  key: string;
  guid: string;
  type: ItemType;
  title: string;
  summary: string;
  year?: number;
  duration?: number;
  thumb: string;
  art?: string;
  addedAt: number;
  updatedAt: number;
  librarySectionID: number;
  librarySectionTitle: string;
  index?: number;
  parentIndex?: number;
  parentRatingKey?: string;
  parentKey?: string;
  parentTitle?: string;
  parentThumb?: string;
  grandparentRatingKey?: string;
  grandparentKey?: string;
  grandparentTitle?: string;
  grandparentThumb?: string;
  leafCount?: number;
  childCount?: number;
  contentRating?: string;
  studio?: string;
  Genre?: { tag: string }[];
  /** More artwork, as Plex lists it (`clearLogo`: the title as a transparent logo). */
  Image?: { type: string; url: string }[];
  Media?: MediaInfo[];
  /** Intro and credits markers; left out of answers unless `includeMarkers=1` is asked. */
  Marker?: Marker[];
}

export interface Playlist {
  ratingKey: string;
  key: string;
  guid: string;
  type: 'playlist';
  title: string;
  summary: string;
  playlistType: 'video' | 'audio';
  smart: boolean;
  addedAt: number;
  updatedAt: number;
  /** ratingKeys of the playlist's items, in order. */
  itemRatingKeys: string[];
}

/** One user's watch state for one item. */
export interface WatchState {
  viewOffset?: number;
  viewCount: number;
  lastViewedAt?: number;
}

/** An item as seen by one user: metadata plus that user's watch state. */
export type ItemSnapshot = LibraryItem & WatchState;

export const LEAF_TYPES: readonly ItemType[] = ['movie', 'episode', 'track'];

export function isLeaf(item: LibraryItem): boolean {
  return LEAF_TYPES.includes(item.type);
}
