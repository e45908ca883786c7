import { HttpError } from '../http-error.js';
import { metadataJson } from '../metadata-view.js';
import { boolInt, int, oneOf, str } from '../param-rules.js';
import type { PlayQueueState, PlayQueueType } from '../play-queues.js';
import type { Reply, RequestContext, RouteDef } from '../route-types.js';
import { container } from '../route-types.js';

interface Window {
  center?: number;
  window?: number;
  includeBefore: boolean;
  includeAfter: boolean;
}

const FULL_WINDOW: Window = { includeBefore: true, includeAfter: true };

function visibleEntries(queue: PlayQueueState, view: Window) {
  const entries = queue.entries;
  const centerId = view.center ?? queue.selectedItemID;
  let center = entries.findIndex((entry) => entry.playQueueItemID === centerId);
  if (view.center !== undefined && center < 0) throw new HttpError(400, `center ${view.center} is not in the queue`);
  if (center < 0) center = 0;
  const reach = view.window ?? entries.length;
  const start = view.includeBefore ? Math.max(0, center - reach) : center + 1;
  const end = view.includeAfter ? Math.min(entries.length, center + reach + 1) : center;
  return entries.slice(start, Math.max(start, end));
}

/** The play queue as Plex answers it: queue fields on the MediaContainer and the items with playQueueItemID. */
export function playQueueReply(context: RequestContext, queue: PlayQueueState, view: Window = FULL_WINDOW): Reply {
  const { state, user } = context;
  const selectedIndex = queue.entries.findIndex((entry) => entry.playQueueItemID === queue.selectedItemID);
  const selected = queue.entries[selectedIndex];
  const metadata = visibleEntries(queue, view).flatMap((entry) => {
    const item = state.library.get(entry.ratingKey);
    if (!item) return [];
    return [{ ...metadataJson(item, state.library, state.watch, user.name), playQueueItemID: entry.playQueueItemID }];
  });
  return container({
    size: metadata.length,
    identifier: 'com.plexapp.plugins.library',
    playQueueID: queue.id,
    playQueueVersion: queue.version,
    playQueueShuffled: queue.shuffled,
    playQueueSourceURI: queue.sourceURI,
    playQueueTotalCount: queue.entries.length,
    ...(selected
      ? {
          playQueueSelectedItemID: selected.playQueueItemID,
          playQueueSelectedItemOffset: selectedIndex,
          playQueueSelectedMetadataItemID: Number(selected.ratingKey),
        }
      : {}),
    ...(queue.lastAddedItemID !== undefined ? { playQueueLastAddedItemID: String(queue.lastAddedItemID) } : {}),
    Metadata: metadata,
  });
}

const queueId = (context: RequestContext): number => Number(context.pathParams.playQueueId);
const itemId = (context: RequestContext): number => Number(context.pathParams.playQueueItemId);
const flag = (value: string | undefined): boolean => value === '1';
const optionalInt = (value: string | undefined): number | undefined => (value === undefined ? undefined : Number(value));

export const playQueueRoutes: RouteDef[] = [
  {
    template: '/playQueues',
    operations: [
      {
        method: 'POST',
        query: [
          str('uri'),
          int('playlistID'),
          oneOf('type', ['audio', 'video', 'photo'], true),
          str('key'),
          boolInt('shuffle'),
          boolInt('repeat'),
          boolInt('continuous'),
          int('extrasPrefixCount'),
          boolInt('recursive'),
          boolInt('onDeck'),
        ],
        access: 'user',
        handle: (context) => {
          const { query, headers } = context;
          const queue = context.state.queues.create({
            type: query.type as PlayQueueType,
            uri: query.uri,
            playlistID: query.playlistID,
            key: query.key,
            shuffle: flag(query.shuffle),
            continuous: flag(query.continuous),
            clientIdentifier: headers['x-plex-client-identifier'] ?? query['X-Plex-Client-Identifier'],
          });
          return playQueueReply(context, queue);
        },
      },
    ],
  },
  {
    template: '/playQueues/{playQueueId}',
    integerPathParams: ['playQueueId'],
    operations: [
      {
        method: 'GET',
        query: [boolInt('own'), str('center'), int('window'), boolInt('includeBefore'), boolInt('includeAfter')],
        access: 'user',
        handle: (context) => {
          const { query, headers, state } = context;
          const queue = state.queues.require(queueId(context));
          if (flag(query.own)) {
            state.queues.setOwner(queue.id, headers['x-plex-client-identifier'] ?? query['X-Plex-Client-Identifier']);
          }
          const center = query.center;
          if (center !== undefined && !/^\d+$/.test(center)) throw new HttpError(400, `center must be a play queue item ID`);
          return playQueueReply(context, queue, {
            center: optionalInt(center),
            window: optionalInt(query.window),
            includeBefore: query.includeBefore !== '0',
            includeAfter: query.includeAfter !== '0',
          });
        },
      },
      {
        method: 'PUT',
        query: [str('uri'), str('playlistID'), boolInt('next')],
        access: 'user',
        handle: (context) => {
          const { query } = context;
          const queue = context.state.queues.add(queueId(context), {
            uri: query.uri,
            playlistID: query.playlistID,
            next: flag(query.next),
          });
          return playQueueReply(context, queue);
        },
      },
    ],
  },
  {
    template: '/playQueues/{playQueueId}/items',
    integerPathParams: ['playQueueId'],
    operations: [
      {
        method: 'DELETE',
        query: [],
        access: 'user',
        handle: (context) => playQueueReply(context, context.state.queues.clear(queueId(context))),
      },
    ],
  },
  {
    template: '/playQueues/{playQueueId}/items/{playQueueItemId}',
    integerPathParams: ['playQueueId', 'playQueueItemId'],
    operations: [
      {
        method: 'DELETE',
        query: [],
        access: 'user',
        handle: (context) => playQueueReply(context, context.state.queues.remove(queueId(context), itemId(context))),
      },
    ],
  },
  {
    template: '/playQueues/{playQueueId}/items/{playQueueItemId}/move',
    integerPathParams: ['playQueueId', 'playQueueItemId'],
    operations: [
      {
        method: 'PUT',
        query: [int('after')],
        access: 'user',
        handle: (context) => {
          const after = optionalInt(context.query.after);
          return playQueueReply(context, context.state.queues.move(queueId(context), itemId(context), after));
        },
      },
    ],
  },
  ...(['shuffle', 'unshuffle', 'reset'] as const).map(
    (action): RouteDef => ({
      template: `/playQueues/{playQueueId}/${action}`,
      integerPathParams: ['playQueueId'],
      operations: [
        {
          method: 'PUT',
          query: [],
          access: 'user',
          handle: (context) => playQueueReply(context, context.state.queues[action](queueId(context))),
        },
      ],
    }),
  ),
];
