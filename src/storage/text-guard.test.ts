/**
 * The storage boundary refuses NUL in any query parameter on both stores alike: SQLite would store
 * it (and a backup holding it could not be restored into PostgreSQL), PostgreSQL fails outright.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeEachDialect } from '../../test/databases.ts';
import { ValidationError } from '../services/errors.ts';

describeEachDialect('NUL at the storage boundary', (ctx) => {
  test('writes and reads with a NUL parameter are refused as bad input; nothing stored', async () => {
    await assert.rejects(ctx.db.insertInto('settings').values({ key: 'probe', value: 'a\u0000b', updated_at: '2026-12-07T00:00:00.000Z' }).execute(), ValidationError);
    assert.equal((await ctx.db.selectFrom('settings').select('key').where('key', '=', 'probe').execute()).length, 0);
    await assert.rejects(ctx.db.selectFrom('settings').select('key').where('value', '=', 'x\u0000').execute(), ValidationError);
    await assert.rejects(sql`select ${'\u0000'} as v`.execute(ctx.db), ValidationError);
    await assert.rejects(
      ctx.db.transaction().execute(async (trx) => trx.updateTable('settings').set({ value: '\u0000' }).where('key', '=', 'nothing').execute()),
      ValidationError,
    );
  });

  test('other text, control characters the web refuses earlier included, is stored unchanged', async () => {
    const value = '公开\t\r\n\u0001\u001f';
    await ctx.db.insertInto('settings').values({ key: 'probe-ok', value, updated_at: '2026-12-07T00:00:00.000Z' }).execute();
    assert.equal((await ctx.db.selectFrom('settings').select('value').where('key', '=', 'probe-ok').executeTakeFirstOrThrow()).value, value);
  });
});
