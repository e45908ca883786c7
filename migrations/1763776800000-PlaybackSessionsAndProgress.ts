import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Sessions and per-profile progress; written with the schema API so it runs on SQLite and PostgreSQL. */
export class PlaybackSessionsAndProgress1763776800000 implements MigrationInterface {
  name = 'PlaybackSessionsAndProgress1763776800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'playback_sessions',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'profile_id', type: 'varchar', length: '64' },
          { name: 'device_id', type: 'varchar', length: '128' },
          { name: 'server_id', type: 'varchar', length: '64' },
          { name: 'rating_key', type: 'varchar', length: '32' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'position_ms', type: 'integer' },
          { name: 'position_at', type: 'bigint' },
          { name: 'duration_ms', type: 'integer', isNullable: true },
          { name: 'play_queue_id', type: 'integer' },
          { name: 'play_queue_version', type: 'integer' },
          { name: 'play_queue_item_id', type: 'integer' },
          { name: 'queue_type', type: 'varchar', length: '8' },
          { name: 'source_uri', type: 'varchar', length: '512', isNullable: true },
          { name: 'playlist_id', type: 'varchar', length: '32', isNullable: true },
          { name: 'continuous', type: 'boolean' },
          { name: 'shuffle', type: 'boolean' },
          { name: 'queue_items', type: 'text' },
          { name: 'last_client_at', type: 'bigint' },
          { name: 'created_at', type: 'bigint' },
          { name: 'updated_at', type: 'bigint' },
          { name: 'ended_at', type: 'bigint', isNullable: true },
          { name: 'end_reason', type: 'varchar', length: '255', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'playback_sessions',
      new TableIndex({ name: 'idx_playback_sessions_profile_ended', columnNames: ['profile_id', 'ended_at'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'playback_progress',
        columns: [
          { name: 'profile_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'server_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'rating_key', type: 'varchar', length: '32', isPrimary: true },
          { name: 'position_ms', type: 'integer' },
          { name: 'duration_ms', type: 'integer', isNullable: true },
          { name: 'watched', type: 'boolean' },
          { name: 'play_queue_id', type: 'integer', isNullable: true },
          { name: 'play_queue_version', type: 'integer', isNullable: true },
          { name: 'play_queue_item_id', type: 'integer', isNullable: true },
          { name: 'source', type: 'varchar', length: '512', isNullable: true },
          { name: 'updated_at', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('playback_progress');
    await queryRunner.dropIndex('playback_sessions', 'idx_playback_sessions_profile_ended');
    await queryRunner.dropTable('playback_sessions');
  }
}
