/**
 * Letter templates per agency, every version kept (文书模板), and the office's decisions on
 * suggestions to publish proactively (条例第四十四条). Rows are mapped to plain objects here.
 */
import type { LetterTemplateRepository, StoredLetterTemplate, SuggestionDecision, SuggestionDecisionRepository } from '../services/ports.ts';
import { dialectOf, type Executor } from './database.ts';
import type { LetterTemplateTable, RequestSuggestionDecisionTable } from './schema.ts';

type TemplateRow = Omit<LetterTemplateTable, 'id'> & { id: number };
type DecisionRow = Omit<RequestSuggestionDecisionTable, 'id'> & { id: number };

function toTemplate(r: TemplateRow): StoredLetterTemplate {
  return {
    agencyId: r.agency_id,
    key: r.template_key,
    version: r.version,
    title: r.title,
    body: r.body,
    isReset: r.is_reset === 1,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

/** Creates the letter template repository over a database or transaction. */
export function createLetterTemplateRepository(db: Executor): LetterTemplateRepository {
  return {
    async current(agencyIds) {
      if (agencyIds.length === 0) return [];
      const rows = await db
        .selectFrom('letter_templates as t')
        .selectAll('t')
        .where('t.agency_id', 'in', [...agencyIds])
        .where(({ eb, selectFrom }) =>
          eb(
            't.version',
            '=',
            selectFrom('letter_templates as l')
              .select((x) => x.fn.max('l.version').as('v'))
              .whereRef('l.agency_id', '=', 't.agency_id')
              .whereRef('l.template_key', '=', 't.template_key'),
          ),
        )
        .orderBy('t.agency_id')
        .orderBy('t.template_key')
        .execute();
      return rows.map(toTemplate);
    },
    async history(agencyId, key) {
      const rows = await db.selectFrom('letter_templates').selectAll().where('agency_id', '=', agencyId).where('template_key', '=', key).orderBy('version', 'desc').execute();
      return rows.map(toTemplate);
    },
    async add(v) {
      const last = await db
        .selectFrom('letter_templates')
        .select((x) => x.fn.max('version').as('v'))
        .where('agency_id', '=', v.agencyId)
        .where('template_key', '=', v.key)
        .executeTakeFirst();
      const version = Number(last?.v ?? 0) + 1;
      const row = await db
        .insertInto('letter_templates')
        .values({
          agency_id: v.agencyId,
          template_key: v.key,
          version,
          title: v.title,
          body: v.body,
          is_reset: v.isReset ? 1 : 0,
          created_at: v.createdAt,
          created_by: v.createdBy,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toTemplate(row);
    },
  };
}

function toDecision(r: DecisionRow): SuggestionDecision {
  return {
    id: r.id,
    agencyId: r.agency_id,
    requestIds: JSON.parse(r.request_ids) as number[],
    decision: r.decision === 'published' ? 'published' : 'dismissed',
    itemId: r.item_id,
    reason: r.reason,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
  };
}

/** Creates the repository of decisions on 第四十四条 suggestions. */
export function createSuggestionDecisionRepository(db: Executor): SuggestionDecisionRepository {
  return {
    async add(d) {
      const row = await db
        .insertInto('request_suggestion_decisions')
        .values({
          agency_id: d.agencyId,
          request_ids: JSON.stringify([...d.requestIds].sort((a, b) => a - b)),
          decision: d.decision,
          item_id: d.itemId,
          reason: d.reason,
          decided_at: d.decidedAt,
          decided_by: d.decidedBy,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toDecision(row);
    },
    async lock(agencyId) {
      // SQLite already runs one writing transaction at a time; PostgreSQL locks the agency's row.
      if (dialectOf(db) === 'postgres') await db.selectFrom('agencies').select('id').where('id', '=', agencyId).forUpdate().execute();
    },
    async list(agencyIds) {
      if (agencyIds.length === 0) return [];
      const rows = await db.selectFrom('request_suggestion_decisions').selectAll().where('agency_id', 'in', [...agencyIds]).orderBy('id').execute();
      return rows.map(toDecision);
    },
  };
}
