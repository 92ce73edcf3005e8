import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { fixedClock } from '../../test/clock.ts';
import { testServices } from '../../test/services.ts';
import { OFFICIAL_DOCUMENT_GENRES, compileReport, findFigure, type Figure, type FigureKey } from '../domain/reports/index.ts';
import type { ItemState } from '../domain/publishing/index.ts';
import { NotFoundError } from './errors.ts';
import { actorOf } from './sign-in.ts';
import type { Actor } from './ports.ts';
import { emptyManualInputs } from './compile-annual-report.ts';

describeEachDialect('annual report traceability', (ctx) => {
  const clock = fixedClock('2026-11-26T02:00:00.000Z');
  let s: ReturnType<typeof testServices>;
  let officer: Actor;
  let town = 0;

  test('setup: the demo town with its records (2017 seed year, 2024 and 2025)', async () => {
    s = testServices(ctx.db, clock);
    await s.calendar.syncShipped();
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026' });
    officer = actorOf((await s.deps.uow.read.users.findByLogin('officer'))!);
    town = (await s.agencies.all()).find((a) => a.name === '黔城镇人民政府')!.id;
  });

  /** Every record behind a figure, page by page. */
  async function allRecords(options: { agencyId: number; year: number; includeSubunits: boolean }, key: FigureKey) {
    const ids: string[] = [];
    let total: number | undefined;
    for (let offset = 0; ; offset += 200) {
      const { trace } = await s.reports.traceFigure(officer, options, key, { offset, limit: 200 });
      assert.ok(trace, `${key} has records`);
      total = trace.total;
      ids.push(...trace.rows.map((r) => r.id));
      for (const r of trace.rows) assert.ok(r.reason.length > 0 && r.agencyName.length > 0, `${key}: each record says why it counts and whose it is`);
      if (trace.rows.length < 200) break;
    }
    return { total: total ?? -1, ids };
  }

  for (const year of [2017, 2024, 2025]) {
    test(`${String(year)}: every counted figure lists exactly as many records as it says, each once`, async () => {
      const options = { agencyId: town, year, includeSubunits: true };
      const { report } = await s.reports.compile(officer, options);
      const counted = (report.figures ?? []).filter((f: Figure) => f.unit === 'count' && f.value !== null && f.source !== 'manual' && f.source !== 'previous_report');
      assert.ok(counted.length > 30);
      let nonZero = 0;
      for (const f of counted) {
        const { total, ids } = await allRecords(options, f.key);
        assert.equal(total, f.value, `${f.key}: total`);
        assert.equal(ids.length, f.value, `${f.key}: listed`);
        assert.equal(new Set(ids).size, ids.length, `${f.key}: no record twice`);
        if (ids.length > 0) nonZero += 1;
      }
      assert.ok(nonZero >= 5, `${String(year)} has several non-zero figures to trace (got ${String(nonZero)})`);
    });
  }

  test('table 三 cell by cell: every cell of the six applicant columns and 总计 has a figure whose records are as many as the cell says (2021 and 2019 formats)', async () => {
    for (const [year, format] of [[2024, '2021'], [2025, '2021'], [2024, '2019']] as const) {
      const options = { agencyId: town, year, includeSubunits: true, format };
      const { report } = await s.reports.compile(officer, options);
      const table = report.tables.find((t) => t.id === 'table3')!;
      assert.equal(table.rows.length, format === '2021' ? 25 : 23);
      let nonZero = 0;
      for (const row of table.rows) {
        table.columns.forEach((column, i) => {
          const figure = (report.figures ?? []).find((f) => f.cell?.table === 'table3' && f.cell.row === row.key && f.cell.column === column.key);
          assert.ok(figure, `${format} ${String(year)}: cell ${row.key}/${column.key} has a figure`);
          assert.equal(figure.value, row.values[i], `${figure.key} equals its cell`);
          if (figure.source === 'requests') assert.equal(figure.recordIds.length, figure.value, `${figure.key}: one request per unit counted`);
          if ((figure.value ?? 0) > 0 && column.key !== 'total') nonZero += 1;
        });
      }
      assert.ok(nonZero >= 3, `${String(year)} has non-zero applicant cells (got ${String(nonZero)})`);
      const cell = (report.figures ?? []).find((f) => f.key.startsWith('requests.received.') && (f.value ?? 0) > 0)!;
      const { trace } = await s.reports.traceFigure(officer, options, cell.key, { offset: 0, limit: 200 });
      assert.equal(trace?.rows.length, cell.value);
      const type = cell.label.replace(/^.*（(.+)）$/, '$1');
      assert.ok(trace?.rows.every((r) => r.kind === 'request' && r.number === type && r.reason.includes(`（${String(year)}年新收）`)), 'each listed request is of the column\'s applicant type and new this year');
    }
  });

  test('the seed year: 43 公文 listed by query with title, date and the genre that made them count; the 152 SMS by query', async () => {
    const options = { agencyId: town, year: 2017, includeSubunits: true };
    const { trace } = await s.reports.traceFigure(officer, options, 'proactive.documents', { offset: 0, limit: 50 });
    assert.ok(trace);
    assert.equal(trace.total, 43);
    assert.equal(trace.rows.length, 43);
    assert.equal(trace.requeried, true);
    assert.ok(trace.rows.every((r) => r.kind === 'item' && r.date?.startsWith('2017-') && /体裁：.+（公文）/.test(r.reason) && r.href === `/console/items/${r.id}`));
    const sms = await allRecords(options, 'channels.sms');
    assert.equal(sms.total, 152);
    const smsPage = await s.reports.traceFigure(officer, options, 'channels.sms', { offset: 150, limit: 50 });
    assert.equal(smsPage.trace?.requeried, true, 'messages are counted in SQL and listed again by the same query');
    assert.equal(smsPage.trace?.rows.length, 2);
    assert.ok(smsPage.trace?.rows.every((r) => r.kind === 'delivery' && r.date?.startsWith('2017-') && r.reason.startsWith('短信')));
    const letters = await s.reports.traceFigure(officer, options, 'requests.by_channel.letter');
    assert.equal(letters.trace?.rows.length, 2);
    assert.ok(letters.trace?.rows.every((r) => r.kind === 'request' && /申请方式：.*信/.test(r.reason)));
  });

  test('the item counts the store makes in SQL equal the pure compiler folding every published version', async () => {
    const agencyIds = (await s.deps.uow.read.agencies.list({ within: [(await s.deps.uow.read.agencies.findById(town))!.path] })).map((a) => a.id);
    const rows = await ctx.db.selectFrom('item_versions').select('state').where('agency_id', 'in', agencyIds).where('published_on', 'is not', null).execute();
    const items = rows.map((r) => JSON.parse(r.state) as ItemState);
    for (const year of [2017, 2024, 2025]) {
      const pure = compileReport({ agency: { id: town, name: '黔城镇人民政府' }, year, items, requests: [], appeals: [], deliveries: [], manual: emptyManualInputs() });
      const stored = await s.deps.uow.read.reports.countItems({ agencyIds, year, officialGenres: OFFICIAL_DOCUMENT_GENRES });
      assert.equal(stored.published, findFigure(pure.figures, 'proactive.items')?.value, `${String(year)} items`);
      assert.equal(stored.documents, findFigure(pure.figures, 'proactive.documents')?.value, `${String(year)} 公文`);
      assert.equal(stored.documents_fulltext, findFigure(pure.figures, 'proactive.documents_fulltext')?.value, `${String(year)} 全文`);
      assert.ok(stored.published > 0);
    }
  });

  test('manual figures have no records; an unknown figure is not found', async () => {
    const options = { agencyId: town, year: 2024, includeSubunits: true };
    assert.equal((await s.reports.traceFigure(officer, options, 'proactive.licensing_decisions')).trace, null);
    await assert.rejects(s.reports.traceFigure(officer, options, 'requests.nonsense'), NotFoundError);
  });
});
