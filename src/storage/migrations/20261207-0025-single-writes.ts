/**
 * Writes that must not double ([hardening] issue): an online application keeps the SHA-256 of its
 * one-time form token, unique, so that the same form posted twice files one request (the unique
 * index decides between two concurrent posts); the console's one-time form tokens are claimed in
 * `form_tokens` (the hash is the key), so that a command posted twice applies once. Confirmation
 * mails of subscriptions are counted by address and by hour from their tokens' creation times.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table requests add column submission_key_hash text`.execute(db);
  await db.schema.createIndex('requests_submission_key_uq').on('requests').column('submission_key_hash').unique().execute();
  await db.schema
    .createTable('form_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('used_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('form_tokens_used_at_idx').on('form_tokens').column('used_at').execute();
  await db.schema.createIndex('subscription_tokens_purpose_created_idx').on('subscription_tokens').columns(['purpose', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('subscription_tokens_purpose_created_idx').execute();
  await db.schema.dropTable('form_tokens').execute();
  await db.schema.dropIndex('requests_submission_key_uq').execute();
  await sql`alter table requests drop column submission_key_hash`.execute(db);
}
