import { ApiParam } from '@nestjs/swagger';
import { RATING_KEY_PATTERN } from './dto/rating-key.js';

/** OpenAPI descriptions of the path parameters the session API shares. */
export const ApiSessionId = (): MethodDecorator =>
  ApiParam({ name: 'id', description: 'The session id (from create or list).', schema: { type: 'string', example: '3f0c8f4e-5b7a-4d52-9a57-2f1f0c4f9b1e' } });

export const ApiQueueItemId = (): MethodDecorator =>
  ApiParam({ name: 'itemId', description: 'A queue item id (`queue.items[].itemId`).', schema: { type: 'integer', example: 2 } });

export const ApiRatingKey = (): MethodDecorator =>
  ApiParam({ name: 'ratingKey', description: 'The Plex ratingKey of an item.', schema: { type: 'string', pattern: RATING_KEY_PATTERN.source, example: '211' } });
