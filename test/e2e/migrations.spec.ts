import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { tempDir } from '../helpers/paths.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { migrateAndCompare } from '../helpers/schema.js';
import { typeOrmOptions } from '../../src/modules/database/typeorm-options.js';

describe('migrations', () => {
  it('apply to a fresh SQLite file, match the entities exactly, and revert', async () => {
    const dir = tempDir();
    try {
      const result = await migrateAndCompare({ type: 'sqlite', path: join(dir.path, 'fresh.sqlite') });
      assert.deepEqual(result, { applied: MIGRATIONS.length, pending: [], reverted: MIGRATIONS.length });
    } finally {
      dir.remove();
    }
  });

  it('apply to a fresh PostgreSQL database, match the entities exactly, and revert', async (t) => {
    const database = await createTestDatabase();
    if (!database) return t.skip('PostgreSQL is not reachable');
    try {
      const result = await migrateAndCompare({ type: 'postgres', url: database.url });
      assert.deepEqual(result, { applied: MIGRATIONS.length, pending: [], reverted: MIGRATIONS.length });
    } finally {
      await database.drop();
    }
  });

  it('keep sessions and progress made before households, owned by the default profile on the default server', async () => {
    const dir = tempDir();
    const database = { type: 'sqlite' as const, path: join(dir.path, 'old.sqlite') };
    const households = MIGRATIONS.findIndex((migration) => migration.name.startsWith('Households'));
    try {
      const old = new DataSource({ ...typeOrmOptions(database), migrations: MIGRATIONS.slice(0, households), migrationsRun: false });
      await old.initialize();
      await old.runMigrations();
      await old.query(
        `INSERT INTO playback_sessions (id, profile_id, device_id, server_id, rating_key, state, position_ms, position_at,
           play_queue_id, play_queue_version, play_queue_item_id, queue_type, continuous, shuffle, queue_items,
           last_client_at, created_at, updated_at, item_started_at, stop_pending)
         VALUES ('s-1', 'default', 'tv-1', 'default', '101', 'paused', 5000, 1, 1, 1, 1, 'video', 0, 0, '[]', 1, 1, 1, 1, 0)`,
      );
      await old.query(
        `INSERT INTO playback_progress (profile_id, server_id, rating_key, position_ms, watched, updated_at)
         VALUES ('default', 'default', '101', 5000, 0, 1)`,
      );
      await old.destroy();

      const current = new DataSource({ ...typeOrmOptions(database), migrationsRun: false });
      await current.initialize();
      await current.runMigrations();
      const owners = (table: string) =>
        current.query(`SELECT p.name AS profile, s.id AS server, t.position_ms AS position FROM ${table} t
          JOIN profiles p ON p.id = t.profile_id JOIN plex_servers s ON s.id = p.server_id AND s.id = t.server_id`);
      assert.deepEqual(await owners('playback_sessions'), [{ profile: 'Default', server: 'default', position: 5000 }]);
      assert.deepEqual(await owners('playback_progress'), [{ profile: 'Default', server: 'default', position: 5000 }]);
      await current.destroy();
    } finally {
      dir.remove();
    }
  });
});
