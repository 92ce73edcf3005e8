/**
 * Assessment (考核): the rubrics an assessing agency keeps (the current version and every earlier one, with
 * the reason for each change) and the assessor's comment on each unit for each period.
 */
import type { Kysely } from 'kysely';
import { idColumn } from './migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('assessment_rubrics'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assessment_rubrics_agency_idx').on('assessment_rubrics').column('agency_id').execute();
  await db.schema
    .createTable('assessment_rubric_versions')
    .addColumn('rubric_id', 'integer', (c) => c.notNull().references('assessment_rubrics.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_rubric_versions_pk', ['rubric_id', 'version'])
    .execute();
  await db.schema
    .createTable('assessment_comments')
    .addColumn('rubric_id', 'integer', (c) => c.notNull().references('assessment_rubrics.id').onDelete('cascade'))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_comments_pk', ['rubric_id', 'period_key', 'unit_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('assessment_comments').execute();
  await db.schema.dropTable('assessment_rubric_versions').execute();
  await db.schema.dropTable('assessment_rubrics').execute();
}
