/**
 * The outbox worker in a child process (test/outbox-worker-child.ts: what `gongkai worker` runs, without the web app), sending SMS through the signed-webhook adapter to a
 * slow local gateway that deduplicates on the Idempotency-Key header (as the webhook contract
 * requires). The worker is killed with SIGKILL while a message is in flight, then restarted: every
 * message must be delivered exactly once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEmptyDatabase, testDialects } from '../../test/databases.ts';
import { TEST_SECRET_KEY, testServices } from '../../test/services.ts';
import { webhookSignature } from '../channels/sms-channel.ts';
import { actorOf } from '../services/sign-in.ts';
import { openDatabase, type Database } from '../storage/database.ts';
import { migrateToLatest } from '../storage/migrate.ts';

const MESSAGES = 12;
const SECRET = 'crash-test-webhook-secret';

interface Gateway {
  server: Server;
  url: string;
  /** Every request, in arrival order (keys). */
  received: string[];
  /** Messages delivered to phones: once per key. */
  delivered: Map<string, number>;
  badSignatures: number;
  onRequest?: (count: number) => void;
}

async function startGateway(delayMs: number): Promise<Gateway> {
  const g: Gateway = { server: createServer(), url: '', received: [], delivered: new Map(), badSignatures: 0 };
  g.server.on('request', (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key']);
      if (req.headers['x-gongkai-signature'] !== webhookSignature(SECRET, String(req.headers['x-gongkai-timestamp']), body)) {
        g.badSignatures += 1;
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'bad signature' }));
        return;
      }
      g.received.push(key);
      if (!g.delivered.has(key)) g.delivered.set(key, 1); // a repeated key is acknowledged, not sent again
      g.onRequest?.(g.received.length);
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `gw-${key}` }));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => g.server.listen(0, '127.0.0.1', resolve));
  const address = g.server.address() as { port: number };
  g.url = `http://127.0.0.1:${address.port}/sms`;
  return g;
}

function spawnWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/outbox-worker-child.ts')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.on('data', () => {});
  child.stdout!.on('data', () => {});
  return child;
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`等待超时：${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const dialect of testDialects()) {
  test(`a worker killed mid-batch and restarted delivers every message exactly once [${dialect}]`, { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-crash-'));
    let db: Database;
    let url: string | undefined;
    let drop: () => Promise<void>;
    if (dialect === 'sqlite') {
      db = openDatabase({ sqlitePath: path.join(dir, 'gongkai.db') });
      drop = () => db.destroy();
    } else {
      const created = await createEmptyDatabase('postgres');
      db = created.db;
      url = created.url;
      drop = created.drop;
    }
    const gateway = await startGateway(100);
    const children: ChildProcess[] = [];
    try {
      await migrateToLatest(db);
      const s = testServices(db, { now: () => new Date(), set: () => {}, advance: () => {} });
      await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
      const agencyId = (await s.agencies.all()).find((a) => a.name === '黔城镇人民政府')!.id;
      const admin = (await s.deps.uow.read.users.findByLogin('admin'))!;
      await s.deliveries.saveChannelSettings(actorOf(admin), agencyId, 'sms', { config: { provider: 'webhook', url: gateway.url, perNumberPerHour: 100, perNumberPerDay: 100 }, secrets: { webhookSecret: SECRET } });
      const keys: string[] = [];
      await s.deps.uow.transaction(async (r) => {
        for (let i = 0; i < MESSAGES; i++) {
          const key = `crash:${i}`;
          keys.push(key);
          await r.deliveryQueue.enqueue({ agencyId, channel: 'sms', recipient: `1390000${String(i).padStart(4, '0')}`, template: 'request_received', payload: { trackingNumber: `YSQ-2026-${i}`, applicantName: '张晓梅', agencyName: '黔城镇人民政府' }, idempotencyKey: key, at: new Date().toISOString() });
        }
      });

      const env: Record<string, string> = { PATH: process.env.PATH ?? '', NODE_ENV: 'test', TZ: 'UTC', GONGKAI_DATA_DIR: dir, GONGKAI_DEMO: '0', GONGKAI_LOG_LEVEL: 'error', GONGKAI_WORKER_BATCH: '4', GONGKAI_WORKER_LEASE_SECONDS: '1', GONGKAI_WORKER_POLL_SECONDS: '0.05', GONGKAI_SECRET_KEY: TEST_SECRET_KEY, GONGKAI_PUBLIC_URL: 'https://xxgk.example.gov.cn', ...(url && { GONGKAI_DATABASE_URL: url }) };
      const first = spawnWorker(env);
      children.push(first);
      // Kill on the 6th request (mid-batch), while the gateway holds it: the message is accepted but the worker never hears back.
      gateway.onRequest = (n) => {
        if (n === 6) first.kill('SIGKILL');
      };
      await exited(first);
      gateway.onRequest = undefined;
      const statuses = await db.selectFrom('deliveries').select(['status']).where('idempotency_key', 'like', 'crash:%').execute();
      assert.ok(statuses.some((r) => r.status === 'sending'), 'the killed worker left a message in sending');
      assert.ok(statuses.filter((r) => r.status === 'sent').length < MESSAGES);

      const second = spawnWorker(env);
      children.push(second);
      await waitFor(async () => (await db.selectFrom('deliveries').select('id').where('idempotency_key', 'like', 'crash:%').where('status', '=', 'sent').execute()).length === MESSAGES, 'all sent');
      second.kill('SIGTERM');
      assert.equal(await exited(second), 0, 'a stopped worker exits cleanly');

      assert.equal(gateway.badSignatures, 0);
      assert.deepEqual([...gateway.delivered.keys()].sort(), [...keys].sort(), 'every message reached the gateway');
      assert.ok([...gateway.delivered.values()].every((n) => n === 1), 'and was delivered once');
      const repeated = gateway.received.filter((k, i) => gateway.received.indexOf(k) !== i);
      assert.deepEqual(repeated, [gateway.received[5]], 'only the message in flight at the kill was offered again, with the same key');
      const recovered = await db.selectFrom('delivery_events').innerJoin('deliveries', 'deliveries.id', 'delivery_events.delivery_id').select('deliveries.idempotency_key').where('delivery_events.type', '=', 'recovered').execute();
      assert.deepEqual(recovered.map((r) => r.idempotency_key), [gateway.received[5]]);
    } finally {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      gateway.server.closeAllConnections();
      await new Promise<void>((resolve) => gateway.server.close(() => resolve()));
      await drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
