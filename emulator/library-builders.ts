// Builders of demo items, shared by the hand-written demo library and the generated catalogue.
import type { ItemType, LibraryItem, Marker, MediaInfo, MediaStream } from './library-types.js';
import { generateTsFile, generateWavFile } from './media-files.js';
import type { GeneratedFile } from './media-files.js';

export const ADDED_AT = 1_700_000_000;
export const MINUTE = 60_000;

export const MOVIES_SECTION = { librarySectionID: 1, librarySectionTitle: 'Movies' };
export const SHOWS_SECTION = { librarySectionID: 2, librarySectionTitle: 'TV Shows' };
export const MUSIC_SECTION = { librarySectionID: 3, librarySectionTitle: 'Music' };

let nextMediaId = 1000;
let nextPartId = 2000;
let nextStreamId = 5000;
/** The extra streams and markers of the family demo items count apart, so every other id stays as it was. */
let nextExtraStreamId = 90_000;
let nextMarkerId = 1;

/** Media, part and stream ids start over with every library built, so ids are the same in every run. */
export function resetMediaIds(): void {
  nextMediaId = 1000;
  nextPartId = 2000;
  nextStreamId = 5000;
  nextExtraStreamId = 90_000;
  nextMarkerId = 1;
}

/** The bytes behind every part: one file for video parts, one for tracks. */
export interface PartFiles {
  video: GeneratedFile;
  audio: GeneratedFile;
}

/** Default size of the generated media files. */
export const DEFAULT_MEDIA_BYTES = 4 * 1024 * 1024;

export function generatePartFiles(bytes: number = DEFAULT_MEDIA_BYTES): PartFiles {
  return { video: generateTsFile(bytes), audio: generateWavFile(bytes) };
}

/** The streams of every video part: H.264 video, English and French AAC audio, English SRT subtitles. */
function videoStreams(): MediaStream[] {
  return [
    { id: nextStreamId++, streamType: 1, codec: 'h264', index: 0 },
    { id: nextStreamId++, streamType: 2, codec: 'aac', index: 1, channels: 2, language: 'English', languageCode: 'eng', displayTitle: 'English (AAC Stereo)', default: true, selected: true },
    { id: nextStreamId++, streamType: 2, codec: 'aac', index: 2, channels: 2, language: 'Français', languageCode: 'fra', displayTitle: 'Français (AAC Stereo)' },
    subtitle(nextStreamId++, 'srt', 3, 'English', 'eng', {}),
  ];
}

function subtitle(id: number, codec: string, index: number, language: string, languageCode: string, extra: Partial<MediaStream>): MediaStream {
  const kind = codec === 'pgs' ? 'PGS' : codec.toUpperCase();
  const label = [extra.title, extra.forced ? 'Forced' : undefined].filter(Boolean).join(' ');
  return {
    id,
    streamType: 3,
    codec,
    index,
    language,
    languageCode,
    displayTitle: `${language}${label ? ` ${label}` : ''} (${kind})`,
    // Text subtitles are sidecar files (a key to fetch them by); image ones are embedded in the video file.
    ...(codec === 'pgs' ? {} : { key: `/library/streams/${id}` }),
    ...extra,
  };
}

/**
 * The family demo's tracks, after the usual ones: English DTS 5.1 (a codec many TVs cannot play), French forced text
 * subtitles (signs and songs), English SDH image subtitles (PGS: cannot be converted to text).
 */
function familyExtraStreams(): MediaStream[] {
  return [
    { id: nextExtraStreamId++, streamType: 2, codec: 'dts', index: 4, channels: 6, language: 'English', languageCode: 'eng', title: 'Surround', displayTitle: 'English Surround (DTS 5.1)' },
    subtitle(nextExtraStreamId++, 'srt', 5, 'Français', 'fra', { forced: true }),
    subtitle(nextExtraStreamId++, 'pgs', 6, 'English', 'eng', { title: 'SDH', hearingImpaired: true }),
  ];
}

/**
 * Makes an item one of the family demo's: the extra tracks on its part, and markers (an intro from 1:00 to 1:30,
 * credits from 85 % of the duration to the end: before the default 90 % threshold, so "played at the credits" and "played
 * at 90 %" differ).
 */
