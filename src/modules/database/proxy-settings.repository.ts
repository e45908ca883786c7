import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ProxySetting } from '../../entities/proxy-setting.entity.js';

@Injectable()
export class ProxySettingsRepository {
  constructor(@InjectRepository(ProxySetting) private readonly settings: Repository<ProxySetting>) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.settings.findOneBy({ key }))?.value;
  }

  /** Returns the stored value, or stores `create()`'s value when none exists yet (first writer wins). */
  async getOrCreate(key: string, create: () => string): Promise<string> {
    const existing = await this.get(key);
    if (existing !== undefined) return existing;
    await this.settings.createQueryBuilder().insert().values({ key, value: create() }).orIgnore().execute();
    const stored = await this.get(key);
    if (stored === undefined) throw new Error(`setting ${key} could not be stored`);
    return stored;
  }
}
