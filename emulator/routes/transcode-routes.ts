import { ratingKeyFromKey } from '../content-uri.js';
import { HttpError } from '../http-error.js';
import type { LibraryItem, MediaInfo, MediaPart } from '../library-types.js';
import { TS_AUDIO, TS_VIDEO, tsInitSection, tsStream } from '../media-files.js';
import { metadataJson } from '../metadata-view.js';
import type { ParamRule } from '../param-rules.js';
import { boolInt, int, num, oneOf, str } from '../param-rules.js';
import type { Reply, RequestContext, RouteDef } from '../route-types.js';
import { container } from '../route-types.js';
import { selectedFor, selectionScope } from '../stream-selections.js';
import type { TranscodeSession } from '../transcodes.js';

const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';
const SEGMENT_TYPE = 'video/mp2t';
const DEFAULT_SECONDS_PER_SEGMENT = 10;
const MAX_SEGMENTS = 1000;
/** TS units (PAT, PMT, one PES) per segment: about 23 KB. */
const UNITS_PER_SEGMENT = 3;
const SESSION_ID = /^[A-Za-z0-9._-]+$/;
const VIDEO_TYPES = ['movie', 'episode'];

/** The query parameters the spec declares for both decision and start.{extension}. */
const TRANSCODE_QUERY: readonly ParamRule[] = [
  str('transcodeSessionId'),
  oneOf('advancedSubtitles', ['burn', 'text', 'unknown']),
  int('audioBoost'),
  int('audioChannelCount'),
  boolInt('autoAdjustQuality'),
  boolInt('autoAdjustSubtitle'),
  boolInt('directPlay'),
  boolInt('directStream'),
  boolInt('directStreamAudio'),
  boolInt('disableResolutionRotation'),
  boolInt('hasMDE'),
  oneOf('location', ['lan', 'wan', 'cellular']),
  int('mediaBufferSize'),
  int('mediaIndex'),
  int('musicBitrate'),
  num('offset'),
  int('partIndex'),
  str('path'),
  int('peakBitrate'),
  str('photoResolution'),
  oneOf('protocol', ['http', 'hls', 'dash']),
  int('secondsPerSegment'),
  int('subtitleSize'),
  oneOf('subtitles', ['auto', 'burn', 'none', 'sidecar', 'embedded', 'segmented', 'unknown']),
  int('videoBitrate'),
  int('videoQuality'),
  str('videoResolution'),
];

/** What a decision or start asks for, checked against the library: the session's own terms, and what it plays. */
type TranscodeRequest = Pick<
  TranscodeSession,
  | 'transcodeType'
  | 'offsetSeconds'
  | 'directPlay'
  | 'directStream'
  | 'directStreamAudio'
  | 'subtitles'
  | 'burnedSubtitleStreamId'
  | 'audioStreamId'
  | 'videoBitrate'
  | 'videoResolution'
  | 'secondsPerSegment'
  | 'clientIdentifier'
  | 'sessionIdentifier'
> & { item: LibraryItem; media: MediaInfo; part: MediaPart };

/** A header value, or the same X-Plex-* name sent as a query parameter. */
function plexValue(context: RequestContext, name: string): string | undefined {
  return context.headers[name.toLowerCase()] ?? context.query[name];
}

function checkTranscodeType(context: RequestContext): string {
  const type = context.pathParams.transcodeType ?? '';
  if (type === 'subtitles') throw new HttpError(501, 'subtitle transcodes are not emulated');
  if (!['video', 'music', 'audio'].includes(type)) {
    throw new HttpError(400, `transcodeType must be one of video, music, audio, subtitles, got '${type}'`);
  }
  return type;
}

