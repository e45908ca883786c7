import type { ObjectLiteral, Repository } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

export interface BatchUpsertOptions<T> {
  /** The unique key a row is matched on. */
  conflictOn: (keyof T & string)[];
  /** Columns overwritten when the row exists (default: every column outside the key). */
  update?: (keyof T & string)[];
  /** Of those, the ones that keep their stored value when the new one is null. */
  keepWhenNull?: (keyof T & string)[];
}

/**
 * `INSERT … ON CONFLICT (…) DO UPDATE` of many rows in one statement whose text depends only on the number of rows,
 * so the driver compiles each shape once and reuses it (SQLite and PostgreSQL share the syntax).
 *
 * TypeORM's own `upsert`/`insert` write numbers into the SQL text on SQLite: every call with a new timestamp or
 * position was a new statement to compile (about 10,000 at 10,000 sessions), pushing the useful ones out of the
 * statement cache and holding the native memory of the evicted ones until V8 collected them.
 */
export class BatchUpsert<T extends ObjectLiteral> {
  private readonly columns: ColumnMetadata[];
  private readonly head: string;
  private readonly tail: string;
  private readonly statements = new Map<number, string>();

  constructor(
    private readonly repository: Repository<T>,
    options: BatchUpsertOptions<T>,
  ) {
    const { metadata } = repository;
    const driver = repository.manager.connection.driver;
    const q = (name: string) => driver.escape(name);
    const columnOf = (property: string) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${metadata.name} has no column ${property}`);
      return column;
    };
    this.columns = metadata.columns.filter((column) => !column.isVirtual && !column.isGenerated);
    const key = options.conflictOn.map(columnOf);
    const updated = options.update?.map(columnOf) ?? this.columns.filter((column) => !key.includes(column));
    const keep = new Set(options.keepWhenNull?.map(columnOf));
    const table = q(metadata.tableName);
    const assignments = updated.map((column) => {
      const name = q(column.databaseName);
      return keep.has(column) ? `${name} = COALESCE(EXCLUDED.${name}, ${table}.${name})` : `${name} = EXCLUDED.${name}`;
    });
    this.head = `INSERT INTO ${table} (${this.columns.map((column) => q(column.databaseName)).join(', ')}) VALUES `;
    this.tail =
      ` ON CONFLICT (${key.map((column) => q(column.databaseName)).join(', ')}) ` +
      (assignments.length > 0 ? `DO UPDATE SET ${assignments.join(', ')}` : 'DO NOTHING');
  }

  async write(rows: readonly T[]): Promise<void> {
    if (rows.length === 0) return;
    const driver = this.repository.manager.connection.driver;
    const parameters: unknown[] = [];
    for (const row of rows) {
      for (const column of this.columns) parameters.push(driver.preparePersistentValue(column.getEntityValue(row), column) ?? null);
    }
    await this.repository.manager.query(this.statement(rows.length), parameters);
  }

  private statement(rowCount: number): string {
    let sql = this.statements.get(rowCount);
    if (!sql) {
      const driver = this.repository.manager.connection.driver;
      const width = this.columns.length;
      const tuples = Array.from({ length: rowCount }, (_, row) => {
        const placeholders = this.columns.map((_column, index) => driver.createParameter(`p${row * width + index}`, row * width + index));
        return `(${placeholders.join(', ')})`;
      });
      sql = this.head + tuples.join(', ') + this.tail;
      this.statements.set(rowCount, sql);
    }
    return sql;
  }
}
