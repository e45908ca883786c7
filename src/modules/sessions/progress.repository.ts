import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
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

  /** Saved progress of several items at once, by ratingKey (those without any are left out). */
  async findMany(profileId: string, serverId: string, ratingKeys: readonly string[]): Promise<Map<string, PlaybackProgress>> {
    const found = new Map<string, PlaybackProgress>();
    const unknown: string[] = [];
    for (const ratingKey of new Set(ratingKeys)) {
      const pending = this.writer.peek(keyOf(profileId, serverId, ratingKey));
      if (pending) found.set(ratingKey, pending);
      else unknown.push(ratingKey);
    }
    if (unknown.length > 0) {
      for (const row of await this.progress.findBy({ profileId, serverId, ratingKey: In(unknown) })) found.set(row.ratingKey, row);
    }
    return found;
  }

  /** A profile's most recently saved progress, newest first (what it played last). */
  async recent(profileId: string, serverId: string, limit: number): Promise<PlaybackProgress[]> {
    const stored = await this.progress.find({ where: { profileId, serverId }, order: { updatedAt: 'DESC' }, take: limit });
    const latest = new Map(stored.map((row) => [row.ratingKey, row]));
    for (const row of this.writer.unwritten()) {
      if (row.profileId === profileId && row.serverId === serverId) latest.set(row.ratingKey, row);
    }
    return [...latest.values()].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, limit);
  }

  async flush(): Promise<void> {
    await this.writer.flush();
  }
}
