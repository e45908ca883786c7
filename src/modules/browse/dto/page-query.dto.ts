import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 50;

export const toInt = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : value);

/** A page of a list: how many, and from where (the previous page's `nextCursor`). */
export class PageQueryDto {
  /** 1 to 100, default 50. */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_PAGE, required: false })
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: `limit must be an integer from 1 to ${MAX_PAGE}` })
  @Min(1, { message: `limit must be an integer from 1 to ${MAX_PAGE}` })
  @Max(MAX_PAGE, { message: `limit must be an integer from 1 to ${MAX_PAGE}` })
  limit?: number;

  /** The `nextCursor` of the previous page, with the same other parameters; absent: the first page. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor must be a nextCursor from a previous page' })
  cursor?: string;
}
