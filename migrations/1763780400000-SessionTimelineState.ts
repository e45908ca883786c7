import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** What the timeline scheduler needs to carry across restarts: when the item started, and an undelivered stop. */
export class SessionTimelineState1763780400000 implements MigrationInterface {
  name = 'SessionTimelineState1763780400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('playback_sessions', [
      new TableColumn({ name: 'item_started_at', type: 'bigint', default: 0 }),
      new TableColumn({ name: 'stop_pending', type: 'boolean', default: false }),
    ]);
    // Defaults only fill existing rows; the entities always write both columns.
    await queryRunner.changeColumn(
      'playback_sessions',
      'item_started_at',
      new TableColumn({ name: 'item_started_at', type: 'bigint' }),
    );
    await queryRunner.changeColumn('playback_sessions', 'stop_pending', new TableColumn({ name: 'stop_pending', type: 'boolean' }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('playback_sessions', ['stop_pending', 'item_started_at']);
  }
}
