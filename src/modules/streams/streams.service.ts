import type { Readable } from 'node:stream';
import { BadGatewayException, ForbiddenException, GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import type { PlaybackSession } from '../../entities/playback-session.entity.js';
import { PlexCallers } from '../households/plex-callers.service.js';
import { PlexClient } from '../plex/plex.client.js';
import { PlexNotFoundError } from '../plex/plex.errors.js';
import type { PlexCaller, PlexStream } from '../plex/plex.types.js';
import { SessionRepository } from '../sessions/session.repository.js';
import { currentItemOf } from '../sessions/session-view.js';
import { isWithin, PlaylistError, rewritePlaylist, serverPathOf } from './playlist-rewriter.js';
import { StreamLinks } from './stream-links.service.js';
import { parseHlsStart, partResource } from './stream-plan.js';
import type { StreamGrant } from './stream-signer.js';
import { TranscodeSessions } from './transcode-sessions.service.js';

/** What the stream route answers: status, the headers chosen to pass on, and a body (streamed or text). */
export interface StreamAnswer {
  status: number;
  headers: Record<string, string>;
  body: Readable | string;
}

export interface StreamRequest {
  /** The player's `Range` header. */
  range?: string;
  /** Aborted when the player goes away. */
  signal: AbortSignal;
}

/** Upstream headers passed on to players; nothing else (no cookie, no server header, nothing that could hold a token). */
const MEDIA_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'last-modified', 'etag'];
const SEGMENT_HEADERS = ['content-type', 'content-length'];
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
    throw new ForbiddenException('this stream URL is not valid');
  }

  private async file(session: PlaybackSession, grant: StreamGrant, caller: PlexCaller, request: StreamRequest): Promise<StreamAnswer> {
    const part = currentItemOf(session)?.part;
    if (!part || partResource(part.key) !== grant.resource) {
      throw new GoneException('the session has moved on to another item; its new stream URL is in the session');
    }
    const range = request.range !== undefined && SINGLE_RANGE.test(request.range.trim()) ? request.range.trim() : undefined;
    const upstream = await this.plex.mediaPart(caller, part.key, { range, signal: request.signal }).catch(notFound('the media file is not on the Plex server'));
    if (upstream.status === 416) {
      upstream.body.destroy();
      const contentRange = header(upstream, 'content-range');
      return {
        status: 416,
        headers: { 'content-type': 'application/json; charset=utf-8', ...(contentRange ? { 'content-range': contentRange } : {}) },
        body: JSON.stringify({ statusCode: 416, error: 'Range Not Satisfiable', message: `the range ${range ?? ''} is outside the file` }),
      };
    }
    return { status: upstream.status, headers: pick(upstream, MEDIA_HEADERS), body: upstream.body };
  }

  private async transcodeResource(grant: StreamGrant, caller: PlexCaller, request: StreamRequest, now: number): Promise<StreamAnswer> {
    const path = grant.resource.slice('hls:'.length);
    const directory = this.transcodes.directoryFor(grant.sessionId, grant.itemId, path);
    if (!directory) throw new GoneException('this transcode has been replaced; the session has a new stream URL');
    const upstream = await this.plex
      .transcodeResource(caller, path, { signal: request.signal })
      .catch(notFound('this part of the transcode is not on the Plex server (any more)'));
    const isPlaylist = /\.m3u8$/i.test(path.split('?')[0] ?? '') || /mpegurl/i.test(header(upstream, 'content-type') ?? '');
    if (!isPlaylist) return { status: 200, headers: pick(upstream, SEGMENT_HEADERS), body: upstream.body };
    const text = await readText(upstream.body, MAX_PLAYLIST_BYTES);
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

function playlist(body: string): StreamAnswer {
  return { status: 200, headers: { 'content-type': PLAYLIST_TYPE, 'cache-control': 'no-store' }, body };
}

function notFound(message: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof PlexNotFoundError) throw new NotFoundException(message);
    throw error;
  };
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
