import { join } from 'node:path';
import { startPlexEmulator, type PlexEmulator, type PlexEmulatorOptions } from '../../emulator/index.js';
import type { ApiClient } from './api-client.js';
import { adminClient, clientFor, createProfile, TEST_ADMIN_TOKEN, TEST_SECRET_KEY, type CreatedProfile } from './household.js';
import { tempDir } from './paths.js';
import { startProxy, stopAllProxies, type ProxyProcess } from './proxy-process.js';

/** The emulator on one port, the real proxy process on another, with an SQLite file of its own. */
export interface Stack {
  plex: PlexEmulator;
  proxy: ProxyProcess;
  /** The API as the test profile's device with `X-Device-Id: tv-1`. */
  api: ApiClient;
  /** The admin API (ADMIN_TOKEN). */
  admin: ApiClient;
  /** The profile `api` plays as, created through the admin API at start. */
  profile: CreatedProfile;
  databaseUrl: string;
  env: Record<string, string>;
  /** Stops the proxy and starts it again on the same database (same environment unless overridden). */
  restart(signal?: NodeJS.Signals, env?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(env: Record<string, string> = {}, emulator: PlexEmulatorOptions = {}): Promise<Stack> {
  const plex = await startPlexEmulator(emulator);
  const dir = tempDir();
  const databaseUrl = env.DATABASE_URL ?? `file:${join(dir.path, 'proxy.sqlite')}`;
  const fullEnv = {
    PLEX_URL: plex.url,
    PLEX_TOKEN: plex.token,
    DATABASE_URL: databaseUrl,
    PERSIST_FLUSH_MS: '50',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    // Set, so no key file is written (with PostgreSQL it would land in ./data of the repository).
    SECRET_KEY: TEST_SECRET_KEY,
    ...env,
  };
  const stack: Stack = {
    plex,
    proxy: await startProxy(fullEnv),
    api: undefined as unknown as ApiClient,
    admin: undefined as unknown as ApiClient,
    profile: undefined as unknown as CreatedProfile,
    databaseUrl,
    env: fullEnv,
    restart: async (signal = 'SIGTERM', override = {}) => {
      await stack.proxy.stop(signal);
      stack.proxy = await startProxy({ ...fullEnv, ...override });
      stack.admin = adminClient(stack.proxy.url, fullEnv.ADMIN_TOKEN);
      stack.api = clientFor(stack.proxy.url, stack.profile.apiKey);
    },
    close: async () => {
      await stopAllProxies();
      await plex.close();
      dir.remove();
    },
  };
  stack.admin = adminClient(stack.proxy.url, fullEnv.ADMIN_TOKEN);
  stack.profile = await createProfile(stack.admin, { name: 'Test' });
  stack.api = clientFor(stack.proxy.url, stack.profile.apiKey);
  return stack;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
