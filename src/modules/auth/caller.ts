import type { FastifyRequest } from 'fastify';

export const DEFAULT_PROFILE_ID = 'default';

/** Who is calling: every session, queue and progress query is scoped to this profile. */
export interface Caller {
  profileId: string;
  /** The API key the call was made with (absent for internal callers such as the timeline scheduler). */
  keyId?: string;
}

export type AuthenticatedRequest = FastifyRequest & { caller?: Caller };
