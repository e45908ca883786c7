import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { AppEvents } from '../events/app-events.js';

/** How long a profile's libraries and item details are kept: seconds, so Plex-side changes show up soon. */
export const BROWSE_CACHE_TTL_MS = 10_000;
/** Entries per profile at most; the oldest go first. */
const MAX_ENTRIES_PER_PROFILE = 500;

interface Entry {
  expiresAt: number;
  value: Promise<unknown>;
}

/**
 * What a profile reads often and what changes rarely (its libraries, item details), per profile and for seconds.
 * A profile's entries are dropped when it plays (any session event) or its watch state changes (from any device), so
 * its own watch state is never stale; a failed load is not kept.
 */
@Injectable()
export class BrowseCache implements OnModuleInit {
  private readonly profiles = new Map<string, Map<string, Entry>>();

  constructor(
    private readonly clock: Clock,
    private readonly events: AppEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('session', (event) => this.drop(event.session.profileId));
    this.events.on('progress', (change) => this.drop(change.profileId));
  }

  get<T>(profileId: string, key: string, load: () => Promise<T>): Promise<T> {
    const now = this.clock.now();
    let entries = this.profiles.get(profileId);
    const known = entries?.get(key);
    if (known && known.expiresAt > now) return known.value as Promise<T>;
    if (!entries) {
      entries = new Map();
      this.profiles.set(profileId, entries);
    }
    entries.delete(key);
    if (entries.size >= MAX_ENTRIES_PER_PROFILE) entries.delete(entries.keys().next().value!);
    const value = load();
    const entry = { expiresAt: now + BROWSE_CACHE_TTL_MS, value };
    entries.set(key, entry);
    value.catch(() => {
      if (this.profiles.get(profileId)?.get(key) === entry) this.profiles.get(profileId)?.delete(key);
    });
    return value;
  }

  drop(profileId: string): void {
    this.profiles.delete(profileId);
  }
}
