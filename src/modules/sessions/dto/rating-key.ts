import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** What the session API takes as a Plex ratingKey (of an item or a playlist). */
export const RATING_KEY_PATTERN = /^\d{1,12}$/;

export const ratingKeyMessage = (field: string): string => `${field} must be a Plex ratingKey (digits, e.g. "1001")`;

export const isRatingKey = (value: string): boolean => RATING_KEY_PATTERN.test(value);

/**
 * A DTO property holding a Plex ratingKey: validated (the error names the property) and documented with the pattern
 * (the Swagger plugin reads a pattern only from a literal in `@Matches`).
 */
export const IsRatingKey = (options: { required: boolean }): PropertyDecorator =>
  applyDecorators(Matches(RATING_KEY_PATTERN, { message: ratingKeyMessage('$property') }), ApiProperty({ pattern: RATING_KEY_PATTERN.source, required: options.required }));
