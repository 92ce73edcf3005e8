import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describeEachDialect, withMigratedDatabase } from '../../test/databases.ts';
import { seededRandom } from '../../bench/synthetic-data.ts';
import { createHolidayCalendar, parseHolidayData } from '../domain/calendar/index.ts';
import type { ItemState } from '../domain/publishing/index.ts';
import { toReportRequest, type ReportRequest } from '../domain/reports/index.ts';
import { APPLICANT_TYPES, INTAKE_CHANNELS, OUTCOMES, type RequestState } from '../domain/requests/index.ts';
import {
  receivedInYearOfCounts,
  requestStatisticsOf,
  requestStatisticsOfCounts,
  requestTrend,
  requestTrendOfCounts,
  requestYearsOf,
  requestYearsOfCounts,
  trendPeriods,
  workdaysBetween,
  workdayPlaces,
} from '../domain/statistics/index.ts';
import { listAllRequests } from '../services/record-pages.ts';
import type { Repositories } from '../services/ports.ts';
import { columnsOf } from './item-repository.ts';
import { migrateDownThrough, migrateToLatest } from './migrate.ts';
import { createBackupRepository } from './backup-repository.ts';
import { createRepositories } from './unit-of-work.ts';

const cal = createHolidayCalendar(parseHolidayData(JSON.parse(readFileSync(new URL('../../resources/calendar/cn-holidays.json', import.meta.url), 'utf8'))));
const at = '2026-01-05T02:00:00.000Z';
const pad = (n: number) => String(n).padStart(2, '0');
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// A county (/1/) with a town (/1/2/) and its village (/1/2/4/), a department (/1/3/), and an agency outside it (/5/).
const AGENCIES = [
  { id: 1, parent_id: null, path: '/1/' },
  { id: 2, parent_id: 1, path: '/1/2/' },
  { id: 3, parent_id: 1, path: '/1/3/' },
  { id: 4, parent_id: 2, path: '/1/2/4/' },
  { id: 5, parent_id: null, path: '/5/' },
];

