import type { Readable } from 'node:stream';
import { BadGatewayException, ForbiddenException, GoneException, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import type { PlaybackSession } from '../../entities/playback-session.entity.js';
import { PlexCallers } from '../households/plex-callers.service.js';
import { PlexClient } from '../plex/plex.client.js';
import { PlexUnreachableError } from '../plex/plex.errors.js';
import { notFoundOnPlex } from '../plex/plex-not-found.js';
import type { PlexCaller, PlexStream } from '../plex/plex.types.js';
import { SessionRepository } from '../sessions/session.repository.js';
import { currentItemOf } from '../sessions/session-view.js';
import { isWithin, PlaylistError, rewritePlaylist, serverPathOf } from './playlist-rewriter.js';
import { StreamLinks } from './stream-links.service.js';
import { currentDetailsOf } from '../sessions/current-item-details.js';
import { isSidecarText, parseHlsStart, parseSubtitleResource, partResource } from './stream-plan.js';
import type { StreamGrant } from './stream-signer.js';
import { TranscodeSessions } from './transcode-sessions.service.js';

/** What the stream route answers: status, the headers chosen to pass on, and a body (streamed or text; none for HEAD). */
export interface StreamAnswer {
  status: number;
  headers: Record<string, string>;
  body?: Readable | string;
}

export interface StreamRequest {
  /** The player's `Range` header. */
  range?: string;
  /** Aborted when the player goes away. */
  signal: AbortSignal;
  /** A HEAD request: the same status and headers as GET, without fetching the body from Plex where avoidable. */
  head?: boolean;
}

/** Upstream headers passed on to players; nothing else (no cookie, no server header, nothing that could hold a token). */
const MEDIA_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'last-modified', 'etag'];
const SEGMENT_HEADERS = ['content-type', 'content-length'];
/** What a HEAD passes on from Plex's answer to its first byte; the length and range come from its size. */
const HEAD_HEADERS = ['content-type', 'accept-ranges', 'last-modified', 'etag'];
const PART_NOT_FOUND = 'the media file is not on the Plex server';
/** One byte range, as players send them (several ranges are not passed on: the whole file is answered instead). */
const SINGLE_RANGE = /^bytes=(\d{1,15}-\d{0,15}|-\d{1,15})$/;
const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';
const MAX_PLAYLIST_BYTES = 4 * 1024 * 1024;

/**
 * Serves what a stream URL grants, after checking its signature and expiry, that its session is active and still
 * on the item, and that the upstream resource is exactly the one signed: the media part (Range passed through,
 * streamed with back-pressure), a transcode's master playlist (starting the transcode), or one of the transcode's
 * playlists (every URI rewritten to a signed proxy URL) and segments.
 */
@Injectable()
export class StreamsService {
  constructor(
    private readonly links: StreamLinks,
    private readonly sessions: SessionRepository,
    private readonly callers: PlexCallers,
    private readonly plex: PlexClient,
    private readonly transcodes: TranscodeSessions,
    private readonly clock: Clock,
  ) {}

  async open(token: string, request: StreamRequest): Promise<StreamAnswer> {
    const now = this.clock.now();
    const verified = this.links.verify(token, now);
    if (!verified.ok) {
      throw new ForbiddenException(
        verified.reason === 'expired'
          ? 'this stream URL has expired; GET /api/v1/sessions/{id}/stream gives a fresh one'
          : 'this stream URL is not valid',
      );
    }
    const { grant } = verified;
    const session = await this.sessions.findById(grant.sessionId);
    if (!session || session.endedAt !== null) throw new GoneException('the session of this stream has ended');
    if (session.playQueueItemId !== grant.itemId) {
      throw new GoneException('the session has moved on to another item; its new stream URL is in the session');
    }
    const caller = this.callers.forDevice(session.profileId, session.deviceId);
    if (grant.resource.startsWith('part:')) return this.file(session, grant, caller, request);
    const plan = parseHlsStart(grant.resource);
    if (plan) {
      const transcode = await this.transcodes.start(session, grant.itemId, plan);
      const body = this.rewrite(transcode.master, transcode.masterPath, transcode.directory, grant, caller, now);
      return playlist(body);
    }
    if (grant.resource.startsWith('hls:')) return this.transcodeResource(grant, caller, request, now);
    const subtitle = parseSubtitleResource(grant.resource);
    if (subtitle) return this.subtitle(session, subtitle, caller, request);
    throw new ForbiddenException('this stream URL is not valid');
  }

