import type {
  PlexIdentity,
  PlexMedia,
  PlexMediaType,
  PlexMetadataItem,
  PlexPlayQueue,
  PlexPlayQueueItem,
  PlexPreferences,
  PlexHub,
  PlexMarker,
  PlexPage,
  PlayedAtBehaviour,
  PlexSection,
  PlexSessionInfo,
  PlexTrack,
  TimelineAnswer,
  TranscodeDecision,
} from './plex.types.js';

/** Plex's JSON is loosely typed (numbers arrive as numbers or strings); these helpers read it defensively. */
type Json = Record<string, unknown>;

/** Plex's documented default for LibraryVideoPlayedThreshold. */
export const DEFAULT_PLAYED_THRESHOLD_PERCENT = 90;
/** Plex's documented default for LibraryVideoPlayedAtBehaviour: the earlier of the threshold and the first credits marker. */
export const DEFAULT_PLAYED_AT_BEHAVIOUR: PlayedAtBehaviour = 3;

function object(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}
function array(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(object) : [];
}
function int(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? Math.trunc(n) : undefined;
}
function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
function bool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

export function container(body: unknown): Json {
  return object(object(body).MediaContainer);
}

export function toIdentity(body: unknown): PlexIdentity {
  const mc = container(body);
  const machineIdentifier = str(mc.machineIdentifier);
  if (!machineIdentifier) throw new Error('identity answer has no machineIdentifier');
  return { machineIdentifier, version: str(mc.version), claimed: mc.claimed === undefined ? undefined : bool(mc.claimed) };
}

function toTrack(raw: Json): PlexTrack {
  return {
    id: int(raw.id) ?? 0,
    codec: str(raw.codec),
    language: str(raw.language),
    languageCode: str(raw.languageCode),
    title: str(raw.title) ?? str(raw.extendedDisplayTitle) ?? str(raw.displayTitle),
    channels: int(raw.channels),
    selected: bool(raw.selected),
    default: bool(raw.default),
    forced: bool(raw.forced),
    hearingImpaired: raw.hearingImpaired === undefined ? undefined : bool(raw.hearingImpaired),
    key: str(raw.key),
  };
}

function toMarkers(raw: unknown): PlexMarker[] {
  return array(raw).flatMap((marker) => {
    const type = str(marker.type);
    const startMs = int(marker.startTimeOffset);
    const endMs = int(marker.endTimeOffset);
    if ((type !== 'intro' && type !== 'credits') || startMs === undefined || endMs === undefined || endMs < startMs) return [];
    return [{ type, startMs, endMs }];
  });
}

function toMedia(raw: Json): PlexMedia {
  const streams = array(array(raw.Part)[0]?.Stream);
  return {
    id: int(raw.id) ?? 0,
    durationMs: int(raw.duration),
    container: str(raw.container),
    videoResolution: str(raw.videoResolution),
    audioStreams: streams.filter((stream) => int(stream.streamType) === 2).map(toTrack),
    subtitleStreams: streams.filter((stream) => int(stream.streamType) === 3).map(toTrack),
    parts: array(raw.Part).map((part) => ({
      id: int(part.id) ?? 0,
      key: str(part.key) ?? '',
      durationMs: int(part.duration),
      container: str(part.container),
      size: int(part.size),
    })),
  };
}

export function toMetadataItem(raw: Json): PlexMetadataItem {
  const ratingKey = str(raw.ratingKey) ?? '';
  return {
    ratingKey,
    key: str(raw.key) ?? `/library/metadata/${ratingKey}`,
    type: (str(raw.type) ?? 'clip') as PlexMediaType,
    title: str(raw.title) ?? '',
    durationMs: int(raw.duration),
    viewOffsetMs: int(raw.viewOffset),
    viewCount: int(raw.viewCount) ?? 0,
    lastViewedAt: int(raw.lastViewedAt),
    index: int(raw.index),
    parentIndex: int(raw.parentIndex),
    parentRatingKey: str(raw.parentRatingKey),
    grandparentRatingKey: str(raw.grandparentRatingKey),
    parentTitle: str(raw.parentTitle),
    grandparentTitle: str(raw.grandparentTitle),
    thumb: str(raw.thumb),
    playlistType: str(raw.playlistType),
    media: array(raw.Media).map(toMedia),
    markers: toMarkers(raw.Marker),
    year: int(raw.year),
    summary: str(raw.summary),
    art: str(raw.art),
    parentThumb: str(raw.parentThumb),
    grandparentThumb: str(raw.grandparentThumb),
    grandparentArt: str(raw.grandparentArt),
    logo: str(array(raw.Image).find((image) => image.type === 'clearLogo')?.url),
    leafCount: int(raw.leafCount),
    viewedLeafCount: int(raw.viewedLeafCount),
    childCount: int(raw.childCount),
    contentRating: str(raw.contentRating),
    studio: str(raw.studio),
    genres: array(raw.Genre).flatMap((genre) => str(genre.tag) ?? []),
    addedAt: int(raw.addedAt),
    librarySectionId: str(raw.librarySectionID),
  };
}

