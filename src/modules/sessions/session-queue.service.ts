import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { BackgroundTasks } from '../../common/background-tasks.js';
import type { PlaybackSession } from '../../entities/playback-session.entity.js';
import type { Caller } from '../auth/caller.js';
import { PlexCallers } from '../households/plex-callers.service.js';
import { itemUri, PlexClient } from '../plex/plex.client.js';
import { PlexError, PlexNotFoundError, PlexRejectedError } from '../plex/plex.errors.js';
import { notFoundOnPlex } from '../plex/plex-not-found.js';
import type { PlexCaller, PlexPlayQueue } from '../plex/plex.types.js';
import type { SessionDto } from './dto/session.dto.js';
import { queueTypeFor } from './play-queue-source.js';
import { mapQueueItemIds } from './queue-id-mapping.js';
import { SessionAccess } from './session-access.service.js';
import { SessionPlayback } from './session-playback.service.js';
import { SessionViews } from './session-views.service.js';

/** Translates a queue item id of the session's last known queue into one of the current queue. */
type ItemIdMap = (itemId: number) => number;
const SAME_IDS: ItemIdMap = (itemId) => itemId;

/** How many items on each side of the current one to ask Plex for. */
const QUEUE_WINDOW = 200;

/** Picks the index of the item to move to, from the current one's, in a list of `count`; undefined: none. */
type Pick = (count: number, index: number) => number | undefined;

/**
 * Moving through a session's queue and changing it. Every change goes to Plex, and the queue's id,
 * version and items are taken from Plex's answer. A queue Plex has forgotten is rebuilt from the
 * session's source, starting at the current item, and the call goes on as if nothing happened. A move
 * (next, previous) when Plex cannot give the queue goes by the queue as the session last saw it, and
 * the queue is read again beside it.
 */
@Injectable()
export class SessionQueueService {
  private readonly logger = new Logger(SessionQueueService.name);

  constructor(
    private readonly plex: PlexClient,
    private readonly callers: PlexCallers,
    private readonly access: SessionAccess,
    private readonly playback: SessionPlayback,
    private readonly views: SessionViews,
    private readonly background: BackgroundTasks,
  ) {}

  next(caller: Caller, id: string): Promise<SessionDto> {
    return this.move(caller, id, (count, index) => (index + 1 < count ? index + 1 : undefined));
  }

  /** The item before the current one; on the first item, the current item again from its start. */
  previous(caller: Caller, id: string): Promise<SessionDto> {
    return this.move(caller, id, (_count, index) => Math.max(0, index - 1));
  }

  jump(caller: Caller, id: string, itemId: number): Promise<SessionDto> {
    return this.access.withActive(caller, id, async (session) => {
      this.requireKnownItem(session, itemId, 'itemId');
      const { queue, mapId } = await this.fetchQueue(session);
      const target = queue.items.find((item) => item.playQueueItemId === mapId(itemId));
      if (!target) throw new NotFoundException(`queue item ${itemId} is no longer in the queue`);
      await this.playback.switchTo(session, target, queue);
      return this.views.of(session);
    });
  }

  add(caller: Caller, id: string, ratingKey: string, next = false): Promise<SessionDto> {
    return this.access.withActive(caller, id, async (session) => {
      const plex = this.callerFor(session);
      const item = await this.plex.metadata(plex, ratingKey).catch(notFoundOnPlex(`ratingKey ${ratingKey} not found on the Plex server`));
      if (queueTypeFor(item) !== session.queueType) {
        throw new ConflictException(`a ${item.type} cannot join this session's ${session.queueType} queue`);
      }
      const uri = itemUri(await this.callers.machineIdentifier(session.serverId), ratingKey);
      await this.change(session, async () => {
        const queue = await this.plex.addToPlayQueue(plex, session.playQueueId, { uri }, next);
        // Plex puts "next" after the item it last heard of as current; if its timeline has not caught up
        // with the session's current item yet, the new item is moved to where the player expects it.
        const added = queue.lastAddedItemId;
        if (!next || added === undefined || queue.selectedItemId === session.playQueueItemId) return queue;
        return this.plex.movePlayQueueItem(plex, queue.id, added, session.playQueueItemId);
      });
      return this.views.of(session);
    });
  }

