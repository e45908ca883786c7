// Per-user stream selection (`PUT /library/parts/{partId}`) and sidecar subtitles (`GET /library/streams/{id}.{ext}`).
import { HttpError } from '../http-error.js';
import type { MediaStream } from '../library-types.js';
import { boolInt, int, str } from '../param-rules.js';
import type { Reply, RequestContext, RouteDef } from '../route-types.js';
import { ok } from '../route-types.js';
import { selectionScope } from '../stream-selections.js';
import { seesSection } from '../users.js';

/** Image subtitle codecs: bitmaps, which no `format` can turn into text. */
const IMAGE_SUBTITLES = new Set(['pgs', 'vobsub', 'dvd_subtitle', 'hdmv_pgs_subtitle']);
const TEXT_FORMATS = new Set(['srt', 'ass', 'webvtt', 'vtt']);

function selectStreams(context: RequestContext): Reply {
  const { state, query, user } = context;
  const location = state.library.part(Number(context.pathParams.partId));
  if (!location || !seesSection(user, location.item.librarySectionID)) throw new HttpError(404, `no media part ${context.pathParams.partId}`);
  const streams = location.part.Stream ?? [];
  const find = (name: string, type: 2 | 3): MediaStream | undefined => {
    const id = Number(query[name]);
    const stream = streams.find((candidate) => candidate.id === id && candidate.streamType === type);
    if (!stream) throw new HttpError(400, `${name} ${query[name]} is not a stream of part ${location.part.id}`);
    return stream;
  };
  const audio = query.audioStreamID !== undefined ? find('audioStreamID', 2) : undefined;
  const subtitle = query.subtitleStreamID !== undefined && query.subtitleStreamID !== '0' ? find('subtitleStreamID', 3) : undefined;
  state.selections.choose(user.name, selectionScope(location.item), {
    ...(audio ? { audioIndex: audio.index } : {}),
    ...(query.subtitleStreamID !== undefined ? { subtitleIndex: subtitle ? subtitle.index : null } : {}),
  });
  return ok({ MediaContainer: { size: 0 } });
}

/** A minute of cues, so a converted file has something in it; the text says which stream and format it came from. */
function subtitleText(stream: MediaStream, format: string): string {
  const cue = (n: number, vtt: boolean) => {
    const sep = vtt ? '.' : ',';
    const from = `00:00:${String(n * 10).padStart(2, '0')}${sep}000`;
    const to = `00:00:${String(n * 10 + 5).padStart(2, '0')}${sep}000`;
    return `${vtt ? '' : `${n + 1}\n`}${from} --> ${to}\n[${stream.language ?? 'und'}] line ${n + 1} of stream ${stream.id}\n`;
  };
  const cues = [0, 1, 2, 3, 4];
  if (format === 'webvtt' || format === 'vtt') return `WEBVTT\n\n${cues.map((n) => cue(n, true)).join('\n')}`;
  if (format === 'ass') return `[Script Info]\nScriptType: v4.00+\n\n[Events]\n${cues.map((n) => `Dialogue: 0,0:00:${n * 10}.00,0:00:${n * 10 + 5}.00,Default,,0,0,0,,line ${n + 1} of stream ${stream.id}`).join('\n')}\n`;
  return cues.map((n) => cue(n, false)).join('\n');
}

function contentType(format: string): string {
  if (format === 'webvtt' || format === 'vtt') return 'text/vtt; charset=utf-8';
  if (format === 'ass') return 'text/x-ssa; charset=utf-8';
  return 'application/x-subrip; charset=utf-8';
}

function getStream(context: RequestContext): Reply {
  const { state, user, query } = context;
  const id = Number(context.pathParams.streamId);
  const found = state.library.stream(id);
  if (!found || !seesSection(user, found.item.librarySectionID)) throw new HttpError(404, `no stream ${context.pathParams.streamId}`);
  const { stream } = found;
  if (stream.streamType !== 3 || !stream.key) throw new HttpError(501, `stream ${id} is not a sidecar subtitle`);
  const image = IMAGE_SUBTITLES.has(stream.codec);
  if (query.format !== undefined && (image || !TEXT_FORMATS.has(query.format))) {
    throw new HttpError(400, image ? `stream ${id} is an image subtitle (${stream.codec}): it cannot be converted` : `unknown subtitle format '${query.format}'`);
  }
  if (image) return { status: 200, body: Buffer.from(`PG\u0000image subtitle ${id}`), contentType: 'application/octet-stream' };
  const format = query.format ?? stream.codec;
  return { status: 200, body: subtitleText(stream, format), contentType: contentType(format) };
}

export const streamRoutes: RouteDef[] = [
  {
    template: '/library/parts/{partId}',
    integerPathParams: ['partId'],
    operations: [{ method: 'PUT', query: [int('audioStreamID'), int('subtitleStreamID'), boolInt('allParts')], access: 'user', handle: selectStreams }],
  },
  {
    template: '/library/streams/{streamId}.{ext}',
    integerPathParams: ['streamId'],
    operations: [{ method: 'GET', query: [str('encoding'), str('format'), boolInt('autoAdjustSubtitle')], access: 'user', handle: getStream }],
    unimplemented: ['DELETE', 'PUT'],
  },
];
