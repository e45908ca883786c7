import type { LibraryItem, MediaStream } from './library-types.js';

/** The streams a user chose, by their place in the part's list (every episode of a show has the same layout). */
export interface StreamChoice {
  audioIndex?: number;
  /** null: subtitles off. */
  subtitleIndex?: number | null;
}

/**
 * Audio and subtitle choices per user and per show (or movie), as Plex keeps `PUT /library/parts/{id}` selections
 * per user and carries them on to the next episode of the same show.
 */
export class StreamSelections {
  private readonly choices = new Map<string, StreamChoice>();

  choose(user: string, scope: string, choice: StreamChoice): void {
    const key = `${user}\u0000${scope}`;
    this.choices.set(key, { ...this.choices.get(key), ...choice });
  }

  get(user: string, scope: string): StreamChoice | undefined {
    const choice = this.choices.get(`${user}\u0000${scope}`);
    return choice ? { ...choice } : undefined;
  }
}

/** The streams as one user sees them: `selected` on the chosen audio and subtitle streams (else the defaults). */
export function selectedFor(streams: readonly MediaStream[], choice: StreamChoice | undefined): MediaStream[] {
  const audioIndex = choice?.audioIndex ?? streams.find((stream) => stream.streamType === 2 && stream.default)?.index;
  const subtitleIndex = choice?.subtitleIndex === undefined ? null : choice.subtitleIndex;
  return streams.map((stream) => {
    const { selected: _stored, ...rest } = stream;
    const selected =
      (stream.streamType === 2 && stream.index === audioIndex) || (stream.streamType === 3 && subtitleIndex !== null && stream.index === subtitleIndex);
    return selected ? { ...rest, selected: true } : rest;
  });
}

/** Whose choice applies to an item: its show's for an episode, else the item's own. */
export function selectionScope(item: LibraryItem): string {
  return item.type === 'episode' ? (item.grandparentRatingKey ?? item.ratingKey) : item.ratingKey;
}
