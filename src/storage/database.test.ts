import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from './database.ts';
import { machineSecretKey } from './secret-box.ts';

const modeOf = (file: string) => statSync(file).mode & 0o777;

test('files on disk: the SQLite database, its -wal and -shm, and secret.key are 0600 in 0700 folders even under umask 022', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'gongkai-modes-'));
  const previous = process.umask(0o022);
  try {
    const dataDir = path.join(root, 'data');
    const db = openDatabase({ sqlitePath: path.join(dataDir, 'gongkai.db') });
    await sql`create table t (x integer)`.execute(db);
    await sql`insert into t values (1)`.execute(db);
    for (const f of ['gongkai.db', 'gongkai.db-wal', 'gongkai.db-shm']) assert.equal(modeOf(path.join(dataDir, f)).toString(8), '600', f);
    assert.equal(modeOf(dataDir).toString(8), '700', 'data folder');
    await db.destroy();

    const keyDir = path.join(root, 'other', 'keys');
    machineSecretKey(path.join(keyDir, 'secret.key'));
    assert.equal(modeOf(path.join(keyDir, 'secret.key')).toString(8), '600');
    assert.equal(modeOf(keyDir).toString(8), '700', 'key folder');
    assert.equal(modeOf(path.dirname(keyDir)).toString(8), '700', 'created parents too');
  } finally {
    process.umask(previous);
    rmSync(root, { recursive: true, force: true });
  }
});

test('an existing database from an earlier install is made owner-only when opened (its -wal and -shm too)', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'gongkai-modes-'));
  try {
    const file = path.join(root, 'gongkai.db');
    const first = openDatabase({ sqlitePath: file });
    await sql`create table t (x integer)`.execute(first);
    await first.destroy();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o644);
    chmodSync(root, 0o755);
    const db = openDatabase({ sqlitePath: file });
    await sql`insert into t values (1)`.execute(db);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) assert.equal(modeOf(f).toString(8), '600', f);
    await db.destroy();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('SQLite keeps prepared statements: the same text runs again with new values, sees schema changes, and streams twice', async () => {
  const db = openDatabase({ sqlitePath: ':memory:' });
  try {
    await sql`create table t (x integer)`.execute(db);
    for (const x of [1, 2, 3]) await sql`insert into t values (${x})`.execute(db);
    const read = () => sql<Record<string, unknown>>`select * from t where x >= ${2} order by x`.execute(db);
    assert.deepEqual((await read()).rows, [{ x: 2 }, { x: 3 }]);
    await sql`alter table t add column y text default 'a'`.execute(db);
    assert.deepEqual((await read()).rows, [{ x: 2, y: 'a' }, { x: 3, y: 'a' }], 'a kept statement sees the new column');
    await sql`drop table t`.execute(db);
    await assert.rejects(read(), /no such table/);
    await sql`create table t (x integer)`.execute(db);
    await sql`insert into t values (5)`.execute(db);
    assert.deepEqual((await read()).rows, [{ x: 5 }]);
    const streamed = async () => {
      const out: unknown[] = [];
      for await (const r of db.selectFrom('t' as never).select('x' as never).stream()) out.push(r);
      return out;
    };
    assert.deepEqual(await streamed(), [{ x: 5 }]);
    assert.deepEqual(await streamed(), [{ x: 5 }]);
  } finally {
    await db.destroy();
  }
});

test('a write waits for another process’s write lock only as long as its busy timeout (the server: 2 s), then fails as busy', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'gongkai-busy-'));
  const file = path.join(root, 'gongkai.db');
  const importer = openDatabase({ sqlitePath: file });
  const server = openDatabase({ sqlitePath: file, busyTimeoutMs: 200 });
  try {
    await sql`create table t (x integer)`.execute(importer);
    await importer.transaction().execute(async (trx) => {
      await sql`insert into t values (1)`.execute(trx);
      const started = performance.now();
      await assert.rejects(server.transaction().execute((t) => sql`insert into t values (2)`.execute(t)), (e: { code?: string }) => e.code === 'SQLITE_BUSY');
      const waited = performance.now() - started;
      assert.ok(waited >= 150 && waited < 5000, `waited ${String(Math.round(waited))} ms`);
    });
    assert.equal((await sql<{ n: number }>`select count(*) as n from t`.execute(server)).rows[0]!.n, 1);
  } finally {
    await server.destroy();
    await importer.destroy();
    rmSync(root, { recursive: true, force: true });
  }
});
