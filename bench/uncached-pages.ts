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

/** CPU (user + system) of one request, the page cache dropped first. */
async function cpuOf(app: Application, url: string): Promise<number> {
  app.services.deps.onPublicChange?.();
  const cpu0 = process.cpuUsage();
  const res = await app.app.request(`http://localhost${url}`);
  await res.text();
  const used = process.cpuUsage(cpu0);
  if (res.status !== 200) throw new Error(`${url}: HTTP ${String(res.status)}`);
  return (used.user + used.system) / 1000;
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
  // The four set-ups side by side, each over its own connection, taking turns request by request:
  // JIT warm-up and the machine's load fall on all of them alike.
  const apps = await Promise.all(
    setups.map(([, setup]) => openApplication(config, { db: openDatabase({ sqlitePath: file, reuseStatements: setup.reuseStatements }), referenceCache: setup.referenceCache, migrate: false })),
  );
  const catalogueHtml = await (await apps[0]!.app.request('http://localhost/xxgk/catalogue')).text();
  const totals = setups.map(() => pages.map(() => [] as number[]));
  for (let round = -20; round < ROUNDS; round++) {
    for (const [p, [, urlOf]] of pages.entries()) {
      for (const [a, app] of apps.entries()) {
        const cpu = await cpuOf(app, urlOf(round < 0 ? ROUNDS - round : round));
        if (round >= 0) totals[a]![p]!.push(cpu);
      }
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  lines.push(`  CPU per uncached page, mean (median), ${String(ROUNDS)} pages each:`);
  for (const [a, [label]] of setups.entries()) {
    lines.push(`  ${label.padEnd(34)} ${pages.map(([name], p) => `${name} ${mean(totals[a]![p]!).toFixed(2)} (${median(totals[a]![p]!).toFixed(2)}) ms`).join('  ')}`);
  }
  for (const app of apps) await app.close();
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