  remove(caller: Caller, id: string, itemId: number): Promise<SessionDto> {
    return this.access.withActive(caller, id, async (session) => {
      this.requireKnownItem(session, itemId, 'itemId');
      if (itemId === session.playQueueItemId) {
        throw new ConflictException('the current item cannot be removed; move to another item first');
      }
      const plex = this.callerFor(session);
      await this.change(session, (mapId) => this.plex.removeFromPlayQueue(plex, session.playQueueId, mapId(itemId)));
      return this.views.of(session);
    });
  }

  moveItem(caller: Caller, id: string, itemId: number, afterItemId?: number): Promise<SessionDto> {
    return this.access.withActive(caller, id, async (session) => {
      this.requireKnownItem(session, itemId, 'itemId');
      if (afterItemId !== undefined) this.requireKnownItem(session, afterItemId, 'afterItemId');
      if (afterItemId === itemId) throw new ConflictException('an item cannot be moved after itself');
      const plex = this.callerFor(session);
      await this.change(session, (mapId) =>
        this.plex.movePlayQueueItem(plex, session.playQueueId, mapId(itemId), afterItemId === undefined ? undefined : mapId(afterItemId)),
      );
      return this.views.of(session);
    });
  }

  shuffle(caller: Caller, id: string): Promise<SessionDto> {
    return this.reorder(caller, id, true);
  }

  unshuffle(caller: Caller, id: string): Promise<SessionDto> {
    return this.reorder(caller, id, false);
  }

  private reorder(caller: Caller, id: string, shuffled: boolean): Promise<SessionDto> {
    return this.access.withActive(caller, id, async (session) => {
      const plex = this.callerFor(session);
      try {
        await this.change(session, () =>
          shuffled ? this.plex.shufflePlayQueue(plex, session.playQueueId) : this.plex.unshufflePlayQueue(plex, session.playQueueId),
        );
      } catch (error) {
        if (error instanceof PlexRejectedError) {
          throw new ConflictException(`Plex refused to ${shuffled ? 'shuffle' : 'unshuffle'} this queue (queues with added "Up Next" items cannot be)`);
        }
        throw error;
      }
      session.shuffle = shuffled;
      return this.views.of(session);
    });
  }

  private move(caller: Caller, id: string, pick: Pick): Promise<SessionDto> {
    return this.access.withActive(caller, id, async (session) => {
      let queue: PlexPlayQueue;
      try {
        ({ queue } = await this.fetchQueue(session));
      } catch (error) {
        if (!(error instanceof PlexError)) throw error;
        await this.moveInKnownQueue(session, pick, error);
        return this.views.of(session);
      }
      const target = picked(queue.items, (item) => item.playQueueItemId === session.playQueueItemId, pick);
      if (!target) {
        this.playback.applyQueue(session, queue);
        this.playback.end(session, 'end-of-queue');
      } else {
        await this.playback.switchTo(session, target, queue);
      }
      return this.views.of(session);
    });
  }

  /**
   * Plex could not give the queue: moves by the queue as the session last saw it and reads Plex's again beside
   * it. Where that queue cannot tell what follows (the current item is its last), the move fails as Plex did.
   */
  private async moveInKnownQueue(session: PlaybackSession, pick: Pick, error: PlexError): Promise<void> {
    const target = picked(session.queueItems, (item) => item.itemId === session.playQueueItemId, pick);
    if (!target) throw error;
    this.logger.warn(`session ${session.id}: ${error.message}; moved by the queue as last seen, reading it again beside`);
    await this.playback.switchTo(session, { ratingKey: target.ratingKey, playQueueItemId: target.itemId, durationMs: target.durationMs, viewCount: 0 });
    this.refreshLater(session);
  }

  /**
   * Reads the session's queue from Plex with a bounded retry, outside the session's lock (a client's calls do not
   * wait on it), and takes it if the session is still on that queue. A queue Plex forgot is left to the next
   * queue call, which rebuilds it.
   */
  private refreshLater(session: PlaybackSession): void {
    const { id, profileId, playQueueId } = session;
    const read = () => this.plex.playQueue(this.callerFor(session), playQueueId, { window: QUEUE_WINDOW, center: session.playQueueItemId });
    this.background
      .run(read, (error) => error instanceof PlexError && !(error instanceof PlexNotFoundError))
      .then((queue) =>
        this.access.withActive({ profileId }, id, async (active) => {
          if (active.playQueueId !== playQueueId || queue.id !== playQueueId) return;
          if (queue.version !== active.playQueueVersion) this.playback.queueChanged(active, queue);
          else this.playback.applyQueue(active, queue);
        }),
      )
      .catch((error: unknown) => {
        if (error instanceof ConflictException || error instanceof PlexNotFoundError) return; // ended, or left to the next queue call
        this.logger.warn(`session ${id}: could not read play queue ${playQueueId} again (${(error as Error).message}); the next queue call will`);
      });
  }

