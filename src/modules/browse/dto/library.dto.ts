import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Length } from 'class-validator';
import { PageQueryDto } from './page-query.dto.js';

export const LIBRARY_TYPES = ['movie', 'show', 'artist', 'photo'] as const;
export type LibraryType = (typeof LIBRARY_TYPES)[number];

/** A library of the Plex server the profile may see. */
export class LibraryDto {
  /** @example "1" */
  id: string;

  /** @example "Movies" */
  title: string;

  @ApiProperty({ enum: LIBRARY_TYPES })
  type: LibraryType;
}

export const LIBRARY_SORTS = ['title', 'addedAt', 'year', 'lastViewedAt'] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/** Which items of a library, in which order, which page. */
export class LibraryItemsQueryDto extends PageQueryDto {
  /** Default `title`; ties are broken by the item id, so pages never repeat or skip an item. */
  @ApiProperty({ enum: LIBRARY_SORTS, required: false })
  @IsOptional()
  @IsIn(LIBRARY_SORTS, { message: `sort must be one of ${LIBRARY_SORTS.join(', ')}` })
  sort?: LibrarySort;

  /** Default `asc` for `title`, `desc` for the others. */
  @ApiProperty({ enum: SORT_ORDERS, required: false })
  @IsOptional()
  @IsIn(SORT_ORDERS, { message: 'order must be asc or desc' })
  order?: SortOrder;

  /** `true`: only items the profile has not watched (a show: with an unwatched episode). */
  @ApiProperty({ type: 'boolean', required: false })
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean({ message: 'unwatched must be true or false' })
  unwatched?: boolean;

  /**
   * Only items of this genre.
   * @example "Drama"
   */
  @IsOptional()
  @Length(1, 64, { message: 'genre must be 1 to 64 characters' })
  genre?: string;
}
