import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

export type Session = components['schemas']['SessionDto'];
export type Progress = components['schemas']['ProgressDto'];
export type PlaybackState = components['schemas']['PlaybackState'];
export type ApiError = components['schemas']['ApiErrorDto'];
export type Card = components['schemas']['CardDto'];
export type ContinueCard = components['schemas']['ContinueCardDto'];
export type CardPage = components['schemas']['CardPageDto'];
export type Home = components['schemas']['HomeDto'];
export type ItemDetail = components['schemas']['ItemDetailDto'];
export type Library = components['schemas']['LibraryDto'];
export type SearchResults = components['schemas']['SearchResultsDto'];
export type Track = components['schemas']['TrackDto'];
export type Marker = components['schemas']['MarkerDto'];
export type UpNext = components['schemas']['UpNextDto'];
export type Stream = components['schemas']['StreamDto'];
export type SubtitleFile = components['schemas']['SubtitleFileDto'];

export interface PlaybackClientOptions {
  /** Where the proxy answers, e.g. `http://192.168.1.20:3000` (the paths start with `/api/v1`). */
  baseUrl: string;
  /** The client key, sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** This device's stable id, sent as `X-Device-Id` on every call. */
  deviceId?: string;
  /** A fetch to use instead of the global one. */
  fetch?: (request: Request) => Promise<Response>;
}

/** The typed openapi-fetch client for the session API: `client.POST('/api/v1/sessions', {...})` and so on. */
export type PlaybackClient = Client<paths>;

export function createPlaybackClient({ baseUrl, apiKey, deviceId, fetch }: PlaybackClientOptions): PlaybackClient {
  const headers: Record<string, string> = {};
  if (apiKey !== undefined) headers.authorization = `Bearer ${apiKey}`;
  if (deviceId !== undefined) headers['x-device-id'] = deviceId;
  return createClient<paths>({ baseUrl, headers, ...(fetch ? { fetch } : {}) });
}

export { followEvents, type AdminLiveEvent, type EventStream, type EventStreamOptions, type LiveEvent } from './events.js';
export { pairDevice, PairingFailedError, pollForKey, type PairedKey, type PairingStarted, type PairOptions, type PollOptions } from './pairing.js';
