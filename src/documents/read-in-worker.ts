/**
 * Unpacks and reads uploads off the main thread: each upload (an attachment's text, a ledger, a filled
 * annual report) is read in its own short-lived worker process with a heap limit and a time limit, so a
 * hostile file (a zip bomb, a pathological PDF) costs at most that process, never the server's event
 * loop or heap. A file over a limit is refused with a Chinese reason.
 *
 * A process, not a worker thread: a worker thread's `resourceLimits` did not contain every
 * out-of-memory — a large string allocation in mammoth hit V8's fatal OOM handler and aborted the
 * whole server (read-in-worker.test.ts, “heap limit”). A child process that runs out of heap dies alone.
 *
 * At most MAX_CONCURRENT_READERS such processes run at once (each may take its whole heap limit): a few
 * uploads at the same moment would otherwise exhaust a small server. The others wait their turn, in order.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ZIP_LIMITS } from './zip-limits.ts';
import type { DocumentReading, ReadingOptions } from './extract-text.ts';
import type { WorkerReply, WorkerTask } from './extract-worker.ts';
import { LedgerFileError } from './ledger-xlsx.ts';
import { UnreadableReportDocumentError } from './report-document-reader.ts';
import type { LedgerTable } from '../services/ports.ts';
import type { ReportDocumentContent } from '../domain/reports/index.ts';

export interface WorkerReadingOptions extends ReadingOptions {
  /** Time limit of one reading, in milliseconds. */
  timeoutMs: number;
  /** Heap limit of the reading worker, in MB. */
  memoryMb: number;
}

export const DEFAULT_WORKER_OPTIONS: WorkerReadingOptions = { timeoutMs: 30_000, memoryMb: 512, zipLimits: DEFAULT_ZIP_LIMITS };

const WORKER_PATH = fileURLToPath(new URL('./extract-worker.ts', import.meta.url));
// The worker process loads the TypeScript sources through tsx, as the server does.
const TSX_URL = import.meta.resolve('tsx');

/** How many reading processes may run at once in this server process. */
export const MAX_CONCURRENT_READERS = 2;

let running = 0;
const waiting: Array<() => void> = [];

/** Waits for a free reading slot (first come, first served). */
async function acquireReader(): Promise<void> {
  if (running < MAX_CONCURRENT_READERS) {
    running++;
    return;
  }
  // The slot is handed over by releaseReader: `running` stays as it is.
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function releaseReader(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

/** Runs one task in a fresh worker process under the limits; resolves with its reply (never rejects). */
export async function runInWorker(task: WorkerTask, bytes: Uint8Array, options: WorkerReadingOptions): Promise<WorkerReply> {
  await acquireReader();
  let released = false;
  // The slot is freed when the process is gone (its memory with it), not merely when it has replied.
  const release = () => {
    if (released) return;
    released = true;
    releaseReader();
  };
  try {
    return await readInProcess(task, bytes, options, release);
  } catch (e) {
    release();
    throw e;
  }
}

function readInProcess(task: WorkerTask, bytes: Uint8Array, options: WorkerReadingOptions, release: () => void): Promise<WorkerReply> {
  const { timeoutMs, memoryMb, ...reading } = options;
  return new Promise<WorkerReply>((resolve) => {
    const child = fork(WORKER_PATH, [], {
      execArgv: ['--import', TSX_URL, `--max-old-space-size=${memoryMb}`],
      serialization: 'advanced',
      // The heap dump V8 prints on running out of memory is noise here: the refusal says it.
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    let settled = false;
    const finish = (reply: WorkerReply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      resolve(reply);
    };
    const timer = setTimeout(
      () => finish({ ok: false, error: 'refused', message: `文件内容过于复杂，${Math.round(timeoutMs / 1000)} 秒内未能读完，不予接收（可能是“压缩炸弹”或已损坏）。` }),
      timeoutMs,
    );
    child.on('message', (reply: WorkerReply) => finish(reply));
    child.on('error', (e) => {
      finish({ ok: false, error: 'other', message: e.message });
      // A process that never started sends no 'exit'.
      if (child.pid === undefined) release();
    });
    child.on('exit', (code, signal) => {
      release();
      // V8 aborts a process that runs out of heap (SIGABRT, or exit code 134 through a shell).
      if (signal === 'SIGABRT' || code === 134) finish({ ok: false, error: 'refused', message: `读取该文件所需内存超过 ${memoryMb} MB，不予接收（可能是“压缩炸弹”）。` });
      else finish({ ok: false, error: 'other', message: `读取进程意外退出（${signal ?? code}）` });
    });
    child.send({ task, bytes, options: reading });
  });
}

/** An attachment's text for the privacy scan, in the shape of the services' TextExtractor port. */
export function createWorkerTextExtractor(options: WorkerReadingOptions): (bytes: Uint8Array) => Promise<DocumentReading | { status: 'refused'; note: string }> {
  return async (bytes) => {
    const reply = await runInWorker('text', bytes, options);
    if (reply.ok) return reply.value as DocumentReading;
    if (reply.error === 'refused') return { status: 'refused', note: reply.message };
    return { kind: 'text', text: '', status: 'unreadable', note: reply.error === 'unsupported' ? reply.message : `文件无法读取（${reply.message.slice(0, 200)}）` };
  };
}

/** A ledger (XLSX or CSV) read in a worker; throws LedgerFileError with a Chinese message. */
export function createWorkerLedgerReader(options: WorkerReadingOptions): (bytes: Uint8Array) => Promise<LedgerTable> {
  return async (bytes) => {
    const reply = await runInWorker('ledger', bytes, options);
    if (reply.ok) return reply.value as LedgerTable;
    throw new LedgerFileError(reply.message);
  };
}

/** A filled annual report (DOCX or HTML) read in a worker; throws UnreadableReportDocumentError with a Chinese message. */
export async function readReportDocumentInWorker(bytes: Uint8Array, options: WorkerReadingOptions = DEFAULT_WORKER_OPTIONS): Promise<ReportDocumentContent> {
  const reply = await runInWorker('report', bytes, options);
  if (reply.ok) return reply.value as ReportDocumentContent;
  throw new UnreadableReportDocumentError(reply.error === 'other' ? '无法读取该文件（只支持 Word .docx 或网页 .html）。' : reply.message);
}
