/**
 * Portal benchmark over HTTP: the catalogue, an item page and a search, served by the real app on
 * SQLite (and PostgreSQL when GONGKAI_TEST_DATABASE_URL is set) with N synthetic published items
 * (GONGKAI_BENCH_HTTP_ITEMS, default 20 000), beside a bare Node server writing a precomputed page
 * of the same size. Target (issue [publishing]): item and list pages ≥ half the bare throughput.
 * `GONGKAI_BENCH_STORES=sqlite` (or `postgres`) runs one store; `GONGKAI_BENCH_KEEP=1` keeps the loaded
 * databases (`$TMPDIR/gongkai-bench-http-<N>.db`, `gongkai_bench_http_<N>`) for later runs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { loadConfig, loadTestEnvironment } from '../src/config.ts';
import { openApplication, type Application } from '../src/main.ts';
import { openDatabase, type Database } from '../src/storage/database.ts';
import { createRepositories } from '../src/storage/unit-of-work.ts';
import { createSearchIndex } from '../src/search/search-index.ts';
import { createItemRepository } from '../src/storage/item-repository.ts';
import { startItem, type ItemState } from '../src/domain/publishing/index.ts';
import { createEmptyDatabase } from '../test/databases.ts';
import { syntheticItems } from './synthetic-data.ts';
import { keptPostgres } from './kept-databases.ts';

const GENRES = { notice: 'notice', announcement: 'announcement', normative_document: 'notice', plan: 'plan', statistics: 'statistics', news: 'news', interpretation: 'news' } as Record<string, string>;
export const CATEGORIES = ['general_affairs', 'agriculture_forestry_water', 'civil_affairs_poverty_relief', 'urban_rural_environment', 'finance_audit', 'health_sport', 'science_education', 'labour_personnel_supervision'];

export async function loadItems(app: Application, count: number): Promise<number> {
  const agencies = (await app.services.agencies.all()).filter((a) => a.path.split('/').length > 3);
  const fake = agencies.map((a, i) => ({ key: i, parentKey: null, kind: 'village' as const, name: a.name }));
  let batch: ItemState[] = [];
  let firstId = 0;
  const flush = async () => {
    await app.db.transaction().execute(async (tx) => {
      const repos = createRepositories(tx);
      const docs = [];
      for (const s of batch) {
        const id = await repos.items.createItem(s.agencyId, '2026-01-01T00:00:00.000Z');
        firstId ||= id;
        const state = { ...s, id: String(id), indexNumber: `BENCH/${s.formedOn.slice(0, 4)}-${String(id).padStart(7, '0')}` };
        await repos.items.saveVersion(state, '2026-01-01T00:00:00.000Z');
        await repos.items.setVersions(id, 1, 1);
        await repos.items.setIndexNumber(id, state.indexNumber);
        docs.push({ itemId: id, agencyId: s.agencyId, agencyPath: s.agencyPath, title: s.title, body: s.bodyHtml, category: s.categoryCode, genre: s.genre, year: Number(s.formedOn.slice(0, 4)), validity: 'valid', publishedOn: s.publishedOn! });
      }
      await repos.search.upsertMany(docs);
    });
    batch = [];
  };
  let n = 0;
  for (const it of syntheticItems(count, fake, 7)) {
    const agency = agencies[it.agencyKey]!;
    const drafted = startItem({
      type: 'Drafted', itemId: '0', version: 1, by: 'bench', at: '2026-01-01T00:00:00.000Z', agencyId: agency.id, agencyPath: agency.path,
      content: { title: it.title, summary: it.title, documentNumber: null, jointIssuers: [], formedOn: it.publishedOn, changedOn: null, categoryCode: CATEGORIES[n % CATEGORIES.length]!, genre: (GENRES[it.genre] ?? 'notice') as never, clause: null, catalogueDomain: null, keywords: [], validity: null, bodyHtml: `<p>${it.body}</p><p>${it.attachmentText.replace(/\n/g, '</p><p>')}</p>`, attachments: [], disclosure: { attribute: 'proactive' } as never, interpretsItemId: null, hasElectronicFullText: true },
    });
    batch.push({ ...drafted, status: 'published', publishedOn: it.publishedOn, publishedAt: `${it.publishedOn}T02:00:00.000Z` });
    n++;
    if (batch.length === 1000) await flush();
  }
  if (batch.length) await flush();
  return firstId;
}

const execFileAsync = promisify(execFile);

/** Runs the load generator in a separate process so that client and server do not share one event loop. */
async function load(url: string, seconds: number, concurrency: number): Promise<{ rps: number; p50: number; p95: number; errors: number }> {
  const { stdout } = await execFileAsync(process.execPath, [fileURLToPath(new URL('./load-client.mjs', import.meta.url)), url, String(seconds), String(concurrency)]);
  return JSON.parse(stdout);
}

