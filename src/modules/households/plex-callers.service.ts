import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import type { PlexServer } from '../../entities/plex-server.entity.js';
import type { Profile } from '../../entities/profile.entity.js';
import { DEFAULT_SERVER_ID, PlexServerService } from '../plex/plex-server.service.js';
import { PlexClient } from '../plex/plex.client.js';
import type { PlexCaller } from '../plex/plex.types.js';
import { ProxyIdentityService } from '../plex/proxy-identity.service.js';
import { ProfileRepository, ServerRepository } from './households.repositories.js';
import { SecretBox } from './secret-box.service.js';

interface KnownServer {
  id: string;
  name: string;
  url: string;
  token: string;
  machineIdentifier: string | null;
}

interface KnownProfile {
  id: string;
  name: string;
  serverId: string;
  token: string | null;
}

/**
 * Who a Plex call is made as: a profile's own token (else its server's) against its server's URL. Servers and
 * profiles are few, so all of them are kept in memory (decrypted once) and every lookup on the hot path is sync.
 */
@Injectable()
export class PlexCallers implements OnModuleInit {
  private readonly logger = new Logger(PlexCallers.name);
  private readonly servers = new Map<string, KnownServer>();
  private readonly profiles = new Map<string, KnownProfile>();

  constructor(
    private readonly defaultServer: PlexServerService,
    private readonly serverRows: ServerRepository,
    private readonly profileRows: ProfileRepository,
    private readonly secrets: SecretBox,
    private readonly identity: ProxyIdentityService,
    private readonly plex: PlexClient,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.syncDefaultServer();
    for (const server of await this.serverRows.all()) this.rememberServer(server);
    for (const profile of await this.profileRows.all()) this.rememberProfile(profile);
  }

  rememberServer(row: PlexServer): void {
    if (!row.tokenEncrypted) return;
    this.servers.set(row.id, {
      id: row.id,
      name: row.name,
      url: row.url,
      token: this.secrets.open(row.tokenEncrypted),
      machineIdentifier: row.machineIdentifier,
    });
  }

  forgetServer(id: string): void {
    this.servers.delete(id);
  }

  rememberProfile(row: Profile): void {
    const token = row.plexTokenEncrypted ? this.secrets.open(row.plexTokenEncrypted) : null;
    this.profiles.set(row.id, { id: row.id, name: row.name, serverId: row.serverId, token });
  }

  /** A deleted profile's sessions still send their final reports, as the server, until the process restarts. */
  forgetProfile(id: string): void {
    const profile = this.profiles.get(id);
    if (profile) this.profiles.set(id, { ...profile, token: null });
  }

  /** Whether the profile exists (a signed URL may outlive it). */
  hasProfile(id: string): boolean {
    return this.profiles.has(id);
  }

  hasServer(id: string): boolean {
    return this.servers.has(id);
  }

  serverIdOf(profileId: string): string {
    return this.profiles.get(profileId)?.serverId ?? DEFAULT_SERVER_ID;
  }

  serverName(serverId: string): string | undefined {
    return this.servers.get(serverId)?.name;
  }

  /** Calls for a profile's device: the profile's token, a client identifier of that profile+device's own. */
  forDevice(profileId: string, deviceId: string): PlexCaller {
    return this.callerOf(profileId, this.identity.deviceClientIdentifier(profileId, deviceId));
  }

  /** Calls for a profile with no device at hand (reading its resume point). */
  forProfile(profileId: string): PlexCaller {
    return this.callerOf(profileId, this.identity.clientIdentifier);
  }

  /** Calls as the server's owner (preferences, identity). */
  forServer(serverId: string): PlexCaller {
    const server = this.server(serverId);
    return { serverUrl: server.url, token: server.token, clientIdentifier: this.identity.clientIdentifier };
  }

  /** The server's machine identifier, asked once and remembered (it never changes). */
  async machineIdentifier(serverId: string): Promise<string> {
    const server = this.server(serverId);
    server.machineIdentifier ??= (await this.plex.identity(this.forServer(serverId))).machineIdentifier;
    return server.machineIdentifier;
  }

  private callerOf(profileId: string, clientIdentifier: string): PlexCaller {
    const profile = this.profiles.get(profileId);
    const server = this.server(profile?.serverId ?? DEFAULT_SERVER_ID);
    return { serverUrl: server.url, token: profile?.token ?? server.token, clientIdentifier };
  }

  private server(id: string): KnownServer {
    const server = this.servers.get(id) ?? this.servers.get(DEFAULT_SERVER_ID);
    if (!server) throw new Error('the Plex servers are not loaded before module init');
    return server;
  }

  /** Undefined when the secret cannot be opened (for instance after the key changed). */
  private tryOpen(sealed: string | null): string | undefined {
    if (!sealed) return undefined;
    try {
      return this.secrets.open(sealed);
    } catch {
      return undefined;
    }
  }

  /** Row `default` follows PLEX_URL/PLEX_TOKEN (or the emulator) on every start. */
  private async syncDefaultServer(): Promise<void> {
    const now = this.clock.now();
    const row = (await this.serverRows.find(DEFAULT_SERVER_ID)) ?? undefined;
    const unchanged = row?.url === this.defaultServer.url && this.tryOpen(row.tokenEncrypted) === this.defaultServer.token;
    if (row && unchanged) return;
    await this.serverRows.save(
      Object.assign(row ?? { id: DEFAULT_SERVER_ID, name: 'Default', createdAt: now }, {
        url: this.defaultServer.url,
        tokenEncrypted: this.secrets.seal(this.defaultServer.token),
        machineIdentifier: null,
        updatedAt: now,
      }),
    );
    this.logger.log('default Plex server row updated from the configuration');
  }
}
