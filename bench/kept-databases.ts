/**
 * Benchmark databases kept between runs (`GONGKAI_BENCH_KEEP=1`): loading a million items takes most
 * of an hour on two cores, so a benchmark can load once while the machine is busy and measure again
 * when it is quiet. Drop them by hand when done (`dropdb`, or delete the SQLite file).
 */
import pg from 'pg';
import { openDatabase, type Database } from '../src/storage/database.ts';

/** A PostgreSQL database kept between runs (created, `C.UTF-8`, when missing); `drop` only disconnects. */
export async function keptPostgres(adminUrl: string, name: string): Promise<{ db: Database; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount! > 0;
  if (!exists) await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = '/' + name;
  const db = openDatabase({ url: url.toString(), poolSize: 5 });
  return { db, drop: () => db.destroy() };
}
