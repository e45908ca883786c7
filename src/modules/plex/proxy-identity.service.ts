import { createHash, randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ProxySettingsRepository } from '../database/proxy-settings.repository.js';

const CLIENT_IDENTIFIER_KEY = 'plex.clientIdentifier';

/** The proxy's own `X-Plex-Client-Identifier`: generated on first start and kept in the database. */
@Injectable()
export class ProxyIdentityService implements OnModuleInit {
  private identifier: string | undefined;
  private readonly deviceIdentifiers = new Map<string, string>();

  constructor(private readonly settings: ProxySettingsRepository) {}

  async onModuleInit(): Promise<void> {
    this.identifier = await this.settings.getOrCreate(CLIENT_IDENTIFIER_KEY, () => randomUUID());
  }

  get clientIdentifier(): string {
    if (!this.identifier) throw new Error('the proxy identity is not loaded before module init');
    return this.identifier;
  }

  /**
   * A stable `X-Plex-Client-Identifier` for one profile on one device, so Plex shows each TV (and each
   * person on it) as its own player. Derived, so it needs no storage and never changes.
   */
  deviceClientIdentifier(profileId: string, deviceId: string): string {
    const key = `${profileId}\u0000${deviceId}`;
    let identifier = this.deviceIdentifiers.get(key);
    if (!identifier) {
      const hex = createHash('sha256').update(`${this.clientIdentifier}\u0000${key}`).digest('hex');
      identifier = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
      this.deviceIdentifiers.set(key, identifier);
    }
    return identifier;
  }
}
