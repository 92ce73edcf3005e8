/**
 * The outbox worker as a bare child process for the crash test: the same worker, adapters and
 * configuration as `gongkai worker`, without loading the web app (so that it starts in a second).
 * SIGTERM stops it cleanly; the test kills it with SIGKILL mid-batch.
 */
import { loadConfig } from '../src/config.ts';
import { createChannelAdapters } from '../src/channels/channel-adapters.ts';
import { createOutboxWorker } from '../src/jobs/outbox-worker.ts';
import { openDatabase } from '../src/storage/database.ts';
import { createUnitOfWork } from '../src/storage/unit-of-work.ts';
import { secretBoxFor } from '../src/storage/secret-box.ts';

const config = loadConfig();
const db = openDatabase({ url: config.databaseUrl, sqlitePath: config.sqlitePath, poolSize: 2 });
const worker = createOutboxWorker({
  uow: createUnitOfWork(db, { secrets: secretBoxFor(config, (m) => process.stderr.write(m + '\n')) }),
  clock: { now: () => new Date() },
  adapters: createChannelAdapters({ publicUrl: config.publicUrl }),
  batchSize: config.worker.batchSize,
  leaseMs: config.worker.leaseMs,
  pollMs: config.worker.pollMs,
  maxAttempts: config.worker.maxAttempts,
});
worker.start();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void worker
    .stop()
    .then(() => db.destroy())
    .then(() => process.exit(0));
});
