/** Helpers that keep migrations in the common SQL subset while naming the one real difference. */
import type { CreateTableBuilder, Kysely } from 'kysely';
import { dialectOf } from '../database.ts';

/** Adds an integer surrogate key: AUTOINCREMENT on SQLite, an identity column on PostgreSQL. */
export function idColumn<T extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return dialectOf(db) === 'postgres'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
