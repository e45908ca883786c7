import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { Profile } from '../../entities/profile.entity.js';
import { DEFAULT_SERVER_ID } from '../plex/plex-server.service.js';
import { PlexClient } from '../plex/plex.client.js';
import { PlexUnauthorizedError } from '../plex/plex.errors.js';
import { AppEvents } from '../events/app-events.js';
import { ApiKeysService, type IssuedKey } from './api-keys.service.js';
import { ProfileRepository } from './households.repositories.js';
import { PlexCallers } from './plex-callers.service.js';
import { SecretBox } from './secret-box.service.js';

export interface ProfileView {
  id: string;
  name: string;
  serverId: string;
  /** Whether the profile plays as its own Plex user (else as the server's owner). */
  hasPlexToken: boolean;
  createdAt: string;
}

export const toProfileView = (row: Profile): ProfileView => ({
  id: row.id,
  name: row.name,
  serverId: row.serverId,
  hasPlexToken: row.plexTokenEncrypted !== null,
  createdAt: new Date(row.createdAt).toISOString(),
});

export interface KeyView {
  id: string;
  prefix: string;
  deviceId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface NewProfile {
  name: string;
  plexToken?: string;
  serverId?: string;
}

/** Household members: created with a first API key, renamed, deleted (their keys revoked). */
@Injectable()
export class ProfilesService {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly keys: ApiKeysService,
    private readonly callers: PlexCallers,
    private readonly secrets: SecretBox,
    private readonly plex: PlexClient,
    private readonly clock: Clock,
    private readonly events: AppEvents,
  ) {}

  async create(input: NewProfile): Promise<{ profile: Profile; key: IssuedKey }> {
    const serverId = input.serverId ?? DEFAULT_SERVER_ID;
    if (!this.callers.hasServer(serverId)) throw new UnprocessableEntityException(`server ${serverId} not found`);
    if (input.plexToken) await this.checkToken(serverId, input.plexToken);
    const profile = Object.assign(new Profile(), {
      id: randomUUID(),
      name: input.name,
      serverId,
      plexTokenEncrypted: input.plexToken ? this.secrets.seal(input.plexToken) : null,
      createdAt: this.clock.now(),
    } satisfies Profile);
    await this.profiles.save(profile);
    this.callers.rememberProfile(profile);
    this.events.emit('household', { type: 'profile.created', profileId: profile.id, name: profile.name });
    return { profile, key: await this.keys.issue(profile.id) };
  }

  /** A token the server refuses would fail every later call of the profile: refused now instead. */
  private async checkToken(serverId: string, token: string): Promise<void> {
    try {
      await this.plex.preferences({ ...this.callers.forServer(serverId), token });
    } catch (error) {
      if (error instanceof PlexUnauthorizedError) throw new UnprocessableEntityException('plexToken is not accepted by the Plex server');
      throw error;
    }
  }

  async list(): Promise<ProfileView[]> {
    return (await this.profiles.all()).map(toProfileView);
  }

  async get(id: string): Promise<Profile> {
    const profile = await this.profiles.find(id);
    if (!profile) throw new NotFoundException(`profile ${id} not found`);
    return profile;
  }

  async rename(id: string, name: string): Promise<ProfileView> {
    const profile = await this.get(id);
    profile.name = name;
    await this.profiles.save(profile);
    this.callers.rememberProfile(profile);
    this.events.emit('household', { type: 'profile.updated', profileId: profile.id, name: profile.name });
    return toProfileView(profile);
  }

  /** Revokes the profile's keys and deletes it; ending its sessions is the caller's part. */
  async delete(id: string): Promise<void> {
    const profile = await this.get(id);
    await this.keys.revokeAll(id);
    await this.profiles.delete(id);
    this.callers.forgetProfile(id);
    this.events.emit('household', { type: 'profile.deleted', profileId: id, name: profile.name });
  }

  async issueKey(id: string): Promise<IssuedKey> {
    await this.get(id);
    return this.keys.issue(id);
  }

  /** The profile's keys (never the keys themselves), newest first. */
  async listKeys(id: string): Promise<KeyView[]> {
    await this.get(id);
    return (await this.keys.list(id)).map((key) => ({
      id: key.id,
      prefix: key.prefix,
      deviceId: key.deviceId,
      createdAt: new Date(key.createdAt).toISOString(),
      revokedAt: key.revokedAt === null ? null : new Date(key.revokedAt).toISOString(),
    }));
  }

  async revokeKey(id: string, keyId: string): Promise<void> {
    await this.get(id);
    await this.keys.revoke(id, keyId);
  }
}
