import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Document, Packer, Paragraph } from 'docx';
import { createWorkerLedgerReader, createWorkerTextExtractor, readReportDocumentInWorker, type WorkerReadingOptions } from './read-in-worker.ts';
import { LedgerFileError } from './ledger-xlsx.ts';
import { UnreadableReportDocumentError } from './report-document-reader.ts';
import { DEFAULT_ZIP_LIMITS } from './zip-limits.ts';
import { docxBomb, xlsxBomb } from '../../test/zip-bombs.ts';

const DEFAULTS: WorkerReadingOptions = { timeoutMs: 30_000, memoryMb: 512, zipLimits: DEFAULT_ZIP_LIMITS };

/** Runs `work` while a 10 ms interval ticks; returns its result and the longest gap between ticks. */
async function whileTicking<T>(work: () => Promise<T>): Promise<{ result: T; longestGapMs: number; ticks: number }> {
  let last = performance.now();
  let longestGapMs = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    ticks++;
  }, 10);
  try {
    const result = await work();
    return { result, longestGapMs: Math.max(longestGapMs, performance.now() - last), ticks };
  } finally {
    clearInterval(timer);
  }
}

test('the issue’s bomb: a 420 KB DOCX of 120 MB text is refused in Chinese, and the event loop keeps ticking', async () => {
  const bomb = docxBomb(120);
  assert.ok(bomb.length < 500_000);
  const read = createWorkerTextExtractor(DEFAULTS);
  const { result, longestGapMs } = await whileTicking(() => read(bomb));
  assert.equal(result.status, 'refused');
  assert.match(result.status === 'refused' ? result.note : '', /解压后过大（超过 100 MB）.*压缩炸弹/);
  assert.ok(longestGapMs < 500, `event loop gap ${longestGapMs.toFixed(0)} ms`);
});

test('a bomb that lies about its size is refused while inflating (in the worker), the event loop still ticking', async () => {
  const liar = docxBomb(300, { declareBytes: 2000 });
  const read = createWorkerTextExtractor(DEFAULTS);
  const rssBefore = process.memoryUsage().rss;
  const { result, longestGapMs, ticks } = await whileTicking(() => read(liar));
  assert.equal(result.status, 'refused');
  assert.match(result.status === 'refused' ? result.note : '', /与其声明不符/);
  assert.ok(ticks > 5 && longestGapMs < 500, `event loop gap ${longestGapMs.toFixed(0)} ms over ${ticks} ticks`);
  assert.ok(process.memoryUsage().rss - rssBefore < 300 * 1048576, 'the 300 MB were never inflated');
});

test('a legal but heavy document over the time limit or the heap limit is refused, not left running', async () => {
  const heavy = docxBomb(60);
  const slow = await createWorkerTextExtractor({ ...DEFAULTS, timeoutMs: 300 })(heavy);
  assert.equal(slow.status, 'refused');
  assert.match(slow.status === 'refused' ? slow.note : '', /秒内未能读完/);
  const starved = await createWorkerTextExtractor({ ...DEFAULTS, memoryMb: 64, timeoutMs: 120_000 })(heavy);
  assert.equal(starved.status, 'refused');
  assert.match(starved.status === 'refused' ? starved.note : '', /内存超过 64 MB|秒内未能读完/);
});

test('text beyond the stored limit is cut and reported as partly read, so the rest is checked by eye', async () => {
  const long = docxBomb(1);
  const reading = await createWorkerTextExtractor({ ...DEFAULTS, maxTextChars: 5000 })(long);
  assert.ok(reading.status === 'partial', reading.status);
  assert.equal(reading.text.length, 5000);
  assert.match(reading.note ?? '', /只自动检测了前 5000 字/);
});

test('an ordinary DOCX is read in the worker', async () => {
  const doc = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('黔城镇人民政府 13812345678')] }] })));
  const reading = await createWorkerTextExtractor(DEFAULTS)(doc);
  assert.ok(reading.status === 'read', reading.status);
  assert.match(reading.text, /13812345678/);
});

/** This process's live reading processes, from /proc (Linux): what the server's memory actually holds. */
function liveReaders(): number {
  let n = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    let command: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // "pid (comm) state ppid …": comm may hold spaces and parentheses.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(ppid) === process.pid && state !== 'Z' && command.includes('extract-worker')) n++;
  }
  return n;
}

test('at most 2 reading processes at once: 5 uploads read together wait their turn and all finish', { skip: !existsSync('/proc/self/stat') && 'needs /proc' }, async () => {
  const doc = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('黔城镇人民政府 13812345678')] }] })));
  const read = createWorkerTextExtractor(DEFAULTS);
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, liveReaders())), 5);
  try {
    const readings = await Promise.all(Array.from({ length: 5 }, () => read(doc)));
    assert.deepEqual(readings.map((r) => r.status), ['read', 'read', 'read', 'read', 'read']);
    assert.ok(readings.every((r) => r.status === 'read' && r.text.includes('13812345678')));
  } finally {
    clearInterval(timer);
  }
  assert.equal(peak, 2, `at most ${String(peak)} reading processes at once`);
});

test('an image without OCR configured is unreadable (never empty text that passes the scan)', async () => {
  const png = new Uint8Array(readFileSync(new URL('../../test/fixtures/id-number-scan.png', import.meta.url)));
  const reading = await createWorkerTextExtractor(DEFAULTS)(png);
  assert.ok(reading.status === 'unreadable', reading.status);
  assert.match(reading.note ?? '', /未配置文字识别/);
});

test('ledger (XLSX) and report (DOCX) imports refuse bombs in Chinese', async () => {
  const readLedger = createWorkerLedgerReader(DEFAULTS);
  await assert.rejects(readLedger(xlsxBomb(150)), (e: unknown) => e instanceof LedgerFileError && /解压后过大/.test(e.message));
  await assert.rejects(readLedger(xlsxBomb(150, { declareBytes: 4000 })), (e: unknown) => e instanceof LedgerFileError && /与其声明不符/.test(e.message));
  await assert.rejects(readReportDocumentInWorker(docxBomb(150, { declareBytes: 4000 })), (e: unknown) => e instanceof UnreadableReportDocumentError && /与其声明不符/.test(e.message));
});
