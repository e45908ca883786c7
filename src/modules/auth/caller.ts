import type { FastifyRequest } from 'fastify';

export const DEFAULT_PROFILE_ID = 'default';

/** Who is calling: every session, queue and progress query is scoped to this profile. */
export interface Caller {
  profileId: string;
}

export type AuthenticatedRequest = FastifyRequest & { caller?: Caller };
