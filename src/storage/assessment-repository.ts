/** Assessment rubrics (考核细则) with their versions, and the assessor's comments: rows ↔ StoredRubric, RubricVersion, AssessmentComment. */
import type { Selectable } from 'kysely';
import type { RubricConfig } from '../domain/assessment/index.ts';
import type { AssessmentComment, AssessmentRepository, RubricVersion, StoredRubric } from '../services/ports.ts';
import type { Executor } from './database.ts';
import type { AssessmentRubricTable, AssessmentRubricVersionTable } from './schema.ts';

function toRubric(r: Selectable<AssessmentRubricTable>): StoredRubric {
  return {
    id: r.id,
    agencyId: r.agency_id,
    name: r.name,
    version: r.version,
    config: JSON.parse(r.config) as RubricConfig,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

function toVersion(r: Selectable<AssessmentRubricVersionTable>): RubricVersion {
  return { rubricId: r.rubric_id, version: r.version, name: r.name, config: JSON.parse(r.config) as RubricConfig, reason: r.reason, savedAt: r.saved_at, savedBy: r.saved_by };
}

/** Creates the repository over a database or transaction. */
export function createAssessmentRepository(db: Executor): AssessmentRepository {
  const addVersion = (rubricId: number, version: number, input: { name: string; config: RubricConfig; reason: string; at: string; by: string }) =>
    db.insertInto('assessment_rubric_versions').values({ rubric_id: rubricId, version, name: input.name, config: JSON.stringify(input.config), reason: input.reason, saved_at: input.at, saved_by: input.by }).execute();
  return {
    async insertRubric(input) {
      const row = await db
        .insertInto('assessment_rubrics')
        .values({ agency_id: input.agencyId, name: input.name, version: 1, config: JSON.stringify(input.config), created_at: input.at, created_by: input.by, updated_at: input.at, updated_by: input.by })
        .returningAll()
        .executeTakeFirstOrThrow();
      await addVersion(row.id, 1, input);
      return toRubric(row);
    },
    async saveRubric(id, expectedVersion, input) {
      const result = await db
        .updateTable('assessment_rubrics')
        .set({ name: input.name, version: expectedVersion + 1, config: JSON.stringify(input.config), updated_at: input.at, updated_by: input.by })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await addVersion(id, expectedVersion + 1, input);
      return true;
    },
    async findRubric(id) {
      const row = await db.selectFrom('assessment_rubrics').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRubric(row);
    },
    async listRubrics(agencyIds) {
      if (agencyIds.length === 0) return [];
      const rows = await db.selectFrom('assessment_rubrics').selectAll().where('agency_id', 'in', [...agencyIds]).orderBy('agency_id').orderBy('name').orderBy('id').execute();
      return rows.map(toRubric);
    },
    async versions(rubricId) {
      const rows = await db.selectFrom('assessment_rubric_versions').selectAll().where('rubric_id', '=', rubricId).orderBy('version', 'desc').execute();
      return rows.map(toVersion);
    },
    async comments(rubricId, periodKey) {
      const rows = await db.selectFrom('assessment_comments').selectAll().where('rubric_id', '=', rubricId).where('period_key', '=', periodKey).orderBy('unit_id').execute();
      return rows.map((r): AssessmentComment => ({ rubricId: r.rubric_id, periodKey: r.period_key, unitId: r.unit_id, text: r.comment, updatedAt: r.updated_at, updatedBy: r.updated_by }));
    },
    async saveComment(c) {
      if (c.text === '') {
        await db.deleteFrom('assessment_comments').where('rubric_id', '=', c.rubricId).where('period_key', '=', c.periodKey).where('unit_id', '=', c.unitId).execute();
        return;
      }
      await db
        .insertInto('assessment_comments')
        .values({ rubric_id: c.rubricId, period_key: c.periodKey, unit_id: c.unitId, comment: c.text, updated_at: c.updatedAt, updated_by: c.updatedBy })
        .onConflict((oc) => oc.columns(['rubric_id', 'period_key', 'unit_id']).doUpdateSet({ comment: c.text, updated_at: c.updatedAt, updated_by: c.updatedBy }))
        .execute();
    },
  };
}
