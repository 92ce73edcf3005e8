/** Runs the timestamped migrations (one list for both stores) up to the latest, or one step down. */
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Database } from './database.ts';
import * as foundation from './migrations/20261126-0001-foundation.ts';
import * as calendar from './migrations/20261126-0002-calendar.ts';
import * as search from './migrations/20261126-0003-search.ts';
import * as items from './migrations/20261126-0004-items.ts';
import * as requests from './migrations/20261126-0005-requests.ts';
import * as reports from './migrations/20261126-0006-reports.ts';
import * as channels from './migrations/20261126-0007-channels.ts';
import * as requestDocuments from './migrations/20261126-0008-request-documents.ts';
import * as ledgerUploads from './migrations/20261127-0010-ledger-uploads.ts';
import * as searchScale from './migrations/20261127-0015-search-scale.ts';
import * as assessmentRubrics from './migrations/20261127-0011-assessment-rubrics.ts';
import * as reportTrace from './migrations/20261127-0012-report-trace.ts';
import * as requestTemplates from './migrations/20261127-0013-request-templates.ts';
import * as vocabularies from './migrations/20261127-0014-vocabularies.ts';
import * as subscriptions from './migrations/20261127-0017-subscriptions.ts';
import * as searchWalk from './migrations/20261127-0018-search-walk.ts';
import * as deliveryCounts from './migrations/20261127-0019-delivery-counts.ts';
import * as searchScoped from './migrations/20261127-0020-search-scoped.ts';
import * as portalList from './migrations/20261127-0021-portal-list.ts';
import * as catalogueFilters from './migrations/20261127-0022-catalogue-filters.ts';
import * as itemValidity from './migrations/20261127-0023-item-validity.ts';
import * as auditAgency from './migrations/20261207-0024-audit-agency.ts';
import * as singleWrites from './migrations/20261207-0025-single-writes.ts';
import * as attachmentReadings from './migrations/20261207-0026-attachment-readings.ts';
import * as requestStatistics from './migrations/20261207-0028-request-statistics.ts';
import * as genreList from './migrations/20261207-0030-genre-list.ts';
import * as cliffLists from './migrations/20261207-0031-cliff-lists.ts';

/** Every migration in order; names are timestamps so that order is unambiguous. */
export const migrations: Record<string, Migration> = {
  '20261126-0001-foundation': foundation,
  '20261126-0002-calendar': calendar,
  '20261126-0003-search': search,
  '20261126-0004-items': items,
  '20261126-0005-requests': requests,
  '20261126-0006-reports': reports,
  '20261126-0007-channels': channels,
  '20261126-0008-request-documents': requestDocuments,
  '20261127-0010-ledger-uploads': ledgerUploads,
  '20261127-0011-assessment-rubrics': assessmentRubrics,
  '20261127-0012-report-trace': reportTrace,
  '20261127-0013-request-templates': requestTemplates,
  '20261127-0014-vocabularies': vocabularies,
  '20261127-0015-search-scale': searchScale,
  '20261127-0017-subscriptions': subscriptions,
  '20261127-0018-search-walk': searchWalk,
  '20261127-0019-delivery-counts': deliveryCounts,
  '20261127-0020-search-scoped': searchScoped,
  '20261127-0021-portal-list': portalList,
  '20261127-0022-catalogue-filters': catalogueFilters,
  '20261127-0023-item-validity': itemValidity,
  '20261207-0024-audit-agency': auditAgency,
  '20261207-0025-single-writes': singleWrites,
  '20261207-0026-attachment-readings': attachmentReadings,
  '20261207-0028-request-statistics': requestStatistics,
  '20261207-0030-genre-list': genreList,
  '20261207-0031-cliff-lists': cliffLists,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

function migratorFor(db: Database): Migrator {
  return new Migrator({ db, provider, migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });
}

function check(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? '（未知）';
    throw new Error(`数据库迁移 ${failed} 失败：${result.error instanceof Error ? result.error.message : String(result.error)}`);
  }
  return (result.results ?? []).map((r) => `${r.direction === 'Up' ? '↑' : '↓'} ${r.migrationName}`);
}

/** Migrates to the latest version; returns the names applied. */
export async function migrateToLatest(db: Database): Promise<string[]> {
  return check(await migratorFor(db).migrateToLatest());
}

/** Reverts the last applied migration; returns its name. */
export async function migrateDown(db: Database): Promise<string[]> {
  return check(await migratorFor(db).migrateDown());
}

/** Reverts migrations down to and including `name` (tests of one migration's backfill); returns the names reverted. */
export async function migrateDownThrough(db: Database, name: string): Promise<string[]> {
  const names = Object.keys(migrations).sort();
  const at = names.indexOf(name);
  if (at < 0) throw new Error(`没有名为 ${name} 的迁移`);
  const { NO_MIGRATIONS } = await import('kysely');
  return check(await migratorFor(db).migrateTo(at === 0 ? NO_MIGRATIONS : names[at - 1]!));
}

/** Reverts every migration (tests prove each is reversible). */
export async function migrateAllDown(db: Database): Promise<string[]> {
  const { NO_MIGRATIONS } = await import('kysely');
  return check(await migratorFor(db).migrateTo(NO_MIGRATIONS));
}
