import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { PlexCallers } from '../households/plex-callers.service.js';
import { PlexClient } from '../plex/plex.client.js';
import { DEFAULT_PLAYED_AT_BEHAVIOUR, DEFAULT_PLAYED_THRESHOLD_PERCENT } from '../plex/plex.mapper.js';
import type { PlexPreferences } from '../plex/plex.types.js';

/** How long settings read from a server are used before they are read again (in the background). */
export const SETTINGS_FRESH_MS = 5 * 60_000;
/** How long Plex's defaults stand in after a failed read before the server is asked again. */
export const SETTINGS_RETRY_MS = 60_000;

const PLEX_DEFAULTS: PlexPreferences = {
  videoPlayedThresholdPercent: DEFAULT_PLAYED_THRESHOLD_PERCENT,
  videoPlayedAtBehaviour: DEFAULT_PLAYED_AT_BEHAVIOUR,
};

interface Cached {
  preferences: PlexPreferences;
  until: number;
}

/**
 * Each server's settings that decide when an item counts as played (`GET /:/prefs`). Reading them never fails
 * and never waits on a server that was already asked: a server that refuses them (an older server, a token
 * without the right, a passing 5xx) gets Plex's documented defaults, cached, asked again later in the
 * background; one warning names the server until it answers again.
 */
@Injectable()
export class ServerSettings {
  private readonly logger = new Logger(ServerSettings.name);
  private readonly cached = new Map<string, Cached>();
  private readonly reading = new Map<string, Promise<PlexPreferences>>();
  private readonly failing = new Set<string>();

  constructor(
    private readonly plex: PlexClient,
    private readonly callers: PlexCallers,
    private readonly clock: Clock,
  ) {}

  /** The server's settings: cached (refreshed in the background once stale), else the first read's answer. */
  async preferences(serverId: string): Promise<PlexPreferences> {
    const cached = this.cached.get(serverId);
    if (!cached) return this.read(serverId);
    if (cached.until <= this.clock.now()) void this.read(serverId);
    return cached.preferences;
  }

  /** One read at a time per server; resolves with what was read or, when it failed, the defaults. */
  private read(serverId: string): Promise<PlexPreferences> {
    let reading = this.reading.get(serverId);
    if (!reading) {
      reading = this.fetch(serverId).finally(() => this.reading.delete(serverId));
      this.reading.set(serverId, reading);
    }
    return reading;
  }

  private async fetch(serverId: string): Promise<PlexPreferences> {
    const server = this.callers.serverName(serverId) ?? serverId;
    try {
      const preferences = await this.plex.preferences(this.callers.forServer(serverId));
      this.cached.set(serverId, { preferences, until: this.clock.now() + SETTINGS_FRESH_MS });
      if (this.failing.delete(serverId)) this.logger.log(`server "${server}": settings readable again`);
      return preferences;
    } catch (error) {
      this.cached.set(serverId, { preferences: PLEX_DEFAULTS, until: this.clock.now() + SETTINGS_RETRY_MS });
      if (!this.failing.has(serverId)) {
        this.failing.add(serverId);
        this.logger.warn(
          `server "${server}": cannot read its settings (${(error as Error).message}); ` +
            `using Plex's defaults (played at ${DEFAULT_PLAYED_THRESHOLD_PERCENT} % or the credits, whichever is first) and asking again every ${SETTINGS_RETRY_MS / 1000} s`,
        );
      }
      return PLEX_DEFAULTS;
    }
  }
}
