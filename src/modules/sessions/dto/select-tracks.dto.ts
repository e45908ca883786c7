import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';

@ApiSchema({ description: 'The audio and subtitle tracks to play: give either or both (`subtitleTrackId: null` turns subtitles off).' })
export class SelectTracksDto {
  /**
   * An id of `item.audioTracks`.
   * @example 90001
   */
  @ApiProperty({ type: 'integer' })
  @IsOptional()
  @IsInt({ message: 'audioTrackId must be the integer id of one of the item\'s audio tracks' })
  @Min(1, { message: 'audioTrackId must be the integer id of one of the item\'s audio tracks' })
  @Max(2_147_483_647, { message: 'audioTrackId is too large' })
  audioTrackId?: number;

  /**
   * An id of `item.subtitleTracks`, or `null` for no subtitles.
   * @example 90002
   */
  @ApiProperty({ type: 'integer', nullable: true })
  @ValidateIf((dto: SelectTracksDto) => dto.subtitleTrackId !== null && dto.subtitleTrackId !== undefined)
  @IsInt({ message: 'subtitleTrackId must be the integer id of one of the item\'s subtitle tracks, or null for none' })
  @Min(1, { message: 'subtitleTrackId must be the integer id of one of the item\'s subtitle tracks, or null for none' })
  @Max(2_147_483_647, { message: 'subtitleTrackId is too large' })
  subtitleTrackId?: number | null;
}
