/**
 * Opens the database: embedded SQLite (better-sqlite3, WAL, foreign keys on) by default, or
 * PostgreSQL (pg) when a URL is given. Both go through one Kysely instance and one code path.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type LogConfig, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

export type Database = Kysely<DB>;
export type Executor = Kysely<DB> | Transaction<DB>;
export type Dialect = 'sqlite' | 'postgres';

// PostgreSQL returns int8 (count(*), sum) as strings; our counts fit comfortably in a double.
pg.types.setTypeParser(20, (v: string) => Number(v));

export interface DatabaseOptions {
  /** postgres://… ; absent means SQLite at sqlitePath. */
  url?: string | undefined;
  sqlitePath?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /** Called when an idle PostgreSQL connection fails (default: ignored; the pool reconnects). */
  onIdleError?: (error: Error) => void;
  /** Kysely's log hook (tests count the statements a page runs). */
  log?: LogConfig;
  /** SQLite: keep prepared statements for reuse (default true; the benchmark compares without). */
  reuseStatements?: boolean;
}

/** Opens a database from options; the caller owns it and must `destroy()` it. */
export function openDatabase(options: DatabaseOptions): Database {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle client whose connection the server ends (restart, failover, DROP … WITH (FORCE)) emits
    // 'error' on the pool; unhandled, that would crash the process. The pool replaces the client.
    pool.on('error', (err) => options.onIdleError?.(err));
    return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), ...(options.log && { log: options.log }) });
  }
  const file = options.sqlitePath ?? ':memory:';
  if (file !== ':memory:') {
    // Owner-only, whatever the umask: the folder 0700, the database created 0600 before SQLite opens
    // it, so that SQLite gives its -wal and -shm files the same mode (it copies the database's).
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.closeSync(fs.openSync(file, 'a', 0o600));
  }
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: options.reuseStatements === false ? sqlite : reusingStatements(sqlite) }), ...(options.log && { log: options.log }) });
}

/** How many prepared statements a SQLite connection keeps for reuse (least recently used dropped first). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely's SQLite driver sees it, with its prepared statements kept by SQL text: the
 * driver prepares every query afresh, and parsing and planning was an eighth of an uncached portal
 * page's time. A statement still being iterated (a stream) is never handed out twice — a fresh one is
 * prepared instead. A schema change makes SQLite re-prepare a kept statement by itself.
 */
function reusingStatements(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE) {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string): SQLite.Statement {
      const found = kept.get(text);
      if (found && !found.busy) {
        // Most recently used last.
        kept.delete(text);
        kept.set(text, found);
        return found;
      }
      const statement = sqlite.prepare(text);
      if (!found) {
        kept.set(text, statement);
        if (kept.size > size) kept.delete(kept.keys().next().value!);
      }
      return statement;
    },
  };
}

/** Which SQL dialect a Kysely instance (or transaction) speaks. */
export function dialectOf(db: Kysely<unknown> | Executor): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * After a bulk load, outside any transaction: PostgreSQL `VACUUM (ANALYZE)` of the tables, so that
 * index-only reads need no row visits (visibility map), GIN pending lists are merged and the planner
 * knows the new rows. SQLite needs nothing. Used by the `settle()` of the item and search stores.
 */
export async function vacuumAnalyze(db: Executor, tables: readonly string[]): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  if (db.isTransaction) throw new Error(`VACUUM of ${tables.join(', ')} must run outside a transaction`);
  await sql`vacuum (analyze) ${sql.join(tables.map((t) => sql.table(t)))}`.execute(db);
}

/** Checks that the database answers; used by /healthz. */
export async function pingDatabase(db: Database): Promise<void> {
  await sql`select 1`.execute(db);
}
