/**
 * The portal catalogue filters by 有效性 (the [publishing] issue: browse by “year and validity”): a
 * version's validity dates become columns (they were only in its state JSON), so that the list can
 * test them in SQL for a given day (src/storage/item-repository.ts, after domain/publishing/validity.ts
 * `validityOn`). Existing rows are filled from their state.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.ts';

const COLUMNS = [
  ['effective_on', 'effectiveOn'],
  ['expires_on', 'expiresOn'],
  ['repealed_on', 'repealedOn'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [column] of COLUMNS) await sql`alter table item_versions add column ${sql.id(column)} text`.execute(db);
  await fillValidityColumns(db);
}

/** Fills the validity columns from each version's state (also for a backup made before they existed). */
export async function fillValidityColumns(db: Kysely<unknown>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  for (const [column, key] of COLUMNS) {
    const value = postgres ? sql`(state::jsonb -> 'validity' ->> ${key})` : sql`json_extract(state, ${`$.validity.${key}`})`;
    await sql`update item_versions set ${sql.id(column)} = ${value}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [column] of COLUMNS) await sql`alter table item_versions drop column ${sql.id(column)}`.execute(db);
}
