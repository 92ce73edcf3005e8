/**
 * Statistics pages against the size of the register (issue [scale]: no page whose cost grows with the whole
 * register): the public request statistics (`/xxgk/request-statistics`, and one year of it), the office's
 * trends (`/console/trends`) and the console home (`/console`), served by the real app (in process,
 * `app.request`) to a signed-in officer, uncached — first at demo size, then after N items (default
 * 100 000, GONGKAI_BENCH_STATS_ITEMS) and M requests (default 20 000, GONGKAI_BENCH_STATS_REQUESTS) are
 * written in bulk to the demo's units. Each page's median is reported beside its demo-size median (the
 * baseline, measured in the same run) with the ratio; target: the ratio stays small (the figures cost what
 * they count, not what the register holds). SQLite always, PostgreSQL when GONGKAI_TEST_DATABASE_URL is set
 * (GONGKAI_BENCH_STORES=sqlite or postgres for one). `measurePages` and `loadRegister` are reusable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { loadTestEnvironment } from '../src/config.ts';
import { openDatabase, type Database } from '../src/storage/database.ts';
import { columnsOf } from '../src/storage/item-repository.ts';
import type { ItemState } from '../src/domain/publishing/index.ts';
import { APPLICANT_TYPES, INTAKE_CHANNELS, OUTCOMES } from '../src/domain/requests/index.ts';
import { createEmptyDatabase } from '../test/databases.ts';
import { createTestApp, type Agent } from '../test/web-harness.ts';
import { seededRandom } from './synthetic-data.ts';

/** The pages measured, by name. */
export const STATISTICS_PAGES: ReadonlyArray<readonly [string, string]> = [
  ['/xxgk/request-statistics', '/xxgk/request-statistics'],
  ['/xxgk/request-statistics?year=2023', '/xxgk/request-statistics?year=2023'],
  ['/console/trends', '/console/trends'],
  ['/console/trends?granularity=year', '/console/trends?granularity=year'],
  ['/console', '/console'],
];

