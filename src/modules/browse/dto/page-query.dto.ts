import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 50;

export const toInt = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : value);

/** An optional `limit` query value from 1 to `max`, given as text and read as an integer; one message for every way it is wrong. */
export function IsLimit(max: number): PropertyDecorator {
  const message = `limit must be an integer from 1 to ${max}`;
  return applyDecorators(Transform(toInt), IsOptional(), IsInt({ message }), Min(1, { message }), Max(max, { message }));
}

/** A page of a list: how many, and from where (the previous page's `nextCursor`). */
export class PageQueryDto {
  /** 1 to 100, default 50. */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_PAGE, required: false })
  @IsLimit(MAX_PAGE)
  limit?: number;

  /** The `nextCursor` of the previous page, with the same other parameters; absent: the first page. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor must be a nextCursor from a previous page' })
  cursor?: string;
}
