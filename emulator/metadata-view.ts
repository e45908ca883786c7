import type { DemoLibrary } from './demo-library.js';
import type { ItemSnapshot, LibraryItem, Playlist } from './library-types.js';
import { isLeaf } from './library-types.js';
import { selectedFor, selectionScope, type StreamSelections } from './stream-selections.js';
import type { WatchStateStore } from './watch-state.js';

/** What only some calls add to an item: the user's stream choices, markers (`includeMarkers=1`). */
export interface MetadataExtras {
  selections?: StreamSelections;
  includeMarkers?: boolean;
}

/** An item with one user's watch state: what `item()` returns to tests. */
export function snapshot(item: LibraryItem, watch: WatchStateStore, user: string): ItemSnapshot {
  return { ...structuredClone(item), ...watch.get(user, item.ratingKey) };
}

/** An item as Plex serializes it for one user (watch fields only when set; counts of viewed leaves on parents). */
export function metadataJson(
  item: LibraryItem,
  library: DemoLibrary,
  watch: WatchStateStore,
  user: string,
  extras: MetadataExtras = {},
): Record<string, unknown> {
  const json: Record<string, unknown> = { ...structuredClone(item) };
  if (!extras.includeMarkers) delete json.Marker;
  if (extras.selections && item.Media) {
    const choice = extras.selections.get(user, selectionScope(item));
    json.Media = (json.Media as LibraryItem['Media'])?.map((media) => ({
      ...media,
      Part: media.Part.map((part) => (part.Stream ? { ...part, Stream: selectedFor(part.Stream, choice) } : part)),
    }));
  }
  if (isLeaf(item)) {
    const state = watch.get(user, item.ratingKey);
    if (state.viewOffset !== undefined) json.viewOffset = state.viewOffset;
    if (state.viewCount > 0) json.viewCount = state.viewCount;
    if (state.lastViewedAt !== undefined) json.lastViewedAt = state.lastViewedAt;
  } else {
    const leaves = library.leaves(item.ratingKey);
    json.leafCount = leaves.length;
    json.viewedLeafCount = leaves.filter((leaf) => watch.get(user, leaf.ratingKey).viewCount > 0).length;
  }
  return json;
}

export function playlistJson(playlist: Playlist, library: DemoLibrary): Record<string, unknown> {
  const items = library.playlistItems(playlist.ratingKey);
  const { itemRatingKeys: _keys, ...fields } = playlist;
  return {
    ...fields,
    leafCount: items.length,
    duration: items.reduce((sum, item) => sum + (item.duration ?? 0), 0),
    composite: `/playlists/${playlist.ratingKey}/composite/${playlist.updatedAt}`,
  };
}
