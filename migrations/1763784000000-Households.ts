import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Servers, profiles, API keys and devices. Sessions and progress already carry `profile_id = 'default'` and
 * `server_id = 'default'`: the rows inserted here make them belong to a default profile on the default server
 * (whose URL and token are filled in at boot from PLEX_URL/PLEX_TOKEN or the emulator).
 */
export class Households1763784000000 implements MigrationInterface {
  name = 'Households1763784000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'plex_servers',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'name', type: 'varchar', length: '128' },
          { name: 'url', type: 'varchar', length: '512' },
          { name: 'token_encrypted', type: 'varchar', length: '1024', isNullable: true },
          { name: 'machine_identifier', type: 'varchar', length: '128', isNullable: true },
          { name: 'created_at', type: 'bigint' },
          { name: 'updated_at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'profiles',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'name', type: 'varchar', length: '128' },
          { name: 'server_id', type: 'varchar', length: '64' },
          { name: 'plex_token_encrypted', type: 'varchar', length: '1024', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'profile_id', type: 'varchar', length: '64' },
          { name: 'key_hash', type: 'varchar', length: '64' },
          { name: 'prefix', type: 'varchar', length: '16' },
          { name: 'created_at', type: 'bigint' },
          { name: 'revoked_at', type: 'bigint', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex('api_keys', new TableIndex({ name: 'uq_api_keys_key_hash', columnNames: ['key_hash'], isUnique: true }));
    await queryRunner.createIndex('api_keys', new TableIndex({ name: 'idx_api_keys_profile', columnNames: ['profile_id'] }));
    await queryRunner.createTable(
      new Table({
        name: 'devices',
        columns: [
          { name: 'profile_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'device_id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'name', type: 'varchar', length: '128', isNullable: true },
          { name: 'platform', type: 'varchar', length: '64', isNullable: true },
          { name: 'last_seen_at', type: 'bigint' },
          { name: 'created_at', type: 'bigint' },
        ],
      }),
    );
    // Constants only, so plain SQL with literals is portable across both databases.
    const now = String(Date.now());
    await queryRunner.query(
      `INSERT INTO plex_servers (id, name, url, created_at, updated_at) VALUES ('default', 'Default', '', ${now}, ${now})`,
    );
    await queryRunner.query(`INSERT INTO profiles (id, name, server_id, created_at) VALUES ('default', 'Default', 'default', ${now})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('devices');
    await queryRunner.dropIndex('api_keys', 'idx_api_keys_profile');
    await queryRunner.dropIndex('api_keys', 'uq_api_keys_key_hash');
    await queryRunner.dropTable('api_keys');
    await queryRunner.dropTable('profiles');
    await queryRunner.dropTable('plex_servers');
  }
}
