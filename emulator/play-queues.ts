import { parseContentUri } from './content-uri.js';
import type { DemoLibrary } from './demo-library.js';
import { HttpError } from './http-error.js';
import type { LibraryItem } from './library-types.js';

export type PlayQueueType = 'audio' | 'video' | 'photo';

export interface PlayQueueEntry {
  /** Unique across the whole server, never derived from a position. */
  playQueueItemID: number;
  ratingKey: string;
  /** Added by PUT /playQueues/{id} (the "Up Next" area) rather than by the queue's source. */
  addedByUser: boolean;
  /** Added with next=1 ("play next"). */
  addedNext: boolean;
}

export interface PlayQueueState {
  id: number;
  version: number;
  type: PlayQueueType;
  sourceURI: string;
  shuffled: boolean;
  selectedItemID?: number;
  lastAddedItemID?: number;
  ownerClientIdentifier?: string;
  entries: PlayQueueEntry[];
  /** Item ids in source order, restored by unshuffle. */
  sourceOrder: number[];
}

export interface CreatePlayQueueInput {
  type: PlayQueueType;
  uri?: string;
  playlistID?: string;
  key?: string;
  shuffle: boolean;
  continuous: boolean;
  clientIdentifier?: string;
}

export interface AddToPlayQueueInput {
  uri?: string;
  playlistID?: string;
  next: boolean;
}

const TYPES_FOR_QUEUE: Record<PlayQueueType, readonly string[]> = {
  video: ['movie', 'episode'],
  audio: ['track'],
  photo: ['photo'],
};

/** Fisher-Yates; retries so that a queue of 3+ items really changes order. */
function shuffled<T>(values: readonly T[]): T[] {
  for (let attempt = 0; attempt < 10; attempt++) {
    const copy = [...values];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    if (values.length < 2 || copy.some((value, i) => value !== values[i])) return copy;
  }
  return [...values];
}

/** All play queues of the server, with Plex's rules for creating and editing them. */
export class PlayQueueStore {
  private readonly queues = new Map<number, PlayQueueState>();
  /** Where an item id was last seen; checked on use, so queue changes never leave it wrong. */
  private readonly queueOfItem = new Map<number, PlayQueueState>();
  private nextQueueId = 1;
  private nextItemId = 1;

  constructor(
    private readonly library: DemoLibrary,
    private readonly machineIdentifier: string,
  ) {}

  get(id: number): PlayQueueState | undefined {
    return this.queues.get(id);
  }

  require(id: number): PlayQueueState {
    const queue = this.queues.get(id);
    if (!queue) throw new HttpError(404, `play queue ${id} not found`);
    return queue;
  }

  expire(id: number): boolean {
    for (const entry of this.queues.get(id)?.entries ?? []) this.queueOfItem.delete(entry.playQueueItemID);
    return this.queues.delete(id);
  }

  /**
   * The queue holding that item id (ids are unique across queues). Every timeline report asks this: a scan of all
   * queues made the emulator the bottleneck of the 50,000-session benchmark.
   */
  findByItemId(playQueueItemID: number): PlayQueueState | undefined {
    const holds = (queue: PlayQueueState) => queue.entries.some((entry) => entry.playQueueItemID === playQueueItemID);
    const indexed = this.queueOfItem.get(playQueueItemID);
    if (indexed && this.queues.get(indexed.id) === indexed && holds(indexed)) return indexed;
    for (const queue of this.queues.values()) {
      if (holds(queue)) {
        this.index(queue);
        return queue;
      }
    }
    this.queueOfItem.delete(playQueueItemID);
    return undefined;
  }

  private index(queue: PlayQueueState): void {
    for (const entry of queue.entries) this.queueOfItem.set(entry.playQueueItemID, queue);
  }