export function asFamilyDemo(item: LibraryItem): LibraryItem {
  const duration = item.duration ?? 0;
  const part = item.Media?.[0]?.Part[0];
  if (part) part.Stream = [...(part.Stream ?? []), ...familyExtraStreams()];
  const markers: Marker[] = [
    { id: nextMarkerId++, type: 'intro', startTimeOffset: 60_000, endTimeOffset: 90_000 },
    { id: nextMarkerId++, type: 'credits', startTimeOffset: Math.round((duration * 0.85) / 1000) * 1000, endTimeOffset: duration, final: true },
  ];
  return { ...item, Marker: markers };
}

export function videoMedia(file: GeneratedFile, duration: number, fileName: string): MediaInfo[] {
  const mediaId = nextMediaId++;
  const partId = nextPartId++;
  return [
    {
      id: mediaId,
      duration,
      container: file.container,
      bitrate: 4000,
      videoCodec: 'h264',
      videoResolution: '1080',
      width: 1920,
      height: 1080,
      audioCodec: 'aac',
      audioChannels: 2,
      Part: [
        {
          id: partId,
          key: `/library/parts/${partId}/${ADDED_AT}/file.${file.extension}`,
          duration,
          file: `/media/${fileName}.${file.extension}`,
          size: file.size,
          container: file.container,
          Stream: videoStreams(),
        },
      ],
    },
  ];
}

export function audioMedia(file: GeneratedFile, duration: number, fileName: string): MediaInfo[] {
  const mediaId = nextMediaId++;
  const partId = nextPartId++;
  return [
    {
      id: mediaId,
      duration,
      container: file.container,
      bitrate: 1411,
      audioCodec: 'pcm',
      audioChannels: 2,
      Part: [
        {
          id: partId,
          key: `/library/parts/${partId}/${ADDED_AT}/file.${file.extension}`,
          duration,
          file: `/music/${fileName}.${file.extension}`,
          size: file.size,
          container: file.container,
        },
      ],
    },
  ];
}

export function base(ratingKey: string, type: ItemType, title: string, summary: string): LibraryItem {
  return {
    ratingKey,
    key: `/library/metadata/${ratingKey}`,
    guid: `plex://${type}/demo${ratingKey}`,
    type,
    title,
    summary,
    thumb: `/library/metadata/${ratingKey}/thumb/${ADDED_AT}`,
    addedAt: ADDED_AT,
    updatedAt: ADDED_AT,
    ...MOVIES_SECTION,
  };
}

export function movie(files: PartFiles, ratingKey: string, title: string, year: number, minutes: number, summary: string): LibraryItem {
  const duration = minutes * MINUTE;
  return {
    ...base(ratingKey, 'movie', title, summary),
    year,
    duration,
    art: `/library/metadata/${ratingKey}/art/${ADDED_AT}`,
    Media: videoMedia(files.video, duration, title.replace(/\W+/g, '_')),
  };
}

export function seasonOf(show: LibraryItem, ratingKey: string, index: number, leafCount: number): LibraryItem {
  return {
    ...base(ratingKey, 'season', `Season ${index}`, ''),
    ...SHOWS_SECTION,
    index,
    parentRatingKey: show.ratingKey,
    parentKey: show.key,
    parentTitle: show.title,
    parentThumb: show.thumb,
    leafCount,
  };
}

export function episodeOf(files: PartFiles, season: LibraryItem, ratingKey: string, index: number, duration: number, year: number, fileName: string): LibraryItem {
  const seasonIndex = season.index!;
  return {
    ...base(ratingKey, 'episode', `Episode ${index} of season ${seasonIndex}`, `Season ${seasonIndex}, episode ${index}.`),
    ...SHOWS_SECTION,
    year,
    duration,
    index,
    parentIndex: seasonIndex,
    parentRatingKey: season.ratingKey,
    parentKey: season.key,
    parentTitle: season.title,
    grandparentRatingKey: season.parentRatingKey,
    grandparentKey: season.parentKey,
    grandparentTitle: season.parentTitle,
    grandparentThumb: season.parentThumb,
    Media: videoMedia(files.video, duration, fileName),
  };
}