/** A request in one of the shapes the register holds, anomalies included (as imported ledgers may carry them). */
function randomState(rnd: () => number, id: number, agencyId: number): { state: RequestState; dueOn: string | null } {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const submittedOn = `${String(2018 + Math.floor(rnd() * 8))}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
  const shape = rnd();
  // Most are received on the day or a few days later; some await confirmation.
  const receivedOn = shape < 0.05 ? null : addDays(submittedOn, Math.floor(rnd() * 4));
  const base = receivedOn ?? submittedOn;
  const dueOn = rnd() < 0.1 ? null : addDays(base, 20 + Math.floor(rnd() * 20));
  const after = (min: number, spread: number) => addDays(base, min + Math.floor(rnd() * spread));
  let reply: RequestState['reply'] = null;
  let withdrawnOn: string | null = null;
  let abandoned: RequestState['abandoned'] = null;
  let outcome: RequestState['outcome'] = null;
  const end = rnd();
  if (end < 0.55) {
    // Replied: on the day, within the deadline or late; a few dates before the receipt (a data error).
    outcome = pick(OUTCOMES);
    const repliedOn = shape > 0.97 ? after(-40, 30) : rnd() < 0.1 ? base : after(1, 50);
    reply = { outcome, replyType: null, withheld: [], summary: '依法答复。', repliedOn, onTheSpot: false, dueOn: rnd() < 0.8 ? dueOn : null, late: false, approvedBy: null } as unknown as RequestState['reply'];
  } else if (end < 0.65) {
    withdrawnOn = after(0, 30);
    outcome = rnd() < 0.7 ? 'other_other' : null;
  } else if (end < 0.72) {
    abandoned = { reason: 'clarification_overdue', deadlineOn: after(10, 5), abandonedOn: after(15, 40) } as RequestState['abandoned'];
    outcome = 'other_clarification_overdue';
  }
  const state = {
    id: String(id),
    record: {
      agencyId,
      channel: pick(INTAKE_CHANNELS),
      applicant: { type: pick(APPLICANT_TYPES), name: '王某某', contact: { phone: '13800000000', address: '某镇某村', email: null } },
      informationSought: { description: '申请公开本村耕地地力保护补贴发放名单' },
      formWanted: 'paper',
      deliveryMethod: 'post',
    },
    status: reply || withdrawnOn || abandoned ? 'archived' : receivedOn ? 'in_progress' : 'awaiting_confirmation',
    outcome,
    submittedOn,
    submittedAt: `${submittedOn}T02:00:00.000Z`,
    submittedBy: null,
    receivedOn,
    receiptBasis: null,
    regime: '2019',
    clarification: null,
    units: [],
    consultations: [],
    fee: null,
    extension: null,
    draft: null,
    reply,
    delivery: null,
    withdrawnOn,
    abandoned,
    archivedOn: null,
    clockEvents: [],
    version: 3,
  } as unknown as RequestState;
  return { state, dueOn: reply ? (reply.dueOn ?? dueOn) : dueOn };
}

async function loadRequests(repos: Repositories, count: number): Promise<void> {
  const rnd = seededRandom(2026);
  for (let i = 0; i < count; i++) {
    const agency = AGENCIES[Math.floor(rnd() * AGENCIES.length)]!;
    const id = await repos.requests.create({ agencyId: agency.id, agencyPath: agency.path, trackingNumber: `YSQ-T-${String(i).padStart(5, '0')}`, queryCodeHash: 'x', submittedOn: '2018-01-01', at });
    const { state, dueOn } = randomState(rnd, id, agency.id);
    assert.ok(await repos.requests.save({ id, state, dueOn, provisional: false, applicantKey: null, pieces: 1, notes: [], updatedAt: at }, 0));
  }
}

async function loadItems(repos: Repositories, db: Parameters<typeof createRepositories>[0], count: number): Promise<void> {
  const rnd = seededRandom(7);
  for (let i = 0; i < count; i++) {
    const agency = AGENCIES[Math.floor(rnd() * AGENCIES.length)]!;
    const id = await repos.items.createItem(agency.id, at);
    const publishedOn = `${String(2024 + Math.floor(rnd() * 3))}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
    const status = rnd() < 0.8 ? 'published' : 'draft';
    const revise = rnd() < 0.3;
    const state = {
      id: String(id), version: 1, agencyId: agency.id, agencyPath: agency.path, indexNumber: null, status, title: `第${String(i)}项`, summary: '', documentNumber: null, jointIssuers: [],
      formedOn: addDays(publishedOn, -3), changedOn: null, categoryCode: 'general_affairs', genre: 'notice', clause: null, catalogueDomain: null, keywords: [], validity: null, bodyHtml: '',
      attachments: [], disclosure: { attribute: 'proactive' }, interpretsItemId: null, hasElectronicFullText: true,
      publishedOn: status === 'draft' ? null : publishedOn, publishedAt: status === 'draft' ? null : `${publishedOn}T02:00:00.000Z`,
    } as unknown as ItemState;
    // Some are revised: a revision published later supersedes the published version (not a new item), or a draft's revision is its first publication.
    const revised = revise ? ({ ...state, version: 2, status: 'published', publishedOn: addDays(publishedOn, 40), changedOn: addDays(publishedOn, 38), publishedAt: at } as ItemState) : null;
    await db.insertInto('item_versions').values(columnsOf(revised && status === 'published' ? ({ ...state, status: 'superseded' } as unknown as ItemState) : state, at)).execute();
    if (revised) await db.insertInto('item_versions').values(columnsOf(revised, at)).execute();
    await repos.items.setVersions(id, revised ? 2 : 1, revised ? 2 : status === 'published' ? 1 : null);
  }
}

