/**
 * Whether an attachment's text was fully read (the [hardening] issue “Bodies, files and archives”):
 * an image, a scanned PDF page or a damaged file used to become empty text and pass the privacy scan
 * silently. `status` is read / partial / unreadable, `note` says why (Chinese, for the reviewer).
 * Existing rows with empty text become unreadable, so a re-scan asks for a check by eye: images (never read)
 * and any other kind — a scanned PDF stored before also has empty text, and re-uploading it does not read it again;
 * texts stored before the 1 000 000-character cap (src/documents/extract-text.ts MAX_TEXT_CHARS — a
 * 423 KB DOCX stored 420 MB and stalled every view of its item) are cut to it and marked partial.
 */
import { sql, type Kysely } from 'kysely';

// Fixed here (not imported): a migration must do the same thing whatever the code says later.
const MAX_TEXT_CHARS = 1_000_000;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table attachment_texts add column status text not null default 'read'`.execute(db);
  await sql`alter table attachment_texts add column note text`.execute(db);
  await fillAttachmentReadings(db);
}

/**
 * Sets status and note from the stored text, for rows that still have the column default ('read'):
 * used by `up` and after loading a backup made before this migration (src/storage/backup-repository.ts).
 */
export async function fillAttachmentReadings(db: Kysely<unknown>): Promise<void> {
  await sql`update attachment_texts set status = 'unreadable', note = '图片中的文字未曾自动识别' where status = 'read' and text = '' and kind in ('png', 'jpeg')`.execute(db);
  await sql`update attachment_texts set status = 'unreadable', note = '未读取到文字（可能是扫描件），请人工核对' where status = 'read' and text = ''`.execute(db);
  await sql`update attachment_texts set text = substr(text, 1, ${MAX_TEXT_CHARS}), status = 'partial', note = ${`文字过长，只自动检测了前 ${MAX_TEXT_CHARS} 字`} where status = 'read' and length(text) > ${MAX_TEXT_CHARS}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table attachment_texts drop column note`.execute(db);
  await sql`alter table attachment_texts drop column status`.execute(db);
}
