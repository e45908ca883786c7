import { ApiProperty } from '@nestjs/swagger';

/** Artwork URLs of an item on the proxy: no header needed, signed, the same for the same artwork and size. */
export class CardImagesDto {
  /**
   * Portrait artwork (a movie's or show's poster; an episode shows its show's, a track its album's). Change `w`/`h`
   * for another size: they are snapped to a few sizes.
   * @example "http://proxy.local:3000/api/v1/images/eyJ2IjoxLC….Yk3…?w=360&h=540"
   */
  poster?: string;

  /** Landscape artwork (16:9 backdrop). */
  backdrop?: string;

  /** The title as a transparent logo, when Plex has one. */
  logo?: string;
}

/** Where the profile is in the item: the proxy's saved progress when newer than Plex's, else Plex's. */
export class CardProgressDto {
  /** @example 300000 */
  @ApiProperty({ type: 'integer' })
  positionMs: number;

  /** @example 5700000 */
  @ApiProperty({ type: 'integer' })
  durationMs: number;

  /** For a show, season or album: every episode or track is watched. */
  watched: boolean;
}

/** An item as a grid or a row shows it. */
export class CardDto {
  /** @example "211" */
  ratingKey: string;

  /**
   * movie, show, season, episode, artist, album, track, …
   * @example "episode"
   */
  type: string;

  /** @example "Episode 1 of season 1" */
  title: string;

  /** @example 2020 */
  @ApiProperty({ type: 'integer' })
  year?: number;

  /** @example 1380000 */
  @ApiProperty({ type: 'integer' })
  durationMs?: number;

  /**
   * An episode's number in its season, a season's number, a track's number.
   * @example 1
   */
  @ApiProperty({ type: 'integer' })
  index?: number;

  /**
   * An episode's season number.
   * @example 1
   */
  @ApiProperty({ type: 'integer' })
  parentIndex?: number;

  /**
   * The season of an episode, the show of a season, the album of a track.
   * @example "Season 1"
   */
  parentTitle?: string;

  /**
   * The show of an episode.
   * @example "Northern Lights"
   */
  showTitle?: string;

  /**
   * Episodes of a show or season, tracks of an album or artist.
   * @example 6
   */
  @ApiProperty({ type: 'integer' })
  childCount?: number;

  /** @example 2 */
  @ApiProperty({ type: 'integer' })
  watchedChildCount?: number;

  images: CardImagesDto;

  progress: CardProgressDto;
}

/** Why an item is in "Continue watching". */
export const CONTINUE_REASONS = ['resume', 'next'] as const;
export type ContinueReason = (typeof CONTINUE_REASONS)[number];

/** A card in "Continue watching". */
export class ContinueCardDto extends CardDto {
  /** `resume`: started and not finished; `next`: the next episode of a show being watched. */
  @ApiProperty({ enum: CONTINUE_REASONS })
  reason: ContinueReason;
}

/** One page of a list. */
export class CardPageDto {
  items: CardDto[];

  /**
   * How many items the whole list has.
   * @example 256
   */
  @ApiProperty({ type: 'integer' })
  total: number;

  /**
   * Pass as `cursor` for the next page; `null` only on the last page.
   * @example "eyJvIjo1MCwicSI6IjFhMmIzYyJ9"
   */
  @ApiProperty({ type: 'string', nullable: true })
  nextCursor: string | null;
}
