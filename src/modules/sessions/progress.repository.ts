import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { PlaybackProgress } from '../../entities/playback-progress.entity.js';
import { AppConfig } from '../config/app-config.js';
import { BatchUpsert } from '../database/batch-upsert.js';
import { WriteBehind } from '../database/write-behind.js';

const keyOf = (profileId: string, serverId: string, ratingKey: string) => `${profileId}\u0000${serverId}\u0000${ratingKey}`;

/** Per-profile progress, unique per profile + server + item, written behind in batches. */
@Injectable()
export class ProgressRepository implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ProgressRepository.name);
  private readonly writer: WriteBehind<PlaybackProgress>;

  constructor(
    @InjectRepository(PlaybackProgress) private readonly progress: Repository<PlaybackProgress>,
    config: AppConfig,
  ) {
    const upsert = new BatchUpsert(progress, { conflictOn: ['profileId', 'serverId', 'ratingKey'] });
    this.writer = new WriteBehind(
      (rows) => upsert.write(rows),
      config.persistFlushMs,
      (error) => this.logger.error(`saving progress failed, will retry: ${(error as Error).message}`),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  record(progress: PlaybackProgress): void {
    this.writer.put(keyOf(progress.profileId, progress.serverId, progress.ratingKey), progress);
  }

  async find(profileId: string, serverId: string, ratingKey: string): Promise<PlaybackProgress | undefined> {
    const pending = this.writer.peek(keyOf(profileId, serverId, ratingKey));
    if (pending) return pending;
    return (await this.progress.findOneBy({ profileId, serverId, ratingKey })) ?? undefined;
  }

  async flush(): Promise<void> {
    await this.writer.flush();
  }
}
