import { HttpError } from '../http-error.js';
import { boolInt } from '../param-rules.js';
import type { Reply, RequestContext, RouteDef } from '../route-types.js';

/** A byte range [start, end) to serve, 'unsatisfiable', or undefined to serve the whole file. */
export type RangeChoice = { start: number; end: number } | 'unsatisfiable' | undefined;

/**
 * One `bytes=` range of a `Range` header: `a-b`, `a-` or `-n`. A header that does not parse, another unit, or
 * several ranges are ignored (the whole file is served, as RFC 9110 allows).
 */
export function chooseRange(header: string | undefined, size: number): RangeChoice {
  if (header === undefined) return undefined;
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header.trim());
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return 'unsatisfiable';
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size : Math.min(size, Number(last) + 1);
  return { start, end };
}

function servePart(context: RequestContext): Reply {
  const partId = Number(context.pathParams.partId);
  const location = context.state.library.part(partId);
  if (!location) throw new HttpError(404, `no media part ${context.pathParams.partId}`);
  const { file } = location;
  const headers: Record<string, string> = { 'accept-ranges': 'bytes' };
  if (context.query.download === '1') {
    headers['content-disposition'] = `attachment; filename="${location.part.file.split('/').at(-1) ?? 'file'}"`;
  }
  const range = chooseRange(context.headers.range, file.size);
  if (range === 'unsatisfiable') {
    return { status: 416, body: 'Range Not Satisfiable', headers: { ...headers, 'content-range': `bytes */${file.size}` } };
  }
  if (range === undefined) {
    return { status: 200, body: '', contentType: file.contentType, headers, bytes: { file, start: 0, end: file.size } };
  }
  return {
    status: 206,
    body: '',
    contentType: file.contentType,
    headers: { ...headers, 'content-range': `bytes ${range.start}-${range.end - 1}/${file.size}` },
    bytes: { file, ...range },
  };
}

export const partRoutes: RouteDef[] = [
  {
    template: '/library/parts/{partId}/{changestamp}/{filename}',
    integerPathParams: ['partId', 'changestamp'],
    operations: [{ method: 'GET', query: [boolInt('download')], access: 'user', head: true, handle: servePart }],
  },
];
