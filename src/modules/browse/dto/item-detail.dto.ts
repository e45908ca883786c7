import { ApiProperty } from '@nestjs/swagger';
import { TrackDto } from '../../sessions/dto/track.dto.js';
import { CardDto, CardPageDto } from './card.dto.js';

/** The item's (first) file. */
export class MediaSummaryDto {
  /** @example "1080" */
  videoResolution?: string;

  /** @example "mkv" */
  container?: string;

  /** @example 5700000 */
  @ApiProperty({ type: 'integer' })
  durationMs?: number;

  audioTracks: TrackDto[];

  subtitleTracks: TrackDto[];
}

/** One item with what a detail page shows. */
export class ItemDetailDto extends CardDto {
  /** @example "A keeper and a storm that will not end." */
  summary?: string;

  /** @example ["Drama", "Thriller"] */
  genres: string[];

  /** @example "PG-13" */
  contentRating?: string;

  /** @example "Aurora Studios" */
  studio?: string;

  media?: MediaSummaryDto;

  /** A show's seasons (specials, season 0, first when there are any). */
  seasons?: CardDto[];

  /** A show's episode to play: the one in progress, else the first unwatched (specials aside). */
  nextUp?: CardDto;

  /** A season's episodes or an album's tracks: the first page (`GET /items/{ratingKey}/children` for more). */
  children?: CardPageDto;
}
