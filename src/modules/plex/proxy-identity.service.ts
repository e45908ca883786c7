import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ProxySettingsRepository } from '../database/proxy-settings.repository.js';

const CLIENT_IDENTIFIER_KEY = 'plex.clientIdentifier';

/** The proxy's own `X-Plex-Client-Identifier`: generated on first start and kept in the database. */
@Injectable()
export class ProxyIdentityService implements OnModuleInit {
  private identifier: string | undefined;

  constructor(private readonly settings: ProxySettingsRepository) {}

  async onModuleInit(): Promise<void> {
    this.identifier = await this.settings.getOrCreate(CLIENT_IDENTIFIER_KEY, () => randomUUID());
  }

  get clientIdentifier(): string {
    if (!this.identifier) throw new Error('the proxy identity is not loaded before module init');
    return this.identifier;
  }
}
