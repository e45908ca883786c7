import { IsBoolean, IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { NotTogetherWith } from '../../../common/validators.js';

const PLEX_KEY = /^\d{1,12}$/;
const PLEX_KEY_MESSAGE = (field: string) => `${field} must be a Plex ratingKey (digits, e.g. "1001")`;

/** Start playing an item (movie, episode, show, season, album, track) or a playlist. Give `ratingKey` or `playlistId`. */
export class CreateSessionDto {
  /** The Plex ratingKey of the item to play. A show or season plays its episodes, an album its tracks. */
  @ValidateIf((dto: CreateSessionDto) => dto.playlistId === undefined || dto.ratingKey !== undefined)
  @Matches(PLEX_KEY, { message: PLEX_KEY_MESSAGE('ratingKey') })
  ratingKey?: string;

  /** The Plex ratingKey of a playlist to play (instead of `ratingKey`). */
  @ValidateIf((dto: CreateSessionDto) => dto.playlistId !== undefined)
  @Matches(PLEX_KEY, { message: PLEX_KEY_MESSAGE('playlistId') })
  @NotTogetherWith('ratingKey', { message: 'playlistId cannot be given together with ratingKey: give one of them' })
  playlistId?: string;

  /** Where to start, in milliseconds; default: the saved resume point. */
  @IsOptional()
  @IsInt({ message: 'offsetMs must be an integer number of milliseconds' })
  @Min(0, { message: 'offsetMs must not be negative' })
  @Max(2_147_483_647, { message: 'offsetMs is too large' })
  offsetMs?: number;

  /** Shuffle the queue. */
  @IsOptional()
  @IsBoolean({ message: 'shuffle must be true or false' })
  shuffle?: boolean;

  /** For an episode: queue the episodes that follow it. */
  @IsOptional()
  @IsBoolean({ message: 'continuous must be true or false' })
  continuous?: boolean;
}
