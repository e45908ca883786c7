import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { NotTogetherWith } from '../../../common/validators.js';

const PLEX_KEY_MESSAGE = (field: string) => `${field} must be a Plex ratingKey (digits, e.g. "1001")`;

@ApiSchema({
  description: 'Start playing an item (movie, episode, show, season, album, track) or a playlist: give `ratingKey` or `playlistId`.',
})
export class CreateSessionDto {
  /**
   * The Plex ratingKey of the item to play. A show or season plays its episodes, an album its tracks.
   * @example "211"
   */
  @ValidateIf((dto: CreateSessionDto) => dto.playlistId === undefined || dto.ratingKey !== undefined)
  @Matches(/^\d{1,12}$/, { message: PLEX_KEY_MESSAGE('ratingKey') })
  ratingKey?: string;

  /**
   * The Plex ratingKey of a playlist to play (instead of `ratingKey`).
   * @example "400"
   */
  @ValidateIf((dto: CreateSessionDto) => dto.playlistId !== undefined)
  @Matches(/^\d{1,12}$/, { message: PLEX_KEY_MESSAGE('playlistId') })
  @NotTogetherWith('ratingKey', { message: 'playlistId cannot be given together with ratingKey: give one of them' })
  playlistId?: string;

  /**
   * Where to start, in milliseconds; default: the saved resume point (0 for a watched item).
   * @example 600000
   */
  @ApiProperty({ type: 'integer' })
  @IsOptional()
  @IsInt({ message: 'offsetMs must be an integer number of milliseconds' })
  @Min(0, { message: 'offsetMs must not be negative' })
  @Max(2_147_483_647, { message: 'offsetMs is too large' })
  offsetMs?: number;

  /**
   * Shuffle the queue.
   * @example false
   */
  @IsOptional()
  @IsBoolean({ message: 'shuffle must be true or false' })
  shuffle?: boolean;

  /**
   * For an episode: queue the episodes that follow it.
   * @example true
   */
  @IsOptional()
  @IsBoolean({ message: 'continuous must be true or false' })
  continuous?: boolean;
}

/** Request examples shown in the OpenAPI document (a schema-level example would mix ratingKey and playlistId). */
export const CREATE_SESSION_EXAMPLES = {
  episode: { summary: 'An episode and the ones after it', value: { ratingKey: '211', continuous: true } },
  season: { summary: 'A whole season', value: { ratingKey: '201' } },
  movie: { summary: 'A movie from 10 minutes in', value: { ratingKey: '102', offsetMs: 600_000 } },
  playlist: { summary: 'A playlist, shuffled', value: { playlistId: '400', shuffle: true } },
} satisfies Record<string, { summary: string; value: CreateSessionDto }>;
