import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, type Repository } from 'typeorm';
import { PlaybackSession, type QueueItemSnapshot } from '../../entities/playback-session.entity.js';
import { AppConfig } from '../config/app-config.js';
import { BatchUpsert } from '../database/batch-upsert.js';
import { WriteBehind } from '../database/write-behind.js';

const ENDED_SESSIONS_LISTED = 20;

/**
 * Sessions live in memory while active (loaded from the database at boot) and are written behind in
 * batches; a new session is written at once so it survives a crash straight after its creation.
 */
@Injectable()
export class SessionRepository implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(SessionRepository.name);
  private readonly active = new Map<string, PlaybackSession>();
  private readonly writer: WriteBehind<PlaybackSession>;
  private readonly upsert: BatchUpsert<PlaybackSession>;
  /** The same write, leaving the stored queue as it is. */
  private readonly upsertKeepingQueue: BatchUpsert<PlaybackSession>;
  /** Per session, the queue snapshot its row holds (snapshots are replaced on every queue change, never changed in place). */
  private readonly storedQueues = new WeakMap<PlaybackSession, readonly QueueItemSnapshot[]>();

  constructor(
    @InjectRepository(PlaybackSession) private readonly sessions: Repository<PlaybackSession>,
    config: AppConfig,
  ) {
    this.upsert = new BatchUpsert(sessions, { conflictOn: ['id'] });
    const allButQueue = sessions.metadata.columns
      .filter((column) => !column.isPrimary && !column.isVirtual && !column.isGenerated && column.propertyName !== 'queueItems')
      .map((column) => column.propertyName as keyof PlaybackSession);
    this.upsertKeepingQueue = new BatchUpsert(sessions, { conflictOn: ['id'], update: allButQueue });
    this.writer = new WriteBehind(
      (rows) => this.write(rows),
      config.persistFlushMs,
      (error) => this.logger.error(`saving sessions failed, will retry: ${(error as Error).message}`),
    );
  }

  async onModuleInit(): Promise<void> {
    for (const session of await this.sessions.findBy({ endedAt: IsNull() })) {
      this.active.set(session.id, session);
      this.storedQueues.set(session, session.queueItems);
    }
    if (this.active.size > 0) this.logger.log(`resumed ${this.active.size} active session(s) from the database`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  async insert(session: PlaybackSession): Promise<void> {
    await this.write([session]);
    this.active.set(session.id, session);
  }

  /** Records a change; it reaches the database within PERSIST_FLUSH_MS. */
  save(session: PlaybackSession): void {
    if (session.endedAt !== null) this.active.delete(session.id);
    this.writer.put(session.id, session);
  }

  async flush(): Promise<void> {
    await this.writer.flush();
  }

  /** The session if it belongs to the profile; another profile's session is as unknown as a missing one. */
  async findOwned(profileId: string, id: string): Promise<PlaybackSession | undefined> {
    const cached = this.active.get(id) ?? this.writer.peek(id);
    if (cached) return cached.profileId === profileId ? cached : undefined;
    return (await this.sessions.findOneBy({ id, profileId })) ?? undefined;
  }

  /** Any session by id, whoever it belongs to (for a stream URL, whose signature already names its session). */
  async findById(id: string): Promise<PlaybackSession | undefined> {
    const cached = this.active.get(id) ?? this.writer.peek(id);
    if (cached) return cached;
    return (await this.sessions.findOneBy({ id })) ?? undefined;
  }

  /** The profile's active sessions (most recently updated first), then its most recently ended ones. */
  async listForProfile(profileId: string): Promise<PlaybackSession[]> {
    const active = [...this.active.values()]
      .filter((s) => s.profileId === profileId)
      .sort((a, b) => b.updatedAt - a.updatedAt);
    await this.flush();
    const ended = await this.sessions.find({
      where: { profileId, endedAt: Not(IsNull()) },
      order: { endedAt: 'DESC' },
      take: ENDED_SESSIONS_LISTED,
    });
    return [...active, ...ended.filter((s) => !this.active.has(s.id))];
  }

  /**
   * Writes the rows; a row whose queue is the one already stored leaves it alone. A progress report changes a
   * session's position and state, not its queue, which for a long one is ~120 KB of the row.
   */
  private async write(rows: readonly PlaybackSession[]): Promise<void> {
    const written = rows.map((row) => row.queueItems);
    const changed: PlaybackSession[] = [];
    const kept: PlaybackSession[] = [];
    for (const row of rows) (this.storedQueues.get(row) === row.queueItems ? kept : changed).push(row);
    await this.upsert.write(changed);
    await this.upsertKeepingQueue.write(kept);
    rows.forEach((row, i) => this.storedQueues.set(row, written[i]));
  }

  /** Ended sessions whose final `stopped` report has not reached Plex yet. */
  async findStopsPending(): Promise<PlaybackSession[]> {
    return this.sessions.findBy({ stopPending: true, endedAt: Not(IsNull()) });
  }

  get activeCount(): number {
    return this.active.size;
  }

  activeSessions(): IterableIterator<PlaybackSession> {
    return this.active.values();
  }
}
