/**
 * The worker process of `read-in-worker.ts`: unpacks and reads one upload — its text for the scan, a
 * ledger table or a filled annual report — and sends the result (or the refusal) back over IPC. Runs
 * under the parent's heap limit (--max-old-space-size) and is killed at its time limit.
 */
import type { ReadingOptions } from './extract-text.ts';
import { ZipLimitError } from './zip-limits.ts';

export type WorkerTask = 'text' | 'ledger' | 'report';

export type WorkerReply =
  | { ok: true; value: unknown }
  | { ok: false; error: 'refused' | 'unsupported' | 'ledger' | 'report' | 'other'; message: string };

// Each task loads only its own readers: the process starts for one file.
async function perform(task: WorkerTask, bytes: Uint8Array, options: ReadingOptions): Promise<unknown> {
  switch (task) {
    case 'text':
      return (await import('./extract-text.ts')).readDocumentText(bytes, options);
    case 'ledger':
      return (await import('./ledger-xlsx.ts')).readLedger(bytes, options.zipLimits);
    case 'report':
      return (await import('./report-document-reader.ts')).readReportDocumentContent(bytes, options.zipLimits);
    default: {
      const unreachable: never = task;
      throw new Error(`未知任务：${String(unreachable)}`);
    }
  }
}

function replyOf(e: unknown): WorkerReply {
  const message = e instanceof Error ? e.message : String(e);
  const name = e instanceof Error ? e.name : '';
  if (e instanceof ZipLimitError || (name === 'UnsupportedDocumentError' && (e as { tooLarge?: boolean }).tooLarge)) return { ok: false, error: 'refused', message };
  if (name === 'UnsupportedDocumentError') return { ok: false, error: 'unsupported', message };
  if (name === 'LedgerFileError') return { ok: false, error: 'ledger', message };
  if (name === 'UnreadableReportDocumentError') return { ok: false, error: 'report', message };
  return { ok: false, error: 'other', message };
}

process.once('message', (job: { task: WorkerTask; bytes: Uint8Array; options: ReadingOptions }) => {
  void perform(job.task, job.bytes, job.options).then(
    (value): WorkerReply => ({ ok: true, value }),
    replyOf,
  ).then((reply) => process.send!(reply, () => process.exit(0)));
});
