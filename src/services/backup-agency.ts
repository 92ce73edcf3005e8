/**
 * Backup and restore of an agency's data: the agency subtree (with its ancestors' agency rows, so that
 * paths and parents stay valid), users with their roles (password hashes included and flagged), items
 * with every version, event and privacy review, attachment files (base64) and their extracted text,
 * index-number sequences, the search documents, requests with their events, the register of
 * reconsideration and litigation, annual reports, the holiday calendar and the agencies' settings.
 * Restore goes into an empty database, in one transaction with an audit entry; a backup taken after a
 * restore is identical to the one restored (ids included), on SQLite and on PostgreSQL alike.
 * Not included: sessions, the audit log (one chain per database), outbox and deliveries, channel secrets.
 * The content hash catches damage; the keyed MAC over the header (which includes that hash) catches a
 * backup that someone rewrote and re-hashed, since only the holder of the secret key can sign it.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../domain/audit/hash-chain.ts';
import { requirePermission } from './access-control.ts';
import { ValidationError } from './errors.ts';
import type { Actor, BackupTables, Clock, FileStore, IntegrityKey, UnitOfWork } from './ports.ts';

export const BACKUP_FORMAT = 'gongkai-agency-backup';
export const BACKUP_VERSION = 1;

/** A backup file. `tables` holds rows as stored; `files` the attachment bytes by SHA-256. */
export interface AgencyBackup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  agency: { id: number; name: string; path: string };
  /** Users' password hashes are in the file: keep it as secret as the database. */
  containsPasswordHashes: boolean;
  /** SHA-256 of the canonical JSON of `tables` and `files`, checked on restore. */
  contentHash: string;
  counts: Record<string, number>;
  /** HMAC-SHA256 of the header (everything above, contentHash included) under the backup key; checked on restore. */
  mac: string;
  tables: BackupTables;
  files: Record<string, string>;
}

const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { message: '不是 Gongkai 机构备份文件' }),
  version: z.literal(BACKUP_VERSION, { message: '不支持的备份文件版本' }),
  createdAt: z.string(),
  agency: z.object({ id: z.number(), name: z.string(), path: z.string() }),
  containsPasswordHashes: z.boolean(),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  counts: z.record(z.string(), z.number()),
  // Absent in backups made before backups were signed: such a file restores only with the override.
  mac: z.string().optional(),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  files: z.record(z.string(), z.string()),
});

export interface BackupDeps {
  uow: UnitOfWork;
  clock: Clock;
  files: FileStore;
  integrity: IntegrityKey;
}

/** The signed part of a backup: its header, whose contentHash covers the tables and files. */
function signedHeader(b: Omit<AgencyBackup, 'mac' | 'tables' | 'files'>): string {
  return canonicalJson({ format: b.format, version: b.version, createdAt: b.createdAt, agency: b.agency, containsPasswordHashes: b.containsPasswordHashes, contentHash: b.contentHash, counts: b.counts });
}

function contentHashOf(tables: BackupTables, files: Record<string, string>): string {
  return createHash('sha256').update(JSON.stringify({ tables, files })).digest('hex');
}

function attachmentHashes(tables: BackupTables): string[] {
  const out = new Set<string>();
  for (const v of tables.item_versions ?? []) {
    const state = JSON.parse(String(v.state)) as { attachments?: Array<{ fileId: string }> };
    for (const a of state.attachments ?? []) out.add(a.fileId);
  }
  return [...out].sort();
}

/** Creates the backup service. */
export function createBackupService(deps: BackupDeps) {
  return {
    /** Backs up an agency subtree; the actor manages agencies there (the CLI acts as the system). */
    async backup(actor: Actor, agencyId: number, options: { system?: boolean } = {}): Promise<AgencyBackup> {
      const repos = deps.uow.read;
      const agency = await repos.agencies.findById(agencyId);
      if (!agency) throw new ValidationError('要备份的机构不存在');
      if (!options.system) requirePermission(actor, 'agency.manage', agency);
      const tables = await repos.backup.dump(agency.path);
      const files: Record<string, string> = {};
      for (const sha of attachmentHashes(tables)) files[sha] = Buffer.from(await deps.files.get(sha)).toString('base64');
      const counts = Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.length]));
      const header = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: deps.clock.now().toISOString(),
        agency: { id: agency.id, name: agency.name, path: agency.path },
        containsPasswordHashes: (tables.users ?? []).length > 0,
        contentHash: contentHashOf(tables, files),
        counts: { ...counts, files: Object.keys(files).length },
      } as const;
      return { ...header, mac: deps.integrity.mac('agency-backup', signedHeader(header)), tables, files };
    },

    /**
     * Restores a backup into an empty database, in one transaction with an audit entry. A backup whose
     * MAC does not match (rewritten, or signed under another secret key) is refused unless the operator
     * explicitly accepts it (`acceptUnverified`), which the audit entry records.
     */
    async restore(actor: Actor, raw: unknown, options: { acceptUnverified?: boolean } = {}): Promise<{ agency: string; counts: Record<string, number>; macVerified: boolean }> {
      const parsed = backupSchema.safeParse(raw);
      if (!parsed.success) throw new ValidationError(`备份文件无效：${parsed.error.issues[0]?.message ?? ''}`);
      const backup = parsed.data;
      if (contentHashOf(backup.tables, backup.files) !== backup.contentHash) throw new ValidationError('备份文件内容与其摘要不符：文件可能已损坏或被改动。');
      const macVerified = backup.mac !== undefined && deps.integrity.verify('agency-backup', signedHeader(backup), backup.mac);
      if (!macVerified && !options.acceptUnverified) {
        throw new ValidationError(
          backup.mac === undefined
            ? '备份文件没有签名（校验码），无法确认它未被改动，拒绝恢复。确认文件来源可靠时，可明确指定跳过签名校验（将记入审计日志）。'
            : '备份文件的签名（校验码）与本系统的密钥不符：文件可能被改动过，或是用另一个密钥（GONGKAI_SECRET_KEY 或 secret.key）备份的，拒绝恢复。请使用备份时的密钥；确认文件来源可靠时，可明确指定跳过签名校验（将记入审计日志）。',
        );
      }
      for (const [sha, base64] of Object.entries(backup.files)) {
        const bytes = Buffer.from(base64, 'base64');
        if (createHash('sha256').update(bytes).digest('hex') !== sha) throw new ValidationError(`附件 ${sha.slice(0, 12)} 的内容与摘要不符。`);
      }
      const at = deps.clock.now().toISOString();
      const restored = await deps.uow.transaction(async (repos) => {
        if (!(await repos.backup.isEmpty())) throw new ValidationError('只能恢复到空数据库：当前数据库中已有机构、用户、信息或申请。');
        for (const base64 of Object.values(backup.files)) await deps.files.put(Buffer.from(base64, 'base64'));
        await repos.backup.load(backup.tables);
        await repos.audit.append({
          actor,
          at,
          entity: 'backup',
          entityId: backup.agency.id,
          action: 'restore',
          change: {
            agency: backup.agency,
            createdAt: backup.createdAt,
            contentHash: backup.contentHash,
            counts: backup.counts,
            macVerified,
            ...(macVerified ? {} : { unverifiedAccepted: true, mac: backup.mac ?? null }),
          },
        });
        return { agency: backup.agency.name, counts: backup.counts, macVerified };
      });
      // Everything was loaded at once: bring the item tables and the search index up to date now (PostgreSQL; see SearchIndex.settle).
      await deps.uow.read.items.settle();
      await deps.uow.read.search.settle();
      return restored;
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
