import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The current item's markers and tracks, kept with the session so every answer carries them without asking Plex. */
export class SessionItemDetails1763798400000 implements MigrationInterface {
  name = 'SessionItemDetails1763798400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('playback_sessions', new TableColumn({ name: 'item_details', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('playback_sessions', 'item_details');
  }
}
