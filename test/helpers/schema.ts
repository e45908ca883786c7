import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import type { DatabaseConfig } from '../../src/modules/config/app-config.js';
import { typeOrmOptions } from '../../src/modules/database/typeorm-options.js';

/**
 * Applies every migration to an empty database, then asks TypeORM what it would still change to match
 * the entities (nothing, when every entity change came with its migration), then reverts them all.
 */
export async function migrateAndCompare(database: DatabaseConfig): Promise<{ applied: number; pending: string[]; reverted: number }> {
  const dataSource = new DataSource({ ...typeOrmOptions(database), migrationsRun: false });
  await dataSource.initialize();
  try {
    const applied = (await dataSource.runMigrations()).length;
    const pending = (await dataSource.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query);
    let reverted = 0;
    for (let i = 0; i < MIGRATIONS.length; i++) {
      await dataSource.undoLastMigration();
      reverted++;
    }
    return { applied, pending, reverted };
  } finally {
    await dataSource.destroy();
  }
}
