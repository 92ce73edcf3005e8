/** Look-ups for the ledger import: which 索引号 and 申请编号 already exist (idempotent re-import). */
import type { LedgerRepository } from '../services/ports.ts';
import { columnsOf } from './item-repository.ts';
import type { Executor } from './database.ts';

const CHUNK = 500;

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/** Creates the ledger look-ups over a database or transaction. */
export function createLedgerRepository(db: Executor): LedgerRepository {
  return {
    async itemIdsByIndexNumbers(indexNumbers) {
      const out = new Map<string, number>();
      for (const part of chunks([...new Set(indexNumbers)])) {
        const rows = await db.selectFrom('items').select(['id', 'index_number']).where('index_number', 'in', part).execute();
        for (const r of rows) if (r.index_number !== null) out.set(r.index_number, r.id);
      }
      return out;
    },
    async requestIdsByTrackingNumbers(trackingNumbers) {
      const out = new Map<string, number>();
      for (const part of chunks([...new Set(trackingNumbers)])) {
        const rows = await db.selectFrom('requests').select(['id', 'tracking_number']).where('tracking_number', 'in', part).execute();
        for (const r of rows) out.set(r.tracking_number, r.id);
      }
      return out;
    },
    async createPublishedItem(agencyId, indexNumber, at) {
      const r = await db.insertInto('items').values({ agency_id: agencyId, index_number: indexNumber, latest_version: 1, live_version: 1, created_at: at }).returning('id').executeTakeFirstOrThrow();
      return r.id;
    },
    async insertItemVersions(batch, at) {
      for (const part of chunks(batch)) {
        await db.insertInto('item_versions').values(part.map((b) => columnsOf(b.state, at))).execute();
        await db
          .insertInto('privacy_reviews')
          .values(part.map((b) => ({ item_id: Number(b.state.id), version: b.state.version, findings: JSON.stringify(b.review.findings), decisions: JSON.stringify(b.review.decisions), scanned_at: b.review.scannedAt })))
          .execute();
        const events = part.flatMap((b) => b.events.map((e) => {
          const { type, itemId, version, by, at: eventAt, ...data } = e;
          return { item_id: Number(itemId), version, type, data: JSON.stringify(data), by_user: by, at: eventAt };
        }));
        for (let i = 0; i < events.length; i += CHUNK) await db.insertInto('item_events').values(events.slice(i, i + CHUNK)).execute();
      }
    },
  };
}
