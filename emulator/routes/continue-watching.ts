import type { LibraryItem } from '../library-types.js';
import { metadataJson } from '../metadata-view.js';
import type { RequestContext, Reply } from '../route-types.js';
import { container } from '../route-types.js';
import { seesSection } from '../users.js';

interface Entry {
  item: LibraryItem;
  changedAt: number;
}

/**
 * The caller's "Continue watching": leaves in progress, and for each show with a watched episode and unwatched
 * ones left, the next episode after the last one watched (specials left out), one entry per show, the most
 * recently changed first.
 */
export function continueWatching(context: RequestContext): Reply {
  const { state, user, query } = context;
  const { library, watch } = state;
  const byGroup = new Map<string, Entry>();
  const offer = (group: string, entry: Entry) => {
    const known = byGroup.get(group);
    if (!known || entry.changedAt > known.changedAt) byGroup.set(group, entry);
  };
  for (const item of library.items) {
    if (!seesSection(user, item.librarySectionID)) continue;
    if ((item.type === 'movie' || item.type === 'episode') && (watch.get(user.name, item.ratingKey).viewOffset ?? 0) > 0) {
      offer(item.grandparentRatingKey ?? item.ratingKey, { item, changedAt: watch.lastChange(user.name, item.ratingKey) });
    }
    if (item.type === 'show') {
      const episodes = library.leaves(item.ratingKey).filter((episode) => episode.parentIndex !== 0);
      const lastWatched = episodes.reduce((last, episode, index) => (watch.get(user.name, episode.ratingKey).viewCount > 0 ? index : last), -1);
      const next = episodes.slice(lastWatched + 1).find((episode) => watch.get(user.name, episode.ratingKey).viewCount === 0);
      const watched = episodes[lastWatched];
      if (watched && next) offer(item.ratingKey, { item: next, changedAt: watch.lastChange(user.name, watched.ratingKey) });
    }
  }
  const count = query.count !== undefined ? Number(query.count) : 20;
  const entries = [...byGroup.values()].sort((a, b) => b.changedAt - a.changedAt).slice(0, count);
  const metadata = entries.map(({ item }) => metadataJson(item, library, watch, user.name));
  return container({
    size: 1,
    Hub: [{ hubIdentifier: 'home.continue', title: 'Continue Watching', type: 'mixed', size: metadata.length, Metadata: metadata }],
  });
}
