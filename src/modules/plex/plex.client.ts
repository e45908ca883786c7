import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Pool, type Dispatcher } from 'undici';
import { AppConfig } from '../config/app-config.js';
import { scrubSecrets } from '../logging/redaction.js';
import { plexErrorForStatus, PlexError, PlexUnreachableError } from './plex.errors.js';
import {
  toHubs,
  toIdentity,
  toMetadataList,
  toPage,
  toSections,
  toPlayQueue,
  toPreferences,
  toSessions,
  toTimelineAnswer,
  toTranscodeDecision,
} from './plex.mapper.js';
import type {
  CreatePlayQueueOptions,
  PlayQueueSource,
  PlexCaller,
  PhotoRequest,
  PlexHub,
  PlexIdentity,
  PlexMetadataItem,
  PlexPage,
  PlexSection,
  PlexPlayQueue,
  PlexPreferences,
  PlexSessionInfo,
  PlexStream,
  StreamSelection,
  TimelineAnswer,
  SectionPageQuery,
  TimelineReport,
  TranscodeDecision,
  TranscodeRequest,
} from './plex.types.js';

type QueryValue = string | number | boolean | undefined;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface CallOptions {
  query?: Record<string, QueryValue>;
  /** `X-Plex-Session-Identifier`: one per playback, sent with timeline reports and transcode requests. */
  sessionIdentifier?: string;
  /** Read the answer as text instead of JSON (playlists). */
  text?: boolean;
  /** More request headers (paging headers where the spec declares no paging parameters). */
  headers?: Record<string, string>;
}

interface StreamOptions {
  /** Passed on as it is (the caller checked its form). */
  range?: string;
  /** Aborts the upstream request (the player went away). */
  signal?: AbortSignal;
}

