// Calls and parameters the official spec lacks that the proxy (and the emulator) use, each because no declared call
// does the job, with the real clients that make them. The conformance tests accept exactly these and nothing else.
import type { RequestToCheck } from './plex-spec.js';

export interface NamedException {
  /** What is not in the spec. */
  call: string;
  /** Why no declared call does the job. */
  reason: string;
  /** Real clients that make this call. */
  clients: readonly string[];
  /** The request is this exception (whole call), or the problem is about it (one parameter). */
  covers(request: RequestToCheck, problem: string): boolean;
}

export const NAMED_EXCEPTIONS: readonly NamedException[] = [
  {
    call: 'GET /library/metadata/{ids}/children',
    reason: "a show's seasons (and an artist's albums): /allLeaves skips the level in between, and no declared call lists it",
    clients: ['python-plexapi (Show.seasons(), Artist.albums())', 'PlexKit (Plex.Request.ItemChildren)', 'PlexKodiConnect', 'Plex Web'],
    covers: (request) => request.method === 'GET' && /^\/library\/metadata\/[^/]+\/children$/.test(request.path),
  },
  {
    call: 'GET /library/sections/{sectionId}/all with unwatched=1 and genre=…',
    reason: "the spec's media query object allows only type, sourceType, sort, group and limit; filters are plain parameters",
    clients: ['python-plexapi (LibrarySection.search(unwatched=True, genre=…))', 'Plex Web (library filters)'],
    covers: (request, problem) =>
      /^\/library\/sections\/[^/]+\/all$/.test(request.path) && /query parameter '(unwatched|genre)' is not declared/.test(problem),
  },
  {
    call: 'GET /library/metadata/{ids} with includeMarkers=1',
    reason: "intro and credits markers: the spec's metadata schema has no Marker and no declared call or parameter returns them",
    clients: ['Plex Web (includeMarkers=1 on metadata and play queues)', 'python-plexapi (Video.markers, includeMarkers=1)', 'PlexKodiConnect (skip intro)', 'Plezy (skip intro and credits)'],
    covers: (request, problem) => /^\/library\/metadata\/[^/]+$/.test(request.path) && /query parameter 'includeMarkers' is not declared/.test(problem),
  },
];

/** The problems no named exception covers. */
export function uncoveredProblems(request: RequestToCheck, problems: readonly string[]): string[] {
  return problems.filter((problem) => !NAMED_EXCEPTIONS.some((exception) => exception.covers(request, problem)));
}
