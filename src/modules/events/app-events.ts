import { Injectable, Logger } from '@nestjs/common';
import type { SessionEvent } from '../sessions/session-events.js';
import type { HouseholdChange } from '../households/household-changes.js';
import type { ProgressChange } from '../sessions/progress-change.js';

/** Every event inside the app, by name: services emit them, the timeline, the lifecycle and the live streams listen. */
export interface AppEventMap {
  /** What happened to a session (created, reported on, moved, its queue changed, ended). */
  session: SessionEvent;
  /** A profile's saved progress turned watched or unwatched. */
  progress: ProgressChange;
  /** A profile, API key or device was created, changed or removed. */
  household: HouseholdChange;
}

export type AppEventName = keyof AppEventMap;
type Listener<K extends AppEventName> = (payload: AppEventMap[K]) => void;

/**
 * The app's one event bus, synchronous and typed: a listener runs inside `emit`, so it sees the change before the
 * caller goes on; a listener that throws is logged and does not stop the others or the emitter.
 */
@Injectable()
export class AppEvents {
  private readonly logger = new Logger(AppEvents.name);
  private readonly listeners: { [K in AppEventName]: Listener<K>[] } = { session: [], progress: [], household: [] };

  /** Listens to one kind of event; the answer stops listening. */
  on<K extends AppEventName>(name: K, listener: Listener<K>): () => void {
    const list = this.listeners[name] as Listener<K>[];
    list.push(listener);
    return () => {
      const index = list.indexOf(listener);
      if (index >= 0) list.splice(index, 1);
    };
  }

  emit<K extends AppEventName>(name: K, payload: AppEventMap[K]): void {
    for (const listener of this.listeners[name] as Listener<K>[]) {
      try {
        listener(payload);
      } catch (error) {
        this.logger.error(`${name} event listener failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
  }
}
