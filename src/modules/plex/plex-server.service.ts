import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { startPlexEmulator, type PlexEmulator } from '../../../emulator/index.js';
import { AppConfig } from '../config/app-config.js';
import { PlexClient } from './plex.client.js';
import type { PlexCaller } from './plex.types.js';
import { ProxyIdentityService } from './proxy-identity.service.js';

export const DEFAULT_SERVER_ID = 'default';

/**
 * The Plex Media Server this proxy fronts: the one configured by PLEX_URL/PLEX_TOKEN, or, when
 * PLEX_URL is unset, the built-in emulator with its demo library, started in this process.
 */
@Injectable()
export class PlexServerService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PlexServerService.name);
  private emulator: PlexEmulator | undefined;
  private server: { url: string; token: string } | undefined;
  private machineIdentifierCache: string | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly client: PlexClient,
    private readonly identity: ProxyIdentityService,
  ) {}

  async onModuleInit(): Promise<void> {
    const { url, token, emulatorPort } = this.config.plex;
    if (url && token) {
      this.server = { url, token };
      this.logger.log(`Plex Media Server: ${url}`);
      return;
    }
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

  /** The id sessions and progress are stored under (one server until households bring several). */
  get id(): string {
    return DEFAULT_SERVER_ID;
  }

  get usesEmulator(): boolean {
    return this.emulator !== undefined;
  }

  /** Calls made as the proxy itself: the server's token and the proxy's own client identifier. */
  proxyCaller(): PlexCaller {
    return { serverUrl: this.url, token: this.token, clientIdentifier: this.identity.clientIdentifier };
  }

  /** Calls made for a profile's device: the server's token, and a client identifier of that device's own. */
  deviceCaller(profileId: string, deviceId: string): PlexCaller {
    return {
      serverUrl: this.url,
      token: this.token,
      clientIdentifier: this.identity.deviceClientIdentifier(profileId, deviceId),
    };
  }

  /** The server's machine identifier, asked once and then remembered (it never changes). */
  async machineIdentifier(): Promise<string> {
    this.machineIdentifierCache ??= (await this.client.identity(this.proxyCaller())).machineIdentifier;
    return this.machineIdentifierCache;
  }

  private get connection(): { url: string; token: string } {
    if (!this.server) throw new Error('the Plex server is not resolved before module init');
    return this.server;
  }
}
