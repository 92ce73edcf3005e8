/**
 * The dialect loop for storage tests: every suite runs on SQLite, and on PostgreSQL when
 * GONGKAI_TEST_DATABASE_URL is set. Each PostgreSQL suite gets its own fresh database
 * (UTF-8, C.UTF-8 collation as architecture.md requires), dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { loadTestEnvironment } from '../src/config.ts';
import { openDatabase, type Database, type Dialect } from '../src/storage/database.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';

export interface TestDatabase {
  db: Database;
  dialect: Dialect;
  url: string | undefined;
}

/** The dialects this run covers. */
export function testDialects(): Dialect[] {
  return loadTestEnvironment().postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
}

/**
 * Creates PostgreSQL database `name` (UTF-8, C.UTF-8, as pg_trgm needs for Chinese) on the server of
 * `adminUrl` — unless `ifMissing` and it exists already (benchmarks keep theirs) — and returns its URL.
 */
export async function createPostgresDatabase(adminUrl: string, name: string, options: { ifMissing?: boolean } = {}): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = options.ifMissing === true && (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount! > 0;
    if (!exists) await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = '/' + name;
  return url.toString();
}

/** Creates an empty database of a dialect (not migrated); `drop` removes it. */
export async function createEmptyDatabase(dialect: Dialect): Promise<TestDatabase & { drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const db = openDatabase({ sqlitePath: ':memory:' });
    return { db, dialect, url: undefined, drop: () => db.destroy() };
  }
  const adminUrl = loadTestEnvironment().postgresUrl;
  if (!adminUrl) throw new Error('GONGKAI_TEST_DATABASE_URL 未设置');
  const name = `gongkai_t_${randomBytes(6).toString('hex')}`;
  const url = await createPostgresDatabase(adminUrl, name);
  const db = openDatabase({ url, poolSize: 5 });
  return {
    db,
    dialect,
    url,
    drop: async () => {
      await db.destroy();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Runs `fn` on a fresh, migrated database of a dialect (e.g. a restore target), then drops it. */
export async function withMigratedDatabase<T>(dialect: Dialect, fn: (db: Database) => Promise<T>): Promise<T> {
  const target = await createEmptyDatabase(dialect);
  try {
    await migrateToLatest(target.db);
    return await fn(target.db);
  } finally {
    await target.drop();
  }
}

/**
 * Declares a suite once per dialect with a migrated database. `ctx.db` is valid inside tests.
 */
export function describeEachDialect(title: string, body: (ctx: TestDatabase) => void): void {
  for (const dialect of testDialects()) {
    describe(`${title} [${dialect}]`, () => {
      const ctx = { dialect } as TestDatabase;
      let drop: () => Promise<void> = async () => {};
      before(async () => {
        const created = await createEmptyDatabase(dialect);
        ctx.db = created.db;
        ctx.url = created.url;
        drop = created.drop;
        await migrateToLatest(ctx.db);
      });
      after(() => drop());
      body(ctx);
    });
  }
}