export function toPage(body: unknown): PlexPage {
  const mc = container(body);
  const items = array(mc.Metadata).map(toMetadataItem);
  return { items, offset: int(mc.offset) ?? 0, totalSize: int(mc.totalSize) ?? items.length };
}

export function toSections(body: unknown): PlexSection[] {
  return array(container(body).Directory).flatMap((raw) => {
    const id = str(raw.key);
    return id ? [{ id, title: str(raw.title) ?? '', type: str(raw.type) ?? '' }] : [];
  });
}

export function toHubs(body: unknown): PlexHub[] {
  return array(container(body).Hub).map((raw) => ({
    type: str(raw.type) ?? '',
    identifier: str(raw.hubIdentifier),
    items: array(raw.Metadata).map(toMetadataItem),
  }));
}

export function toMetadataList(body: unknown): PlexMetadataItem[] {
  return array(container(body).Metadata).map(toMetadataItem);
}

export function toPlayQueue(body: unknown): PlexPlayQueue {
  const mc = container(body);
  const id = int(mc.playQueueID);
  const version = int(mc.playQueueVersion);
  if (id === undefined || version === undefined) throw new Error('play queue answer has no playQueueID or playQueueVersion');
  const items: PlexPlayQueueItem[] = array(mc.Metadata).map((raw) => ({
    ...toMetadataItem(raw),
    playQueueItemId: int(raw.playQueueItemID) ?? 0,
  }));
  return {
    id,
    version,
    selectedItemId: int(mc.playQueueSelectedItemID),
    selectedItemOffset: int(mc.playQueueSelectedItemOffset),
    selectedRatingKey: str(mc.playQueueSelectedMetadataItemID),
    shuffled: bool(mc.playQueueShuffled),
    sourceUri: str(mc.playQueueSourceURI),
    totalCount: int(mc.playQueueTotalCount) ?? items.length,
    lastAddedItemId: int(mc.playQueueLastAddedItemID),
    items,
  };
}

export function toTimelineAnswer(body: unknown): TimelineAnswer {
  const mc = container(body);
  const code = int(mc.terminationCode);
  const text = str(mc.terminationText);
  return code !== undefined || text !== undefined ? { termination: { code, text } } : {};
}

export function toSessions(body: unknown): PlexSessionInfo[] {
  return array(container(body).Metadata).map((raw) => {
    const player = object(raw.Player);
    return {
      ratingKey: str(raw.ratingKey) ?? '',
      viewOffsetMs: int(raw.viewOffset),
      state: str(player.state),
      clientIdentifier: str(player.machineIdentifier),
      sessionId: str(object(raw.Session).id),
      user: str(object(raw.User).title),
    };
  });
}

export function toPreferences(body: unknown): PlexPreferences {
  const settings = array(container(body).Setting);
  const percent = int(settings.find((s) => s.id === 'LibraryVideoPlayedThreshold')?.value);
  const behaviour = int(settings.find((s) => s.id === 'LibraryVideoPlayedAtBehaviour')?.value);
  return {
    videoPlayedThresholdPercent:
      percent !== undefined && percent > 0 && percent <= 100 ? percent : DEFAULT_PLAYED_THRESHOLD_PERCENT,
    videoPlayedAtBehaviour:
      behaviour === 0 || behaviour === 1 || behaviour === 2 || behaviour === 3 ? behaviour : DEFAULT_PLAYED_AT_BEHAVIOUR,
  };
}

export function toTranscodeDecision(body: unknown): TranscodeDecision {
  const mc = container(body);
  const [item] = array(mc.Metadata);
  const [media] = array(item?.Media);
  const [part] = array(media?.Part);
  return {
    generalCode: int(mc.generalDecisionCode),
    generalText: str(mc.generalDecisionText),
    transcodeCode: int(mc.transcodeDecisionCode),
    transcodeText: str(mc.transcodeDecisionText),
    decision: str(part?.decision) ?? str(item?.decision) ?? str(media?.decision),
  };
}
