import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Pairing a TV with a short code (pending requests survive a restart), and API keys bound to the device they were made for. */
export class DevicePairing1763794800000 implements MigrationInterface {
  name = 'DevicePairing1763794800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('api_keys', new TableColumn({ name: 'device_id', type: 'varchar', length: '128', isNullable: true }));
    await queryRunner.createTable(
      new Table({
        name: 'pairing_requests',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'device_code_hash', type: 'varchar', length: '64' },
          { name: 'user_code_hash', type: 'varchar', length: '64' },
          { name: 'device_id', type: 'varchar', length: '128' },
          { name: 'device_name', type: 'varchar', length: '128', isNullable: true },
          { name: 'platform', type: 'varchar', length: '64', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'profile_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'interval_s', type: 'integer' },
          { name: 'last_polled_at', type: 'bigint', isNullable: true },
          { name: 'created_at', type: 'bigint' },
          { name: 'expires_at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createIndex(
      'pairing_requests',
      new TableIndex({ name: 'uq_pairing_requests_device_code_hash', columnNames: ['device_code_hash'], isUnique: true }),
    );
    await queryRunner.createIndex(
      'pairing_requests',
      new TableIndex({ name: 'uq_pairing_requests_user_code_hash', columnNames: ['user_code_hash'], isUnique: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('pairing_requests');
    await queryRunner.dropColumn('api_keys', 'device_id');
  }
}
