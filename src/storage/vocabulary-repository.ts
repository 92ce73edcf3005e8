/**
 * Agencies' configured vocabularies (主题分类、体裁、标准目录领域) and how many items use each code.
 * Rows are mapped to domain entries here and never leave.
 */
import { sql } from 'kysely';
import { isGenre, type VocabularyEntry } from '../domain/publishing/index.ts';
import type { VocabularyRepository } from '../services/ports.ts';
import { dialectOf, type Executor } from './database.ts';
import type { VocabularyTermTable } from './schema.ts';

function entryOf(row: Pick<VocabularyTermTable, 'code' | 'label' | 'parent_code' | 'genre' | 'retired'>): VocabularyEntry {
  return {
    code: row.code,
    label: row.label,
    parentCode: row.parent_code,
    retired: row.retired === 1,
    ...(row.genre !== null && isGenre(row.genre) ? { genre: row.genre } : {}),
  };
}

/** The item column that carries each vocabulary's code. */
function codeColumn(vocabulary: string) {
  switch (vocabulary) {
    case 'category':
      return sql<string>`v.category_code`;
    case 'catalogue_domain':
      return sql<string>`v.catalogue_domain`;
    case 'kind':
      return sql<string>`coalesce(v.kind_code, v.genre)`;
    default:
      throw new Error(`未知的词表：${vocabulary}`);
  }
}

/** Creates the vocabulary repository over a database or transaction. */
export function createVocabularyRepository(db: Executor): VocabularyRepository {
  return {
    async termsOf(vocabulary, agencyIds) {
      const out = new Map<number, VocabularyEntry[]>();
      if (agencyIds.length === 0) return out;
      const rows = await db
        .selectFrom('vocabulary_terms')
        .select(['agency_id', 'code', 'label', 'parent_code', 'genre', 'retired'])
        .where('vocabulary', '=', vocabulary)
        .where('agency_id', 'in', [...agencyIds])
        .orderBy('agency_id')
        .orderBy('position')
        .execute();
      for (const r of rows) {
        const list = out.get(r.agency_id) ?? [];
        list.push(entryOf(r));
        out.set(r.agency_id, list);
      }
      return out;
    },
    async allTermsOf(agencyIds) {
      const out = new Map<number, Map<string, VocabularyEntry[]>>();
      if (agencyIds.length === 0) return out;
      const rows = await db
        .selectFrom('vocabulary_terms')
        .select(['agency_id', 'vocabulary', 'code', 'label', 'parent_code', 'genre', 'retired'])
        .where('agency_id', 'in', [...new Set(agencyIds)])
        .orderBy('agency_id')
        .orderBy('vocabulary')
        .orderBy('position')
        .execute();
      for (const r of rows) {
        const lists = out.get(r.agency_id) ?? new Map<string, VocabularyEntry[]>();
        out.set(r.agency_id, lists);
        const list = lists.get(r.vocabulary) ?? [];
        lists.set(r.vocabulary, list);
        list.push(entryOf(r));
      }
      return out;
    },
    async lock(agencyId) {
      // Two edits of one agency's lists run one after the other (SQLite serialises writers anyway).
      if (dialectOf(db) === 'postgres') await db.selectFrom('agencies').select('id').where('id', '=', agencyId).forUpdate().execute();
    },
    async replace(agencyId, vocabulary, entries, at) {
      await db.deleteFrom('vocabulary_terms').where('agency_id', '=', agencyId).where('vocabulary', '=', vocabulary).execute();
      if (entries.length === 0) return;
      await db
        .insertInto('vocabulary_terms')
        .values(
          entries.map((e, i) => ({
            agency_id: agencyId,
            vocabulary,
            code: e.code,
            label: e.label,
            parent_code: e.parentCode ?? null,
            genre: e.genre ?? null,
            position: i + 1,
            retired: e.retired === true ? 1 : 0,
            updated_at: at,
          })),
        )
        .execute();
    },
    async clear(agencyId, vocabulary) {
      await db.deleteFrom('vocabulary_terms').where('agency_id', '=', agencyId).where('vocabulary', '=', vocabulary).execute();
    },
    async usage(vocabulary, agencyPath) {
      const column = codeColumn(vocabulary);
      const rows = await db
        .selectFrom('item_versions as v')
        .select([column.as('code'), sql<number>`count(distinct v.item_id)`.as('n')])
        .where('v.agency_path', 'like', `${agencyPath}%`)
        .where(column, 'is not', null)
        .groupBy(column)
        .execute();
      return new Map(rows.map((r) => [r.code, Number(r.n)]));
    },
  };
}
