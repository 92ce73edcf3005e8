/**
 * Public lists at scale (issue [scale] “No page or command whose cost grows with the whole register”):
 * the county of bench/report-compile.ts with N items (GONGKAI_BENCH_LISTS_ITEMS, default 100 000, ~4 %
 * 政策解读), served uncached by the real app. Baseline, measured in the same run: an item page (a few
 * look-ups by key, whatever the register's size). Targets, as ratios to it: the 政策解读 column and
 * `/api/v1/items?genre=` ≤ 3× (they walked every published version before migration 0030 — measured
 * here too, with its index dropped); the sitemap index ≤ 3× and one sitemap file of 10 000 URLs ≤ 30×
 * (the single sitemap of 50 offset pages with full counts is measured beside them). SQLite always;
 * PostgreSQL when GONGKAI_TEST_DATABASE_URL is set (GONGKAI_BENCH_STORES=sqlite or postgres for one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { loadConfig, loadTestEnvironment } from '../src/config.ts';
import { openApplication } from '../src/main.ts';
import { openDatabase, type Database } from '../src/storage/database.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import { createApp } from '../src/web/app.tsx';
import { createEmptyDatabase } from '../test/databases.ts';
import { fixedClock } from '../test/clock.ts';
import { generateFor } from './report-compile.ts';

// The fastest of several runs: on a shared two-core machine the median measures the neighbours.
const fastest = (xs: number[]) => Math.min(...xs);

async function measure(db: Database, sqliteFile: string | null, label: string, items: number): Promise<string[]> {
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(line);
    console.error(line);
  };
  const gen = await generateFor(db, sqliteFile, items, 0);
  log(`${label}: generated ${items.toLocaleString()} items in ${(gen.ms / 1000).toFixed(1)} s`);
  const config = loadConfig({ GONGKAI_DATA_DIR: path.join(tmpdir(), 'gongkai-bench-unused'), NODE_ENV: 'test' });
  const application = await openApplication(config, { db, clock: fixedClock('2026-01-10T02:00:00.000Z') });
  // No page cache: every request renders.
  const app = createApp({ services: application.services, webConfig: { secureCookies: false, sessionHours: 12, publicUrl: 'https://gk.example.cn' }, pingDatabase: async () => {} });
  const time = async (url: string, runs = 7) => {
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const res = await app.request(url);
      const body = await res.text();
      ms.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`${url}: ${String(res.status)} ${body.slice(0, 200)}`);
      bytes = body.length;
    }
    return { ms: fastest(ms), bytes };
  };
  const itemPage = `/xxgk/items/${String(Math.ceil(items / 2))}`;
  await time(itemPage, 2);
  const baseline = (await time(itemPage)).ms;
  log(`${label}: baseline ${itemPage} ${baseline.toFixed(1)} ms (fastest of 7, uncached)`);
  const ratio = (name: string, ms: number, target: number, note = '') => log(`${label}: ${name} ${ms.toFixed(1)} ms = ${(ms / baseline).toFixed(1)}× baseline (target ≤ ${String(target)}×) ${ms / baseline <= target ? 'ok' : 'MISSED'}${note}`);
  log(`${label}: /xxgk/catalogue ${(await time('/xxgk/catalogue')).ms.toFixed(1)} ms = ${((await time('/xxgk/catalogue')).ms / baseline).toFixed(1)}× baseline (for comparison)`);
  const pages = ['/xxgk/interpretations', '/xxgk/interpretations?page=5', '/api/v1/items?genre=interpretation', '/api/v1/items?genre=normative_document'];
  for (const url of pages) ratio(url, (await time(url)).ms, 3);
  // The same pages without migration 0030's index, as before it.
  await sql`drop index item_versions_catalogue_genre_idx`.execute(db);
  for (const url of pages) log(`${label}: ${url} without the genre index ${(await time(url)).ms.toFixed(1)} ms`);
  await sql`create index item_versions_catalogue_genre_idx on item_versions (status, genre, published_on, item_id, version, agency_path)`.execute(db);
  if (sqliteFile === null) await sql`analyze item_versions`.execute(db);
  ratio('/sitemap.xml (index)', (await time('/sitemap.xml')).ms, 3);
  const file = await time('/sitemap-items-3.xml');
  ratio(`/sitemap-items-3.xml (${String(Math.round(file.bytes / 1024))} KB)`, file.ms, 30);
  ratio('/feeds/1.atom', (await time('/feeds/1.atom')).ms, 3);
  // What /sitemap.xml did before: 50 pages of 1000 by offset, each counted in full.
  const old: number[] = [];
  for (let r = 0; r < 2; r++) {
    const t = performance.now();
    for (let offset = 0; offset < 50_000; offset += 1000) {
      const page = await application.services.items.publicList({ within: ['/1/'], limit: 1000, offset });
      if (page.items.length < 1000) break;
    }
    old.push(performance.now() - t);
  }
  log(`${label}: the former single sitemap (50 offset pages with full counts) ${fastest(old).toFixed(0)} ms = ${(fastest(old) / baseline).toFixed(0)}× baseline`);
  return lines;
}

export async function run(): Promise<{ name: string; lines: string[] }> {
  const items = Number(process.env.GONGKAI_BENCH_LISTS_ITEMS ?? 100_000);
  const stores = (process.env.GONGKAI_BENCH_STORES ?? 'sqlite,postgres').split(',');
  const lines: string[] = [];
  if (stores.includes('sqlite')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-lists-bench-'));
    const file = path.join(dir, 'bench.db');
    const db = openDatabase({ sqlitePath: file });
    try {
      await migrateToLatest(db);
      lines.push(...(await measure(db, file, 'SQLite', items)));
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (stores.includes('postgres') && loadTestEnvironment().postgresUrl) {
    const pg = await createEmptyDatabase('postgres');
    try {
      await migrateToLatest(pg.db);
      lines.push(...(await measure(pg.db, null, 'PostgreSQL', items)));
    } finally {
      await pg.drop();
    }
  } else if (stores.includes('postgres')) lines.push('PostgreSQL: skipped (GONGKAI_TEST_DATABASE_URL not set)');
  return { name: `Public lists, sitemap and feeds (${items.toLocaleString()} items)`, lines };
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const result = await run();
  console.log(`# ${result.name}`);
  for (const line of result.lines) console.log(line);
}
