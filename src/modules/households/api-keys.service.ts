import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { ApiKey } from '../../entities/api-key.entity.js';
import { AppEvents } from '../events/app-events.js';
import { ApiKeyRepository } from './households.repositories.js';

const KEY_PREFIX = 'ppk_';
/** A revoked key keeps working at most this long in a process that cached it. */
const CACHE_MS = 5_000;

export interface IssuedKey {
  id: string;
  prefix: string;
  /** Shown once; only its hash is stored. */
  apiKey: string;
}

export interface KeyOwner {
  profileId: string;
  keyId: string;
}

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** Issues, revokes and checks API keys; keys are stored only as SHA-256 hashes. */
@Injectable()
export class ApiKeysService {
  private readonly cache = new Map<string, { owner: KeyOwner | undefined; until: number }>();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly clock: Clock,
    private readonly events: AppEvents,
  ) {}

  /** A new key for the profile; `deviceId`: the device it was made for (by pairing). */
  async issue(profileId: string, deviceId: string | null = null): Promise<IssuedKey> {
    const apiKey = KEY_PREFIX + randomBytes(32).toString('base64url');
    const row = Object.assign(new ApiKey(), {
      id: randomUUID(),
      profileId,
      keyHash: hashKey(apiKey),
      prefix: apiKey.slice(0, 12),
      deviceId,
      createdAt: this.clock.now(),
      revokedAt: null,
    } satisfies ApiKey);
    await this.keys.insert(row);
    this.events.emit('household', { type: 'key.created', profileId, keyId: row.id, deviceId });
    return { id: row.id, prefix: row.prefix, apiKey };
  }

  async revoke(profileId: string, keyId: string): Promise<void> {
    const key = await this.keys.findOwned(profileId, keyId);
    if (!key) throw new NotFoundException(`key ${keyId} not found`);
    await this.keys.revoke(profileId, keyId, this.clock.now());
    this.cache.clear();
    this.events.emit('household', { type: 'key.revoked', profileId, keyId, deviceId: key.deviceId });
  }

  /** The profile's keys, newest first, revoked ones included. */
  list(profileId: string): Promise<ApiKey[]> {
    return this.keys.listForProfile(profileId);
  }

  async revokeAll(profileId: string): Promise<void> {
    await this.keys.revoke(profileId, undefined, this.clock.now());
    this.cache.clear();
  }

  /**
   * The profile a key belongs to, or undefined for an unknown or revoked key. Answers are cached briefly by the key
   * as presented (hashing it on every call was 2.5% of the CPU of a progress report); the database holds only hashes.
   */
  async authenticate(apiKey: string): Promise<KeyOwner | undefined> {
    const now = this.clock.now();
    const cached = this.cache.get(apiKey);
    if (cached && cached.until > now) return cached.owner;
    const row = await this.keys.findActiveByHash(hashKey(apiKey));
    const owner = row ? { profileId: row.profileId, keyId: row.id } : undefined;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(apiKey, { owner, until: now + CACHE_MS });
    return owner;
  }
}
