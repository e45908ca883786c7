import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startPlexEmulator, type PlexEmulator, type PlexEmulatorOptions } from '../../emulator/index.js';
import { createApp } from '../../src/app.factory.js';
import type { Clock } from '../../src/common/clock.js';
import { AppConfig } from '../../src/modules/config/app-config.js';
import { validateEnvironment } from '../../src/modules/config/environment.js';
import { TimelineScheduler } from '../../src/modules/timeline/timeline-scheduler.service.js';
import type { ApiClient } from './api-client.js';
import { adminClient, clientFor, createProfile, TEST_ADMIN_TOKEN } from './household.js';
import { tempDir } from './paths.js';

/**
 * The real app in this process (so a fake clock can drive its scheduler), on a real port with a real
 * SQLite file, in front of the emulator on another port.
 */
export interface InProcessStack {
  plex: PlexEmulator;
  app: NestFastifyApplication;
  api: ApiClient;
  /** The admin API (ADMIN_TOKEN). */
  admin: ApiClient;
  scheduler: TimelineScheduler;
  /** Closes the app (as SIGTERM would) and starts it again on the same database, emulator and clock. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startInProcessStack(
  clock: Clock,
  env: Record<string, string> = {},
  plexOptions: PlexEmulatorOptions = {},
): Promise<InProcessStack> {
  const plex = await startPlexEmulator(plexOptions);
  const dir = tempDir();
  const config = new AppConfig(
    validateEnvironment({
      PLEX_URL: plex.url,
      PLEX_TOKEN: plex.token,
      DATABASE_URL: `file:${join(dir.path, 'proxy.sqlite')}`,
      LOG_LEVEL: 'silent',
      PERSIST_FLUSH_MS: '20',
      PLEX_TIMEOUT_MS: '2000',
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      ...env,
    }),
  );
  const listen = async () => {
    const app = await createApp(config, clock);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { app, url: await app.getUrl() };
  };
  const { app, url } = await listen();
  const profile = await createProfile(adminClient(url), { name: 'Test' });
  const stack: InProcessStack = {
    plex,
    app,
    api: clientFor(url, profile.apiKey),
    admin: adminClient(url),
    scheduler: app.get(TimelineScheduler),
    restart: async () => {
      await stack.app.close();
      const restarted = await listen();
      stack.app = restarted.app;
      stack.api = clientFor(restarted.url, profile.apiKey);
      stack.admin = adminClient(restarted.url);
      stack.scheduler = restarted.app.get(TimelineScheduler);
    },
    close: async () => {
      await stack.app.close();
      await plex.close();
      dir.remove();
    },
  };
  return stack;
}
