/**
 * Multi-row INSERTs built by hand for bulk writes (ledger import, search index).
 */
import { CompiledQuery, type Insertable } from 'kysely';
import { dialectOf, type Executor } from './database.ts';
import type { DB } from './schema.ts';

/**
 * Inserts many rows of one shape with hand-built multi-row INSERTs. The query builder spends most of
 * a 10 000-item import turning 100 000 rows of values into nodes and back; the SQL here is the same
 * INSERT it would compile, with `?` (SQLite) or `$n` (PostgreSQL) placeholders, at most ~30 000
 * parameters per statement (both stores' limits are higher).
 */
export async function bulkInsert<T extends keyof DB & string>(db: Executor, table: T, rows: ReadonlyArray<Insertable<DB[T]>>): Promise<void> {
  await bulkInsertInto(db, table, rows as ReadonlyArray<Record<string, unknown>>);
}

/** {@link bulkInsert} into a table the schema types do not describe (SQLite's FTS5 tables); the columns are the first row's keys. */
export async function bulkInsertInto(db: Executor, table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const postgres = dialectOf(db) === 'postgres';
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    const parameters: unknown[] = [];
    const tuples: string[] = [];
    for (const row of part) {
      const record = row;
      const marks: string[] = [];
      for (const c of columns) {
        const v = record[c];
        parameters.push(v === undefined ? null : v);
        marks.push(postgres ? `$${parameters.length}` : '?');
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    await db.executeQuery(CompiledQuery.raw(head + tuples.join(', '), parameters));
  }
}
