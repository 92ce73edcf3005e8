/**
 * Opens the database: embedded SQLite (better-sqlite3, WAL, foreign keys on) by default, or
 * PostgreSQL (pg) when a URL is given. Both go through one Kysely instance and one code path.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver, type LogConfig, type SqliteDialectConfig, type Transaction } from 'kysely';
import type { DB } from './schema.ts';
import { refusingNul } from './text-guard.ts';

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
  /** SQLite: how long a write waits for another process's write lock, in ms (default 10 000). */
  busyTimeoutMs?: number;
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
    return new Kysely<DB>({ dialect: refusingNul(new PostgresDialect({ pool })), ...(options.log && { log: options.log }) });
  }
  const file = options.sqlitePath ?? ':memory:';
  if (file !== ':memory:') {
    // Owner-only, whatever the umask: the folder 0700, the database created 0600 before SQLite opens
    // it, so that SQLite gives its -wal and -shm files the same mode (it copies the database's).
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.closeSync(fs.openSync(file, 'a', 0o600));
    // A database from an earlier install keeps the mode it was created with: tighten it, and its
    // -wal and -shm files (SQLite copies the database's mode only when it creates them).
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      if (fs.existsSync(f) && (fs.statSync(f).mode & 0o077) !== 0) fs.chmodSync(f, 0o600);
    }
  }
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // Another process (a `gongkai import`, the worker) may hold the write lock: wait for it (10 s by
  // default). better-sqlite3 waits on the event loop's thread, so the web server waits less (2 s)
  // and answers 503 rather than freezing every request for the length of a long import.
  sqlite.pragma(`busy_timeout = ${String(options.busyTimeoutMs ?? 10_000)}`);
  // FULL: a commit (a 201 to an applicant) is on disk before it returns, even through a power cut;
  // NORMAL in WAL mode may lose the last commits (see README for the measured cost).
  sqlite.pragma('synchronous = FULL');
  const database = options.reuseStatements === false ? sqlite : reusingStatements(sqlite);
  return new Kysely<DB>({ dialect: refusingNul(new ImmediateSqliteDialect({ database })), ...(options.log && { log: options.log }) });
}

/**
 * Starts every SQLite transaction as BEGIN IMMEDIATE. A deferred BEGIN takes the write lock only
 * at the first write; if another process committed since the transaction's first read, SQLite
 * cannot upgrade the snapshot and fails at once with SQLITE_BUSY (“database is locked”), without
 * waiting for the busy timeout. Taking the lock at BEGIN makes writers queue instead.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** Whether an error is a unique-constraint violation (SQLite or PostgreSQL), optionally of a named index or column. */
export function isUniqueViolation(error: unknown, name?: string): boolean {
  const e = error as { code?: unknown; message?: unknown; constraint?: unknown } | null;
  if (!e || (e.code !== 'SQLITE_CONSTRAINT_UNIQUE' && e.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY' && e.code !== '23505')) return false;
  return name === undefined || String(e.message).includes(name) || String(e.constraint ?? '').includes(name);
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
