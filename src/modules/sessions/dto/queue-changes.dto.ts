import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Min } from 'class-validator';
import { IsRatingKey } from './rating-key.js';

/** Make another queue item the current one. */
export class JumpDto {
  /**
   * The queue item's `itemId` (from `queue.items`).
   * @example 3
   */
  @ApiProperty({ type: 'integer' })
  @IsInt({ message: 'itemId must be an integer queue item id' })
  @Min(1, { message: 'itemId must be an integer queue item id' })
  itemId: number;
}

/** Add an item to the queue. */
export class AddToQueueDto {
  /**
   * The Plex ratingKey of the item to add.
   * @example "223"
   */
  @IsRatingKey({ required: true })
  ratingKey: string;

  /**
   * Play it right after the current item; otherwise it goes to the end of the items added so far.
   * @example true
   */
  @IsOptional()
  @IsBoolean({ message: 'next must be true or false' })
  next?: boolean;
}

/** Move a queue item. */
export class MoveQueueItemDto {
  /**
   * The item to place it after; absent: to the beginning of the queue.
   * @example 3
   */
  @ApiProperty({ type: 'integer' })
  @IsOptional()
  @IsInt({ message: 'afterItemId must be an integer queue item id' })
  @Min(1, { message: 'afterItemId must be an integer queue item id' })
  afterItemId?: number;
}
