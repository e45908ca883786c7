import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, Length } from 'class-validator';
import { IsListOf } from '../../../common/validators.js';
import { CardDto } from './card.dto.js';
import { IsLimit } from './page-query.dto.js';

export const SEARCH_TYPES = ['movie', 'show', 'episode', 'artist', 'album', 'track'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
export const MAX_SEARCH_LIMIT = 50;

/** `movie,show` → a list; an empty one stays a string, so it is refused. */
const toList = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const list = value.split(',').map((name) => name.trim()).filter((name) => name !== '');
  return list.length > 0 ? list : value;
};
const SEARCH_TYPE = new RegExp(`^(${SEARCH_TYPES.join('|')})$`);
const TYPES_MESSAGE = `types must list some of ${SEARCH_TYPES.join(', ')}`;

/** What to search for. */
export class SearchQueryDto {
  /**
   * Words of a title.
   * @example "harbour"
   */
  @Length(1, 100, { message: 'q must be 1 to 100 characters' })
  q: string;

  /** Comma-separated types to search; default all of them. */
  @ApiProperty({ type: 'string', required: false, example: 'movie,show' })
  @Transform(toList)
  @IsOptional()
  @IsListOf(SEARCH_TYPE, SEARCH_TYPES.length, { message: TYPES_MESSAGE })
  types?: string[];

  /** Items per type, 1 to 50, default 10. */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_SEARCH_LIMIT, required: false })
  @IsLimit(MAX_SEARCH_LIMIT)
  limit?: number;
}

/** The matches of one type. */
export class SearchResultDto {
  @ApiProperty({ enum: SEARCH_TYPES })
  type: SearchType;

  items: CardDto[];
}

export class SearchResultsDto {
  /** One entry per type with matches, in the order of `types`. */
  results: SearchResultDto[];
}
