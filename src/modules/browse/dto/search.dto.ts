import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsIn, IsInt, IsOptional, Length, Max, Min } from 'class-validator';
import { CardDto } from './card.dto.js';
import { toInt } from './page-query.dto.js';

export const SEARCH_TYPES = ['movie', 'show', 'episode', 'artist', 'album', 'track'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
export const MAX_SEARCH_LIMIT = 50;

const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((name) => name.trim()).filter((name) => name !== '') : value;

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
  @ArrayNotEmpty({ message: `types must list some of ${SEARCH_TYPES.join(', ')}` })
  @IsIn(SEARCH_TYPES, { each: true, message: `types must list some of ${SEARCH_TYPES.join(', ')}` })
  types?: SearchType[];

  /** Items per type, 1 to 50, default 10. */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_SEARCH_LIMIT, required: false })
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: `limit must be an integer from 1 to ${MAX_SEARCH_LIMIT}` })
  @Min(1, { message: `limit must be an integer from 1 to ${MAX_SEARCH_LIMIT}` })
  @Max(MAX_SEARCH_LIMIT, { message: `limit must be an integer from 1 to ${MAX_SEARCH_LIMIT}` })
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
