/**
 * The append-only audit log. Appending locks the single chain-head row (FOR UPDATE on
 * PostgreSQL; SQLite serialises writers anyway), so concurrent transactions chain in order.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, computeEntryHash, createChainVerifier, type AuditEntry } from '../domain/audit/hash-chain.ts';
import type { AuditRepository } from '../services/ports.ts';
import { dialectOf, type Executor } from './database.ts';
import type { AuditRow } from './schema.ts';

/** SHA-256 as lower-case hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    change: r.change,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

const VERIFY_BATCH = 2000;

/** Creates the audit repository over a transaction (append) or the database (reads). */
export function createAuditRepository(db: Executor): AuditRepository {
  return {
    async append(record) {
      let headQuery = db.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1);
      if (dialectOf(db) === 'postgres') headQuery = headQuery.forUpdate();
      const head = await headQuery.executeTakeFirstOrThrow();
      const content = {
        seq: head.last_seq + 1,
        at: record.at,
        actorId: record.actor.userId,
        actorLabel: record.actor.label,
        entity: record.entity,
        entityId: String(record.entityId),
        action: record.action,
        change: canonicalJson(record.change ?? null),
        prevHash: head.last_hash,
      };
      const hash = computeEntryHash(content, sha256Hex);
      await db
        .insertInto('audit_log')
        .values({
          seq: content.seq,
          at: content.at,
          actor_id: content.actorId,
          actor_label: content.actorLabel,
          entity: content.entity,
          entity_id: content.entityId,
          action: content.action,
          change: content.change,
          prev_hash: content.prevHash,
          hash,
        })
        .execute();
      await db.updateTable('audit_head').set({ last_seq: content.seq, last_hash: hash }).where('id', '=', 1).execute();
      return { ...content, hash };
    },
    async forEntity(entity, entityId) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity', '=', entity)
        .where('entity_id', '=', String(entityId))
        .orderBy('seq', 'desc')
        .execute();
      return rows.map(toEntry);
    },
    async recent(limit, offset = 0) {
      const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute();
      return rows.map(toEntry);
    },
    async hasEntriesBy(userId) {
      return (await db.selectFrom('audit_log').select('seq').where('actor_id', '=', userId).limit(1).executeTakeFirst()) !== undefined;
    },
    async count() {
      const r = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async verify() {
      const verifier = createChainVerifier(sha256Hex);
      let after = 0;
      for (;;) {
        const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(VERIFY_BATCH).execute();
        for (const row of rows) {
          const problem = verifier.push(toEntry(row));
          if (problem) return { checked: verifier.count, problem };
        }
        if (rows.length < VERIFY_BATCH) break;
        after = rows[rows.length - 1]!.seq;
      }
      const head = await db.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
      return { checked: verifier.count, problem: verifier.finish({ lastSeq: head.last_seq, lastHash: head.last_hash }) };
    },
  };
}
