/**
 * Ledger import benchmark (issue [scale]): N generated item rows (default 100 000;
 * GONGKAI_BENCH_LEDGER_ROWS to choose, GONGKAI_BENCH_STORES=sqlite,postgres to choose the stores) as a
 * CSV file, read and imported as the CLI does (`readLedger`, then `importLedger` with dryRun false:
 * every row validated and replayed, all written in one transaction, then the search index settled).
 * Target: 100 000 rows in < 60 s and < 500 MB peak RSS on both stores.
 *
 * Each measurement runs in its own child process so that its peak RSS is its own. The baseline, in the
 * same run on the same store: the same CSV read and parsed, and its rows written as they are with plain
 * multi-row INSERTs into a scratch table (one text column per ledger column) in one transaction — what
 * storing the file costs at all. The ratio is import ÷ baseline.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CompiledQuery, sql } from 'kysely';
import { loadTestEnvironment } from '../src/config.ts';
import { readLedger, writeLedgerCsv } from '../src/documents/ledger-xlsx.ts';
import type { Actor } from '../src/services/ports.ts';
import { openDatabase, type Database } from '../src/storage/database.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import { createEmptyDatabase } from '../test/databases.ts';
import { fixedClock } from '../test/clock.ts';
import { testServices } from '../test/services.ts';

const HEADERS = ['索引号', '信息名称', '发布机构', '文号', '生成日期', '发布日期', '主题分类', '体裁', '内容概述', '正文', '关键词'];
const PHRASES = ['农村公路养护', '防汛抗旱', '耕地地力保护补贴', '城乡居民医疗保险', '危房改造', '低保对象', '政府信息公开', '安全生产检查', '森林防火', '义务教育', '乡村振兴', '人居环境整治'];

/** The CSV of `count` item rows: varied titles, dates over several years, bodies of a few hundred characters. */
export function ledgerCsv(count: number): string {
  const rows: string[][] = [];
  for (let n = 1; n <= count; n++) {
    const phrase = PHRASES[n % PHRASES.length]!;
    const year = 2015 + (n % 11);
    const month = String(1 + (n % 12)).padStart(2, '0');
    const day = String(1 + (n % 27)).padStart(2, '0');
    const body = Array.from({ length: 6 }, (_, p) => `第${p + 1}段：关于${phrase}工作的第${n}号安排，各村（社区）、镇直各单位要高度重视，认真组织实施，按时报送进展情况。`).join('\n');
    rows.push([
      `11431281MB0000000X/${year}-${String(n).padStart(6, '0')}`,
      `关于做好第${n}批${phrase}工作的通知`,
      '',
      '',
      `${year}-${month}-${day}`,
      `${year}-${month}-${String(Number(day) + 1).padStart(2, '0')}`,
      '综合政务',
      '通知',
      `第${n}批${phrase}安排`,
      body,
      `${phrase}、通知`,
    ]);
  }
  return writeLedgerCsv(HEADERS, rows);
}

interface Measured {
  seconds: number;
  readSeconds: number;
  peakRssMb: number;
  rows: number;
}

