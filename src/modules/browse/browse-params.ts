import { ApiParam } from '@nestjs/swagger';
import { invalidField } from '../../common/validation.js';
import { isRatingKey, ratingKeyMessage } from '../sessions/dto/rating-key.js';

/** Library ids are Plex section keys: digits today, opaque like ratingKeys. */
const LIBRARY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A ratingKey from the path, or a 400 naming it. */
export function ratingKeyParam(value: string): string {
  if (!isRatingKey(value)) throw invalidField('ratingKey', ratingKeyMessage('ratingKey'));
  return value;
}

export function libraryIdParam(value: string): string {
  if (!LIBRARY_ID.test(value) || /^\.{1,2}$/.test(value)) throw invalidField('id', 'id must be a library id from GET /libraries');
  return value;
}

export const ApiLibraryId = (): MethodDecorator =>
  ApiParam({ name: 'id', description: 'A library id (from `GET /libraries`).', schema: { type: 'string', example: '1' } });
