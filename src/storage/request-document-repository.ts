/** Documents released in reply to requests: rows ↔ RequestDocument. */
import type { RequestDocument, RequestDocumentRepository } from '../services/ports.ts';
import type { Executor } from './database.ts';
import type { RequestDocumentTable } from './schema.ts';
import type { Selectable } from 'kysely';

function toDocument(r: Selectable<RequestDocumentTable>): RequestDocument {
  return {
    id: r.id,
    requestId: r.request_id,
    fileId: r.file_id,
    fileName: r.file_name,
    mediaType: r.media_type,
    sizeBytes: r.size_bytes,
    findings: JSON.parse(r.findings),
    decisions: JSON.parse(r.decisions),
    addedAt: r.added_at,
    addedBy: r.added_by,
  };
}

/** Creates the repository over a database or transaction. */
export function createRequestDocumentRepository(db: Executor): RequestDocumentRepository {
  return {
    async add(doc) {
      const row = await db
        .insertInto('request_documents')
        .values({ request_id: doc.requestId, file_id: doc.fileId, file_name: doc.fileName, media_type: doc.mediaType, size_bytes: doc.sizeBytes, findings: JSON.stringify(doc.findings), decisions: JSON.stringify(doc.decisions), added_at: doc.addedAt, added_by: doc.addedBy })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toDocument(row);
    },
    async list(requestId) {
      return (await db.selectFrom('request_documents').selectAll().where('request_id', '=', requestId).orderBy('id').execute()).map(toDocument);
    },
    async saveDecisions(id, decisions) {
      await db.updateTable('request_documents').set({ decisions: JSON.stringify(decisions) }).where('id', '=', id).execute();
    },
    async remove(id) {
      await db.deleteFrom('request_documents').where('id', '=', id).execute();
    },
  };
}
