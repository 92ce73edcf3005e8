import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect, withMigratedDatabase } from '../../test/databases.ts';
import { publishedState } from '../../test/bulk-items.ts';
import type { ItemState } from '../domain/publishing/index.ts';
import { createBackupRepository } from './backup-repository.ts';
import { columnsOf } from './item-repository.ts';
import { createRepositories } from './unit-of-work.ts';

const at = '2025-06-01T02:00:00.000Z';

describeEachDialect('a backup made before migration 0026 (attachment readings)', (ctx) => {
  test('restores with status and note filled as the migration fills them: empty texts of any kind unreadable', async () => {
    await ctx.db
      .insertInto('agencies')
      .values({ id: 1, parent_id: null, path: '/1/', kind: 'town_gov', name: '单位', short_name: '单位', created_at: at, updated_at: at } as never)
      .execute();
    const repos = createRepositories(ctx.db);
    const file = (sha256: string, mediaType: string) => ({ fileId: sha256, fileName: `${sha256}.bin`, mediaType, sizeBytes: 1, sha256 });
    const state = {
      ...publishedState({ id: 1, agency: { id: 1, path: '/1/' } }),
      attachments: [file('a', 'image/png'), file('b', 'application/pdf'), file('c', 'application/pdf')],
    } as unknown as ItemState;
    await ctx.db.insertInto('items').values({ id: 1, agency_id: 1, index_number: null, latest_version: 1, live_version: 1, created_at: at } as never).execute();
    await ctx.db.insertInto('item_versions').values(columnsOf(state, at)).execute();
    await repos.items.saveAttachmentText('a', 'png', '', { status: 'unreadable', note: '图片' });
    await repos.items.saveAttachmentText('b', 'pdf', '', { status: 'unreadable', note: '扫描件' });
    await repos.items.saveAttachmentText('c', 'pdf', '正文');

    const tables = await createBackupRepository(ctx.db).dump('/1/');
    assert.equal(tables.attachment_texts!.length, 3);
    for (const row of tables.attachment_texts!) {
      delete row.status;
      delete row.note;
    }
    await withMigratedDatabase(ctx.dialect, async (target) => {
      await createBackupRepository(target).load(tables);
      const rows = await target.selectFrom('attachment_texts').select(['sha256', 'status', 'note']).orderBy('sha256').execute();
      assert.deepEqual(rows.map((r) => [r.sha256, r.status]), [['a', 'unreadable'], ['b', 'unreadable'], ['c', 'read']]);
      assert.match(rows[1]!.note ?? '', /请人工核对/);
    });
  });
});