/** A part key as Plex gives it: `/library/parts/{partId}/{changestamp}/{filename}`. */
const PART_KEY = /^\/library\/parts\/\d{1,12}\/\d{1,14}\/[A-Za-z0-9._~%()+-]{1,255}$/;
/** Where a transcode's playlists and segments live on the server (resources the playlists hand out). */
const TRANSCODE_RESOURCE = /^\/(video|music|audio)\/:\/transcode\/universal\/session\/[A-Za-z0-9._-]+\/[^?#]+(\?[^#]*)?$/;

const LIBRARY_IDENTIFIER = 'com.plexapp.plugins.library';
/** The largest page asked of Plex: servers have warned about, and capped, bigger and unpaged list calls. */
export const MAX_PLEX_PAGE = 100;
/** Artwork paths of the server's own (`/library/metadata/{id}/{kind}/{version}`), the only thing sent as `url`. */
const ARTWORK_PATH = /^\/library\/metadata\/[A-Za-z0-9._-]{1,64}\/(thumb|art|clearLogo|banner)\/\d{1,14}$/;
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * The one place that speaks HTTP to Plex. Every call sends the proxy's identity headers, reuses
 * keep-alive connections, times out, and fails with a typed PlexError whose message holds no token.
 */
@Injectable()
export class PlexClient implements OnModuleDestroy {
  /**
   * One keep-alive pool per server. (undici's Agent was measured to open a new connection for every
   * request once a pooled socket had been closed by the server; a Pool per origin recovers.)
   */
  private readonly pools = new Map<string, Pool>();
  private readonly streamPools = new Map<string, Pool>();
  /** Server URLs split into origin and path prefix, once each. */
  private readonly targets = new Map<string, { origin: string; pathname: string }>();

  constructor(private readonly config: AppConfig) {}

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.streamPools.values()].map((pool) => pool.destroy()));
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
    this.pools.clear();
    this.streamPools.clear();
  }

  /** `GET /identity`: needs no token; used to learn the machine identifier and to check reachability. */
  async identity(caller: PlexCaller): Promise<PlexIdentity> {
    return toIdentity(await this.call(caller, 'GET', '/identity'));
  }

  async preferences(caller: PlexCaller): Promise<PlexPreferences> {
    return toPreferences(await this.call(caller, 'GET', '/:/prefs'));
  }

  /**
   * One item's metadata, with the caller's own watch state and stream choices; throws PlexNotFoundError for an unknown
   * key. `includeMarkers` asks for intro and credits markers: a parameter the spec lacks (a named exception in the
   * conformance test: no declared call gives markers).
   */
  async metadata(caller: PlexCaller, ratingKey: string, options: { includeMarkers?: boolean } = {}): Promise<PlexMetadataItem> {
    const query = { includeMarkers: options.includeMarkers || undefined };
    const [item] = toMetadataList(await this.call(caller, 'GET', `/library/metadata/${encodeKey(ratingKey)}`, { query }));
    if (!item) throw plexErrorForStatus(`GET /library/metadata/${ratingKey}`, 404, 'no such item');
    return item;
  }

  /** A playlist's own metadata (type `playlist`, with its `playlistType`); PlexNotFoundError when unknown. */
  async playlist(caller: PlexCaller, playlistId: string): Promise<PlexMetadataItem> {
    const [playlist] = toMetadataList(await this.call(caller, 'GET', `/playlists/${encodeKey(playlistId)}`));
    if (!playlist) throw plexErrorForStatus(`GET /playlists/${playlistId}`, 404, 'no such playlist');
    return playlist;
  }

  /** A show's or season's episodes, an album's or artist's tracks. */
  async leaves(caller: PlexCaller, ratingKey: string): Promise<PlexMetadataItem[]> {
    return toMetadataList(await this.call(caller, 'GET', `/library/metadata/${encodeKey(ratingKey)}/allLeaves`));
  }

  /** Several items in one call (`/library/metadata/{ids}`); PlexNotFoundError when any of them is unknown. */
  async metadataOf(caller: PlexCaller, ratingKeys: readonly string[]): Promise<PlexMetadataItem[]> {
    if (ratingKeys.length === 0) return [];
    return toMetadataList(await this.call(caller, 'GET', `/library/metadata/${ratingKeys.map(encodeKey).join(',')}`));
  }

  /** The library sections the caller's token may see. */
  async sections(caller: PlexCaller): Promise<PlexSection[]> {
    return toSections(await this.call(caller, 'GET', '/library/sections/all'));
  }

  /**
   * One page of a section, always with `X-Plex-Container-Start`/`-Size` (≤ 100). `unwatched` and `genre` are filters
   * real clients send that the spec's media query lacks (a named exception in the conformance test).
   */
  async sectionPage(caller: PlexCaller, sectionId: string, query: SectionPageQuery): Promise<PlexPage> {
    return toPage(
      await this.call(caller, 'GET', `/library/sections/${encodeKey(sectionId)}/all`, {
        query: {
          'X-Plex-Container-Start': query.start,
          'X-Plex-Container-Size': Math.min(query.size, MAX_PLEX_PAGE),
          type: query.type,
          sort: query.sort,
          unwatched: query.unwatched || undefined,
          genre: query.genre,
        },
      }),
    );
  }

  /**
   * A page of a show's seasons or an artist's albums: `/library/metadata/{id}/children`, which the spec lacks (a
   * named exception: no declared call lists that level).
   */
  async childrenPage(caller: PlexCaller, ratingKey: string, start: number, size: number): Promise<PlexPage> {
    return toPage(
      await this.call(caller, 'GET', `/library/metadata/${encodeKey(ratingKey)}/children`, {
        query: { 'X-Plex-Container-Start': start, 'X-Plex-Container-Size': Math.min(size, MAX_PLEX_PAGE) },
      }),
    );
  }

  /** A page of a show's, season's or album's playable items; paged by headers (the spec declares no query here). */
  async leavesPage(caller: PlexCaller, ratingKey: string, start: number, size: number): Promise<PlexPage> {
    return toPage(
      await this.call(caller, 'GET', `/library/metadata/${encodeKey(ratingKey)}/allLeaves`, {
        headers: { 'x-plex-container-start': String(start), 'x-plex-container-size': String(Math.min(size, MAX_PLEX_PAGE)) },
      }),
    );
  }

  /** The caller's "Continue watching" hub: items in progress and next episodes. */
  async continueWatching(caller: PlexCaller, count: number): Promise<PlexMetadataItem[]> {
    return toHubs(await this.call(caller, 'GET', '/hubs/continueWatching', { query: { count } })).flatMap((hub) => hub.items);
  }

  /** `/hubs/search`: one hub per type, at most `limit` items each. */
  async search(caller: PlexCaller, query: string, limit: number): Promise<PlexHub[]> {
    return toHubs(await this.call(caller, 'GET', '/hubs/search', { query: { query, limit } }));
  }

  /**
   * Artwork resized by Plex's photo transcoder (`minSize=1`: covers the box; `upscale=0`: never past the original), as
   * a stream. Only a server path the proxy read from Plex's own metadata is sent, never anything a client gave.
   */
  async photo(caller: PlexCaller, request: PhotoRequest): Promise<PlexStream> {
    if (!ARTWORK_PATH.test(request.path)) throw new Error('not an artwork path');
    const query = encodeQuery({ url: request.path, width: request.width, height: request.height, minSize: true, upscale: false });
    return this.stream(caller, `/photo/:/transcode${query}`, {}, [200]);
  }

  /**
   * `PUT /library/parts/{partId}`: the caller's audio and subtitle choice for a part (`subtitleStreamId: 0` turns
   * subtitles off). Plex keeps it per user and carries it on to the next episode of the same show.
   */
  async setStreamSelection(caller: PlexCaller, partId: number, selection: StreamSelection): Promise<void> {
    await this.call(caller, 'PUT', `/library/parts/${partId}`, {
      query: { audioStreamID: selection.audioStreamId, subtitleStreamID: selection.subtitleStreamId },
    });
  }

  /**
   * `GET /library/streams/{streamId}.{ext}` with `format`: a sidecar text subtitle, converted by Plex (`webvtt` for TV
   * players). Only a stream id Plex listed for the item is asked for.
   */
  async subtitle(caller: PlexCaller, streamId: number, extension: string, format: string, options: StreamOptions = {}): Promise<PlexStream> {
    if (!Number.isSafeInteger(streamId) || !/^[a-z0-9]{1,8}$/.test(extension)) throw new Error('not a subtitle stream');
    return this.stream(caller, `/library/streams/${streamId}.${extension}${encodeQuery({ format })}`, { signal: options.signal }, [200]);
  }

  async createPlayQueue(caller: PlexCaller, options: CreatePlayQueueOptions): Promise<PlexPlayQueue> {
    return toPlayQueue(
      await this.call(caller, 'POST', '/playQueues', {
        query: {
          type: options.type,
          ...sourceQuery(options.source),
          key: options.startKey,
          shuffle: options.shuffle,
          continuous: options.continuous,
        },
      }),
    );
  }

  /**
   * `own=1` takes the queue over for this client; `window` bounds how many items come back on each side
   * of `center` (a queue item id; default: the selected item).
   */
  async playQueue(
    caller: PlexCaller,
    id: number,
    options: { own?: boolean; window?: number; center?: number } = {},
  ): Promise<PlexPlayQueue> {
    const query = { own: options.own, window: options.window, center: options.center };
    return toPlayQueue(await this.call(caller, 'GET', `/playQueues/${id}`, { query }));
  }

  async addToPlayQueue(caller: PlexCaller, id: number, source: PlayQueueSource, next = false): Promise<PlexPlayQueue> {
    return toPlayQueue(
      await this.call(caller, 'PUT', `/playQueues/${id}`, { query: { ...sourceQuery(source), next: next || undefined } }),
    );
  }

  async removeFromPlayQueue(caller: PlexCaller, id: number, itemId: number): Promise<PlexPlayQueue> {
    return toPlayQueue(await this.call(caller, 'DELETE', `/playQueues/${id}/items/${itemId}`));
  }

  /** Moves an item after another one; without `afterItemId` it goes to the beginning. */
  async movePlayQueueItem(caller: PlexCaller, id: number, itemId: number, afterItemId?: number): Promise<PlexPlayQueue> {
    return toPlayQueue(
      await this.call(caller, 'PUT', `/playQueues/${id}/items/${itemId}/move`, { query: { after: afterItemId } }),
    );
  }

  async shufflePlayQueue(caller: PlexCaller, id: number): Promise<PlexPlayQueue> {
    return toPlayQueue(await this.call(caller, 'PUT', `/playQueues/${id}/shuffle`));
  }

  async unshufflePlayQueue(caller: PlexCaller, id: number): Promise<PlexPlayQueue> {
    return toPlayQueue(await this.call(caller, 'PUT', `/playQueues/${id}/unshuffle`));
  }

  async clearPlayQueue(caller: PlexCaller, id: number): Promise<PlexPlayQueue> {
    return toPlayQueue(await this.call(caller, 'DELETE', `/playQueues/${id}/items`));
  }

  async resetPlayQueue(caller: PlexCaller, id: number): Promise<PlexPlayQueue> {
    return toPlayQueue(await this.call(caller, 'PUT', `/playQueues/${id}/reset`));
  }

  /**
   * `POST /:/timeline` with only the parameters the spec declares. `time` is capped at `duration`
   * (Plex answers 400 otherwise) and `continuing` is only sent with `stopped`.
   */
  async reportTimeline(caller: PlexCaller, sessionIdentifier: string, report: TimelineReport): Promise<TimelineAnswer> {
    const duration = report.durationMs !== undefined ? Math.max(0, Math.round(report.durationMs)) : undefined;
    let time = Math.max(0, Math.round(report.timeMs));
    if (duration !== undefined && duration > 0) time = Math.min(time, duration);
    const offline = report.offlineUpdatedAt !== undefined;
    return toTimelineAnswer(
      await this.call(caller, 'POST', '/:/timeline', {
        sessionIdentifier,
        query: {
          ratingKey: report.ratingKey,
          key: `/library/metadata/${report.ratingKey}`,
          state: report.state,
          time,
          duration,
          playQueueItemID: report.playQueueItemId,
          continuing: report.state === 'stopped' && report.continuing ? true : undefined,
          offline: offline || undefined,
          updated: offline ? Math.floor(report.offlineUpdatedAt!) : undefined,
        },
      }),
    );
  }

  async scrobble(caller: PlexCaller, ratingKey: string): Promise<void> {
    await this.call(caller, 'PUT', '/:/scrobble', { query: { identifier: LIBRARY_IDENTIFIER, key: ratingKey } });
  }

  async unscrobble(caller: PlexCaller, ratingKey: string): Promise<void> {
    await this.call(caller, 'PUT', '/:/unscrobble', { query: { identifier: LIBRARY_IDENTIFIER, key: ratingKey } });
  }

  /** Current playbacks on the server; needs the admin token. */
  async sessions(caller: PlexCaller): Promise<PlexSessionInfo[]> {
    return toSessions(await this.call(caller, 'GET', '/status/sessions'));
  }

  /**
   * `GET /library/parts/{partId}/{changestamp}/{filename}`: the media bytes, streamed, with the player's `Range`.
   * 200, 206 and 416 are answered as they are (the body must be consumed or destroyed); other statuses throw.
   */
  async mediaPart(caller: PlexCaller, partKey: string, options: StreamOptions = {}): Promise<PlexStream> {
    if (!PART_KEY.test(partKey) || partKey.includes('..')) throw new Error('not a media part key');
    return this.stream(caller, partKey, options, [200, 206, 416]);
  }

  /** `GET /{transcodeType}/:/transcode/universal/decision`: what the server would do with the item for this player. */
  async transcodeDecision(caller: PlexCaller, sessionIdentifier: string, request: TranscodeRequest): Promise<TranscodeDecision> {
    return toTranscodeDecision(
      await this.call(caller, 'GET', `/${request.transcodeType}/:/transcode/universal/decision`, {
        sessionIdentifier,
        query: transcodeQuery(request),
      }),
    );
  }

  /**
   * `GET /{transcodeType}/:/transcode/universal/start.m3u8`: starts an HLS transcode and answers its master playlist.
   * It belongs to the playback `sessionIdentifier`: a `stopped` timeline report with the same identifier ends it.
   */
  async startTranscode(caller: PlexCaller, sessionIdentifier: string, request: TranscodeRequest): Promise<string> {
    return (await this.call(caller, 'GET', `/${request.transcodeType}/:/transcode/universal/start.m3u8`, {
      sessionIdentifier,
      query: transcodeQuery(request),
      text: true,
    })) as string;
  }

  /**
   * A playlist or segment a transcoder playlist handed out (`/{type}/:/transcode/universal/session/{id}/…`: not an
   * operation of the spec, a resource of the server's). 200 is answered as it is; other statuses throw.
   */
  async transcodeResource(caller: PlexCaller, path: string, options: StreamOptions = {}): Promise<PlexStream> {
    if (!TRANSCODE_RESOURCE.test(path) || path.includes('..')) throw new Error('not a transcode resource path');
    return this.stream(caller, path, { signal: options.signal }, [200]);
  }

  /** A GET whose body is handed over as a stream, on a pool of its own (a long download never delays API calls). */
  private async stream(caller: PlexCaller, path: string, options: StreamOptions, passed: number[]): Promise<PlexStream> {
    const operation = `GET ${path.split('?')[0]}`;
    const { origin, pathname } = this.target(caller.serverUrl);
    const headers: Record<string, string> = { ...this.headers(caller), accept: '*/*' };
    if (options.range) headers.range = options.range;
    const request: Dispatcher.RequestOptions = { method: 'GET', path: pathname + path, headers, signal: options.signal };
    let response: Dispatcher.ResponseData;
    try {
      response = await this.streamPoolFor(origin).request(request);
    } catch (error) {
      if (!isStaleSocket(error) || options.signal?.aborted) throw new PlexUnreachableError(operation, this.describe(error, caller));
      try {
        response = await this.streamPoolFor(origin).request(request);
      } catch (retryError) {
        throw new PlexUnreachableError(operation, this.describe(retryError, caller));
      }
    }
    if (passed.includes(response.statusCode)) {
      // An abort (the player went away) or a destroy before the body is read is an 'error' event: whoever reads the
      // body sees it; this listener only keeps one nobody listens to from ending the process.
      response.body.on('error', () => undefined);
      return { status: response.statusCode, headers: response.headers, body: response.body };
    }
    const detail = await response.body.text().then(
      (text) => text.slice(0, 200).trim(),
      () => '',
    );
    throw plexErrorForStatus(operation, response.statusCode, scrubSecrets(detail, [caller.token]));
  }

  private async call(caller: PlexCaller, method: Method, path: string, options: CallOptions = {}): Promise<unknown> {
    const operation = `${method} ${path}`;
    const { origin, pathname } = this.target(caller.serverUrl);
    const request = {
      method,
      path: pathname + path + encodeQuery(options.query),
      headers: { ...this.headers(caller, options.sessionIdentifier), ...options.headers },
    };
    let response;
    try {
      response = await this.send(origin, request);
    } catch (error) {
      // A keep-alive socket the server closed while idle fails at once; one retry on a fresh socket is safe
      // for every call but queue creation (which would leave a second queue behind).
      if (!isStaleSocket(error) || operation === 'POST /playQueues') {
        throw new PlexUnreachableError(operation, this.describe(error, caller));
      }
      try {
        response = await this.send(origin, request);
      } catch (retryError) {
        throw new PlexUnreachableError(operation, this.describe(retryError, caller));
      }
    }
    try {
      if (response.statusCode >= 200 && response.statusCode < 300) {
        const text = await response.body.text();
        if (options.text) return text;
        return text ? (JSON.parse(text) as unknown) : {};
      }
      const detail = (await response.body.text()).slice(0, 200).trim();
      throw plexErrorForStatus(operation, response.statusCode, scrubSecrets(detail, [caller.token]));
    } catch (error) {
      if (error instanceof PlexError) throw error;
      throw new PlexUnreachableError(operation, this.describe(error, caller));
    }
  }

  /** Times out through the pool's connect/headers/body timeouts (an AbortSignal.timeout would pin a timer per call). */
  private send(origin: string, request: { method: Method; path: string; headers: Record<string, string> }) {
    return this.poolFor(origin).request(request);
  }

  private target(serverUrl: string): { origin: string; pathname: string } {
    let target = this.targets.get(serverUrl);
    if (!target) {
      target = splitUrl(serverUrl);
      this.targets.set(serverUrl, target);
    }
    return target;
  }

  /**
   * Media streams: no body timeout (a paused player stops reading, and back-pressure stops the upstream socket for as
   * long as it likes; the player going away aborts it), no cap on connections.
   */
  private streamPoolFor(origin: string): Pool {
    let pool = this.streamPools.get(origin);
    if (!pool) {
      const timeout = this.config.plex.timeoutMs;
      pool = new Pool(origin, { keepAliveTimeout: 30_000, headersTimeout: timeout, bodyTimeout: 0, connect: { timeout } });
      this.streamPools.set(origin, pool);
    }
    return pool;
  }

  private poolFor(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      const timeout = this.config.plex.timeoutMs;
      pool = new Pool(origin, {
        connections: 64,
        keepAliveTimeout: 30_000,
        keepAliveMaxTimeout: 120_000,
        headersTimeout: timeout,
        bodyTimeout: timeout,
        connect: { timeout },
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  private headers(caller: PlexCaller, sessionIdentifier?: string): Record<string, string> {
    const identity = this.config.identity;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-plex-product': identity.product,
      'x-plex-version': identity.version,
      'x-plex-platform': caller.platform ?? identity.platform,
      'x-plex-device-name': caller.deviceName ?? identity.deviceName,
    };
    if (caller.token) headers['x-plex-token'] = caller.token;
    if (caller.clientIdentifier) headers['x-plex-client-identifier'] = caller.clientIdentifier;
    if (sessionIdentifier) headers['x-plex-session-identifier'] = sessionIdentifier;
    return headers;
  }

  private describe(error: unknown, caller: PlexCaller): string {
    const err = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
    const code = err.code ?? err.cause?.code;
    const reason = err.name === 'TimeoutError' || TIMEOUT_CODES.has(code ?? '') ? 'timed out' : (code ?? err.message ?? 'failed');
    return scrubSecrets(`unreachable (${reason})`, [caller.token]);
  }
}

export function itemUri(machineIdentifier: string, ratingKey: string): string {
  return `server://${machineIdentifier}/${LIBRARY_IDENTIFIER}/library/metadata/${ratingKey}`;
}

/** A server URL may carry a path prefix (a Plex behind a reverse proxy at `/plex`). */
function splitUrl(serverUrl: string): { origin: string; pathname: string } {
  const url = new URL(serverUrl);
  return { origin: url.origin, pathname: url.pathname.replace(/\/+$/, '') };
}

function isStaleSocket(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
}

function sourceQuery(source: PlayQueueSource): Record<string, QueryValue> {
  return 'uri' in source ? { uri: source.uri } : { playlistID: source.playlistId };
}

/** The spec's parameters for decision and start: the item, the first media and part, HLS, from `offset` seconds. */
function transcodeQuery(request: TranscodeRequest): Record<string, QueryValue> {
  return {
    path: `/library/metadata/${request.ratingKey}`,
    mediaIndex: 0,
    partIndex: 0,
    protocol: 'hls',
    offset: Math.max(0, Math.round(request.offsetSeconds * 1000) / 1000),
    directPlay: false,
    directStream: true,
    directStreamAudio: request.convertAudioOnly ? false : undefined,
    subtitles: request.burnSubtitles ? 'burn' : undefined,
    transcodeSessionId: request.transcodeSessionId,
    videoBitrate: request.videoBitrate,
    videoResolution: request.videoResolution,
  };
}

function encodeKey(ratingKey: string): string {
  return encodeURIComponent(ratingKey);
}

function encodeQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(text)}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}
