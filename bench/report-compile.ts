/**
 * Annual-report benchmark (issue [report] “Scale”): a county of ~300 units with N items (default
 * 1 000 000, published 2016–2025, ~5% revised) and M requests (default 200 000, received 2019–2025),
 * written straight to the database in bulk; then the county's 全县 2025 report is compiled through the
 * report service, as the console does. Target: under 3 s on either store. SQLite always; PostgreSQL when
 * GONGKAI_TEST_DATABASE_URL is set. GONGKAI_BENCH_REPORT_ITEMS / _REQUESTS change the sizes,
 * GONGKAI_BENCH_REPORT_IN_YEAR=1 puts every item and every request in the report year (the worst case).
 * Items published in the last two years were also sent out (portal, WeChat, notice boards, SMS, Weibo:
 * ~2.6 messages each), so the channel figures count hundreds of thousands of deliveries.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { createEmptyDatabase } from '../test/databases.ts';
import { fixedClock } from '../test/clock.ts';
import { testServices } from '../test/services.ts';
import { loadTestEnvironment } from '../src/config.ts';
import { openDatabase, type Database } from '../src/storage/database.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import { columnsOf } from '../src/storage/item-repository.ts';
import type { ItemState } from '../src/domain/publishing/index.ts';
import { APPLICANT_TYPES, INTAKE_CHANNELS, OUTCOMES } from '../src/domain/requests/index.ts';
import type { Actor } from '../src/services/ports.ts';
import { seededRandom, syntheticAgencies } from './synthetic-data.ts';

const YEAR = 2025;

interface Unit {
  id: number;
  path: string;
  kind: string;
  name: string;
}

/** ~300 units: the county, 21 towns with 5 stations and 8 villages each, and 14 county departments. */
function units(): Unit[] {
  const out: Unit[] = [];
  const paths = new Map<number, string>();
  for (const a of syntheticAgencies(21)) {
    const p = `${a.parentKey === null ? '/' : paths.get(a.parentKey)!}${String(a.key)}/`;
    paths.set(a.key, p);
    out.push({ id: a.key, path: p, kind: a.kind, name: a.name });
  }
  for (let i = 0; i < 14; i++) {
    const id = out.length + 1;
    out.push({ id, path: `/1/${String(id)}/`, kind: 'department', name: `洪江市第${String(i + 1)}局` });
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dateIn = (rnd: () => number, from: number, to: number) => `${String(from + Math.floor(rnd() * (to - from + 1)))}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const GENRES: Array<[string, number]> = [
  ['notice', 0.22], ['announcement', 0.06], ['public_notice', 0.04], ['opinion', 0.03], ['report', 0.03], ['reply', 0.02], ['letter', 0.02], ['decision', 0.01],
  ['normative_document', 0.01], ['plan', 0.05], ['statistics', 0.06], ['service_guide', 0.05], ['interpretation', 0.04], ['news', 0.36],
];
function genreOf(rnd: () => number): string {
  let x = rnd();
  for (const [g, p] of GENRES) if ((x -= p) < 0) return g;
  return 'news';
}

/** Writes rows straight to a table in bulk: one prepared statement in a transaction (SQLite), one json_populate_recordset per batch (PostgreSQL). */
type BulkWriter = (table: string, rows: Array<Record<string, unknown>>) => Promise<void>;

function bulkWriter(db: Database, sqliteFile: string | null): BulkWriter {
  if (sqliteFile !== null) {
    const raw = new BetterSqlite3(sqliteFile);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = OFF');
    // A million rows into six indexes: keep the pages in memory, or generation crawls.
    raw.pragma('cache_size = -524288');
    const statements = new Map<string, BetterSqlite3.Statement>();
    return async (table, rows) => {
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0]!);
      const key = `${table}:${columns.join(',')}`;
      let statement = statements.get(key);
      if (statement === undefined) {
        statement = raw.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
        statements.set(key, statement);
      }
      const st = statement;
      raw.transaction((all: Array<Record<string, unknown>>) => {
        for (const r of all) st.run(r);
      })(rows);
    };
  }
  return async (table, rows) => {
    if (rows.length === 0) return;
    await sql`insert into ${sql.table(table)} (${sql.join(Object.keys(rows[0]!).map((c) => sql.ref(c)))}) select ${sql.join(Object.keys(rows[0]!).map((c) => sql.ref(c)))} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)})`.execute(db);
  };
}

async function inBatches<T>(rows: Iterable<T>, size: number, write: (batch: T[]) => Promise<void>): Promise<void> {
  let batch: T[] = [];
  for (const r of rows) {
    batch.push(r);
    if (batch.length === size) {
      await write(batch);
      batch = [];
    }
  }
  if (batch.length) await write(batch);
}

interface GeneratedItem {
  item: { id: number; agency_id: number; latest: number };
  versions: ItemState[];
  deliveries: Array<Record<string, unknown>>;
}

/** What a published item was sent on: the portal always, then WeChat, a village's notice board, SMS, Weibo by chance. */
function deliveriesOf(rnd: () => number, itemId: number, unit: Unit, publishedOn: string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const village = unit.kind === 'village' || unit.kind === 'community';
  const sentAt = `${publishedOn}T03:00:00.000Z`;
  const send = (channel: string, recipient: string) =>
    out.push({ agency_id: unit.id, channel, item_id: itemId, request_id: null, recipient, status: 'sent', sent_at: sentAt, created_at: sentAt, template: 'item_published', payload: '{}' });
  send('portal', '门户网站');
  if (rnd() < 0.6) send(village ? 'village_wechat' : 'wechat', '微信公众号');
  if (village && rnd() < 0.8) send('notice_board', '村务公开栏');
  if (rnd() < 0.2) send('sms', '1380000****');
  if (rnd() < 0.3) send('weibo', '政务微博');
  if (rnd() < 0.05) send('qq_group', 'QQ群');
  return out;
}

function* itemVersions(count: number, all: Unit[], inYear: boolean): Generator<GeneratedItem> {
  const rnd = seededRandom(2025);
  for (let id = 1; id <= count; id++) {
    const unit = all[Math.floor(rnd() * all.length)]!;
    const genre = genreOf(rnd);
    const publishedOn = dateIn(rnd, inYear ? YEAR : 2016, YEAR);
    const deliveries = publishedOn >= `${String(YEAR - 1)}-01-01` ? deliveriesOf(rnd, id, unit, publishedOn) : [];
    const normative = genre === 'normative_document';
    const base = {
      id: String(id), version: 1, agencyId: unit.id, agencyPath: unit.path, indexNumber: null, status: 'published', title: `关于做好${publishedOn.slice(0, 4)}年度第${String(id)}项工作的通知`,
      summary: '', documentNumber: normative || rnd() < 0.3 ? `洪政发〔${publishedOn.slice(0, 4)}〕${String(id % 97)}号` : null, jointIssuers: [], formedOn: addDays(publishedOn, -3), changedOn: null,
      categoryCode: 'general_affairs', genre, clause: normative ? 'art20_1' : null, catalogueDomain: null, keywords: [],
      validity: normative ? { effectiveOn: publishedOn, expiresOn: rnd() < 0.3 ? addDays(publishedOn, 730) : null, repealedOn: rnd() < 0.1 ? addDays(publishedOn, 400) : null } : null,
      bodyHtml: '', attachments: [], disclosure: { attribute: 'proactive' }, interpretsItemId: null, hasElectronicFullText: rnd() < 0.95, publishedOn, publishedAt: `${publishedOn}T02:00:00.000Z`,
    };
    const v1 = base as unknown as ItemState;
    if (rnd() < 0.05) {
      const revisedOn = addDays(publishedOn, 1 + Math.floor(rnd() * 60));
      const v2 = { ...base, version: 2, changedOn: revisedOn, publishedOn: revisedOn } as unknown as ItemState;
      yield { item: { id, agency_id: unit.id, latest: 2 }, versions: [{ ...base, status: 'superseded' } as unknown as ItemState, v2], deliveries };
    } else yield { item: { id, agency_id: unit.id, latest: 1 }, versions: [v1], deliveries };
  }
}

const CHANNELS = [...INTAKE_CHANNELS, 'online', 'online', 'online'];
const APPLICANTS = [...APPLICANT_TYPES, 'natural_person', 'natural_person', 'natural_person'];
// Every table 三 row once, and 予以公开 and 无法提供 more often, as in real reports.
const OUTCOME_MIX = [...OUTCOMES, 'disclosed', 'disclosed', 'disclosed', 'unavailable_not_held', 'unavailable_not_held'];

function* requestRows(count: number, all: Unit[], inYear: boolean) {
  const rnd = seededRandom(49);
  for (let id = 1; id <= count; id++) {
    const unit = all[Math.floor(rnd() * all.length)]!;
    const receivedOn = dateIn(rnd, inYear ? YEAR : 2019, YEAR);
    const open = receivedOn >= `${String(YEAR)}-12-01` && rnd() < 0.6;
    const dueOn = addDays(receivedOn, 28);
    const repliedOn = open ? null : addDays(receivedOn, 3 + Math.floor(rnd() * 30));
    const outcome = open ? null : OUTCOME_MIX[Math.floor(rnd() * OUTCOME_MIX.length)]!;
    const applicantType = APPLICANTS[Math.floor(rnd() * APPLICANTS.length)]!;
    const channel = CHANNELS[Math.floor(rnd() * CHANNELS.length)]!;
    const record = {
      agencyId: unit.id, channel, applicant: { type: applicantType, name: '王某某', contact: { phone: '13800000000', address: '湖南省洪江市某镇某村某组', email: null } },
      informationSought: { description: `申请公开${receivedOn.slice(0, 4)}年度本村耕地地力保护补贴发放名单及资金拨付文件、城乡居民低保对象名单及审批依据` }, formWanted: 'paper', deliveryMethod: 'post',
    };
    const state = {
      id: String(id), record, status: open ? 'in_progress' : 'archived', outcome, submittedOn: receivedOn, submittedAt: `${receivedOn}T02:00:00.000Z`, submittedBy: null, receivedOn,
      receiptBasis: '当面提交之日', regime: '2019', clarification: null, units: [], consultations: [], fee: null, extension: null, draft: null,
      reply: repliedOn === null ? null : { outcome, replyType: null, withheld: [], summary: outcome === 'disclosed' ? (rnd() < 0.5 ? '所申请信息已主动公开，告知获取途径。' : '同意公开，提供所申请信息。') : '依法答复。', repliedOn, onTheSpot: false, dueOn, late: repliedOn > dueOn, approvedBy: '分管领导' },
      delivery: null, withdrawnOn: null, abandoned: null, archivedOn: repliedOn, clockEvents: [{ type: 'received', at: `${receivedOn}T02:00:00.000Z` }], version: repliedOn === null ? 2 : 6,
    };
    yield {
      id, agency_id: unit.id, agency_path: unit.path, tracking_number: `YSQ${String(id).padStart(8, '0')}`, query_code_hash: 'x', status: state.status, outcome, channel, applicant_type: applicantType,
      applicant_name: '王某某', applicant_key: null, pieces: 1, submitted_on: receivedOn, received_on: receivedOn, due_on: dueOn, provisional: 0, closed_on: repliedOn, version: state.version,
      state: JSON.stringify(state), record: JSON.stringify(record), notes: '[]', created_at: `${receivedOn}T02:00:00.000Z`, updated_at: `${receivedOn}T02:00:00.000Z`,
    };
  }
}

async function generate(db: Database, sqliteFile: string | null, items: number, requests: number, inYear: boolean): Promise<{ ms: number; units: number; deliveries: number }> {
  const started = performance.now();
  const all = units();
  const at = '2026-01-05T02:00:00.000Z';
  const write = bulkWriter(db, sqliteFile);
  await write(
    'agencies',
    all.map((u) => {
      const parent = u.path.split('/').filter(Boolean).slice(-2, -1)[0];
      return { id: u.id, parent_id: parent === undefined ? null : Number(parent), path: u.path, kind: u.kind, name: u.name, short_name: u.name.slice(0, 6), created_at: at, updated_at: at };
    }),
  );
  let deliveries = 0;
  await inBatches(itemVersions(items, all, inYear), 5000, async (batch) => {
    await write('items', batch.map((c) => ({ id: c.item.id, agency_id: c.item.agency_id, index_number: null, latest_version: c.item.latest, live_version: c.item.latest, created_at: at })));
    await write('item_versions', batch.flatMap((c) => c.versions.map((v) => columnsOf(v, at) as unknown as Record<string, unknown>)));
    const sent = batch.flatMap((c) => c.deliveries);
    deliveries += sent.length;
    await write('deliveries', sent);
  });
  await inBatches(requestRows(requests, all, inYear), 5000, (batch) => write('requests', batch));
  // As autovacuum would have by the time a report is compiled: statistics, and the visibility map that index-only scans need.
  if (sqliteFile === null) await sql`vacuum analyze`.execute(db);
  else await sql`analyze`.execute(db);
  return { ms: performance.now() - started, units: all.length, deliveries };
}

/** Generates the synthetic county into a migrated database (for profiling outside `run`). */
export const generateFor = (db: Database, sqliteFile: string | null, items: number, requests: number, inYear = false) => generate(db, sqliteFile, items, requests, inYear);

async function measure(db: Database, sqliteFile: string | null, label: string, items: number, requests: number, inYear: boolean): Promise<string[]> {
  const gen = await generate(db, sqliteFile, items, requests, inYear);
  const log = (line: string) => {
    lines.push(line);
    console.error(line);
  };
  const lines: string[] = [];
  log(
    `${label}: generated ${String(gen.units)} units, ${items.toLocaleString()} items, ${requests.toLocaleString()} requests${inYear ? ` (all in ${String(YEAR)})` : ''}, ${gen.deliveries.toLocaleString()} deliveries in ${(gen.ms / 1000).toFixed(1)} s`,
  );
  const s = testServices(db, fixedClock('2026-01-10T02:00:00.000Z'));
  const actor: Actor = { userId: null, label: 'bench', grants: [{ role: 'officer', agencyId: 1, agencyPath: '/1/' }] };
  const times: number[] = [];
  let summary = '';
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    const view = await s.reports.compile(actor, { agencyId: 1, year: YEAR, includeSubunits: true });
    times.push(performance.now() - t);
    const v = (k: string) => view.report.figures?.find((f) => f.key === k)?.value;
    summary = `items ${String(v('proactive.items'))}, 公文 ${String(v('proactive.documents'))}, 规范性文件现行有效 ${String(v('proactive.normative.in_force'))}, requests received ${String(v('requests.received'))}, carried in ${String(v('requests.carried_in'))}, portal ${String(v('channels.portal'))}, 微信 ${String(v('channels.wechat'))}, valid ${String(view.valid)}`;
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  log(`${label}: 全县 ${String(YEAR)} report compiled in ${(times[0]! / 1000).toFixed(2)} s (first), ${(warm[Math.floor(warm.length / 2)]! / 1000).toFixed(2)} s (median of ${String(warm.length)} more) — ${summary}`);
  return lines;
}

export async function run(): Promise<{ name: string; lines: string[] }> {
  const items = Number(process.env.GONGKAI_BENCH_REPORT_ITEMS ?? 1_000_000);
  const requests = Number(process.env.GONGKAI_BENCH_REPORT_REQUESTS ?? 200_000);
  const inYear = process.env.GONGKAI_BENCH_REPORT_IN_YEAR === '1';
  const lines: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-report-bench-'));
  const sqlite = openDatabase({ sqlitePath: path.join(dir, 'bench.db') });
  try {
    await migrateToLatest(sqlite);
    lines.push(...(await measure(sqlite, path.join(dir, 'bench.db'), 'SQLite', items, requests, inYear)));
  } finally {
    await sqlite.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
  if (loadTestEnvironment().postgresUrl) {
    const pg = await createEmptyDatabase('postgres');
    try {
      await migrateToLatest(pg.db);
      lines.push(...(await measure(pg.db, null, 'PostgreSQL', items, requests, inYear)));
    } finally {
      await pg.drop();
    }
  } else lines.push('PostgreSQL: skipped (GONGKAI_TEST_DATABASE_URL not set)');
  return { name: 'Annual report compile (county: ~300 units)', lines };
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const result = await run();
  console.log(`# ${result.name}`);
  for (const line of result.lines) console.log(line);
}
