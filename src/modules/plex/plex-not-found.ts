import { NotFoundException } from '@nestjs/common';
import { PlexNotFoundError } from './plex.errors.js';

/** For `.catch(…)` on a Plex call: Plex not having it becomes a 404 with `message`; any other failure goes on. */
export function notFoundOnPlex(message: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof PlexNotFoundError) throw new NotFoundException(message);
    throw error;
  };
}
