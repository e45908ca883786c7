import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { PlexServerService } from '../plex/plex-server.service.js';
import { PlexClient } from '../plex/plex.client.js';

/** Plex is healthy when it answers `/identity`. */
@Injectable()
export class PlexHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly client: PlexClient,
    private readonly server: PlexServerService,
  ) {}

  async check(key = 'plex'): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      const identity = await this.client.identity(this.server.proxyCaller());
      return indicator.up({ emulator: this.server.usesEmulator, version: identity.version });
    } catch (error) {
      return indicator.down({ emulator: this.server.usesEmulator, message: (error as Error).message });
    }
  }
}
