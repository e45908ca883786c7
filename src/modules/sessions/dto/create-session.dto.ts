import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { STREAM_LIMITS, STREAM_MESSAGES } from './stream-preferences.js';
import { IsListOf, NotTogetherWith } from '../../../common/validators.js';
import { IsRatingKey } from './rating-key.js';

@ApiSchema({
  description: 'Start playing an item (movie, episode, show, season, album, track) or a playlist: give `ratingKey` or `playlistId`.',
})
export class CreateSessionDto {
  /**
   * The Plex ratingKey of the item to play. A show or season plays its episodes, an album its tracks.
   * @example "211"
   */
  @ValidateIf((dto: CreateSessionDto) => dto.playlistId === undefined || dto.ratingKey !== undefined)
  @IsRatingKey({ required: false })
  ratingKey?: string;

  /**
   * The Plex ratingKey of a playlist to play (instead of `ratingKey`).
   * @example "400"
   */
  @ValidateIf((dto: CreateSessionDto) => dto.playlistId !== undefined)
  @IsRatingKey({ required: false })
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

  /**
   * For a show or season: start at its first episode instead of the episode to watch next (the one in progress, else
   * the first unwatched).
   * @example false
   */
  @IsOptional()
  @IsBoolean({ message: 'fromStart must be true or false' })
  fromStart?: boolean;

  /**
   * `false`: the player cannot play the files as they are: stream a transcode (HLS). Default: direct play.
   * @example false
   */
  @IsOptional()
  @IsBoolean({ message: STREAM_MESSAGES.directPlay })
  directPlay?: boolean;

  /**
   * Highest video bitrate the player can take, in kbps; set: video is transcoded (HLS) to at most this.
   * @example 4000
   */
  @ApiProperty({ type: 'integer', minimum: STREAM_LIMITS.minBitrate, maximum: STREAM_LIMITS.maxBitrate })
  @IsOptional()
  @IsInt({ message: STREAM_MESSAGES.maxVideoBitrate })
  @Min(STREAM_LIMITS.minBitrate, { message: STREAM_MESSAGES.maxVideoBitrate })
  @Max(STREAM_LIMITS.maxBitrate, { message: STREAM_MESSAGES.maxVideoBitrate })
  maxVideoBitrate?: number;

  /**
   * Highest video resolution the player can take, `WIDTHxHEIGHT`; set: video is transcoded (HLS) to at most this.
   * @example "1280x720"
   */
  @IsOptional()
  @Matches(STREAM_LIMITS.resolution, { message: STREAM_MESSAGES.videoResolution })
  videoResolution?: string;

  /**
   * Containers the player can play as they are (Plex's names: `mkv`, `mp4`, `mpegts`, `mp3`…); an item in any other
   * container is transcoded (HLS). Default: any container.
   * @example ["mp4", "mkv"]
   */
  @IsOptional()
  @IsListOf(STREAM_LIMITS.container, STREAM_LIMITS.maxContainers, { message: STREAM_MESSAGES.containers })
  containers?: string[];

  /**
   * Audio codecs the player can decode (Plex's names: `aac`, `ac3`, `eac3`, `mp3`, `dts`…); a selected audio track in
   * any other is converted by the Plex server while the video is copied as it is. Default: any codec.
   * @example ["aac", "ac3", "eac3"]
   */
  @IsOptional()
  @IsListOf(STREAM_LIMITS.container, STREAM_LIMITS.maxContainers, { message: STREAM_MESSAGES.audioCodecs })
  audioCodecs?: string[];
}

/** Request examples shown in the OpenAPI document (a schema-level example would mix ratingKey and playlistId). */
export const CREATE_SESSION_EXAMPLES = {
  episode: { summary: 'An episode and the ones after it', value: { ratingKey: '211', continuous: true } },
  season: { summary: 'A whole season', value: { ratingKey: '201' } },
  movie: { summary: 'A movie from 10 minutes in', value: { ratingKey: '102', offsetMs: 600_000 } },
  playlist: { summary: 'A playlist, shuffled', value: { playlistId: '400', shuffle: true } },
} satisfies Record<string, { summary: string; value: CreateSessionDto }>;
