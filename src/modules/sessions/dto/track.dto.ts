import { ApiProperty } from '@nestjs/swagger';

/** An audio or subtitle track of the item's file. */
export class TrackDto {
  /**
   * The track's id: give it to `POST /api/v1/sessions/{id}/tracks`.
   * @example 5002
   */
  @ApiProperty({ type: 'integer' })
  id: number;

  /** @example "English" */
  language?: string;

  /** @example "eng" */
  languageCode?: string;

  /**
   * The track's own name (`SDH`, `Commentary`, `Surround`), else the label Plex gives it.
   * @example "SDH"
   */
  title?: string;

  /** @example "aac" */
  codec?: string;

  /** @example 2 */
  @ApiProperty({ type: 'integer' })
  channels?: number;

  /**
   * The file marks it as the default track.
   * @example true
   */
  default: boolean;

  /**
   * Subtitles for foreign-language parts only (signs, songs).
   * @example false
   */
  forced: boolean;

  /** @example false */
  hearingImpaired?: boolean;

  /**
   * The profile's choice (Plex keeps it per profile and carries it to the next episode of the show).
   * @example true
   */
  selected: boolean;

  /**
   * A file of its own beside the media (sidecar subtitles), rather than inside it.
   * @example false
   */
  external: boolean;
}

export const MARKER_TYPES = ['intro', 'credits'] as const;
export type MarkerType = (typeof MARKER_TYPES)[number];

/** Where the intro or the credits are: for "Skip intro" and "Skip credits". */
export class MarkerDto {
  @ApiProperty({ enum: MARKER_TYPES, enumName: 'MarkerType', example: 'intro' })
  type: MarkerType;

  /** @example 60000 */
  @ApiProperty({ type: 'integer' })
  startMs: number;

  /** @example 90000 */
  @ApiProperty({ type: 'integer' })
  endMs: number;
}
