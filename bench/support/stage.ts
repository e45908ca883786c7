import type { PlexEmulator } from '../../emulator/index.js';
import type { Figure } from './figures.js';
import type { BenchOptions } from './options.js';

/** What every stage gets: the emulator (in this process), the options, and a scratch folder. */
export interface StageContext {
  plex: PlexEmulator;
  options: BenchOptions;
  /** A fresh temporary folder, removed after the run. */
  workDir: string;
  /** The ADMIN_TOKEN the proxy runs with, so every call is authenticated. */
  adminToken: string;
}

export interface StageResult {
  figures: Figure[];
  /** Raw numbers kept in the JSON results. */
  details: Record<string, unknown>;
}

/** The environment every proxy child runs with: the emulator as Plex, its own SQLite file, authentication on. */
export function proxyEnv(context: StageContext, databasePath: string, logLevel = 'warn'): Record<string, string> {
  return {
    PLEX_URL: context.plex.url,
    PLEX_TOKEN: context.plex.token,
    DATABASE_URL: `file:${databasePath}`,
    ADMIN_TOKEN: context.adminToken,
    // Throttling stays on (its cost is part of the hot path), with a limit the load never reaches.
    RATE_LIMIT_PER_MINUTE: '10000000',
    LOG_LEVEL: logLevel,
  };
}
