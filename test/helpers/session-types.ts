/** The shapes of the proxy's answers, as the tests read them. */
export interface QueueItem {
  itemId: number;
  ratingKey: string;
  title: string;
  type: string;
  durationMs?: number;
}

export interface Session {
  id: string;
  state: string;
  positionMs: number;
  durationMs?: number;
  ratingKey: string;
  item: {
    ratingKey: string;
    title: string;
    type: string;
    durationMs?: number;
    grandparentTitle?: string;
    markers: { type: 'intro' | 'credits'; startMs: number; endMs: number }[];
    audioTracks: Track[];
    subtitleTracks: Track[];
  };
  upNext?: {
    itemId: number;
    ratingKey: string;
    title: string;
    type: string;
    grandparentTitle?: string;
    parentIndex?: number;
    index?: number;
    durationMs?: number;
    positionMs: number;
    images: { poster?: string };
  };
  queue: { playQueueId: number; version: number; selectedItemId: number; items: QueueItem[] };
  deviceId: string;
  createdAt: string;
  updatedAt: string;
  endedAt?: string;
  endedReason?: string;
  stream?: Stream;
}

export interface Track {
  id: number;
  language?: string;
  languageCode?: string;
  title?: string;
  codec?: string;
  channels?: number;
  default: boolean;
  forced: boolean;
  hearingImpaired?: boolean;
  selected: boolean;
  external: boolean;
}

export interface Stream {
  url: string;
  protocol: 'file' | 'hls';
  expiresAt: string;
  directPlay: boolean;
  subtitleMode: 'sidecar' | 'burned' | 'none';
  subtitles: { trackId: number; url: string; language?: string; languageCode?: string; forced: boolean; selected: boolean }[];
  audioConverted?: boolean;
}

export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  fields?: { field: string; message: string }[];
  retryAfterSeconds?: number;
}