/** Median milliseconds of `samples` uncached requests of each page (a fresh query parameter defeats the page cache). */
export async function measurePages(agent: Agent, samples: number, pages = STATISTICS_PAGES): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  let n = 0;
  for (const [name, url] of pages) {
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      const res = await agent.get(`${url}${url.includes('?') ? '&' : '?'}bench=${String(n++)}`);
      await res.text();
      if (res.status !== 200) throw new Error(`${url}: HTTP ${String(res.status)}`);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    out.set(name, times[Math.floor(times.length / 2)]!);
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dateIn = (rnd: () => number, from: number, to: number) => `${String(from + Math.floor(rnd() * (to - from + 1)))}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Writes rows in bulk: prepared statements in one transaction (SQLite file), json_populate_recordset (PostgreSQL). */
function bulkWriter(db: Database, sqliteFile: string | null): { write: (table: string, rows: Array<Record<string, unknown>>) => Promise<void>; close: () => void } {
  if (sqliteFile !== null) {
    const raw = new BetterSqlite3(sqliteFile);
    raw.pragma('busy_timeout = 10000');
    return {
      write: async (table, rows) => {
        if (rows.length === 0) return;
        const columns = Object.keys(rows[0]!);
        const st = raw.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
        raw.transaction((all: Array<Record<string, unknown>>) => {
          for (const r of all) st.run(r);
        })(rows);
      },
      close: () => raw.close(),
    };
  }
  return {
    write: async (table, rows) => {
      if (rows.length === 0) return;
      const cols = sql.join(Object.keys(rows[0]!).map((c) => sql.ref(c)));
      await sql`insert into ${sql.table(table)} (${cols}) select ${cols} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)})`.execute(db);
    },
    close: () => {},
  };
}

/**
 * Adds `items` published items (2008–2026) and `requests` requests (received 2019–2026; replied, some late,
 * or still open near the end) to the units already in the database, written straight to the tables.
 * Ids start at 1 000 001. Works on schemas with and without the statistics columns of migration 0028.
 */
export async function loadRegister(db: Database, sqliteFile: string | null, items: number, requests: number): Promise<void> {
  const units = await db.selectFrom('agencies').select(['id', 'path']).orderBy('id').execute();
  const withFacts = await sql`select replied_on from requests limit 1`.execute(db).then(
    () => true,
    () => false,
  );
  const { write, close } = bulkWriter(db, sqliteFile);
  const at = '2026-01-05T02:00:00.000Z';
  const rnd = seededRandom(2028);
  try {
    for (let from = 0; from < items; from += 5000) {
      const batch = Array.from({ length: Math.min(5000, items - from) }, (_, i) => {
        const id = 1_000_001 + from + i;
        const unit = units[Math.floor(rnd() * units.length)]!;
        const publishedOn = dateIn(rnd, 2008, 2026);
        const state = {
          id: String(id), version: 1, agencyId: unit.id, agencyPath: unit.path, indexNumber: null, status: 'published', title: `关于做好${publishedOn.slice(0, 4)}年度第${String(id)}项工作的通知`,
          summary: '', documentNumber: null, jointIssuers: [], formedOn: addDays(publishedOn, -3), changedOn: null, categoryCode: 'general_affairs', genre: 'notice', clause: null, catalogueDomain: null,
          keywords: [], validity: null, bodyHtml: '<p>正文</p>', attachments: [], disclosure: { attribute: 'proactive' }, interpretsItemId: null, hasElectronicFullText: true, publishedOn,
          publishedAt: `${publishedOn}T02:00:00.000Z`,
        } as unknown as ItemState;
        return { item: { id, agency_id: unit.id, index_number: null, latest_version: 1, live_version: 1, created_at: at }, version: columnsOf(state, at) as unknown as Record<string, unknown> };
      });
      await write('items', batch.map((b) => b.item));
      await write('item_versions', batch.map((b) => b.version));
    }
    const outcomes = [...OUTCOMES, 'disclosed', 'disclosed', 'disclosed', 'unavailable_not_held'];
    for (let from = 0; from < requests; from += 5000) {
      const batch = Array.from({ length: Math.min(5000, requests - from) }, (_, i) => {
        const id = 1_000_001 + from + i;
        const unit = units[Math.floor(rnd() * units.length)]!;
        const receivedOn = dateIn(rnd, 2019, 2026);
        const open = receivedOn >= '2026-10-15' && rnd() < 0.7;
        const dueOn = addDays(receivedOn, 28);
        const repliedOn = open ? null : addDays(receivedOn, 1 + Math.floor(rnd() * 35));
        const outcome = open ? null : outcomes[Math.floor(rnd() * outcomes.length)]!;
        const channel = INTAKE_CHANNELS[Math.floor(rnd() * INTAKE_CHANNELS.length)]!;
        const applicantType = APPLICANT_TYPES[Math.floor(rnd() * APPLICANT_TYPES.length)]!;
        const record = {
          agencyId: unit.id, agencyPath: unit.path, channel, applicant: { type: applicantType, name: '王某某', contact: { phone: '13800000000', address: '湖南省洪江市某镇某村某组', email: null } },
          informationSought: { description: `申请公开${receivedOn.slice(0, 4)}年度本村耕地地力保护补贴发放名单及资金拨付文件` }, formWanted: 'paper', deliveryMethod: 'post',
        };
        const state = {
          id: String(id), record, status: open ? 'in_progress' : 'archived', outcome, submittedOn: receivedOn, submittedAt: `${receivedOn}T02:00:00.000Z`, submittedBy: null, receivedOn,
          receiptBasis: '当面提交之日', regime: '2019', clarification: null, units: [], consultations: [], fee: null, extension: null, draft: null,
          reply: repliedOn === null ? null : { outcome, replyType: null, withheld: [], summary: '依法答复。', repliedOn, onTheSpot: false, dueOn, late: repliedOn > dueOn, approvedBy: '分管领导' },
          delivery: null, withdrawnOn: null, abandoned: null, archivedOn: repliedOn, clockEvents: [{ type: 'received', at: `${receivedOn}T02:00:00.000Z` }], version: repliedOn === null ? 2 : 6,
        };
        return {
          id, agency_id: unit.id, agency_path: unit.path, tracking_number: `BENCH${String(id)}`, query_code_hash: 'x', status: state.status, outcome, channel, applicant_type: applicantType,
          applicant_name: '王某某', applicant_key: null, pieces: 1, submitted_on: receivedOn, received_on: receivedOn, due_on: dueOn, provisional: 0, closed_on: repliedOn, version: state.version,
          state: JSON.stringify(state), record: JSON.stringify(record), notes: '[]', created_at: `${receivedOn}T02:00:00.000Z`, updated_at: `${receivedOn}T02:00:00.000Z`,
          ...(withFacts && { replied_on: repliedOn, replied_on_time: repliedOn === null ? null : repliedOn <= dueOn ? 1 : 0 }),
        };
      });
      await write('requests', batch);
    }
  } finally {
    close();
  }
  // As autovacuum and SQLite's optimiser would have by then: statistics, and PostgreSQL's visibility map.
  await sql`${sql.raw(sqliteFile === null ? 'vacuum analyze' : 'analyze')}`.execute(db);
}

async function measure(label: string, db: Database, sqliteFile: string | null, items: number, requests: number, samples: number): Promise<string[]> {
  const t = await createTestApp({ db });
  try {
    const officer = await t.signedIn('officer');
    const demo = await measurePages(officer, samples);
    const started = performance.now();
    await loadRegister(db, sqliteFile, items, requests);
    const loadS = (performance.now() - started) / 1000;
    const big = await measurePages(officer, samples);
    const lines = [`${label}: demo → +${items.toLocaleString()} items, +${requests.toLocaleString()} requests (loaded in ${loadS.toFixed(1)} s); median of ${String(samples)} uncached requests`];
    for (const [name] of STATISTICS_PAGES) {
      const a = demo.get(name)!;
      const b = big.get(name)!;
      lines.push(`  ${name.padEnd(36)} ${a.toFixed(1).padStart(8)} ms → ${b.toFixed(1).padStart(8)} ms  (×${(b / a).toFixed(1)})`);
    }
    return lines;
  } finally {
    await t.close();
  }
}

export async function run(): Promise<{ name: string; lines: string[] }> {
  const items = Number(process.env.GONGKAI_BENCH_STATS_ITEMS ?? 100_000);
  const requests = Number(process.env.GONGKAI_BENCH_STATS_REQUESTS ?? 20_000);
  const samples = Number(process.env.GONGKAI_BENCH_STATS_SAMPLES ?? 5);
  const stores = (process.env.GONGKAI_BENCH_STORES ?? 'sqlite,postgres').split(',');
  const lines: string[] = [];
  if (stores.includes('sqlite')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-stats-bench-'));
    const file = path.join(dir, 'bench.db');
    const db = openDatabase({ sqlitePath: file });
    try {
      lines.push(...(await measure('SQLite', db, file, items, requests, samples)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!stores.includes('postgres')) lines.push('PostgreSQL: not asked for (GONGKAI_BENCH_STORES)');
  else if (loadTestEnvironment().postgresUrl) {
    const pg = await createEmptyDatabase('postgres');
    try {
      lines.push(...(await measure('PostgreSQL', pg.db, null, items, requests, samples)));
    } finally {
      await pg.drop().catch(() => {});
    }
  } else lines.push('PostgreSQL: skipped (set GONGKAI_TEST_DATABASE_URL)');
  return { name: 'statistics pages: demo size → a large register', lines };
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const r = await run();
  console.log(`# ${r.name}\n${r.lines.join('\n')}`);
  process.exit(0);
}