  create(input: CreatePlayQueueInput): PlayQueueState {
    const { items, sourceURI, continuousFrom } = this.resolveSource(input.uri, input.playlistID, input.continuous);
    this.checkTypes(input.type, items);
    if (items.length === 0) throw new HttpError(400, 'the play queue source has no playable items');
    const startKey = input.key !== undefined ? this.startRatingKey(input.key, items) : continuousFrom;
    const entries = items.map((item) => this.newEntry(item, false, false));
    let selected = entries.find((entry) => entry.ratingKey === startKey) ?? entries[0];
    const sourceOrder = entries.map((entry) => entry.playQueueItemID);
    let ordered = entries;
    if (input.shuffle) {
      ordered = [selected, ...shuffled(entries.filter((entry) => entry !== selected))];
      selected = ordered[0]!;
    }
    const queue: PlayQueueState = {
      id: this.nextQueueId++,
      version: 1,
      type: input.type,
      sourceURI,
      shuffled: input.shuffle,
      selectedItemID: selected.playQueueItemID,
      ownerClientIdentifier: input.clientIdentifier,
      entries: ordered,
      sourceOrder,
    };
    this.queues.set(queue.id, queue);
    this.index(queue);
    return queue;
  }

  add(id: number, input: AddToPlayQueueInput): PlayQueueState {
    const queue = this.require(id);
    const { items } = this.resolveSource(input.uri, input.playlistID, false);
    this.checkTypes(queue.type, items);
    if (items.length === 0) throw new HttpError(400, 'nothing to add');
    const added = items.map((item) => this.newEntry(item, true, input.next));
    const at = this.insertionIndex(queue, input.next);
    queue.entries.splice(at, 0, ...added);
    queue.sourceOrder.push(...added.map((entry) => entry.playQueueItemID));
    queue.lastAddedItemID = added[added.length - 1].playQueueItemID;
    if (queue.selectedItemID === undefined) queue.selectedItemID = queue.entries[0].playQueueItemID;
    queue.version++;
    return queue;
  }

  remove(id: number, playQueueItemID: number): PlayQueueState {
    const queue = this.require(id);
    const index = this.indexOf(queue, playQueueItemID);
    queue.entries.splice(index, 1);
    queue.sourceOrder = queue.sourceOrder.filter((itemId) => itemId !== playQueueItemID);
    if (queue.selectedItemID === playQueueItemID) {
      const next = queue.entries[index] ?? queue.entries[index - 1];
      queue.selectedItemID = next?.playQueueItemID;
    }
    queue.version++;
    return queue;
  }

  move(id: number, playQueueItemID: number, after: number | undefined): PlayQueueState {
    const queue = this.require(id);
    const from = this.indexOf(queue, playQueueItemID);
    if (after === playQueueItemID) throw new HttpError(400, 'cannot move an item after itself');
    const [entry] = queue.entries.splice(from, 1) as [PlayQueueEntry];
    if (after === undefined) {
      queue.entries.unshift(entry);
    } else {
      const anchor = queue.entries.findIndex((candidate) => candidate.playQueueItemID === after);
      if (anchor < 0) {
        queue.entries.splice(from, 0, entry);
        throw new HttpError(400, `play queue item ${after} is not in play queue ${id}`);
      }
      queue.entries.splice(anchor + 1, 0, entry);
    }
    queue.version++;
    return queue;
  }

  shuffle(id: number): PlayQueueState {
    const queue = this.require(id);
    this.refuseWithUpNext(queue, 'shuffle');
    const selected = queue.entries.find((entry) => entry.playQueueItemID === queue.selectedItemID);
    const others = queue.entries.filter((entry) => entry !== selected);
    queue.entries = selected ? [selected, ...shuffled(others)] : shuffled(others);
    queue.shuffled = true;
    queue.version++;
    return queue;
  }

  unshuffle(id: number): PlayQueueState {
    const queue = this.require(id);
    this.refuseWithUpNext(queue, 'unshuffle');
    const position = new Map(queue.sourceOrder.map((itemId, index) => [itemId, index]));
    queue.entries.sort(
      (a, b) => (position.get(a.playQueueItemID) ?? Infinity) - (position.get(b.playQueueItemID) ?? Infinity),
    );
    queue.shuffled = false;
    queue.version++;
    return queue;
  }

  clear(id: number): PlayQueueState {
    const queue = this.require(id);
    queue.entries = [];
    queue.sourceOrder = [];
    queue.selectedItemID = undefined;
    queue.version++;
    return queue;
  }

  reset(id: number): PlayQueueState {
    const queue = this.require(id);
    queue.selectedItemID = queue.entries[0]?.playQueueItemID;
    queue.version++;
    return queue;
  }

