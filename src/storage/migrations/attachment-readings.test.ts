import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createEmptyDatabase, testDialects } from '../../../test/databases.ts';
import { migrateDown, migrateToLatest } from '../migrate.ts';

for (const dialect of testDialects()) {
  test(`migration 0026: unread images and scans (any kind with empty text) become unreadable, over-long texts are cut and marked partial; down and up again [${dialect}]`, async () => {
    const { db, drop } = await createEmptyDatabase(dialect);
    try {
      await migrateToLatest(db);
      // Back to the schema before 0026 and the rows it found there.
      // (Later migrations, if any, are reverted first.)
      for (let i = 0; i < 20 && !(await migrateDown(db)).includes('↓ 20261207-0026-attachment-readings'); i++);
      const huge = '公开'.repeat(600_000);
      await sql`insert into attachment_texts (sha256, kind, text) values ('a', 'png', ''), ('b', 'docx', ${huge}), ('c', 'docx', '正文'), ('d', 'pdf', ''), ('e', 'docx', '')`.execute(db);
      await migrateToLatest(db);
      const rows = (await sql<{ sha256: string; status: string; note: string | null; n: number }>`select sha256, status, note, length(text) as n from attachment_texts order by sha256`.execute(db)).rows;
      assert.deepEqual(rows.map((r) => [r.sha256, r.status, Number(r.n)]), [['a', 'unreadable', 0], ['b', 'partial', 1_000_000], ['c', 'read', 2], ['d', 'unreadable', 0], ['e', 'unreadable', 0]]);
      assert.match(rows[0]!.note ?? '', /图片/);
      assert.match(rows[3]!.note ?? '', /未读取到文字（可能是扫描件），请人工核对/);
      assert.match(rows[4]!.note ?? '', /请人工核对/);
      assert.match(rows[1]!.note ?? '', /只自动检测了前 1000000 字/);
    } finally {
      await drop();
    }
  });
}
