import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main, type Io } from './main.ts';

function capture(env: Record<string, string>): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), env: { NODE_ENV: 'test', ...env } };
}

test('gongkai worker --once and gongkai deliveries counts|stale', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-worker-cli-'));
  try {
    const env = { GONGKAI_DATA_DIR: dir, GONGKAI_DEMO: '0' };
    let io = capture(env);
    assert.equal(await main(['worker', '--help'], io), 0);
    assert.match(io.stdout[0]!, /^用法：gongkai worker/);
    io = capture(env);
    assert.equal(await main(['worker', '--once'], io), 0);
    assert.deepEqual(JSON.parse(io.stdout[0]!), { claimed: 0, sent: 0, failed: 0, retrying: 0, manual: 0, deferred: 0, cancelled: 0, recovered: 0, uncertain: 0 });
    io = capture(env);
    assert.equal(await main(['deliveries', 'counts', '--year', '2026'], io), 0);
    assert.deepEqual(JSON.parse(io.stdout[0]!).map((c: { channel: string; sent: number }) => [c.channel, c.sent]), [['wechat', 0], ['weibo', 0], ['sms', 0], ['email', 0], ['notice_board', 0]]);
    io = capture(env);
    assert.equal(await main(['deliveries', 'counts'], io), 2);
    io = capture(env);
    assert.equal(await main(['deliveries', 'stale'], io), 0);
    assert.match(io.stdout.join(''), /一周内均有更新/);
    io = capture({ ...env, GONGKAI_WORKER_BATCH: '0' });
    assert.equal(await main(['worker', '--once'], io), 1);
    assert.match(io.stderr.join(''), /GONGKAI_WORKER_BATCH 为 1–1000/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
