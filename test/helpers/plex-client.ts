import type { PlexEmulator } from '../../emulator/index.js';
import { AppConfig } from '../../src/modules/config/app-config.js';
import { validateEnvironment } from '../../src/modules/config/environment.js';
import { PlexClient } from '../../src/modules/plex/plex.client.js';
import type { PlexCaller } from '../../src/modules/plex/plex.types.js';

/** The proxy's real Plex client, outside Nest, configured as the app would be. */
export function plexClient(env: Record<string, string> = {}): PlexClient {
  return new PlexClient(new AppConfig(validateEnvironment(env)));
}

export function callerFor(emulator: PlexEmulator, clientIdentifier = 'test-device-1'): PlexCaller {
  return { serverUrl: emulator.url, token: emulator.token, clientIdentifier };
}