  /** A sidecar text subtitle of the current item, converted to WebVTT by Plex; only a track Plex listed for it. */
  private async subtitle(
    session: PlaybackSession,
    subtitle: { trackId: number; extension: string },
    caller: PlexCaller,
    request: StreamRequest,
  ): Promise<StreamAnswer> {
    const track = currentDetailsOf(session)?.subtitleTracks.find((candidate) => candidate.id === subtitle.trackId);
    if (!track || !isSidecarText(track)) throw new GoneException('this subtitle track is no longer one of the current item');
    const upstream = await this.plex
      .subtitle(caller, subtitle.trackId, subtitle.extension, 'webvtt', { signal: request.signal })
      .catch(notFoundOnPlex('this subtitle track is not on the Plex server (any more)'));
    if (request.head) upstream.body.destroy();
    const headers = { ...pick(upstream, ['content-length']), 'content-type': 'text/vtt; charset=utf-8' };
    return { status: 200, headers, body: request.head ? undefined : upstream.body };
  }

  private async file(session: PlaybackSession, grant: StreamGrant, caller: PlexCaller, request: StreamRequest): Promise<StreamAnswer> {
    const part = currentItemOf(session)?.part;
    if (!part || partResource(part.key) !== grant.resource) {
      throw new GoneException('the session has moved on to another item; its new stream URL is in the session');
    }
    const range = request.range !== undefined && SINGLE_RANGE.test(request.range.trim()) ? request.range.trim() : undefined;
    if (request.head) return this.fileHead(part.key, caller, range, request.signal);
    const upstream = await this.plex.mediaPart(caller, part.key, { range, signal: request.signal }).catch(notFoundOnPlex(PART_NOT_FOUND));
    if (upstream.status === 416) {
      upstream.body.destroy();
      return rangeNotSatisfiable(range, header(upstream, 'content-range'));
    }
    return { status: upstream.status, headers: pick(upstream, MEDIA_HEADERS), body: upstream.body };
  }

  /**
   * What GET would answer, without the body: the spec declares only GET for media parts, so Plex is asked for the
   * first byte (`Range: bytes=0-0`), whose `Content-Range` gives the size; the player's own range is answered from it.
   */
  private async fileHead(partKey: string, caller: PlexCaller, range: string | undefined, signal: AbortSignal): Promise<StreamAnswer> {
    const upstream = await this.plex.mediaPart(caller, partKey, { range: 'bytes=0-0', signal }).catch(notFoundOnPlex(PART_NOT_FOUND));
    await release(upstream);
    const headers = pick(upstream, HEAD_HEADERS);
    const size = sizeOf(upstream);
    if (upstream.status === 206) headers['accept-ranges'] ??= 'bytes';
    if (size === undefined) return { status: 200, headers };
    // A Plex that answered the first byte with the whole file (200) ignores ranges: a GET would get the whole file.
    const span = range === undefined || upstream.status === 200 ? undefined : rangeOf(range, size);
    if (span === 'unsatisfiable') return rangeNotSatisfiable(range, `bytes */${size}`);
    if (span === undefined) return { status: 200, headers: { ...headers, 'content-length': String(size) } };
    return {
      status: 206,
      headers: { ...headers, 'content-range': `bytes ${span.start}-${span.end}/${size}`, 'content-length': String(span.end - span.start + 1) },
    };
  }

  private async transcodeResource(grant: StreamGrant, caller: PlexCaller, request: StreamRequest, now: number): Promise<StreamAnswer> {
    const path = grant.resource.slice('hls:'.length);
    const directory = this.transcodes.directoryFor(grant.sessionId, grant.itemId, path);
    if (!directory) throw new GoneException('this transcode has been replaced; the session has a new stream URL');
    const upstream = await this.plex
      .transcodeResource(caller, path, { signal: request.signal })
      .catch(notFoundOnPlex('this part of the transcode is not on the Plex server (any more)'));
    const isPlaylist = /\.m3u8$/i.test(path.split('?')[0] ?? '') || /mpegurl/i.test(header(upstream, 'content-type') ?? '');
    if (!isPlaylist && request.head) upstream.body.destroy();
    if (!isPlaylist) return { status: 200, headers: pick(upstream, SEGMENT_HEADERS), body: request.head ? undefined : upstream.body };
    const text = await readPlaylist(upstream.body, MAX_PLAYLIST_BYTES, `GET ${path.split('?')[0]}`);
    return playlist(this.rewrite(text, path, directory, grant, caller, now));
  }

