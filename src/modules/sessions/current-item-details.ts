import type { CurrentItemDetails, PlaybackSession, TrackSnapshot } from '../../entities/playback-session.entity.js';
import type { PlexMetadataItem, PlexTrack } from '../plex/plex.types.js';

export function trackSnapshot(track: PlexTrack): TrackSnapshot {
  return {
    id: track.id,
    codec: track.codec,
    language: track.language,
    languageCode: track.languageCode,
    title: track.title,
    channels: track.channels,
    selected: track.selected,
    default: track.default,
    forced: track.forced,
    hearingImpaired: track.hearingImpaired,
    external: track.key !== undefined,
  };
}

/** The markers and tracks of an item (read with `includeMarkers`) as the session keeps them for queue item `itemId`. */
export function detailsOf(item: PlexMetadataItem, itemId: number): CurrentItemDetails {
  const media = item.media[0];
  return {
    itemId,
    partId: media?.parts[0]?.id,
    markers: item.markers.map(({ type, startMs, endMs }) => ({ type, startMs, endMs })),
    audioTracks: (media?.audioStreams ?? []).map(trackSnapshot),
    subtitleTracks: (media?.subtitleStreams ?? []).map(trackSnapshot),
  };
}

/** The details of the session's current item; undefined when they are of another item or unknown. */
export function currentDetailsOf(session: PlaybackSession): CurrentItemDetails | undefined {
  const details = session.itemDetails;
  return details && details.itemId === session.playQueueItemId ? details : undefined;
}

/** Where the current item's credits markers start (ms), for the played rule; empty when none are known. */
export function creditsStartsOf(session: PlaybackSession): number[] {
  return (currentDetailsOf(session)?.markers ?? []).filter((marker) => marker.type === 'credits').map((marker) => marker.startMs);
}
