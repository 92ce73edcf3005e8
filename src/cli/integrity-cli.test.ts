import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { main, type Io } from './main.ts';

function capture(env: Record<string, string>): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), env: { NODE_ENV: 'test', GONGKAI_DEMO: '0', GONGKAI_ADMIN_PASSWORD: 'Qiancheng-Root#2026', ...env } };
}

test('gongkai backup writes a 0600 signed file; restore refuses a rewritten or foreign-key backup unless --accept-unverified (audited)', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'gongkai-integrity-cli-'));
  const previous = process.umask(0o022);
  try {
    const source = { GONGKAI_DATA_DIR: path.join(root, 'a') };
    let io = capture(source);
    assert.equal(await main(['migrate'], io), 0);
    io = capture(source);
    assert.equal(await main(['demo'], io), 0);
    const file = path.join(root, 'backup.json');
    writeFileSync(file, 'old', { mode: 0o644 });
    io = capture(source);
    assert.equal(await main(['backup', '--agency', '洪江市人民政府', '--out', file], io), 0, io.stderr.join(''));
    assert.equal((statSync(file).mode & 0o777).toString(8), '600', 'an existing file is tightened too');
    assert.equal((statSync(path.join(root, 'a', 'secret.key')).mode & 0o777).toString(8), '600');

    const sameKey = { GONGKAI_DATA_DIR: path.join(root, 'b') };
    io = capture(sameKey);
    assert.equal(await main(['migrate'], io), 0);
    // The same machine key: copy secret.key over, as the restore help tells.
    writeFileSync(path.join(root, 'b', 'secret.key'), readFileSync(path.join(root, 'a', 'secret.key')), { mode: 0o600 });
    const backup = JSON.parse(readFileSync(file, 'utf8')) as { tables: Record<string, Array<Record<string, unknown>>>; files: unknown; contentHash: string };
    backup.tables.users![0]!.display_name = '冒名管理员';
    backup.contentHash = createHash('sha256').update(JSON.stringify({ tables: backup.tables, files: backup.files })).digest('hex');
    const rewritten = path.join(root, 'rewritten.json');
    writeFileSync(rewritten, JSON.stringify(backup));
    io = capture(sameKey);
    assert.equal(await main(['restore', rewritten], io), 1);
    assert.match(io.stderr.join(''), /签名（校验码）与本系统的密钥不符/);
    io = capture(sameKey);
    assert.equal(await main(['restore', file], io), 0, io.stderr.join(''));
    assert.match(io.stdout.join(''), /已恢复/);

    const otherKey = { GONGKAI_DATA_DIR: path.join(root, 'c'), GONGKAI_SECRET_KEY: 'c'.repeat(64) };
    io = capture(otherKey);
    assert.equal(await main(['migrate'], io), 0);
    io = capture(otherKey);
    assert.equal(await main(['restore', file], io), 1);
    assert.match(io.stderr.join(''), /另一个密钥/);
    io = capture(otherKey);
    assert.equal(await main(['restore', file, '--accept-unverified'], io), 0, io.stderr.join(''));
    assert.match(io.stderr.join(''), /跳过备份签名校验/);
    const db = new SQLite(path.join(root, 'c', 'gongkai.db'));
    const entry = db.prepare("select change from audit_log where entity = 'backup' and action = 'restore'").get() as { change: string };
    db.close();
    assert.equal((JSON.parse(entry.change) as { unverifiedAccepted?: boolean }).unverifiedAccepted, true);
  } finally {
    process.umask(previous);
    rmSync(root, { recursive: true, force: true });
  }
});

test('gongkai audit anchor / audit verify --anchor: round trip, and a rewritten tail is caught', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-anchor-cli-'));
  try {
    const env = { GONGKAI_DATA_DIR: dir };
    let io = capture(env);
    assert.equal(await main(['migrate'], io), 0);
    io = capture(env);
    assert.equal(await main(['audit', 'anchor'], io), 0);
    const anchor = io.stdout[0]!;
    assert.match(anchor, /^GKAUDIT1 seq=\d+ /);
    io = capture(env);
    assert.equal(await main(['audit', 'verify', '--anchor', anchor], io), 0, io.stderr.join(''));
    assert.match(io.stdout.join(''), /审计日志与锚点相符/);
    io = capture(env);
    assert.equal(await main(['audit', 'verify', '--anchor', 'GKAUDIT1 seq=1'], io), 1);
    assert.match(io.stderr.join(''), /锚点格式无效/);

    // Delete the anchored entry and put the head back on the one before: plain verify passes, the anchor fails.
    const seq = Number(/seq=(\d+)/.exec(anchor)![1]);
    const db = new SQLite(path.join(dir, 'gongkai.db'));
    db.prepare('delete from audit_log where seq >= ?').run(seq);
    const last = db.prepare('select seq, hash from audit_log order by seq desc limit 1').get() as { seq: number; hash: string };
    db.prepare('update audit_head set last_seq = ?, last_hash = ? where id = 1').run(last.seq, last.hash);
    db.close();
    io = capture(env);
    assert.equal(await main(['audit', 'verify'], io), 0, 'the plain chain cannot tell');
    io = capture(env);
    assert.equal(await main(['audit', 'verify', '--anchor', anchor], io), 1);
    assert.match(io.stderr.join(''), /审计日志与锚点不符：.*截断/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