  /** Every URI of a playlist found at `playlistPath` on the server, as a signed proxy URL; only the transcode's own. */
  private rewrite(text: string, playlistPath: string, directory: string, grant: StreamGrant, caller: PlexCaller, now: number): string {
    const playlistUrl = caller.serverUrl + playlistPath;
    try {
      return rewritePlaylist(text, (uri) => {
        const path = serverPathOf(uri, playlistUrl, caller.serverUrl);
        if (!path || !isWithin(path, directory)) throw new PlaylistError('a URI outside the transcode');
        return this.links.forTranscodeResource(grant.sessionId, grant.itemId, path, now);
      });
    } catch (error) {
      if (error instanceof PlaylistError) throw new BadGatewayException(`the Plex transcoder answered a playlist the proxy cannot pass on (${error.message})`);
      throw error;
    }
  }
}

function rangeNotSatisfiable(range: string | undefined, contentRange: string | undefined): StreamAnswer {
  return {
    status: 416,
    headers: { 'content-type': 'application/json; charset=utf-8', ...(contentRange ? { 'content-range': contentRange } : {}) },
    body: JSON.stringify({ statusCode: 416, error: 'Range Not Satisfiable', message: `the range ${range ?? ''} is outside the file` }),
  };
}

/** The whole size of a part from an answer to `Range: bytes=0-0`: `Content-Range` (206, 416) or the length (200). */
function sizeOf(upstream: PlexStream): number | undefined {
  const total = /\/(\d{1,15})\s*$/.exec(header(upstream, 'content-range') ?? '')?.[1];
  if (upstream.status === 206 || upstream.status === 416) return total === undefined ? undefined : Number(total);
  const length = header(upstream, 'content-length');
  return length !== undefined && /^\d{1,15}$/.test(length) ? Number(length) : undefined;
}

/**
 * The bytes one `bytes=` range (as SINGLE_RANGE admits it) selects in a file of `size` bytes, as Plex answers it:
 * past the end or first after last is unsatisfiable; a last position past the end is cut to it.
 */
export function rangeOf(range: string, size: number): { start: number; end: number } | 'unsatisfiable' {
  const [first = '', last = ''] = range.slice('bytes='.length).split('-');
  if (first === '') {
    const suffix = Number(last);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return start >= size || (last !== '' && Number(last) < start) ? 'unsatisfiable' : { start, end };
}

/** Done with an answer whose body is not wanted: a small one is read (the connection stays reusable), a large one dropped. */
async function release(upstream: PlexStream): Promise<void> {
  if (upstream.status === 200) {
    upstream.body.destroy();
    return;
  }
  try {
    await readText(upstream.body, 64 * 1024);
  } catch {
    upstream.body.destroy();
  }
}

function playlist(body: string): StreamAnswer {
  return { status: 200, headers: { 'content-type': PLAYLIST_TYPE, 'cache-control': 'no-store' }, body };
}

function header(stream: PlexStream, name: string): string | undefined {
  const value = stream.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function pick(stream: PlexStream, names: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = header(stream, name);
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

/**
 * A playlist's text, read whole (it is rewritten before anything is sent): one too large is refused (502), one cut
 * off by Plex is a Plex failure (503 through the Plex error filter), never an internal error.
 */
export async function readPlaylist(body: Readable, limit: number, operation: string): Promise<string> {
  try {
    return await readText(body, limit);
  } catch (error) {
    if (error instanceof BadGatewayException) throw error;
    body.destroy();
    throw new PlexUnreachableError(operation, 'cut off while sending a playlist');
  }
}

async function readText(body: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw new BadGatewayException('the Plex transcoder answered a playlist too large to pass on');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
