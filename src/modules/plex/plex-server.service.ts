import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { PlexEmulator } from '../../../emulator/index.js';
import { AppConfig } from '../config/app-config.js';
import type { PlexCaller } from './plex.types.js';
import { ProxyIdentityService } from './proxy-identity.service.js';

export const DEFAULT_SERVER_ID = 'default';

/**
 * The default Plex Media Server (row `default` of the servers): the one configured by PLEX_URL/PLEX_TOKEN, or,
 * when PLEX_URL is unset, the built-in emulator with its demo library, started in this process. Calls made as a
 * profile go through PlexCallers (households module).
 */
@Injectable()
export class PlexServerService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PlexServerService.name);
  private emulator: PlexEmulator | undefined;
  private server: { url: string; token: string } | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly identity: ProxyIdentityService,
  ) {}

  async onModuleInit(): Promise<void> {
    const { url, token, emulatorPort } = this.config.plex;
    if (url && token) {
      this.server = { url, token };
      this.logger.log(`Plex Media Server: ${url}`);
      return;
    }
    // Loaded only when used: a proxy with PLEX_URL set never reads the emulator's modules.
    const { startPlexEmulator } = await import('../../../emulator/index.js');
    this.emulator = await startPlexEmulator({ port: emulatorPort, host: '127.0.0.1' });
    this.server = { url: this.emulator.url, token: this.emulator.token };
    this.logger.warn(
      `PLEX_URL is not set: using the BUILT-IN PLEX EMULATOR with a demo library at ${this.emulator.url}. ` +
        'Nothing here reaches a real Plex Media Server; set PLEX_URL and PLEX_TOKEN for that.',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.emulator?.close();
  }

  get url(): string {
    return this.connection.url;
  }

  get token(): string {
    return this.connection.token;
  }

  get usesEmulator(): boolean {
    return this.emulator !== undefined;
  }

  /** Calls made as the proxy itself: the server's token and the proxy's own client identifier. */
  proxyCaller(): PlexCaller {
    return { serverUrl: this.url, token: this.token, clientIdentifier: this.identity.clientIdentifier };
  }

  private get connection(): { url: string; token: string } {
    if (!this.server) throw new Error('the Plex server is not resolved before module init');
    return this.server;
  }
}