async function bench(label: string, db: Database, count: number): Promise<string[]> {
  const app = await openApplication(loadConfig({ NODE_ENV: 'test', GONGKAI_LOG_LEVEL: 'error' }), { db });
  // A kept database (GONGKAI_BENCH_KEEP=1) already holds the items of an earlier run.
  const kept = await sql<{ n: number | string; first: number | string | null }>`select count(*) as n, min(id) as first from items where index_number like 'BENCH/%'`.execute(db);
  const already = Number(kept.rows[0]?.n ?? 0);
  if (already !== 0 && already !== count) throw new Error(`kept database holds ${String(already)} items, not ${String(count)}: drop it first`);
  const t0 = performance.now();
  let firstId = Number(kept.rows[0]?.first ?? 0);
  if (already === 0) {
    await app.services.initialise({ demo: true, adminPassword: 'Bench-Password#2026' });
    firstId = await loadItems(app, count);
    // As after a ledger import: the item tables and the search index are settled (PostgreSQL: VACUUM ANALYZE).
    await createItemRepository(db).settle();
    await createSearchIndex(db).settle();
  }
  const loadS = (performance.now() - t0) / 1000;
  const server = await new Promise<{ url: string; close: () => void }>((resolve) => {
    const s = serve({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ url: `http://127.0.0.1:${info.port}`, close: () => s.close() }));
  });
  const pages: Array<[string, string]> = [
    ['catalogue', '/xxgk/catalogue'],
    ['item', `/xxgk/items/${firstId + 17}`],
    ['search', `/xxgk/search?q=${encodeURIComponent('耕地地力保护补贴')}`],
    ['search (2 chars)', `/xxgk/search?q=${encodeURIComponent('低保')}`],
  ];
  const lines = [already ? `${label}: ${count.toLocaleString()} items (kept from an earlier load)` : `${label}: ${count.toLocaleString()} items loaded in ${loadS.toFixed(1)} s`];
  const catalogueHtml = await (await fetch(server.url + '/xxgk/catalogue')).text();
  for (const [name, p] of pages) {
    const cold = await load(server.url + p, 1, 1);
    const r = await load(server.url + p, 4, 16);
    lines.push(`  ${name.padEnd(17)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  (one client p50 ${cold.p50.toFixed(1)} ms)${r.errors ? `  errors ${r.errors}` : ''}`);
  }
  // Uncached: pages no one asked for yet (the cache holds each URL once), one client.
  const uncached = async (label: string, urlOf: (i: number) => string) => {
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t = performance.now();
      const res = await fetch(server.url + urlOf(i));
      await res.text();
      if (res.status !== 200) throw new Error(`${urlOf(i)}: HTTP ${String(res.status)}`);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    lines.push(`  ${label.padEnd(26)} p50 ${times[30]!.toFixed(1)} ms  p95 ${times[57]!.toFixed(1)} ms`);
  };
  await uncached('catalogue uncached pages:', (i) => `/xxgk/catalogue?page=${(i * 7) % 400 + 2}`);
  const villages = (await app.services.agencies.all()).filter((a) => a.path.split('/').length > 4);
  await uncached('catalogue by year:', (i) => `/xxgk/catalogue?year=${String(2008 + (i % 18))}&page=${String(1 + Math.floor(i / 18))}`);
  await uncached('catalogue by category:', (i) => `/xxgk/catalogue?category=${CATEGORIES[i % CATEGORIES.length]!}&page=${String(1 + (i % 7))}`);
  await uncached('catalogue by village:', (i) => `/xxgk/catalogue?agency=${String(villages[i % villages.length]!.id)}&page=${String(1 + (i % 5))}`);
  await uncached('item pages uncached:', (i) => `/xxgk/items/${firstId + ((i * Math.floor(count / 61)) % count)}`);
  const words = ['依申请公开', '保密审查', '防汛抗旱', '低保', '王', '高龄津贴', '宅基地审批', '财政决算', '森林防火', '食品安全'];
  await uncached('search uncached:', (i) => `/xxgk/search?q=${encodeURIComponent(words[i % words.length]!)}&year=${String(2008 + (i % 18))}`);
  server.close();
  await app.close();
  const bare = await new Promise<{ url: string; close: () => void }>((resolve) => {
    const s = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(catalogueHtml);
    }).listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, close: () => s.close() }));
  });
  const b = await load(bare.url + '/', 4, 16);
  lines.push(`  bare Node server  ${b.rps.toFixed(0).padStart(6)} req/s  p50 ${b.p50.toFixed(1)} ms  p95 ${b.p95.toFixed(1)} ms  (same ${(catalogueHtml.length / 1024).toFixed(0)} KB page)`);
  bare.close();
  return lines;
}

export async function run(): Promise<{ name: string; lines: string[] }> {
  const count = Number(process.env.GONGKAI_BENCH_HTTP_ITEMS ?? 20_000);
  const lines: string[] = [];
  const stores = (process.env.GONGKAI_BENCH_STORES ?? 'sqlite,postgres').split(',');
  const keep = process.env.GONGKAI_BENCH_KEEP === '1';
  if (stores.includes('sqlite')) {
    const file = keep ? path.join(tmpdir(), `gongkai-bench-http-${String(count)}.db`) : ':memory:';
    lines.push(...(await bench('SQLite', openDatabase({ sqlitePath: file }), count)));
  }
  if (!stores.includes('postgres')) {
    lines.push('PostgreSQL: not asked for (GONGKAI_BENCH_STORES)');
  } else if (loadTestEnvironment().postgresUrl) {
    const pg = keep ? await keptPostgres(loadTestEnvironment().postgresUrl!, `gongkai_bench_http_${String(count)}`) : await createEmptyDatabase('postgres');
    try {
      lines.push(...(await bench('PostgreSQL', pg.db, count)));
    } finally {
      await pg.drop().catch(() => {});
    }
  } else lines.push('PostgreSQL: skipped (set GONGKAI_TEST_DATABASE_URL)');
  return { name: 'portal-http', lines };
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const r = await run();
  console.log(`# ${r.name}\n${r.lines.join('\n')}`);
  process.exit(0);
}
