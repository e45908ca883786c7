import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** How a session's client wants its streams (direct play, or a transcode and its limits). */
export class SessionStreamPreferences1763787600000 implements MigrationInterface {
  name = 'SessionStreamPreferences1763787600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('playback_sessions', new TableColumn({ name: 'stream_preferences', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('playback_sessions', 'stream_preferences');
  }
}
