import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { ApiKey } from '../../entities/api-key.entity.js';
import { Device } from '../../entities/device.entity.js';
import { PlexServer } from '../../entities/plex-server.entity.js';
import { Profile } from '../../entities/profile.entity.js';
import { BatchUpsert } from '../database/batch-upsert.js';

@Injectable()
export class ServerRepository {
  constructor(@InjectRepository(PlexServer) private readonly rows: Repository<PlexServer>) {}

  all(): Promise<PlexServer[]> {
    return this.rows.find({ order: { createdAt: 'ASC' } });
  }

  find(id: string): Promise<PlexServer | null> {
    return this.rows.findOneBy({ id });
  }

  async save(server: PlexServer): Promise<void> {
    await this.rows.save(server);
  }

  async delete(id: string): Promise<void> {
    await this.rows.delete({ id });
  }
}

@Injectable()
export class ProfileRepository {
  constructor(@InjectRepository(Profile) private readonly rows: Repository<Profile>) {}

  all(): Promise<Profile[]> {
    return this.rows.find({ order: { createdAt: 'ASC' } });
  }

  find(id: string): Promise<Profile | null> {
    return this.rows.findOneBy({ id });
  }

  countOnServer(serverId: string): Promise<number> {
    return this.rows.countBy({ serverId });
  }

  async save(profile: Profile): Promise<void> {
    await this.rows.save(profile);
  }

  async delete(id: string): Promise<void> {
    await this.rows.delete({ id });
  }
}

@Injectable()
export class ApiKeyRepository {
  constructor(@InjectRepository(ApiKey) private readonly rows: Repository<ApiKey>) {}

  findActiveByHash(keyHash: string): Promise<ApiKey | null> {
    return this.rows.findOneBy({ keyHash, revokedAt: IsNull() });
  }

  listForProfile(profileId: string): Promise<ApiKey[]> {
    return this.rows.find({ where: { profileId }, order: { createdAt: 'DESC' } });
  }

  findOwned(profileId: string, id: string): Promise<ApiKey | null> {
    return this.rows.findOneBy({ profileId, id });
  }

  async insert(key: ApiKey): Promise<void> {
    await this.rows.insert(key);
  }

  async revoke(profileId: string, id: string | undefined, at: number): Promise<void> {
    await this.rows.update({ profileId, ...(id ? { id } : {}), revokedAt: IsNull() }, { revokedAt: at });
  }
}

@Injectable()
export class DeviceRepository {
  private readonly sighting: BatchUpsert<Device>;

  constructor(@InjectRepository(Device) private readonly rows: Repository<Device>) {
    this.sighting = new BatchUpsert(rows, {
      conflictOn: ['profileId', 'deviceId'],
      update: ['lastSeenAt', 'name', 'platform'],
      keepWhenNull: ['name', 'platform'],
    });
  }

  listForProfile(profileId: string): Promise<Device[]> {
    return this.rows.find({ where: { profileId }, order: { lastSeenAt: 'DESC' } });
  }

  /** Inserts the device, or updates its last-seen time and the name and platform it was given (its creation time stays). */
  async upsert(device: Device): Promise<void> {
    await this.sighting.write([device]);
  }
}
