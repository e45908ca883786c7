import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { nowDefault, timestampType } from './column-types.js';

/** Written with TypeORM's schema API so the same migration runs on SQLite and PostgreSQL. */
export class ProxySettings1763773200000 implements MigrationInterface {
  name = 'ProxySettings1763773200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'proxy_settings',
        columns: [
          { name: 'key', type: 'varchar', length: '64', isPrimary: true },
          { name: 'value', type: 'varchar', length: '512' },
          { name: 'created_at', type: timestampType(queryRunner), default: nowDefault(queryRunner) },
          { name: 'updated_at', type: timestampType(queryRunner), default: nowDefault(queryRunner) },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('proxy_settings');
  }
}

