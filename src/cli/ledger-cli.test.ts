import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main, type Io } from './main.ts';

function capture(env: Record<string, string>): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), env: { NODE_ENV: 'test', ...env } };
}

test('gongkai import / export / backup / restore / assess', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-ledger-cli-'));
  const other = mkdtempSync(path.join(tmpdir(), 'gongkai-ledger-cli2-'));
  try {
    // Backups are signed with a key derived from the secret key: the server restored onto has the same one.
    const secretKey = { GONGKAI_SECRET_KEY: '5'.repeat(64) };
    const env = { GONGKAI_DATA_DIR: dir, GONGKAI_ADMIN_PASSWORD: 'Qiancheng-Root#2026', ...secretKey };
    let io = capture(env);
    assert.equal(await main(['migrate'], io), 0);
    for (const cmd of ['import', 'export', 'backup', 'restore', 'assess']) {
      io = capture(env);
      assert.equal(await main([cmd, '--help'], io), 0, cmd);
      assert.match(io.stdout[0]!, /^用法：/);
    }
    io = capture(env);
    assert.equal(await main(['import', 'template', 'requests'], io), 0);
    assert.match(io.stdout.join(''), /收到申请日期（必填）/);
    io = capture(env);
    assert.equal(await main(['demo'], io), 0);

    const csv = path.join(dir, 'items.csv');
    writeFileSync(csv, '\ufeff索引号,信息名称,生成日期,发布日期,主题分类,体裁,内容概述,正文\r\nQC-2025-0001,关于春耕生产的通知,2025-03-03,2025-03-05,综合政务,通知,春耕安排,各村：做好春耕。\r\nQC-2025-0002,坏日期,2025/13/01,2025-03-05,综合政务,通知,,正文\r\n');
    io = capture(env);
    assert.equal(await main(['import', 'items', csv, '--agency', '黔城镇', '--dry-run'], io), 1);
    assert.match(io.stderr.join('\n'), /错误：第 3 行：生成日期“2025\/13\/01”不是有效日期/);
    writeFileSync(csv, readFileSync(csv, 'utf8').split('\r\n').slice(0, 2).join('\r\n') + '\r\n');
    io = capture(env);
    assert.equal(await main(['import', 'items', csv, '--agency', '黔城镇', '--dry-run'], io), 0);
    assert.match(io.stdout.join(''), /可导入 1 行.*试导入/);
    io = capture(env);
    assert.equal(await main(['import', 'items', csv, '--agency', '黔城镇'], io), 0);
    assert.match(io.stdout.join(''), /已导入 1 行/);
    io = capture(env);
    assert.equal(await main(['import', 'items', csv, '--agency', '黔城镇'], io), 0);
    assert.match(io.stdout.join(''), /已导入 0 行，已存在而跳过 1 行/);

    const xlsx = path.join(dir, 'items.xlsx');
    io = capture(env);
    assert.equal(await main(['export', 'items', '--agency', '黔城镇', '--out', xlsx], io), 0);
    assert.match(io.stdout.join(''), /已导出 \d+ 行/);

    const rubric = path.join(dir, 'rubric.json');
    writeFileSync(rubric, JSON.stringify({ name: '2025年度考核', fromOn: '2025-01-01', toOn: '2025-12-31', indicators: [{ indicator: 'on_time_publication_rate', weight: 60, rule: { kind: 'ratio', full: 100, zero: 80 } }, { indicator: 'overdue_requests', weight: 40, rule: { kind: 'deduct', each: 5 } }] }));
    io = capture(env);
    assert.equal(await main(['assess', '--agency', '洪江市人民政府', '--rubric', rubric], io), 0);
    const result = JSON.parse(io.stdout.join('')) as { units: Array<{ rank: number; total: number }> };
    assert.ok(result.units.length >= 1 && result.units[0]!.rank === 1);

    const backup = path.join(dir, 'backup.json');
    io = capture(env);
    assert.equal(await main(['backup', '--agency', '洪江市人民政府', '--out', backup], io), 0);
    assert.match(io.stderr.join(''), /密码哈希/);
    const env2 = { GONGKAI_DATA_DIR: other, ...secretKey };
    io = capture(env2);
    assert.equal(await main(['migrate'], io), 0);
    io = capture(env2);
    assert.equal(await main(['restore', backup], io), 0);
    assert.match(io.stdout.join(''), /已恢复 洪江市人民政府/);
    // The demo's deliveries (the report's channel counts), letters' documents and settings come back too.
    const again = path.join(other, 'again.json');
    io = capture(env2);
    assert.equal(await main(['backup', '--agency', '洪江市人民政府', '--out', again], io), 0);
    const tablesOf = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { tables: Record<string, unknown[]> }).tables;
    const before = tablesOf(backup);
    assert.ok((before.deliveries ?? []).length > 100, 'the demo has its 152 SMS of 2017 among the deliveries');
    assert.deepEqual(tablesOf(again), before);
    io = capture(env2);
    assert.equal(await main(['restore', backup], io), 1);
    assert.match(io.stderr.join(''), /只能恢复到空数据库/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(other, { recursive: true, force: true });
  }
});
