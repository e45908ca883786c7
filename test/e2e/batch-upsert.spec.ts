import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import { Device } from '../../src/entities/device.entity.js';
import { PlaybackSession } from '../../src/entities/playback-session.entity.js';
import { BatchUpsert } from '../../src/modules/database/batch-upsert.js';
import type { DatabaseConfig } from '../../src/modules/config/app-config.js';
import { typeOrmOptions } from '../../src/modules/database/typeorm-options.js';
import { tempDir } from '../helpers/paths.js';
import { createTestDatabase } from '../helpers/postgres.js';

/** Every SQL text the data source runs, in order. */
class QueryLog implements TypeOrmLogger {
  readonly queries: string[] = [];
  logQuery(query: string): void {
    this.queries.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

function session(id: string, n: number): PlaybackSession {
  return Object.assign(new PlaybackSession(), {
    id,
    profileId: 'default',
    deviceId: 'tv-1',
    serverId: 'default',
    ratingKey: String(100 + n),
    state: 'playing',
    positionMs: 1000 * n,
    positionAt: 1_795_000_000_000 + n,
    durationMs: n % 2 === 0 ? null : 7_200_000,
    playQueueId: 10 + n,
    playQueueVersion: n,
    playQueueItemId: 500 + n,
    queueType: 'video',
    sourceUri: null,
    playlistId: null,
    continuous: n % 2 === 0,
    shuffle: false,
    queueItems: [{ itemId: 500 + n, ratingKey: String(100 + n), title: `Item ${n}`, type: 'movie', durationMs: 7_200_000 }],
    itemStartedAt: 1_795_000_000_000,
    stopPending: false,
    lastClientAt: 1_795_000_000_000 + n,
    createdAt: 1_795_000_000_000,
    updatedAt: 1_795_000_000_000 + n,
    streamPreferences: n === 3 ? { directPlay: false, maxVideoBitrate: 4000, containers: ['mp4'] } : null,
    itemDetails: n === 2 ? { itemId: 502, markers: [{ type: 'intro', startMs: 60_000, endMs: 90_000 }], audioTracks: [], subtitleTracks: [] } : null,
    endedAt: null,
    endReason: null,
  });
}

async function withDatabase(t: TestContext, kind: 'sqlite' | 'postgres', body: (db: DataSource, log: QueryLog) => Promise<void>) {
  const dir = tempDir();
  const postgres = kind === 'postgres' ? await createTestDatabase() : undefined;
  if (kind === 'postgres' && !postgres) {
    dir.remove();
    return t.skip('PostgreSQL is not reachable');
  }
  const config: DatabaseConfig = postgres ? { type: 'postgres', url: postgres.url } : { type: 'sqlite', path: join(dir.path, 'upsert.sqlite') };
  const log = new QueryLog();
  const db = new DataSource({ ...typeOrmOptions(config), logging: ['query'], logger: log });
  try {
    await db.initialize();
    await body(db, log);
  } finally {
    if (db.isInitialized) await db.destroy();
    await postgres?.drop();
    dir.remove();
  }
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`batch upsert (${kind})`, () => {
    it('inserts new rows and overwrites existing ones, every column type read back as written', (t) =>
      withDatabase(t, kind, async (db) => {
        const repository = db.getRepository(PlaybackSession);
        const upsert = new BatchUpsert(repository, { conflictOn: ['id'] });
        const rows = [session('a', 1), session('b', 2), session('c', 3)];
        await upsert.write(rows);
        const changed = { ...session('b', 2), state: 'paused' as const, positionMs: 99_000, continuous: false, endedAt: 1_795_000_009_999, endReason: 'stopped' };
        await upsert.write([changed, session('d', 4)]);

        const stored = await repository.find({ order: { id: 'ASC' } });
        assert.deepEqual(
          stored.map((row) => ({ ...row })),
          [rows[0], changed, rows[2], session('d', 4)].map((row) => ({ ...row })),
        );
      }));

    it('runs one SQL text per row count, whatever the values', (t) =>
      withDatabase(t, kind, async (db, log) => {
        const upsert = new BatchUpsert(db.getRepository(PlaybackSession), { conflictOn: ['id'] });
        log.queries.length = 0;
        for (let n = 1; n <= 20; n++) await upsert.write([session(`s${n % 5}`, n)]);
        for (let n = 1; n <= 20; n++) await upsert.write([session(`s${n}`, n), session(`t${n}`, n + 1)]);
        assert.equal(new Set(log.queries).size, 2);
        assert.equal(await db.getRepository(PlaybackSession).count(), 5 + 16 + 20); // s0–s4, then s5–s20 and t1–t20
      }));

    it('keeps stored values the new row leaves null when asked to, and updates only the columns named', (t) =>
      withDatabase(t, kind, async (db) => {
        const repository = db.getRepository(Device);
        const upsert = new BatchUpsert(repository, {
          conflictOn: ['profileId', 'deviceId'],
          update: ['lastSeenAt', 'name', 'platform'],
          keepWhenNull: ['name', 'platform'],
        });
        const device = (lastSeenAt: number, name: string | null, platform: string | null): Device =>
          Object.assign(new Device(), { profileId: 'default', deviceId: 'tv-1', name, platform, lastSeenAt, createdAt: lastSeenAt });
        await upsert.write([device(1000, 'Living room', 'webOS')]);
        await upsert.write([device(2000, null, 'Tizen')]);
        assert.deepEqual({ ...(await repository.findOneByOrFail({ deviceId: 'tv-1' })) }, { ...device(2000, 'Living room', 'Tizen'), createdAt: 1000 });
      }));
  });
}
