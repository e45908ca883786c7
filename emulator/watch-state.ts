import type { WatchState } from './library-types.js';

/** Watch state per user and item, as Plex keeps it for each account. */
export class WatchStateStore {
  private readonly states = new Map<string, Map<string, WatchState>>();
  /** When each user's state of an item last changed (ms): what "Continue watching" orders by. */
  private readonly changedAt = new Map<string, Map<string, number>>();

  get(user: string, ratingKey: string): WatchState {
    const state = this.states.get(user)?.get(ratingKey);
    return state ? { ...state } : { viewCount: 0 };
  }

  /** When the user's state of the item last changed (epoch ms), 0 if never. */
  lastChange(user: string, ratingKey: string): number {
    return this.changedAt.get(user)?.get(ratingKey) ?? 0;
  }

  /** Puts a state as it is (the seeded history of the demo library). */
  seed(user: string, ratingKey: string, state: WatchState): void {
    Object.assign(this.mutable(user, ratingKey, (state.lastViewedAt ?? 0) * 1000), state);
  }

  private mutable(user: string, ratingKey: string, now: number = Date.now()): WatchState {
    let changes = this.changedAt.get(user);
    if (!changes) {
      changes = new Map();
      this.changedAt.set(user, changes);
    }
    changes.set(ratingKey, now);
    let perUser = this.states.get(user);
    if (!perUser) {
      perUser = new Map();
      this.states.set(user, perUser);
    }
    let state = perUser.get(ratingKey);
    if (!state) {
      state = { viewCount: 0 };
      perUser.set(ratingKey, state);
    }
    return state;
  }

  setOffset(user: string, ratingKey: string, viewOffset: number): void {
    const state = this.mutable(user, ratingKey);
    if (viewOffset > 0) state.viewOffset = viewOffset;
    else delete state.viewOffset;
  }

  markPlayed(user: string, ratingKey: string, now: number = Date.now()): void {
    const state = this.mutable(user, ratingKey, now);
    state.viewCount += 1;
    state.lastViewedAt = Math.floor(now / 1000);
    delete state.viewOffset;
  }

  markUnplayed(user: string, ratingKey: string): void {
    const state = this.mutable(user, ratingKey);
    state.viewCount = 0;
    delete state.viewOffset;
    delete state.lastViewedAt;
  }
}
