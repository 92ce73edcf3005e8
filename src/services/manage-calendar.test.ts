import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { fixedClock } from '../../test/clock.ts';
import { testServices } from '../../test/services.ts';
import { SYSTEM_ACTOR } from './access-control.ts';
import type { Actor } from './ports.ts';

const officer: Actor = { userId: 99, label: '公开办 李敏', grants: [{ role: 'officer', agencyId: 1, agencyPath: '/1/' }] };
const editor: Actor = { userId: 98, label: '信息员', grants: [{ role: 'editor', agencyId: 1, agencyPath: '/1/' }] };

const LINES_2027 = [
  '元旦：2027-01-01至2027-01-03放假',
  '春节：2027-02-06至2027-02-12放假；2027-02-13、2027-02-14上班',
].join('\n');

describeEachDialect('calendar in the database', (ctx) => {
  const services = () =>
    testServices(ctx.db, fixedClock('2026-12-10T02:00:00.000Z'));

  test('the shipped notices 2008–2026 are loaded once, audited, and never over staff edits', async () => {
    const s = services();
    const added = await s.calendar.syncShipped();
    assert.equal(added.length, 19);
    assert.deepEqual([added[0], added.at(-1)], [2008, 2026]);
    assert.deepEqual(await s.calendar.syncShipped(), []);
    const entries = await s.deps.uow.read.audit.forEntity('calendar_year', 2026);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.actorLabel, '系统');
  });

  test('adding 2027 turns a provisional deadline into a final one, and the change is versioned and audited', async () => {
    const s = services();
    const before = await s.deadlines.requestDeadline({ received: '2027-01-20' });
    assert.equal(before.provisional, true);
    assert.equal(before.due, '2027-02-17', 'weekends only: 20 working days after 2027-01-20');

    await assert.rejects(
      s.calendar.saveYearFromForm(editor, { year: 2027, noticeTitle: 'x', noticeUrl: 'https://www.gov.cn/x', docNumber: '', lines: LINES_2027, sources: 'x', note: '', reason: 'x' }),
      /没有执行此操作的权限/,
    );
    const saved = await s.calendar.saveYearFromForm(officer, {
      year: 2027,
      noticeTitle: '国务院办公厅关于2027年部分节假日安排的通知',
      noticeUrl: 'https://www.gov.cn/zhengce/zhengceku/2027.htm',
      docNumber: '',
      lines: LINES_2027,
      sources: '测试数据（非真实安排）',
      note: '',
      reason: '通知发布',
    });
    assert.deepEqual(saved, { saved: [2027], unchanged: [] });

    const after = await s.deadlines.requestDeadline({ received: '2027-01-20' });
    assert.equal(after.provisional, false);
    // Spring Festival 02-06…02-12 off (5 weekdays lost), 02-13/14 worked: 2027-02-20 is a Saturday, so the 20th working day is 02-22.
    assert.equal(after.due, '2027-02-22');

    // Saving the same content again makes no new version.
    const again = await s.calendar.saveYearFromForm(officer, {
      year: 2027, noticeTitle: '国务院办公厅关于2027年部分节假日安排的通知', noticeUrl: 'https://www.gov.cn/zhengce/zhengceku/2027.htm',
      docNumber: '', lines: LINES_2027, sources: '测试数据（非真实安排）', note: '', reason: '再次保存',
    });
    assert.deepEqual(again, { saved: [], unchanged: [2027] });
    const history = await s.calendar.history(officer, 2027);
    assert.equal(history.length, 1);
    assert.equal(history[0]!.reason, '通知发布');
    const audit = await s.deps.uow.read.audit.forEntity('calendar_year', 2027);
    assert.equal(audit[0]!.action, 'create');
    assert.equal(audit[0]!.actorLabel, '公开办 李敏');
  });

  test('a date outside the notice year (or its previous December), or no reason, is refused with every problem named', async () => {
    const s = services();
    await assert.rejects(
      s.calendar.saveYearFromForm(officer, {
        year: 2027, noticeTitle: 't', noticeUrl: 'https://www.gov.cn/y', docNumber: '',
        lines: '元旦：2027-01-01放假\n国庆节：2026-10-01至2026-10-03放假', sources: 's', note: '', reason: '改',
      }),
      (e: Error) => e.message.includes('2026-10-01'),
    );
    await assert.rejects(
      s.calendar.saveYearFromForm(officer, { year: 2027, noticeTitle: 't', noticeUrl: 'https://www.gov.cn/y', docNumber: '', lines: LINES_2027, sources: 's', note: '', reason: ' ' }),
      /修改原因/,
    );
  });

  test('a listener hears which years changed (open deadlines are recomputed there)', async () => {
    const s = services();
    const heard: number[][] = [];
    s.calendar.onChange(async (years) => {
      heard.push(years);
    });
    const json = JSON.stringify({ year: 2028, notices: [{ title: '国务院办公厅关于2028年部分节假日安排的通知', url: 'https://www.gov.cn/2028' }], holidays: [{ name: '元旦', offDays: ['2028-01-01'], makeupWorkdays: [] }], sources: ['测试'] });
    const r = await s.calendar.importFile(SYSTEM_ACTOR, json, { reason: '导入', system: true });
    assert.deepEqual(r.saved, [2028]);
    assert.deepEqual(heard, [[2028]]);
  });
});

test('without a calendar change nothing is recomputed: the calendar is cached by revision', async () => {
  // Covered implicitly above (two reads, one parse); asserted here through the public revision token.
  const { createEmptyDatabase } = await import('../../test/databases.ts');
  const { migrateToLatest } = await import('../storage/migrate.ts');
  const { db, drop } = await createEmptyDatabase('sqlite');
  try {
    await migrateToLatest(db);
    const s = testServices(db, fixedClock('2026-12-10T02:00:00.000Z'));
    await s.calendar.syncShipped();
    const a = await s.calendar.current();
    const b = await s.calendar.current();
    assert.equal(a, b, 'same object while nothing changed');
    await s.calendar.importFile(SYSTEM_ACTOR, JSON.stringify({ year: 2027, notices: [{ title: 't', url: 'https://www.gov.cn/t' }], holidays: [{ name: '元旦', offDays: ['2027-01-01'], makeupWorkdays: [] }], sources: ['s'] }), { reason: 'r', system: true });
    assert.notEqual(await s.calendar.current(), a);
  } finally {
    await drop();
  }
});
