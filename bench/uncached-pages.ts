/**
 * CPU per uncached portal page on SQLite (issue [scale]): item pages, catalogue pages and searches,
 * each a URL not asked for before, with the page cache dropped before every request, served in process
 * (`app.request`, no sockets) over GONGKAI_BENCH_UNCACHED_ITEMS synthetic published items (default
 * 20 000; `GONGKAI_BENCH_KEEP=1` keeps the loaded file `$TMPDIR/gongkai-bench-uncached-<N>.db`).
 * Four set-ups over the same file, in the same run: statements prepared afresh and reference data read
 * every time (as before), each of the two savings alone, and both (the default). The baseline is a bare
 * Hono route answering a precomputed page of the same size in the same process.
 * Goal: ≤ 1 ms CPU per item page, ≤ 2 ms per catalogue or search page at 100k items.
 */
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { openApplication, type Application } from '../src/main.ts';
import { openDatabase } from '../src/storage/database.ts';
import { createItemRepository } from '../src/storage/item-repository.ts';
import { createSearchIndex } from '../src/search/search-index.ts';
import { CATEGORIES, loadItems } from './portal-http.ts';

const WORDS = ['依申请公开', '保密审查', '防汛抗旱', '低保', '高龄津贴', '宅基地审批', '财政决算', '森林防火', '食品安全', '耕地地力保护补贴'];
const ROUNDS = 120;

/** CPU (user + system) and wall time per request over distinct URLs, the page cache dropped before each. */
async function measure(app: Application, urlOf: (i: number) => string): Promise<{ cpu: number; wall: number }> {
  // Warm-up: JIT, the reference data, the first statements.
  for (let i = 0; i < 20; i++) {
    app.services.deps.onPublicChange?.();
    await (await app.app.request(`http://localhost${urlOf(ROUNDS + i)}`)).text();
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < ROUNDS; i++) {
    app.services.deps.onPublicChange?.();
    const res = await app.app.request(`http://localhost${urlOf(i)}`);
    await res.text();
    if (res.status !== 200) throw new Error(`${urlOf(i)}: HTTP ${String(res.status)}`);
  }
  const wall = (performance.now() - t0) / ROUNDS;
  const used = process.cpuUsage(cpu0);
  return { cpu: (used.user + used.system) / 1000 / ROUNDS, wall };
}

export async function run(): Promise<{ name: string; lines: string[] }> {
  const count = Number(process.env.GONGKAI_BENCH_UNCACHED_ITEMS ?? 20_000);
  const keep = process.env.GONGKAI_BENCH_KEEP === '1';
  const file = path.join(tmpdir(), `gongkai-bench-uncached-${String(count)}${keep ? '' : `-${String(process.pid)}`}.db`);
  const config = loadConfig({ NODE_ENV: 'test', GONGKAI_LOG_LEVEL: 'error' });
  const lines: string[] = [];
  let firstId: number;
  {
    const app = await openApplication(config, { db: openDatabase({ sqlitePath: file }) });
    const kept = await sql<{ n: number; first: number | null }>`select count(*) as n, min(id) as first from items where index_number like 'BENCH/%'`.execute(app.db);
    const already = Number(kept.rows[0]?.n ?? 0);
    if (already !== 0 && already !== count) throw new Error(`${file} holds ${String(already)} items, not ${String(count)}: remove it first`);
    if (already === 0) {
      const t0 = performance.now();
      await app.services.initialise({ demo: true, adminPassword: 'Bench-Password#2026' });
      firstId = await loadItems(app, count);
      await createItemRepository(app.db).settle();
      await createSearchIndex(app.db).settle();
      lines.push(`SQLite: ${count.toLocaleString()} items loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } else {
      firstId = Number(kept.rows[0]!.first);
      lines.push(`SQLite: ${count.toLocaleString()} items (kept from an earlier load)`);
    }
    await app.close();
  }
  const pages: Array<[string, (i: number) => string]> = [
    ['item page', (i) => `/xxgk/items/${String(firstId + ((i * 7919) % count))}`],
    ['catalogue page', (i) => `/xxgk/catalogue?page=${String((i % 400) + 2)}${i % 3 === 1 ? `&category=${CATEGORIES[i % CATEGORIES.length]!}` : ''}`],
    ['search page', (i) => `/xxgk/search?q=${encodeURIComponent(WORDS[i % WORDS.length]!)}&page=${String(1 + Math.floor(i / WORDS.length) % 5)}`],
  ];
  const setups: Array<[string, { reuseStatements: boolean; referenceCache: boolean }]> = [
    ['as before (re-prepared, no cache)', { reuseStatements: false, referenceCache: false }],
    ['statements reused', { reuseStatements: true, referenceCache: false }],
    ['reference data cached', { reuseStatements: false, referenceCache: true }],
    ['both (default)', { reuseStatements: true, referenceCache: true }],
  ];
  let catalogueHtml = '';
  for (const [label, setup] of setups) {
    const app = await openApplication(config, { db: openDatabase({ sqlitePath: file, reuseStatements: setup.reuseStatements }), referenceCache: setup.referenceCache, migrate: false });
    catalogueHtml ||= await (await app.app.request('http://localhost/xxgk/catalogue')).text();
    const cells: string[] = [];
    for (const [name, urlOf] of pages) {
      const r = await measure(app, urlOf);
      cells.push(`${name} ${r.cpu.toFixed(2)} ms CPU (${r.wall.toFixed(2)} ms)`);
    }
    lines.push(`  ${label.padEnd(34)} ${cells.join('  ')}`);
    await app.close();
  }
  const bare = new Hono().get('/', (c) => c.html(catalogueHtml));
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < 2000; i++) await (await bare.request('http://localhost/')).text();
  const used = process.cpuUsage(cpu0);
  lines.push(`  bare Hono route (same ${(catalogueHtml.length / 1024).toFixed(0)} KB page)  ${((used.user + used.system) / 1000 / 2000).toFixed(3)} ms CPU`);
  if (!keep) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  return { name: 'uncached-pages', lines };
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const r = await run();
  console.log(`# ${r.name}\n${r.lines.join('\n')}`);
  process.exit(0);
}
