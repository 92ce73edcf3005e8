/**
 * The console's two-step ledger import: a file is uploaded and dry-run (nothing written but the file,
 * kept in the file store under its SHA-256, and a note of who may confirm it until when); the
 * confirmation names the file by that hash and imports exactly those bytes — the hash is checked
 * against the stored content, the kind and agency come from the note, not from the form — in one
 * transaction with the import's audit entry. A hash that matches no dry run of the user, an expired
 * or already imported one, is refused with a Chinese explanation.
 */
import { createHash } from 'node:crypto';
import { requirePermission } from './access-control.ts';
import { chinaDateOf } from './china-time.ts';
import { ServiceError, ValidationError } from './errors.ts';
import { isLedgerKind, LEDGER_KIND_LABELS, type LedgerImportReport, type LedgerImportService, type LedgerKind } from './import-ledgers.ts';
import type { Actor, Clock, FileStore, LedgerReader, LedgerUpload, UnitOfWork } from './ports.ts';

/** How long a dry run can be confirmed. */
export const LEDGER_UPLOAD_HOURS = 24;

export interface LedgerUploadDeps {
  uow: UnitOfWork;
  clock: Clock;
  files: FileStore;
  readLedger: LedgerReader;
  ledgers: Pick<LedgerImportService, 'importLedger'>;
}

export interface LedgerDryRun {
  report: LedgerImportReport;
  /** Present when the file can be imported (no errors, at least one new row): what the confirmation names. */
  upload: LedgerUpload | null;
  fileName: string;
  sha256: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Creates the upload → dry run → confirm service. */
export function createLedgerUploadService(deps: LedgerUploadDeps) {
  async function tableOf(bytes: Uint8Array) {
    try {
      return await deps.readLedger(bytes);
    } catch (e) {
      throw new ValidationError(`无法读取台账文件：${e instanceof Error ? e.message : String(e)}（请上传 Excel .xlsx 或 CSV 文件）`, { file: '无法读取该文件' });
    }
  }

  function userOf(actor: Actor): number {
    if (actor.userId === null) throw new ServiceError('请先登录', 401);
    return actor.userId;
  }

  return {
    /** Dry-runs an uploaded ledger; keeps the file for the confirmation when it can be imported. Writes no records. */
    async dryRun(actor: Actor, input: { kind: string; agencyId: number; fileName: string; bytes: Uint8Array }): Promise<LedgerDryRun> {
      const userId = userOf(actor);
      if (!isLedgerKind(input.kind)) throw new ValidationError('请选择台账类型。', { kind: '请选择台账类型' });
      const kind: LedgerKind = input.kind;
      const agency = Number.isInteger(input.agencyId) ? await deps.uow.read.agencies.findById(input.agencyId) : undefined;
      if (!agency) throw new ValidationError('请选择导入到哪个机构。', { agencyId: '请选择机构' });
      requirePermission(actor, 'ledger.import', agency);
      if (input.bytes.length === 0) throw new ValidationError('请选择要上传的台账文件（Excel .xlsx 或 CSV）。', { file: '请选择文件' });
      if (input.bytes.length > deps.files.maxBytes) {
        throw new ValidationError(`文件过大：${(input.bytes.length / 1048576).toFixed(1)} MB，上限 ${(deps.files.maxBytes / 1048576).toFixed(0)} MB。`, { file: '文件过大' });
      }
      const fileName = input.fileName.split(/[\\/]/).pop()!.slice(0, 200) || '台账';
      const table = await tableOf(input.bytes);
      const sha256 = createHash('sha256').update(input.bytes).digest('hex');
      const report = await deps.ledgers.importLedger(actor, kind, table, { agencyId: agency.id, dryRun: true, source: { fileName, sha256 } });
      if (report.errors.length > 0 || report.created === 0) return { report, upload: null, fileName, sha256 };
      // Only a file that can be imported is kept, for its confirmation.
      await deps.files.putUpload(input.bytes);
      const now = deps.clock.now();
      const upload = await deps.uow.transaction(async (repos) => {
        const staged = await repos.ledgers.stageUpload({
          sha256,
          kind,
          agencyId: agency.id,
          fileName,
          sizeBytes: input.bytes.length,
          userId,
          uploadedAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + LEDGER_UPLOAD_HOURS * 3_600_000).toISOString(),
        });
        await repos.audit.append({
          actor,
          at: now.toISOString(),
          entity: 'ledger_upload',
          entityId: String(staged.id),
          agencyId: agency.id,
          action: 'dry_run',
          change: { kind, agencyId: agency.id, file: { fileName, sha256, size: input.bytes.length }, rows: report.total, wouldCreate: report.created, skipped: report.duplicates.length },
        });
        return staged;
      });
      return { report, upload, fileName, sha256 };
    },

    /** Imports the file a dry run of this user kept, named by its SHA-256; refuses unknown, expired, used or altered files. */
    async confirm(actor: Actor, sha256: string, uploadId?: number): Promise<{ report: LedgerImportReport; upload: LedgerUpload }> {
      const userId = userOf(actor);
      const again = '请重新上传文件并试导入。';
      if (!SHA256.test(sha256)) throw new ValidationError(`导入确认无效：文件标识不正确。${again}`);
      // The dry run named by the form: the same file may have been dry-run again for another agency or kind.
      const upload = await deps.uow.read.ledgers.findUpload(sha256, userId, uploadId);
      if (!upload) throw new ValidationError(`找不到与该确认对应的试导入：文件标识与您试导入的文件不符（可能被改动）。${again}`);
      const agency = await deps.uow.read.agencies.findById(upload.agencyId);
      if (!agency) throw new ValidationError(`导入的机构已不存在。${again}`);
      requirePermission(actor, 'ledger.import', agency);
      if (upload.importedAt !== null) throw new ValidationError(`该文件已于 ${chinaDateOf(new Date(upload.importedAt))} 导入，不能重复确认。再次导入同一文件时，已导入的行会被跳过。`);
      const now = deps.clock.now();
      if (now.toISOString() > upload.expiresAt) throw new ValidationError(`该试导入已过期（试导入后 ${LEDGER_UPLOAD_HOURS} 小时内须确认）。${again}`);
      let bytes: Uint8Array;
      try {
        bytes = await deps.files.get(sha256);
      } catch {
        throw new ValidationError(`服务器暂存的文件已不存在或内容与试导入时不一致。${again}`);
      }
      const table = await tableOf(bytes);
      const report = await deps.uow.transaction(async (repos) => {
        // Joins this transaction (unit of work): the rows, the import's audit entry and the mark commit together.
        const r = await deps.ledgers.importLedger(actor, upload.kind, table, { agencyId: upload.agencyId, dryRun: false, source: { fileName: upload.fileName, sha256 } });
        if (r.committed && !(await repos.ledgers.markUploadImported(upload.id, now.toISOString()))) {
          throw new ValidationError('该文件刚刚已由另一次确认导入，本次未重复写入。');
        }
        return r;
      });
      return { report, upload };
    },

    /** The label of a kind, for messages. */
    kindLabel: (kind: LedgerKind) => LEDGER_KIND_LABELS[kind],
  };
}

export type LedgerUploadService = ReturnType<typeof createLedgerUploadService>;
