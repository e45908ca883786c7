import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { PLAYBACK_STATES, type PlaybackState } from '../../../entities/playback-session.entity.js';

@ApiSchema({
  description:
    'What the player is doing now. Send it on every change (play, pause, buffering, a seek, stop), and at least every 60 seconds while a session is open.',
})
export class ReportProgressDto {
  /** The player's state; `stopped` ends the session. */
  @ApiProperty({ enum: PLAYBACK_STATES, enumName: 'PlaybackState', example: 'playing' })
  @IsIn(PLAYBACK_STATES, { message: `state must be one of ${PLAYBACK_STATES.join(', ')}` })
  state: PlaybackState;

  /**
   * The player's position in the current item, in milliseconds. A jump from the last report is a seek.
   * @example 754000
   */
  @ApiProperty({ type: 'integer' })
  @IsInt({ message: 'positionMs must be an integer number of milliseconds' })
  @Min(0, { message: 'positionMs must not be negative' })
  @Max(2_147_483_647, { message: 'positionMs is too large' })
  positionMs: number;
}

/**
 * The same rules as a JSON schema, for the route that takes progress reports: Fastify checks it with a validator
 * compiled once, before the route runs. A unit test holds the two to the same answers.
 */
export const REPORT_PROGRESS_SCHEMA = {
  type: 'object',
  required: ['state', 'positionMs'],
  additionalProperties: false,
  properties: {
    state: { enum: [...PLAYBACK_STATES] },
    positionMs: { type: 'integer', minimum: 0, maximum: 2_147_483_647 },
  },
} as const;
