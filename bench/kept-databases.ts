/**
 * Benchmark databases kept between runs (`GONGKAI_BENCH_KEEP=1`): loading a million items takes most
 * of an hour on two cores, so a benchmark can load once while the machine is busy and measure again
 * when it is quiet. Drop them by hand when done (`dropdb`, or delete the SQLite file).
 */
import { openDatabase, type Database } from '../src/storage/database.ts';
import { createPostgresDatabase } from '../test/databases.ts';

/** A PostgreSQL database kept between runs (created when missing); `drop` only disconnects. */
export async function keptPostgres(adminUrl: string, name: string): Promise<{ db: Database; drop: () => Promise<void> }> {
  const db = openDatabase({ url: await createPostgresDatabase(adminUrl, name, { ifMissing: true }), poolSize: 5 });
  return { db, drop: () => db.destroy() };
}