function parseRequest(context: RequestContext): TranscodeRequest {
  const { query, state } = context;
  const transcodeType = checkTranscodeType(context);
  if (query.protocol !== undefined && query.protocol !== 'hls') {
    throw new HttpError(400, `only protocol=hls is emulated, got '${query.protocol}'`);
  }
  if (query.path === undefined) throw new HttpError(400, 'path (/library/metadata/{ratingKey}) is required');
  const ratingKey = /^\/library\/metadata\/\d+$/.test(query.path) ? ratingKeyFromKey(query.path) : undefined;
  if (ratingKey === undefined) throw new HttpError(400, `path must be /library/metadata/{ratingKey}, got '${query.path}'`);
  const item = state.library.get(ratingKey);
  if (!item) throw new HttpError(404, `no metadata item ${ratingKey}`);
  const isVideo = VIDEO_TYPES.includes(item.type);
  if (!item.Media || (transcodeType === 'video') !== isVideo) {
    throw new HttpError(400, `a ${item.type} cannot be transcoded as ${transcodeType}`);
  }
  const mediaIndex = Number(query.mediaIndex ?? 0);
  const partIndex = Number(query.partIndex ?? 0);
  const media = item.Media[mediaIndex];
  if (!media) throw new HttpError(400, `mediaIndex ${mediaIndex} is out of range`);
  const part = media.Part[partIndex];
  if (!part) throw new HttpError(400, `partIndex ${partIndex} is out of range`);
  const offsetSeconds = Number(query.offset ?? 0);
  if (offsetSeconds < 0 || offsetSeconds * 1000 >= part.duration) {
    throw new HttpError(400, `offset ${query.offset} (seconds) is outside the item (${part.duration / 1000} s)`);
  }
  const resolution = query.videoResolution;
  if (resolution !== undefined && !/^\d+[x:]\d+$/.test(resolution)) {
    throw new HttpError(400, `videoResolution must be WIDTHxHEIGHT, got '${resolution}'`);
  }
  const secondsPerSegment = Number(query.secondsPerSegment ?? DEFAULT_SECONDS_PER_SEGMENT);
  if (secondsPerSegment < 1) throw new HttpError(400, 'secondsPerSegment must be at least 1');
  const clientIdentifier = plexValue(context, 'X-Plex-Client-Identifier');
  if (!clientIdentifier) throw new HttpError(400, 'X-Plex-Client-Identifier header is required');
  // The streams played are the user's own choice for the part (PUT /library/parts/{id}), as in Plex.
  const chosen = selectedFor(part.Stream ?? [], state.selections.get(context.user.name, selectionScope(item))).filter((stream) => stream.selected);
  const audio = chosen.find((stream) => stream.streamType === 2);
  const subtitle = chosen.find((stream) => stream.streamType === 3);
  return {
    transcodeType,
    item,
    media,
    part,
    offsetSeconds,
    directPlay: query.directPlay !== '0',
    directStream: query.directStream !== '0',
    directStreamAudio: query.directStreamAudio !== '0',
    subtitles: query.subtitles,
    burnedSubtitleStreamId: query.subtitles === 'burn' ? subtitle?.id : undefined,
    audioStreamId: audio?.id,
    videoBitrate: query.videoBitrate !== undefined ? Number(query.videoBitrate) : undefined,
    videoResolution: resolution?.replace(':', 'x'),
    secondsPerSegment,
    clientIdentifier,
    sessionIdentifier: plexValue(context, 'X-Plex-Session-Identifier'),
  };
}

function decide(context: RequestContext): Reply {
  const request = parseRequest(context);
  const { item, media, part } = request;
  const { state, user } = context;
  const decision = request.directPlay ? 'directplay' : 'transcode';
  const metadata = {
    ...metadataJson(item, state.library, state.watch, user.name),
    Media: [{ ...structuredClone(media), selected: true, Part: [{ ...structuredClone(part), decision, selected: true }] }],
  };
  const codes = request.directPlay
    ? {
        generalDecisionCode: 1000,
        generalDecisionText: 'Direct play OK.',
        directPlayDecisionCode: 1000,
        directPlayDecisionText: 'Direct play OK.',
      }
    : {
        generalDecisionCode: 1001,
        generalDecisionText: 'Direct play not available; Conversion OK.',
        directPlayDecisionCode: 3000,
        directPlayDecisionText: 'App cannot direct play this item. Direct play is disabled.',
        transcodeDecisionCode: 1001,
        transcodeDecisionText: 'Direct play not available; Conversion OK.',
      };
  return container({ size: 1, availableBandwidth: 100_000, ...codes, Metadata: [metadata] });
}

function segmentCount(durationMs: number, offsetSeconds: number, secondsPerSegment: number): number {
  const remaining = durationMs / 1000 - offsetSeconds;
  return Math.min(MAX_SEGMENTS, Math.max(1, Math.ceil(remaining / secondsPerSegment)));
}

