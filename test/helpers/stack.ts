import { join } from 'node:path';
import { startPlexEmulator, type PlexEmulator } from '../../emulator/index.js';
import { ApiClient } from './api-client.js';
import { tempDir } from './paths.js';
import { startProxy, stopAllProxies, type ProxyProcess } from './proxy-process.js';

/** The emulator on one port, the real proxy process on another, with an SQLite file of its own. */
export interface Stack {
  plex: PlexEmulator;
  proxy: ProxyProcess;
  /** The API as a device with `X-Device-Id: tv-1`. */
  api: ApiClient;
  databaseUrl: string;
  env: Record<string, string>;
  /** Stops the proxy and starts it again on the same database (same environment unless overridden). */
  restart(signal?: NodeJS.Signals, env?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const plex = await startPlexEmulator();
  const dir = tempDir();
  const databaseUrl = env.DATABASE_URL ?? `file:${join(dir.path, 'proxy.sqlite')}`;
  const fullEnv = { PLEX_URL: plex.url, PLEX_TOKEN: plex.token, DATABASE_URL: databaseUrl, PERSIST_FLUSH_MS: '50', ...env };
  const stack: Stack = {
    plex,
    proxy: await startProxy(fullEnv),
    api: undefined as unknown as ApiClient,
    databaseUrl,
    env: fullEnv,
    restart: async (signal = 'SIGTERM', override = {}) => {
      await stack.proxy.stop(signal);
      stack.proxy = await startProxy({ ...fullEnv, ...override });
      stack.api = new ApiClient(stack.proxy.url).with({ 'x-device-id': 'tv-1' });
    },
    close: async () => {
      await stopAllProxies();
      await plex.close();
      dir.remove();
    },
  };
  stack.api = new ApiClient(stack.proxy.url).with({ 'x-device-id': 'tv-1' });
  return stack;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
