import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

const TABLES = ['playback_sessions', 'playback_progress'];

/** ratingKeys are opaque to Plex clients: up to 64 characters (letters, digits, `._-`), not 32. */
export class WiderRatingKeys1763791200000 implements MigrationInterface {
  name = 'WiderRatingKeys1763791200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.resize(queryRunner, 64);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.resize(queryRunner, 32);
  }

  private async resize(queryRunner: QueryRunner, length: number): Promise<void> {
    for (const name of TABLES) {
      if (queryRunner.connection.options.type === 'postgres') {
        // In place: TypeORM's changeColumn drops and re-adds a column whose length changes on PostgreSQL.
        await queryRunner.query(`ALTER TABLE "${name}" ALTER COLUMN "rating_key" TYPE varchar(${length})`);
        continue;
      }
      const table = await queryRunner.getTable(name);
      const column = table?.findColumnByName('rating_key');
      if (!table || !column) throw new Error(`${name}.rating_key is missing`);
      const resized = column.clone();
      resized.length = String(length);
      await queryRunner.changeColumn(table, column, new TableColumn(resized));
    }
  }
}
