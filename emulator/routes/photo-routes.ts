import { createHash } from 'node:crypto';
import { HttpError } from '../http-error.js';
import { boolInt, int, oneOf, str } from '../param-rules.js';
import { gradientPng, type Rgb } from '../png.js';
import type { RequestContext, Reply, RouteDef } from '../route-types.js';
import { visibleItem } from './browse-routes.js';

/** Artwork the server holds: `/library/metadata/{ratingKey}/{kind}/{version}` (poster, backdrop, logo). */
const ARTWORK = /^\/library\/metadata\/([A-Za-z0-9._-]+)\/(thumb|art|clearLogo)\/(\d+)$/;
/** The size of the "original" of each kind of artwork (a poster, a 16:9 backdrop). */
const ORIGINAL = { thumb: { width: 1000, height: 1500 }, art: { width: 1920, height: 1080 }, clearLogo: { width: 1200, height: 400 } } as const;
const MAX_SIDE = 4096;
const CACHE_LIMIT = 256;

/** Rendered images, so a bench or a grid of posters does not deflate the same picture again. */
const rendered = new Map<string, Buffer>();

function colours(seed: string): [Rgb, Rgb] {
  const hash = createHash('sha256').update(seed).digest();
  return [
    [hash[0] >> 1, hash[1] >> 1, hash[2] >> 1],
    [128 + (hash[3] >> 1), 128 + (hash[4] >> 1), 128 + (hash[5] >> 1)],
  ];
}

/** The answer's size: `minSize=1` covers the box, else fits inside it; `upscale=0` never grows past the original. */
function targetSize(original: { width: number; height: number }, width?: number, height?: number, minSize = false, upscale = true) {
  if (width === undefined && height === undefined) return original;
  const scales = [width, height].map((side, i) => (side === undefined ? undefined : side / (i === 0 ? original.width : original.height)));
  const defined = scales.filter((scale): scale is number => scale !== undefined);
  let scale = minSize ? Math.max(...defined) : Math.min(...defined);
  if (!upscale) scale = Math.min(scale, 1);
  return { width: Math.max(1, Math.round(original.width * scale)), height: Math.max(1, Math.round(original.height * scale)) };
}

function dimension(query: Record<string, string>, name: 'width' | 'height'): number | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  const number = Number(value);
  if (number < 1 || number > MAX_SIDE) throw new HttpError(400, `${name} must be from 1 to ${MAX_SIDE}`);
  return number;
}

/** `GET /photo/:/transcode`: the artwork named by `url`, resized, as a real PNG (the only format it encodes). */
function transcode(context: RequestContext): Reply {
  const { query } = context;
  const url = query.url;
  if (url === undefined) throw new HttpError(400, 'url is required');
  const artwork = ARTWORK.exec(url);
  if (!artwork) throw new HttpError(404, `no image at ${url}`);
  const [, ratingKey = '', kind = 'thumb', version] = artwork;
  const item = visibleItem(context, ratingKey);
  const path = kind === 'art' ? item.art : kind === 'clearLogo' ? item.Image?.find((image) => image.type === 'clearLogo')?.url : item.thumb;
  if (path !== url) throw new HttpError(404, `no image at ${url} (version ${version})`);
  if (query.format !== undefined && query.format !== 'png') throw new HttpError(501, 'the emulator encodes PNG only');
  const size = targetSize(ORIGINAL[kind as keyof typeof ORIGINAL], dimension(query, 'width'), dimension(query, 'height'), query.minSize === '1', query.upscale !== '0');
  const key = `${url} ${size.width}x${size.height}`;
  let png = rendered.get(key);
  if (!png) {
    const [top, bottom] = colours(url);
    png = gradientPng(size.width, size.height, top, bottom);
    if (rendered.size >= CACHE_LIMIT) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, png);
  }
  return { status: 200, body: png, contentType: 'image/png' };
}

export const photoRoutes: RouteDef[] = [
  {
    template: '/photo/:/transcode',
    operations: [
      {
        method: 'GET',
        query: [
          str('url'),
          oneOf('format', ['jpg', 'jpeg', 'png', 'ppm']),
          int('width'),
          int('height'),
          int('quality'),
          str('background'),
          boolInt('upscale'),
          boolInt('minSize'),
          boolInt('rotate'),
          int('blur'),
          int('saturation'),
          int('opacity'),
          oneOf('chromaSubsampling', ['0', '1', '2', '3']),
          str('blendColor'),
        ],
        access: 'user',
        handle: transcode,
      },
    ],
  },
];