async function openStore(store: string): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (store === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-bench-ledger-'));
    const db = openDatabase({ sqlitePath: path.join(dir, 'bench.db') });
    return {
      db,
      drop: async () => {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  return createEmptyDatabase('postgres');
}

/** In a child process: the import (`mode` import) or the baseline (`mode` baseline) of the CSV file. */
async function child(mode: string, store: string, file: string): Promise<Measured> {
  const { db, drop } = await openStore(store);
  try {
    await migrateToLatest(db);
    const s = testServices(db, fixedClock('2026-11-26T02:00:00.000Z'));
    await s.initialise({ demo: false, adminPassword: 'Qiancheng-Root#2026' });
    await s.calendar.syncShipped();
    const root = (await s.agencies.all())[0]!;
    const started = performance.now();
    const table = await readLedger(readFileSync(file));
    const readSeconds = (performance.now() - started) / 1000;
    if (mode === 'import') {
      const actor: Actor = { userId: 1, label: '公开办', grants: [{ role: 'officer', agencyId: root.id, agencyPath: root.path }] };
      const report = await s.ledgers.importLedger(actor, 'items', table, { agencyId: root.id, dryRun: false, source: { fileName: 'bench.csv', sha256: '0'.repeat(64) } });
      if (!report.committed || report.created !== table.rows.length) throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
    } else {
      const columns = HEADERS.map((_, i) => `c${i}`);
      await sql.raw(`create table bench_scratch (line integer, ${columns.map((c) => `${c} text`).join(', ')})`).execute(db);
      const postgres = store === 'postgres';
      const per = Math.floor(30_000 / (columns.length + 1));
      await db.transaction().execute(async (tx) => {
        for (let i = 0; i < table.rows.length; i += per) {
          const part = table.rows.slice(i, i + per);
          const parameters: unknown[] = [];
          const tuples = part.map((r) => {
            const values = [r.line, ...HEADERS.map((h) => r.cells[h] ?? '')];
            return `(${values.map((v) => (parameters.push(v), postgres ? `$${parameters.length}` : '?')).join(', ')})`;
          });
          await tx.executeQuery(CompiledQuery.raw(`insert into bench_scratch (line, ${columns.join(', ')}) values ${tuples.join(', ')}`, parameters));
        }
      });
    }
    const seconds = (performance.now() - started) / 1000;
    return { seconds, readSeconds, peakRssMb: process.resourceUsage().maxRSS / 1024, rows: table.rows.length };
  } finally {
    await drop();
  }
}

function spawnChild(mode: string, store: string, file: string): Measured {
  const self = fileURLToPath(import.meta.url);
  const runTs = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
  const out = execFileSync(process.execPath, [runTs, self, '--child', mode, store, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as Measured;
}

export async function run(): Promise<{ name: string; lines: string[] }> {
  const count = Number(process.env.GONGKAI_BENCH_LEDGER_ROWS ?? 100_000);
  const stores = (process.env.GONGKAI_BENCH_STORES ?? 'sqlite,postgres').split(',').filter((s) => s === 'sqlite' || s === 'postgres');
  const lines: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-bench-ledger-csv-'));
  try {
    const file = path.join(dir, 'items.csv');
    writeFileSync(file, ledgerCsv(count));
    lines.push(`${count.toLocaleString()} item rows, CSV ${(readFileSync(file).length / 1048576).toFixed(1)} MB (target: 100 000 rows < 60 s and < 500 MB peak RSS)`);
    for (const store of stores) {
      if (store === 'postgres' && !loadTestEnvironment().postgresUrl) {
        lines.push('PostgreSQL: skipped (set GONGKAI_TEST_DATABASE_URL)');
        continue;
      }
      const label = store === 'sqlite' ? 'SQLite' : 'PostgreSQL';
      const base = spawnChild('baseline', store, file);
      const imp = spawnChild('import', store, file);
      lines.push(
        `${label}: import ${imp.seconds.toFixed(1)} s (read ${imp.readSeconds.toFixed(1)} s), ${Math.round(imp.rows / imp.seconds).toLocaleString()} rows/s, peak RSS ${Math.round(imp.peakRssMb)} MB`,
        `  baseline (read + plain multi-row insert of the cells): ${base.seconds.toFixed(1)} s, peak RSS ${Math.round(base.peakRssMb)} MB`,
        `  ratio import/baseline: time ${(imp.seconds / base.seconds).toFixed(1)}×, peak RSS ${(imp.peakRssMb / base.peakRssMb).toFixed(1)}×`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { name: 'ledger-import', lines };
}

if (process.argv[2] === '--child') {
  const [, , , mode, store, file] = process.argv;
  const r = await child(mode!, store!, file!);
  console.log(JSON.stringify(r));
  process.exit(0);
} else if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const r = await run();
  console.log(`# ${r.name}\n${r.lines.join('\n')}`);
}
