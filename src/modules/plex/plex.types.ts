/** Who a Plex call is made as: which server, whose token, which player. */
export interface PlexCaller {
  readonly serverUrl: string;
  readonly token: string;
  /** `X-Plex-Client-Identifier`: one per device, so Plex shows each TV as its own player. */
  readonly clientIdentifier: string;
  readonly deviceName?: string;
  readonly platform?: string;
}

export type PlexMediaType = 'movie' | 'show' | 'season' | 'episode' | 'artist' | 'album' | 'track' | 'photo' | 'playlist' | 'clip';
export type PlayQueueType = 'video' | 'audio' | 'photo';
export type PlexPlayState = 'playing' | 'paused' | 'buffering' | 'stopped';

export interface PlexPart {
  id: number;
  key: string;
  durationMs?: number;
  container?: string;
  size?: number;
}

export interface PlexMedia {
  id: number;
  durationMs?: number;
  container?: string;
  videoResolution?: string;
  parts: PlexPart[];
  /** The first part's audio and subtitle streams (Plex lists them on an item's own metadata). */
  audioStreams: PlexTrack[];
  subtitleStreams: PlexTrack[];
}

/** An audio or subtitle stream of a part. */
export interface PlexTrack {
  id: number;
  codec?: string;
  language?: string;
  languageCode?: string;
  /** A variant's name (`SDH`, `Commentary`), else the menu label Plex gives. */
  title?: string;
  channels?: number;
  /** The token's owner's choice (Plex keeps one per user and part). */
  selected: boolean;
  default: boolean;
  forced: boolean;
  hearingImpaired?: boolean;
  /** A sidecar file Plex serves (`/library/streams/{id}`); absent for streams inside the media file. */
  key?: string;
}

/** An intro or credits marker (`Marker` with `includeMarkers=1`). */
export interface PlexMarker {
  type: 'intro' | 'credits';
  startMs: number;
  endMs: number;
}

export interface PlexMetadataItem {
  ratingKey: string;
  key: string;
  type: PlexMediaType;
  title: string;
  durationMs?: number;
  /** This token's owner's resume point. */
  viewOffsetMs?: number;
  viewCount: number;
  lastViewedAt?: number;
  index?: number;
  parentIndex?: number;
  parentRatingKey?: string;
  grandparentRatingKey?: string;
  parentTitle?: string;
  grandparentTitle?: string;
  thumb?: string;
  playlistType?: string;
  media: PlexMedia[];
  /** Intro and credits markers; empty unless asked with `includeMarkers` (and without Plex Pass). */
  markers: PlexMarker[];
  year?: number;
  summary?: string;
  art?: string;
  parentThumb?: string;
  grandparentThumb?: string;
  grandparentArt?: string;
  /** The title as a transparent logo (`Image` of type `clearLogo`). */
  logo?: string;
  /** Playable items below a show, season, album or artist, and how many of them this token's owner watched. */
  leafCount?: number;
  viewedLeafCount?: number;
  childCount?: number;
  contentRating?: string;
  studio?: string;
  genres: string[];
  addedAt?: number;
  librarySectionId?: string;
}

/** A library section (`/library/sections/all`). */
export interface PlexSection {
  id: string;
  title: string;
  type: string;
}

/** One page of a list: the items, where it starts, and how many there are in all. */
export interface PlexPage {
  items: PlexMetadataItem[];
  offset: number;
  totalSize: number;
}

/** A hub (`/hubs/…`): a typed row of items. */
export interface PlexHub {
  type: string;
  identifier?: string;
  items: PlexMetadataItem[];
}

/** Query of one page of a section. */
export interface SectionPageQuery {
  start: number;
  /** At most 100 (the client caps it). */
  size: number;
  /** The spec's MediaType number (1 movie, 2 show, 4 episode, 6 album…). */
  type?: number;
  /** Plex's sort, e.g. `addedAt:desc,id`. */
  sort?: string;
  unwatched?: boolean;
  genre?: string;
}

/** Artwork asked of Plex's photo transcoder. */
export interface PhotoRequest {
  /** A path of the server's (`/library/metadata/{id}/thumb/{version}`), never a URL a client gave. */
  path: string;
  width: number;
  height: number;
}

export interface PlexPlayQueueItem extends PlexMetadataItem {
  playQueueItemId: number;
}

export interface PlexPlayQueue {
  id: number;
  version: number;
  selectedItemId?: number;
  selectedItemOffset?: number;
  selectedRatingKey?: string;
  shuffled: boolean;
  sourceUri?: string;
  totalCount: number;
  lastAddedItemId?: number;
  items: PlexPlayQueueItem[];
}

export interface PlexIdentity {
  machineIdentifier: string;
  version?: string;
  claimed?: boolean;
}

export interface TimelineReport {
  ratingKey: string;
  state: PlexPlayState;
  timeMs: number;
  durationMs?: number;
  playQueueItemId?: number;
  /** Only with `stopped`: another item follows. */
  continuing?: boolean;
  /** Set when the report is sent late, after Plex could not be reached: the epoch seconds it describes. */
  offlineUpdatedAt?: number;
}

export interface TimelineAnswer {
  /** Set when the server ended the stream; no report should follow. */
  termination?: { code?: number; text?: string };
}

export interface PlexSessionInfo {
  ratingKey: string;
  viewOffsetMs?: number;
  state?: string;
  clientIdentifier?: string;
  sessionId?: string;
  user?: string;
}

/** `LibraryVideoPlayedAtBehaviour`: 0 at the threshold, 1 at the final credits marker, 2 at the first, 3 the earlier of the threshold and the first. */
export type PlayedAtBehaviour = 0 | 1 | 2 | 3;

export interface PlexPreferences {
  /** Percent of the duration past which Plex counts a video as played. */
  videoPlayedThresholdPercent: number;
  videoPlayedAtBehaviour: PlayedAtBehaviour;
}

/** The streams a user chooses for a part (`subtitleStreamId: 0` turns subtitles off). */
export interface StreamSelection {
  audioStreamId?: number;
  subtitleStreamId?: number;
}

export type PlayQueueSource = { uri: string } | { playlistId: string };

export interface CreatePlayQueueOptions {
  type: PlayQueueType;
  source: PlayQueueSource;
  /** `/library/metadata/{ratingKey}` of the item to start with. */
  startKey?: string;
  shuffle?: boolean;
  continuous?: boolean;
}

/** An upstream answer whose body is passed on as it streams (media parts, transcoder playlists and segments). */
export interface PlexStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Must be consumed or destroyed. */
  body: import('node:stream').Readable;
}

export type TranscodeType = 'video' | 'music';

/** One HLS transcode of one item of a playback. */
export interface TranscodeRequest {
  transcodeType: TranscodeType;
  ratingKey: string;
  /** The transcode session's own id (the spec's `transcodeSessionId`). */
  transcodeSessionId: string;
  /** Where to start, in seconds (the transcoder counts seconds, timeline reports milliseconds). */
  offsetSeconds: number;
  /** Target video bitrate, kbps. */
  videoBitrate?: number;
  /** Target maximum resolution, `WxH`. */
  videoResolution?: string;
  /** Burn the user's selected subtitles into the video (image subtitles, which no player can take as a file). */
  burnSubtitles?: boolean;
  /** Copy the video, convert only the audio (a codec the player cannot decode). */
  convertAudioOnly?: boolean;
}

export interface TranscodeDecision {
  generalCode?: number;
  generalText?: string;
  transcodeCode?: number;
  transcodeText?: string;
  /** What the server chose for the part: `transcode`, `directplay`, `copy`… */
  decision?: string;
}
