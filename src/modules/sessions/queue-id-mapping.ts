import type { QueueItemSnapshot } from '../../entities/playback-session.entity.js';

/** An item of a rebuilt queue, as far as mapping needs it. */
export interface RebuiltItem {
  playQueueItemId: number;
  ratingKey: string;
}

/**
 * How the item ids of a queue Plex forgot map onto the queue rebuilt from the same source: by item and occurrence
 * (the second time an item appears maps to its second appearance), and the current item onto the rebuilt queue's
 * current one. Items the rebuilt queue lacks (added by hand) keep their old id, which Plex then refuses.
 */
export function mapQueueItemIds(
  oldItems: readonly QueueItemSnapshot[],
  rebuilt: readonly RebuiltItem[],
  current?: { oldItemId: number; newItemId: number },
): (itemId: number) => number {
  const mapping = new Map<number, number>();
  const used = new Set<number>();
  for (const old of oldItems) {
    const match = rebuilt.find((item) => item.ratingKey === old.ratingKey && !used.has(item.playQueueItemId));
    if (match) {
      used.add(match.playQueueItemId);
      mapping.set(old.itemId, match.playQueueItemId);
    }
  }
  if (current) mapping.set(current.oldItemId, current.newItemId);
  return (itemId) => mapping.get(itemId) ?? itemId;
}
