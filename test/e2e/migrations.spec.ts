import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MIGRATIONS } from '../../migrations/index.js';
import { tempDir } from '../helpers/paths.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { migrateAndCompare } from '../helpers/schema.js';

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
});
