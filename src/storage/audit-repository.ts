/**
 * The append-only audit log. Appending locks the single chain-head row (FOR UPDATE on
 * PostgreSQL; SQLite serialises writers anyway), so concurrent transactions chain in order.
 */
import { createHash } from 'node:crypto';
import type { SelectQueryBuilder } from 'kysely';
import { canonicalJson, computeEntryHash, createChainVerifier, type AuditEntry } from '../domain/audit/hash-chain.ts';
import type { AuditRecord, AuditRepository, AuditScope } from '../services/ports.ts';
import { dialectOf, type Executor } from './database.ts';
import type { AuditRow, DB } from './schema.ts';

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

/** Entities whose id is a row of a table with an agency: the entry is about that agency. */
const OWNED = {
  user: 'users',
  item: 'items',
  request: 'requests',
  appeal: 'appeals',
  annual_report: 'annual_reports',
  delivery: 'deliveries',
  subscription: 'subscriptions',
  assessment_rubric: 'assessment_rubrics',
} as const;
/** Entities whose id is an agency's. */
const AGENCIES = new Set(['agency', 'letter_template', 'backup', 'assessment']);

/** The agency an entry is about: as given, or found from the entity; null for the platform itself. */
async function agencyOf(db: Executor, record: AuditRecord): Promise<number | null> {
  if (record.agencyId !== undefined) return record.agencyId;
  const id = typeof record.entityId === 'number' ? record.entityId : /^[0-9]+$/.test(record.entityId) ? Number(record.entityId) : undefined;
  if (id === undefined || !Number.isSafeInteger(id)) return null;
  if (AGENCIES.has(record.entity)) return id;
  const table = OWNED[record.entity as keyof typeof OWNED] as (typeof OWNED)[keyof typeof OWNED] | undefined;
  if (!table) return null;
  const row = await db.selectFrom(table).select('agency_id').where('id', '=', id).executeTakeFirst();
  return row?.agency_id ?? null;
}

/** Limits a query to the entries about agencies in some subtrees, and those about the platform if wanted. */
function scoped<Q extends SelectQueryBuilder<DB, 'audit_log', object>>(q: Q, scope: AuditScope | undefined): Q {
  if (!scope) return q;
  return q.where((eb) =>
    eb.or([
      ...scope.within.map((path) => eb('audit_log.agency_id', 'in', eb.selectFrom('agencies').select('agencies.id').where('agencies.path', 'like', `${path}%`))),
      ...(scope.platform ? [eb('audit_log.agency_id', 'is', null)] : []),
    ]),
  ) as Q;
}

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
      const agencyId = await agencyOf(db, record);
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
          agency_id: agencyId,
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
    async recent(limit, offset = 0, scope) {
      if (scope && scope.within.length === 0 && !scope.platform) return [];
      const rows = await scoped(db.selectFrom('audit_log').selectAll(), scope).orderBy('seq', 'desc').limit(limit).offset(offset).execute();
      return rows.map(toEntry);
    },
    async hasEntriesBy(userId) {
      return (await db.selectFrom('audit_log').select('seq').where('actor_id', '=', userId).limit(1).executeTakeFirst()) !== undefined;
    },
    async count(scope) {
      if (scope && scope.within.length === 0 && !scope.platform) return 0;
      const r = await scoped(db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')), scope).executeTakeFirstOrThrow();
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
    async head() {
      const head = await db.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
      return { lastSeq: head.last_seq, lastHash: head.last_hash };
    },
    async entryAt(seq) {
      const row = await db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirst();
      return row ? toEntry(row) : undefined;
    },
  };
}