  /** Runs a queue change on Plex (rebuilding a forgotten queue first) and takes the queue from the answer. */
  private async change(session: PlaybackSession, call: (mapId: ItemIdMap) => Promise<PlexPlayQueue>): Promise<void> {
    let mapId = SAME_IDS;
    let queue: PlexPlayQueue;
    try {
      queue = await call(mapId);
    } catch (error) {
      if (!(error instanceof PlexNotFoundError) || !(await this.isForgotten(session))) throw error;
      ({ mapId } = await this.rebuild(session));
      queue = await call(mapId);
    }
    this.playback.queueChanged(session, queue);
  }

  /** The queue as Plex has it now, rebuilt if Plex forgot it (as the rebuild answered, if it cannot be read again). */
  private async fetchQueue(session: PlaybackSession): Promise<{ queue: PlexPlayQueue; mapId: ItemIdMap }> {
    const plex = this.callerFor(session);
    const fetch = () => this.plex.playQueue(plex, session.playQueueId, { window: QUEUE_WINDOW, center: session.playQueueItemId });
    try {
      return { queue: await fetch(), mapId: SAME_IDS };
    } catch (error) {
      if (!(error instanceof PlexNotFoundError)) throw error;
      const rebuilt = await this.rebuild(session);
      const queue = await fetch().catch((again: unknown) => {
        if (again instanceof PlexError) return rebuilt.queue;
        throw again;
      });
      return { queue, mapId: rebuilt.mapId };
    }
  }

  private async isForgotten(session: PlaybackSession): Promise<boolean> {
    try {
      await this.plex.playQueue(this.callerFor(session), session.playQueueId, { window: 0 });
      return false;
    } catch (error) {
      if (error instanceof PlexNotFoundError) return true;
      throw error;
    }
  }

  /**
   * Makes a new queue from the session's source, starting at its current item, and returns how the old
   * queue's item ids map onto the new one (by item and occurrence). Items added by hand are not kept.
   */
  private async rebuild(session: PlaybackSession): Promise<{ queue: PlexPlayQueue; mapId: ItemIdMap }> {
    const queue = await this.plex.createPlayQueue(this.callerFor(session), {
      type: session.queueType,
      source: session.playlistId ? { playlistId: session.playlistId } : { uri: session.sourceUri ?? '' },
      startKey: `/library/metadata/${session.ratingKey}`,
      continuous: session.continuous || undefined,
    });
    this.logger.warn(`session ${session.id}: Plex forgot play queue ${session.playQueueId}; rebuilt it as ${queue.id}`);
    const current = queue.items.find((item) => item.playQueueItemId === queue.selectedItemId) ??
      queue.items.find((item) => item.ratingKey === session.ratingKey);
    const mapId = mapQueueItemIds(
      session.queueItems,
      queue.items,
      current && { oldItemId: session.playQueueItemId, newItemId: current.playQueueItemId },
    );
    if (current) session.playQueueItemId = current.playQueueItemId;
    this.playback.applyQueue(session, queue);
    return { queue, mapId };
  }

  private requireKnownItem(session: PlaybackSession, itemId: number, field: string): void {
    if (!session.queueItems.some((item) => item.itemId === itemId)) {
      throw new NotFoundException(`${field} ${itemId} is not in this session's queue`);
    }
  }

  private callerFor(session: PlaybackSession): PlexCaller {
    return this.callers.forDevice(session.profileId, session.deviceId);
  }

}

/** The item `pick` chooses in `items`, counted from the current one (found by `isCurrent`). */
function picked<T>(items: readonly T[], isCurrent: (item: T) => boolean, pick: Pick): T | undefined {
  const index = items.findIndex(isCurrent);
  if (index < 0) return undefined;
  const target = pick(items.length, index);
  return target === undefined ? undefined : items[target];
}