  /** A timeline report named this item: it becomes the selected one (no version bump, as in Plex). */
  select(playQueueItemID: number): boolean {
    const queue = this.findByItemId(playQueueItemID);
    if (!queue) return false;
    queue.selectedItemID = playQueueItemID;
    return true;
  }

  setOwner(id: number, clientIdentifier: string | undefined): void {
    const queue = this.require(id);
    if (clientIdentifier) queue.ownerClientIdentifier = clientIdentifier;
  }

  private newEntry(item: LibraryItem, addedByUser: boolean, addedNext: boolean): PlayQueueEntry {
    return { playQueueItemID: this.nextItemId++, ratingKey: item.ratingKey, addedByUser, addedNext };
  }

  private indexOf(queue: PlayQueueState, playQueueItemID: number): number {
    const index = queue.entries.findIndex((entry) => entry.playQueueItemID === playQueueItemID);
    if (index < 0) throw new HttpError(404, `play queue item ${playQueueItemID} not found in play queue ${queue.id}`);
    return index;
  }

  /**
   * next=1: right after the selected item and the "play next" items already following it.
   * Otherwise: after the selected item and every user-added item following it (the end of "Up Next"),
   * before the rest of the queue's source items.
   */
  private insertionIndex(queue: PlayQueueState, next: boolean): number {
    const selected = queue.entries.findIndex((entry) => entry.playQueueItemID === queue.selectedItemID);
    if (selected < 0) return queue.entries.length;
    let index = selected + 1;
    while (index < queue.entries.length) {
      const entry = queue.entries[index];
      if (!entry.addedByUser || (next && !entry.addedNext)) break;
      index++;
    }
    return index;
  }

  private refuseWithUpNext(queue: PlayQueueState, operation: string): void {
    if (queue.entries.some((entry) => entry.addedByUser)) {
      throw new HttpError(400, `cannot ${operation} play queue ${queue.id}: it has an Up Next area`);
    }
  }

  private checkTypes(type: PlayQueueType, items: readonly LibraryItem[]): void {
    const wrong = items.find((item) => !TYPES_FOR_QUEUE[type].includes(item.type));
    if (wrong) throw new HttpError(400, `a ${type} play queue cannot hold ${wrong.type} ${wrong.ratingKey}`);
  }

  private startRatingKey(key: string, items: readonly LibraryItem[]): string {
    const match = /^\/library\/metadata\/(\d+)$/.exec(key);
    const ratingKey = match?.[1];
    if (!ratingKey || !items.some((item) => item.ratingKey === ratingKey)) {
      throw new HttpError(400, `key ${key} is not an item of the play queue source`);
    }
    return ratingKey;
  }

  private resolveSource(
    uri: string | undefined,
    playlistID: string | undefined,
    continuous: boolean,
  ): { items: LibraryItem[]; sourceURI: string; continuousFrom?: string } {
    if ((uri === undefined) === (playlistID === undefined)) {
      throw new HttpError(400, 'exactly one of uri and playlistID is required');
    }
    const providerRoot = `server://${this.machineIdentifier}/com.plexapp.plugins.library`;
    const target =
      uri !== undefined
        ? parseContentUri(uri, this.machineIdentifier, this.library)
        : { kind: 'playlist' as const, playlistId: playlistID! };
    if (target.kind === 'playlist') {
      if (!this.library.playlist(target.playlistId)) throw new HttpError(404, `playlist ${target.playlistId} not found`);
      return {
        items: this.library.playlistItems(target.playlistId),
        sourceURI: uri ?? `${providerRoot}/playlists/${target.playlistId}/items`,
      };
    }
    const { item, allLeaves } = target;
    const leaves = this.library.leaves(item.ratingKey);
    const isSingleLeaf = leaves.length === 1 && leaves[0] === item && !allLeaves;
    if (isSingleLeaf && continuous && (item.type === 'episode' || item.type === 'track')) {
      const all = this.library.leaves(this.library.topAncestor(item).ratingKey);
      const from = all.findIndex((leaf) => leaf.ratingKey === item.ratingKey);
      return { items: all.slice(from), sourceURI: uri!, continuousFrom: item.ratingKey };
    }
    return { items: leaves, sourceURI: uri! };
  }
}
