/**
 * Public email subscriptions (公众邮件订阅): a citizen subscribes to an agency (and optionally a 主题分类)
 * by double opt-in; the tokens mailed for confirming and unsubscribing are kept only as SHA-256 hashes.
 */
import type { Kysely } from 'kysely';
import { idColumn } from './migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('subscriptions'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    // '' = every category.
    .addColumn('category_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('unsubscribed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('subscriptions_target_uq', ['agency_id', 'email', 'category_code'])
    .execute();
  await db.schema.createIndex('subscriptions_status_idx').on('subscriptions').columns(['status', 'agency_id']).execute();

  await db.schema
    .createTable('subscription_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('subscription_id', 'integer', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subscription_tokens_subscription_idx').on('subscription_tokens').column('subscription_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('subscription_tokens').execute();
  await db.schema.dropTable('subscriptions').execute();
}
