import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsListOf } from '../../../common/validators.js';
import { STREAM_LIMITS, STREAM_MESSAGES } from '../../sessions/dto/stream-preferences.js';

const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);
const toInt = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value);
const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '') : value;

/** How the player wants the stream; given ones replace the session's preferences (kept for its next items too). */
export class StreamQueryDto {
  /**
   * `false`: the player cannot play the file as it is: stream a transcode (HLS). `true`: direct play again.
   * @example false
   */
  @ApiProperty({ type: 'boolean' })
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean({ message: STREAM_MESSAGES.directPlay })
  directPlay?: boolean;

  /**
   * Highest video bitrate the player can take, in kbps; set: video is transcoded (HLS) to at most this.
   * @example 4000
   */
  @ApiProperty({ type: 'integer', minimum: STREAM_LIMITS.minBitrate, maximum: STREAM_LIMITS.maxBitrate })
  @Transform(toInt)
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
   * Comma-separated containers the player can play as they are (`mkv`, `mp4`, `mpegts`…); an item in another one is
   * transcoded (HLS).
   * @example "mp4,mkv"
   */
  @ApiProperty({ type: 'string' })
  @Transform(toList)
  @IsOptional()
  @IsListOf(STREAM_LIMITS.container, STREAM_LIMITS.maxContainers, { message: STREAM_MESSAGES.containers })
  containers?: string[];

  /**
   * Comma-separated audio codecs the player can decode (`aac`, `ac3`…); a selected audio track in another one is
   * converted (the video copied).
   * @example "aac,ac3"
   */
  @ApiProperty({ type: 'string' })
  @Transform(toList)
  @IsOptional()
  @IsListOf(STREAM_LIMITS.container, STREAM_LIMITS.maxContainers, { message: STREAM_MESSAGES.audioCodecs })
  audioCodecs?: string[];
}
