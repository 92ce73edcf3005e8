/**
 * Storage for the ledger import: which 索引号 and 申请编号 already exist (idempotent re-import), bulk
 * writes of imported items, and the files waiting between their dry run and confirmation.
 */
import type { LedgerRepository, LedgerUpload } from '../services/ports.ts';
import { columnsOf } from './item-repository.ts';
import type { Selectable } from 'kysely';
import { bulkInsert } from './bulk-insert.ts';
import type { Executor } from './database.ts';
import { chunksOf, inChunks } from './in-chunks.ts';
import type { LedgerUploadTable } from './schema.ts';

/** Rows per statement of the bulk writes (each row binds every column). */
const CHUNK = 500;
const chunks = <T>(list: readonly T[]): T[][] => chunksOf(list, CHUNK);

/** Creates the ledger look-ups over a database or transaction. */
export function createLedgerRepository(db: Executor): LedgerRepository {
  return {
    async itemIdsByIndexNumbers(indexNumbers) {
      const rows = await inChunks(indexNumbers, (part) => db.selectFrom('items').select(['id', 'index_number']).where('index_number', 'in', part).execute());
      return new Map(rows.flatMap((r) => (r.index_number === null ? [] : [[r.index_number, r.id] as const])));
    },
    async requestIdsByTrackingNumbers(trackingNumbers) {
      const rows = await inChunks(trackingNumbers, (part) => db.selectFrom('requests').select(['id', 'tracking_number']).where('tracking_number', 'in', part).execute());
      return new Map(rows.map((r) => [r.tracking_number, r.id]));
    },
    async createPublishedItems(rows, at) {
      const out = new Map<string, number>();
      for (const part of chunks(rows)) {
        const created = await db
          .insertInto('items')
          .values(part.map((r) => ({ agency_id: r.agencyId, index_number: r.indexNumber, latest_version: 1, live_version: 1, created_at: at })))
          .returning(['id', 'index_number'])
          .execute();
        for (const r of created) if (r.index_number !== null) out.set(r.index_number, r.id);
      }
      return out;
    },
    async stageUpload(upload) {
      const row = await db
        .insertInto('ledger_uploads')
        .values({
          sha256: upload.sha256,
          kind: upload.kind,
          agency_id: upload.agencyId,
          file_name: upload.fileName,
          size_bytes: upload.sizeBytes,
          uploaded_by: upload.userId,
          uploaded_at: upload.uploadedAt,
          expires_at: upload.expiresAt,
          imported_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return uploadOf(row);
    },
    async findUpload(sha256, userId, uploadId) {
      let q = db.selectFrom('ledger_uploads').selectAll().where('sha256', '=', sha256).where('uploaded_by', '=', userId);
      if (uploadId !== undefined) q = q.where('id', '=', uploadId);
      const row = await q.orderBy('id', 'desc').limit(1).executeTakeFirst();
      return row && uploadOf(row);
    },
    async markUploadImported(id, at) {
      // Only the first confirm marks it: a second one racing it (double click, two tabs) changes nothing and is refused.
      const r = await db.updateTable('ledger_uploads').set({ imported_at: at }).where('id', '=', id).where('imported_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async insertItemVersions(batch, at) {
      const versions = batch.map((b) => columnsOf(b.state, at));
      await bulkInsert(db, 'item_versions', versions);
      await bulkInsert(
        db,
        'privacy_reviews',
        batch.map((b) => ({ item_id: Number(b.state.id), version: b.state.version, findings: JSON.stringify(b.review.findings), decisions: JSON.stringify(b.review.decisions), scanned_at: b.review.scannedAt })),
      );
      const events = batch.flatMap((b) =>
        b.events.map((e) => {
          const { type, itemId, version, by, at: eventAt, ...data } = e;
          return { item_id: Number(itemId), version, type, data: JSON.stringify(data), by_user: by, at: eventAt };
        }),
      );
      await bulkInsert(db, 'item_events', events);
    },
  };
}

function uploadOf(row: Selectable<LedgerUploadTable>): LedgerUpload {
  const kind = row.kind;
  if (kind !== 'items' && kind !== 'requests' && kind !== 'appeals') throw new Error(`ledger_uploads ${row.id}: unknown kind ${kind}`);
  return {
    id: row.id,
    sha256: row.sha256,
    kind,
    agencyId: row.agency_id,
    fileName: row.file_name,
    sizeBytes: row.size_bytes,
    userId: row.uploaded_by,
    uploadedAt: row.uploaded_at,
    expiresAt: row.expires_at,
    importedAt: row.imported_at,
  };
}