function start(context: RequestContext): Reply {
  const extension = context.pathParams.extension ?? '';
  if (extension === 'mpd') throw new HttpError(501, 'DASH (start.mpd) is not emulated');
  if (extension !== 'm3u8') throw new HttpError(400, `extension must be m3u8 or mpd, got '${extension}'`);
  const request = parseRequest(context);
  const id = context.query.transcodeSessionId;
  if (id !== undefined && !SESSION_ID.test(id)) throw new HttpError(400, `transcodeSessionId '${id}' has unsafe characters`);
  const session = context.state.transcodes.start({
    id,
    transcodeType: request.transcodeType,
    ratingKey: request.item.ratingKey,
    partId: request.part.id,
    user: context.user.name,
    clientIdentifier: request.clientIdentifier,
    sessionIdentifier: request.sessionIdentifier,
    offsetSeconds: request.offsetSeconds,
    directPlay: request.directPlay,
    directStream: request.directStream,
    directStreamAudio: request.directStreamAudio,
    subtitles: request.subtitles,
    burnedSubtitleStreamId: request.burnedSubtitleStreamId,
    audioStreamId: request.audioStreamId,
    videoBitrate: request.videoBitrate,
    videoResolution: request.videoResolution,
    secondsPerSegment: request.secondsPerSegment,
    segmentCount: segmentCount(request.part.duration, request.offsetSeconds, request.secondsPerSegment),
  });
  for (const name of ['videoBitrate', 'videoResolution', 'subtitles', 'burnedSubtitleStreamId', 'audioStreamId'] as const) {
    if (session[name] === undefined) delete session[name];
  }
  const { media } = request;
  const isVideo = request.transcodeType === 'video';
  const kbps = (isVideo ? request.videoBitrate : Number(context.query.musicBitrate ?? NaN)) || media.bitrate;
  const attributes = [`BANDWIDTH=${kbps * 1000}`];
  if (isVideo) attributes.push(`RESOLUTION=${request.videoResolution ?? `${media.width}x${media.height}`}`);
  attributes.push(isVideo ? 'CODECS="avc1.640028,mp4a.40.2"' : 'CODECS="mp4a.40.2"');
  const body = ['#EXTM3U', `#EXT-X-STREAM-INF:${attributes.join(',')}`, `session/${session.id}/base/index.m3u8`, ''].join('\n');
  return { status: 200, body, contentType: PLAYLIST_TYPE };
}

function segmentName(index: number): string {
  return `${String(index).padStart(5, '0')}.ts`;
}

function requireRunning(context: RequestContext): TranscodeSession {
  const id = context.pathParams.transcodeSessionId ?? '';
  const session = context.state.transcodes.running(id);
  if (!session || session.transcodeType !== context.pathParams.transcodeType) {
    throw new HttpError(404, `no running transcode session ${id}`);
  }
  return session;
}

/**
 * The media playlist. URI forms: relative (`00000.ts`), one absolute path (segment 1) and an attribute URI
 * (`#EXT-X-MAP:URI="init.ts"`), as a proxy that rewrites playlists must handle all of them.
 */
function mediaPlaylist(context: RequestContext): Reply {
  const session = requireRunning(context);
  const item = context.state.library.get(session.ratingKey);
  const total = (item?.duration ?? 0) / 1000 - session.offsetSeconds;
  const base = `/${session.transcodeType}/:/transcode/universal/session/${session.id}/base/`;
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:6',
    `#EXT-X-TARGETDURATION:${session.secondsPerSegment}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-MAP:URI="init.ts"',
  ];
  for (let index = 0; index < session.segmentCount; index++) {
    const length = Math.min(session.secondsPerSegment, total - index * session.secondsPerSegment);
    lines.push(`#EXTINF:${Math.max(length, 0.001).toFixed(3)},`, index === 1 ? base + segmentName(index) : segmentName(index));
  }
  lines.push('#EXT-X-ENDLIST', '');
  return { status: 200, body: lines.join('\n'), contentType: PLAYLIST_TYPE };
}

function segment(context: RequestContext): Reply {
  const session = requireRunning(context);
  const name = context.pathParams.segment ?? '';
  const kind = session.transcodeType === 'video' ? TS_VIDEO : TS_AUDIO;
  if (name === 'init.ts') return { status: 200, body: tsInitSection(kind), contentType: SEGMENT_TYPE };
  const match = /^(\d{5})\.ts$/.exec(name);
  const index = match ? Number(match[1]) : -1;
  if (index < 0 || index >= session.segmentCount) throw new HttpError(404, `no segment ${name} in ${session.id}`);
  return { status: 200, body: tsStream(index * UNITS_PER_SEGMENT, UNITS_PER_SEGMENT, kind), contentType: SEGMENT_TYPE };
}

export const transcodeRoutes: RouteDef[] = [
  {
    template: '/{transcodeType}/:/transcode/universal/decision',
    operations: [
      { method: 'GET', query: TRANSCODE_QUERY, requiredHeaders: ['x-plex-client-identifier'], access: 'user', handle: decide },
    ],
  },
  {
    template: '/{transcodeType}/:/transcode/universal/start.{extension}',
    operations: [
      { method: 'GET', query: TRANSCODE_QUERY, requiredHeaders: ['x-plex-client-identifier'], access: 'user', handle: start },
    ],
  },
];

/**
 * Server-provided resources, not API operations: URLs a transcode's playlists hand out (media playlist, init
 * section, segments). The spec does not list them, so they stay out of ROUTES and of its conformance check.
 * They take no parameters but X-Plex-* ones.
 */
export const transcodeResources: RouteDef[] = [
  {
    template: '/{transcodeType}/:/transcode/universal/session/{transcodeSessionId}/base/index.m3u8',
    operations: [{ method: 'GET', query: [], access: 'user', handle: mediaPlaylist }],
  },
  {
    template: '/{transcodeType}/:/transcode/universal/session/{transcodeSessionId}/base/{segment}',
    operations: [{ method: 'GET', query: [], access: 'user', handle: segment }],
  },
];
