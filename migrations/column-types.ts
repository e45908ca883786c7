import type { QueryRunner } from 'typeorm';

/** Column types that differ between SQLite and PostgreSQL, for migrations written with the schema API. */
export function timestampType(queryRunner: QueryRunner): string {
  return queryRunner.connection.options.type === 'postgres' ? 'timestamp' : 'datetime';
}

/** The default TypeORM gives create/update date columns, so the schema matches the entities exactly. */
export function nowDefault(queryRunner: QueryRunner): string {
  return queryRunner.connection.options.type === 'postgres' ? 'now()' : "datetime('now')";
}
