import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/**
 * What the API takes as a Plex ratingKey (of an item or a playlist). The spec calls it opaque: servers use digits
 * today, so anything URL-safe of a sane length is accepted, and nothing that could change a Plex path (not `.`/`..`).
 */
export const RATING_KEY_PATTERN = /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,64}$/;

export const ratingKeyMessage = (field: string): string =>
  `${field} must be a Plex ratingKey (1 to 64 letters, digits, '.', '_' or '-', e.g. "1001")`;

export const isRatingKey = (value: string): boolean => RATING_KEY_PATTERN.test(value);

/**
 * A DTO property holding a Plex ratingKey: validated (the error names the property) and documented with the pattern
 * (the Swagger plugin reads a pattern only from a literal in `@Matches`).
 */
export const IsRatingKey = (options: { required: boolean }): PropertyDecorator =>
  applyDecorators(Matches(RATING_KEY_PATTERN, { message: ratingKeyMessage('$property') }), ApiProperty({ pattern: RATING_KEY_PATTERN.source, required: options.required }));
