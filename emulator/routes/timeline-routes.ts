import { parseContentUri, ratingKeyFromKey } from '../content-uri.js';
import { HttpError } from '../http-error.js';
import type { LibraryItem } from '../library-types.js';
import { boolInt, int, oneOf, str } from '../param-rules.js';
import type { PlaybackState } from '../playback-sessions.js';
import type { RequestContext, RouteDef } from '../route-types.js';
import { container, ok } from '../route-types.js';

const LIBRARY_IDENTIFIER = 'com.plexapp.plugins.library';

/** A header value, or the same X-Plex-* name sent as a query parameter. */
function plexValue(context: RequestContext, name: string): string | undefined {
  return context.headers[name.toLowerCase()] ?? context.query[name];
}

function reportedItem(context: RequestContext): LibraryItem {
  const { query, state } = context;
  const ratingKey = query.ratingKey ?? (query.key !== undefined ? ratingKeyFromKey(query.key) : undefined);
  if (ratingKey === undefined) throw new HttpError(400, 'a timeline report needs ratingKey or key');
  const item = state.library.get(ratingKey);
  if (!item) throw new HttpError(400, `no metadata item ${ratingKey}`);
  if (query.key !== undefined && query.ratingKey !== undefined && ratingKeyFromKey(query.key) !== query.ratingKey) {
    throw new HttpError(400, `key ${query.key} does not match ratingKey ${query.ratingKey}`);
  }
  return item;
}

function report(context: RequestContext) {
  const { query, state, user } = context;
  const clientIdentifier = plexValue(context, 'X-Plex-Client-Identifier');
  if (!clientIdentifier) throw new HttpError(400, 'X-Plex-Client-Identifier header is required');
  const item = reportedItem(context);
  const time = query.time !== undefined ? Number(query.time) : undefined;
  const duration = query.duration !== undefined ? Number(query.duration) : (item.duration ?? 0);
  if (time !== undefined && time < 0) throw new HttpError(400, `time must not be negative`);
  if (time !== undefined && time > duration) throw new HttpError(400, `time ${time} is past duration ${duration}`);
  if (query.playQueueItemID !== undefined) {
    if (!/^\d+$/.test(query.playQueueItemID)) throw new HttpError(400, 'playQueueItemID must be a play queue item ID');
    state.queues.select(Number(query.playQueueItemID));
  }
  const sessionIdentifier = plexValue(context, 'X-Plex-Session-Identifier');
  state.sessions.report({
    user,
    clientIdentifier,
    sessionIdentifier,
    item,
    state: query.state as PlaybackState | undefined,
    time,
    duration,
    offline: query.offline === '1',
    product: plexValue(context, 'X-Plex-Product'),
    device: plexValue(context, 'X-Plex-Device'),
    deviceName: plexValue(context, 'X-Plex-Device-Name'),
    platform: plexValue(context, 'X-Plex-Platform'),
  });
  const playback = { clientIdentifier, sessionIdentifier, ratingKey: item.ratingKey };
  if (query.state === 'stopped') state.transcodes.stopPlayback(playback, 'stopped');
  const termination = state.faults.takeTermination(clientIdentifier);
  if (termination) {
    state.sessions.end(clientIdentifier, sessionIdentifier);
    state.transcodes.stopPlayback(playback, 'terminated');
    return container({ size: 0, terminationCode: termination.code, terminationText: termination.text });
  }
  return container({ size: 0 });
}

/** The item named by a scrobble's key (ratingKey) or uri, and its playable leaves. */
function scrobbleTargets(context: RequestContext): LibraryItem[] {
  const { query, state } = context;
  if (query.identifier !== LIBRARY_IDENTIFIER) throw new HttpError(404, `no media provider ${query.identifier}`);
  let item: LibraryItem | undefined;
  if (query.key !== undefined) {
    item = state.library.get(query.key);
  } else if (query.uri !== undefined) {
    const target = parseContentUri(query.uri, state.machineIdentifier, state.library);
    if (target.kind !== 'metadata') throw new HttpError(400, 'uri must name a metadata item');
    item = target.item;
  } else {
    throw new HttpError(400, 'key or uri is required');
  }
  if (!item) throw new HttpError(404, `no metadata item ${query.key ?? query.uri}`);
  return state.library.leaves(item.ratingKey);
}

const scrobbleQuery = [str('identifier', true), str('key'), str('uri')];

export const timelineRoutes: RouteDef[] = [
  {
    template: '/:/timeline',
    operations: [
      {
        method: 'POST',
        query: [
          str('key'),
          str('ratingKey'),
          oneOf('state', ['stopped', 'buffering', 'playing', 'paused']),
          str('playQueueItemID'),
          int('time'),
          int('duration'),
          boolInt('continuing'),
          int('updated'),
          boolInt('offline'),
          int('timeToFirstFrame'),
          int('timeStalled'),
          int('bandwidth'),
          int('bufferedTime'),
          int('bufferedSize'),
        ],
        requiredHeaders: ['x-plex-client-identifier'],
        access: 'user',
        handle: report,
      },
    ],
  },
  {
    template: '/:/scrobble',
    operations: [
      {
        method: 'PUT',
        query: scrobbleQuery,
        access: 'user',
        handle: (context) => {
          for (const leaf of scrobbleTargets(context)) context.state.watch.markPlayed(context.user.name, leaf.ratingKey);
          return ok('');
        },
      },
    ],
  },
  {
    template: '/:/unscrobble',
    operations: [
      {
        method: 'PUT',
        query: scrobbleQuery,
        access: 'user',
        handle: (context) => {
          for (const leaf of scrobbleTargets(context)) context.state.watch.markUnplayed(context.user.name, leaf.ratingKey);
          return ok('');
        },
      },
    ],
  },
];
