/**
 * Ledger files between their dry run and the confirmation: who uploaded which file (by SHA-256; the
 * bytes are in the file store) for which kind and agency, until when the confirmation is accepted,
 * and when it was imported.
 */
import type { Kysely } from 'kysely';
import { idColumn } from './migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('ledger_uploads'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text')
    .execute();
  await db.schema.createIndex('ledger_uploads_sha256_idx').on('ledger_uploads').columns(['sha256', 'uploaded_by']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ledger_uploads').execute();
}
