/**
 * Whether an attachment's text was fully read (the [hardening] issue “Bodies, files and archives”):
 * an image, a scanned PDF page or a damaged file used to become empty text and pass the privacy scan
 * silently. `status` is read / partial / unreadable, `note` says why (Chinese, for the reviewer).
 * Existing images (never read: their text is empty) become unreadable, so a re-scan asks for a check by eye.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table attachment_texts add column status text not null default 'read'`.execute(db);
  await sql`alter table attachment_texts add column note text`.execute(db);
  await sql`update attachment_texts set status = 'unreadable', note = '图片中的文字未曾自动识别' where kind in ('png', 'jpeg') and text = ''`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table attachment_texts drop column note`.execute(db);
  await sql`alter table attachment_texts drop column status`.execute(db);
}
