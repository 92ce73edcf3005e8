/**
 * Commands that fold a whole register — `gongkai assess` (and the console's scoring) and `gongkai export
 * items` — over 40 000 published items, more than SQLite binds in one statement (32 766): they failed with
 * “too many SQL variables” when every item's id went into one `in (…)`. The items are written straight to
 * the tables in bulk, as the benchmarks do (test/bulk-items.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { insertPublishedItems } from '../../test/bulk-items.ts';
import { fixedClock } from '../../test/clock.ts';
import { testServices } from '../../test/services.ts';
import type { Actor } from './ports.ts';

const ITEMS = 40_000;

describeEachDialect('a whole register of 40 000 items', (ctx) => {
  let s: ReturnType<typeof testServices>;
  let town: { id: number; path: string };
  let actor: Actor;

  test('setup: the demo town and 40 000 items published in 2025 across its units', async () => {
    s = testServices(ctx.db, fixedClock('2026-01-10T02:00:00.000Z'));
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
    const agencies = await s.agencies.all();
    town = agencies.find((a) => a.name === '黔城镇人民政府')!;
    const units = agencies.filter((a) => a.parentId === town.id);
    assert.ok(units.length > 10);
    actor = { userId: null, label: '测试', grants: [{ role: 'officer', agencyId: town.id, agencyPath: town.path }] };
    await insertPublishedItems(
      ctx.db,
      ctx.dialect,
      Array.from({ length: ITEMS }, (_, i) => ({ id: i + 1, agency: units[(i + 1) % units.length]!, indexNumber: `QCZ-2025-${String(i + 1).padStart(6, '0')}` })),
    );
    await s.deps.uow.read.items.settle();
  });

  test('gongkai assess scores the units from every item, with its index number', async () => {
    const started = performance.now();
    const result = await s.assessment.assess(actor, town.id, {
      name: '2025年度考核',
      fromOn: '2025-01-01',
      toOn: '2025-12-31',
      indicators: [
        { indicator: 'on_time_publication_rate', weight: 50, rule: { kind: 'ratio', full: 100, zero: 0 } },
        { indicator: 'catalogue_completeness', weight: 50, rule: { kind: 'ratio', full: 100, zero: 0 } },
      ],
    }, { system: true });
    const records = result.units.flatMap((u) => u.indicators[0]!.records);
    assert.equal(records.length, ITEMS, 'every published item is scored');
    assert.equal(new Set(records.map((r) => r.id)).size, ITEMS);
    assert.ok(records.some((r) => r.ref === 'QCZ-2025-040000'), 'records are named by their index numbers');
    assert.ok(result.units.every((u) => u.total === 100), 'all on time and complete');
    console.log(`# assess over ${String(ITEMS)} items [${ctx.dialect}]: ${(performance.now() - started).toFixed(0)} ms`);
  });

  test('gongkai export items writes a row for every item, with its index number', async () => {
    const started = performance.now();
    const exported = await s.ledgers.exportLedger(actor, 'items', town.id, { system: true });
    assert.equal(exported.rows.length, ITEMS);
    const column = exported.headers.indexOf('索引号');
    assert.equal(exported.rows[0]![column], 'QCZ-2025-000001');
    assert.equal(exported.rows[ITEMS - 1]![column], 'QCZ-2025-040000');
    console.log(`# export items over ${String(ITEMS)} items [${ctx.dialect}]: ${(performance.now() - started).toFixed(0)} ms`);
  });
});