describeEachDialect('request statistics in SQL equal the domain’s fold over the records', (ctx) => {
  let repos: Repositories;
  let all: ReportRequest[];
  const within = (root: string) => all.filter((r) => AGENCIES.find((a) => a.id === r.agencyId)!.path.startsWith(root));

  before(async () => {
    await ctx.db
      .insertInto('agencies')
      .values(
        AGENCIES.map((a) => ({
          ...a, kind: 'town_gov', name: `单位${String(a.id)}`, short_name: `单位${String(a.id)}`, credit_code: null, org_code: null, address: '', postcode: '', phone: '', fax: '', email: '',
          office_hours: '', disclosure_office: '', sort_order: a.id, created_at: at, updated_at: at,
        })),
      )
      .execute();
    repos = createRepositories(ctx.db);
    await loadRequests(repos, 700);
    await loadItems(repos, ctx.db, 150);
    // The old way, kept as the reference: every request read and folded by the domain.
    all = (await listAllRequests(repos, {})).map((r) => toReportRequest(r.state, r.dueOn));
  });

  test('keyset paging reads every request once, in id order', async () => {
    const ids = (await listAllRequests(repos, { within: ['/1/'] })).map((r) => r.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ids.length, (await repos.requests.list({ within: ['/1/'], limit: 1 })).total);
    assert.equal(all.length, 700);
  });

  test('public statistics (table 三): years, new requests per year, each year per agency and in total', async () => {
    let counted = 0;
    for (const root of ['/1/', '/1/2/', '/5/']) {
      const records = within(root);
      const spans = await repos.statistics.requestYearSpans({ within: [root] });
      assert.deepEqual(requestYearsOfCounts(spans, 2026), requestYearsOf(records, 2026), `years under ${root}`);
      assert.deepEqual(requestYearsOfCounts(spans, 2024), requestYearsOf(records, 2024), `years up to 2024 under ${root}`);
      for (let year = 2017; year <= 2026; year++) {
        assert.equal(receivedInYearOfCounts(spans, year), requestStatisticsOf(records, year).received, `new requests ${String(year)} under ${root}`);
        const counts = await repos.statistics.requestYearCounts({ within: [root], year });
        const expected = requestStatisticsOf(records, year);
        assert.deepEqual(requestStatisticsOfCounts(counts, year), expected, `${String(year)} under ${root}`);
        counted += expected.received + expected.carriedIn;
        for (const a of AGENCIES) {
          assert.deepEqual(
            requestStatisticsOfCounts(counts.filter((c) => c.agencyId === a.id), year),
            requestStatisticsOf(records.filter((r) => r.agencyId === a.id), year),
            `${String(year)} at agency ${String(a.id)} under ${root}`,
          );
        }
      }
    }
    assert.ok(counted > 1000, 'the years hold requests to count');
  });

  test('trends: by month of each year and by year — channels, outcomes, on-time rate, mean working days', async () => {
    let replied = 0;
    for (const root of ['/1/', '/1/2/4/']) {
      const records = within(root);
      for (const year of [2018, 2020, 2023, 2025, 2026]) {
        const periods = trendPeriods('month', { year });
        const counts = await repos.statistics.requestTrendCounts({ within: [root], granularity: 'month', fromOn: `${String(year)}-01-01`, toOn: `${String(year)}-12-31` });
        const expected = requestTrend(records, periods, 'month', cal);
        assert.deepEqual(requestTrendOfCounts(counts, periods, cal), expected, `${String(year)} by month under ${root}`);
        replied += expected.reduce((n, r) => n + r.replied, 0);
      }
      const periods = trendPeriods('year', { fromYear: 2017, toYear: 2026 });
      const counts = await repos.statistics.requestTrendCounts({ within: [root], granularity: 'year', fromOn: '2017-01-01', toOn: '2026-12-31' });
      assert.deepEqual(requestTrendOfCounts(counts, periods, cal), requestTrend(records, periods, 'year', cal), `by year under ${root}`);
      const first = records.flatMap((r) => (r.receivedOn ? [r.receivedOn] : [])).sort()[0] ?? null;
      assert.equal(await repos.statistics.firstReceivedOn({ within: [root] }), first);
    }
    assert.ok(replied > 100, 'the months hold replies to average');
  });

  test('trends: items by month of their first publication, per unit and category (a revision is not a new item)', async () => {
    const versions = await ctx.db.selectFrom('item_versions').select(['item_id', 'version', 'published_on', 'agency_id', 'agency_path', 'category_code']).orderBy('item_id').orderBy('version').execute();
    const first = new Map<number, (typeof versions)[number]>();
    for (const v of versions) if (v.published_on !== null && !first.has(v.item_id)) first.set(v.item_id, v);
    for (const [root, fromOn, toOn] of [['/1/', '2008-01-01', '2026-12-31'], ['/1/', '2025-01-01', '2025-12-31'], ['/1/2/', '2024-01-01', '2026-12-31']] as const) {
      const expected = new Map<string, number>();
      for (const v of first.values()) {
        if (!v.agency_path.startsWith(root) || v.published_on! < fromOn || v.published_on! > toOn) continue;
        const key = `${String(v.agency_id)}|${v.published_on!.slice(0, 7)}|${v.category_code}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      const actual = await repos.statistics.publishedItemCounts({ within: [root], fromOn, toOn });
      assert.deepEqual(new Map(actual.map((c) => [`${String(c.agencyId)}|${c.month}|${c.categoryCode}`, c.count])), expected, `${root} ${fromOn}…${toOn}`);
      assert.ok(expected.size > 5);
    }
    assert.ok(versions.some((v) => v.version === 2) && first.size < versions.filter((v) => v.published_on !== null).length, 'revisions are there to leave out');
    assert.equal(await repos.statistics.firstPublishedOn({ within: ['/1/'] }), [...first.values()].filter((v) => v.agency_path.startsWith('/1/')).map((v) => v.published_on!).sort()[0]);
  });

  test('working days between two days are the difference of their places in the run of working days', () => {
    const rnd = seededRandom(3);
    const pairs = Array.from({ length: 300 }, () => {
      const a = addDays('2019-01-01', Math.floor(rnd() * 2500));
      return [a, addDays(a, Math.floor(rnd() * 60))] as const;
    });
    const places = workdayPlaces(cal, pairs.flat());
    for (const [a, b] of pairs) assert.equal(places.get(b)! - places.get(a)!, workdaysBetween(cal, a, b), `${a} → ${b}`);
  });

  test('dashboard: open requests per unit, due this week and overdue; live items per month', async () => {
    const today = '2025-11-20';
    const weekEnd = '2025-11-27';
    const stored = await listAllRequests(repos, { within: ['/1/'] });
    const open = stored.filter((r) => r.closedOn === null);
    assert.ok(open.length > 20);
    const expected = AGENCIES.filter((a) => a.path.startsWith('/1/'))
      .map((a) => {
        const mine = open.filter((r) => r.agencyId === a.id);
        return {
          agencyId: a.id,
          open: mine.length,
          due: mine.filter((r) => r.dueOn !== null && r.dueOn >= today && r.dueOn <= weekEnd).length,
          overdue: mine.filter((r) => r.dueOn !== null && r.dueOn < today).length,
        };
      })
      .filter((r) => r.open > 0);
    const actual = (await repos.statistics.openRequestCounts({ within: ['/1/'], dueFrom: today, dueTo: weekEnd, overdueBefore: today })).sort((a, b) => a.agencyId - b.agencyId);
    assert.deepEqual(actual, expected);

    const live = (await repos.items.list({ within: ['/1/'], liveOnly: true, limit: 10_000 })).items;
    const months = new Map<string, number>();
    for (const i of live) if (i.publishedOn! >= '2025-03-01') months.set(i.publishedOn!.slice(0, 7), (months.get(i.publishedOn!.slice(0, 7)) ?? 0) + 1);
    assert.deepEqual(await repos.statistics.liveItemsByMonth({ within: ['/1/'], fromMonth: '2025-03' }), [...months].sort().map(([month, count]) => ({ month, count })));
    assert.ok(months.size > 6);
  });
});

describeEachDialect('migration 0028 fills the statistics columns of existing requests as saving writes them', (ctx) => {
  test('down and up again: replied_on and replied_on_time from each state', async () => {
    await ctx.db
      .insertInto('agencies')
      .values({ id: 1, parent_id: null, path: '/1/', kind: 'town_gov', name: '单位', short_name: '单位', credit_code: null, org_code: null, address: '', postcode: '', phone: '', fax: '', email: '', office_hours: '', disclosure_office: '', sort_order: 1, created_at: at, updated_at: at })
      .execute();
    const repos = createRepositories(ctx.db);
    const rnd = seededRandom(11);
    for (let i = 0; i < 200; i++) {
      const id = await repos.requests.create({ agencyId: 1, agencyPath: '/1/', trackingNumber: `YSQ-M-${String(i)}`, queryCodeHash: 'x', submittedOn: '2018-01-01', at });
      const { state, dueOn } = randomState(rnd, id, 1);
      await repos.requests.save({ id, state, dueOn, provisional: false, applicantKey: null, pieces: 1, notes: [], updatedAt: at }, 0);
    }
    const read = () => ctx.db.selectFrom('requests').select(['id', 'replied_on', 'replied_on_time']).orderBy('id').execute();
    const saved = await read();
    assert.ok(saved.some((r) => r.replied_on_time === 1) && saved.some((r) => r.replied_on_time === 0) && saved.some((r) => r.replied_on === null));
    assert.ok((await migrateDownThrough(ctx.db, '20261207-0028-request-statistics')).includes('↓ 20261207-0028-request-statistics'));
    await migrateToLatest(ctx.db);
    assert.deepEqual(await read(), saved);
  });

  test('a backup made before the columns existed restores with them filled (as the migration fills them)', async () => {
    const saved = await ctx.db.selectFrom('requests').select(['id', 'replied_on', 'replied_on_time']).orderBy('id').execute();
    const tables = await createBackupRepository(ctx.db).dump('/1/');
    for (const row of tables.requests!) {
      delete row.replied_on;
      delete row.replied_on_time;
    }
    await withMigratedDatabase(ctx.dialect, async (target) => {
      await createBackupRepository(target).load(tables);
      assert.deepEqual(await target.selectFrom('requests').select(['id', 'replied_on', 'replied_on_time']).orderBy('id').execute(), saved);
    });
  });
});
