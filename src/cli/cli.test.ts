import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import SQLite from 'better-sqlite3';
import { main, type Io } from './main.ts';

function capture(env: Record<string, string>): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), env: { NODE_ENV: 'test', ...env } };
}

test('gongkai: help, demo, user add, audit verify against GONGKAI_DATA_DIR; tampering is caught', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-cli-'));
  try {
    const env = { GONGKAI_DATA_DIR: dir };
    let io = capture(env);
    assert.equal(await main(['--help'], io), 0);
    assert.match(io.stdout.join('\n'), /serve[\s\S]*migrate[\s\S]*demo[\s\S]*user[\s\S]*audit/);
    assert.match(io.stdout.join('\n'), /GONGKAI_DATA_DIR/);
    for (const cmd of ['serve', 'migrate', 'demo', 'user', 'audit', 'calendar', 'workdays', 'deadline']) {
      io = capture(env);
      assert.equal(await main([cmd, '--help'], io), 0, cmd);
      assert.match(io.stdout[0]!, /^用法：/);
    }

    io = capture(env);
    assert.equal(await main(['migrate'], io), 0);
    io = capture(env);
    assert.equal(await main(['demo'], io), 0);
    assert.match(io.stdout.join('\n'), /admin[\s\S]*officer[\s\S]*editor[\s\S]*reviewer[\s\S]*approver/);
    io = capture(env);
    assert.equal(await main(['demo'], io), 1, 'demo data only goes into an empty database');
    assert.match(io.stderr.join(''), /已有机构/);

    io = capture(env);
    assert.equal(await main(['user', 'add', '--login', 'zhaolei', '--name', '赵磊', '--agency', '黔城镇财政所', '--role', 'editor'], io), 0);
    assert.match(io.stdout.join(''), /已创建用户 zhaolei（黔城镇财政所），一次性密码：[A-Za-z0-9]{16}/);
    io = capture(env);
    assert.equal(await main(['user', 'add', '--login', 'x1', '--name', 'X', '--agency', '不存在的机构', '--role', 'editor'], io), 1);
    assert.match(io.stderr.join(''), /找不到机构/);
    io = capture(env);
    assert.equal(await main(['user', 'add', '--login', 'x1', '--name', 'X', '--agency', '黔城镇', '--role', 'boss'], io), 2);
    assert.match(io.stderr.join(''), /未知的角色：boss/);

    io = capture(env);
    assert.equal(await main(['workdays', 'add', '2024-01-26', '20'], io), 0);
    assert.deepEqual(io.stdout, ['2024-02-28']);
    io = capture(env);
    assert.equal(await main(['workdays', 'check', '2026-02-14'], io), 0);
    assert.deepEqual(JSON.parse(io.stdout[0]!), { date: '2026-02-14', workday: true, kind: 'makeup_workday', holiday: '春节' });
    io = capture(env);
    assert.equal(await main(['workdays', 'check', '2027-03-01'], io), 0);
    assert.deepEqual(JSON.parse(io.stdout[0]!), { date: '2027-03-01', workday: true, kind: 'workday', provisional: true });
    io = { ...capture(env), readStdin: async () => '{"received":"2025-09-22","events":[{"type":"extended"}]}' };
    assert.equal(await main(['deadline'], io), 0);
    const d = JSON.parse((io as ReturnType<typeof capture>).stdout[0]!);
    assert.deepEqual([d.regime, d.due, d.provisional], ['2019', '2025-11-21', false]);
    assert.ok(Array.isArray(d.explanation) && d.explanation.length > 40);
    io = { ...capture(env), readStdin: async () => '{"received":"2025-09-22","events":[{"type":"paused","from":"2025-10-10","to":"2025-10-01"}]}' };
    assert.equal(await main(['deadline'], io), 1);
    assert.match((io as ReturnType<typeof capture>).stderr.join(''), /早于|止/);
    io = { ...capture(env), readStdin: async () => 'not json' };
    assert.equal(await main(['deadline'], io), 2);

    const calFile = path.join(dir, '2027.json');
    writeFileSync(calFile, JSON.stringify({ year: 2027, notices: [{ title: '国务院办公厅关于2027年部分节假日安排的通知', url: 'https://www.gov.cn/2027' }], holidays: [{ name: '元旦', offDays: ['2027-01-01'], makeupWorkdays: [] }], sources: ['测试'] }));
    io = capture(env);
    assert.equal(await main(['calendar', 'import', calFile, '--reason', '通知发布'], io), 0);
    assert.deepEqual(JSON.parse(io.stdout[0]!), { saved: [2027], unchanged: [] });
    io = capture(env);
    assert.equal(await main(['workdays', 'check', '2027-03-01'], io), 0);
    assert.deepEqual(JSON.parse(io.stdout[0]!), { date: '2027-03-01', workday: true, kind: 'workday' });

    io = capture(env);
    assert.equal(await main(['audit', 'verify'], io), 0);
    assert.match(io.stdout.join(''), /审计日志完整：已校验 \d+ 条记录/);

    const db = new SQLite(path.join(dir, 'gongkai.db'));
    db.prepare(`update audit_log set actor_label = '某人' where seq = 3`).run();
    db.close();
    io = capture(env);
    assert.equal(await main(['audit', 'verify'], io), 1);
    assert.match(io.stderr.join(''), /第 3 条审计记录的内容与其哈希不符/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('gongkai: unknown commands and bad configuration get Chinese messages and a non-zero exit', async () => {
  let io = capture({});
  assert.equal(await main(['frobnicate'], io), 2);
  assert.match(io.stderr.join(''), /未知的命令：frobnicate/);
  io = capture({ PORT: 'abc', GONGKAI_DATABASE_URL: 'mysql://x' });
  assert.equal(await main(['migrate'], io), 1);
  const err = io.stderr.join('\n');
  assert.match(err, /配置有误/);
  assert.match(err, /GONGKAI_DATABASE_URL 须以 postgres:\/\/ 开头/);
  assert.match(err, /PORT/);
});

test('the installed bin runs (package.json "bin")', () => {
  const r = spawnSync(process.execPath, ['bin/gongkai.js', 'audit', '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /gongkai audit verify/);
});

test('gongkai scan: JSON findings, --mask, the agency allow-list, and a DOCX read by content', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-scan-'));
  try {
    const env = { GONGKAI_DATA_DIR: dir };
    const text = '补贴名单：张三 身份证 11010519491231002X 电话 13812345678；咨询电话 0745-7731916，邮箱 qcz_xxgk@example.gov.cn';
    let io: Io & { stdout: string[]; stderr: string[] } = { ...capture(env), readStdin: async () => text };
    assert.equal(await main(['scan', '-'], io), 3, 'exit code 3 when a blocking finding is present');
    const findings = JSON.parse((io as ReturnType<typeof capture>).stdout[0]!);
    assert.deepEqual(findings.filter((f: { severity: string }) => f.severity !== 'info').map((f: { kind: string }) => f.kind), ['id_card', 'mobile']);
    assert.deepEqual(Object.keys(findings[0]).sort(), ['end', 'kind', 'masked', 'severity', 'start', 'text']);
    assert.equal(text.slice(findings[0].start, findings[0].end), '11010519491231002X');
    io = { ...capture(env), readStdin: async () => text };
    await main(['scan', '-', '--mask'], io);
    assert.match((io as ReturnType<typeof capture>).stdout[0]!, /110\*{11}002X[\s\S]*138\*{4}5678/);
    io = { ...capture(env), readStdin: async () => '镇政府值班手机 13812345678' };
    assert.equal(await main(['scan', '-', '--allow', '13812345678'], io), 0);
    assert.deepEqual(JSON.parse((io as ReturnType<typeof capture>).stdout[0]!), []);

    const { Document, Packer, Paragraph } = await import('docx');
    const file = path.join(dir, 'renamed.txt');
    writeFileSync(file, await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('秘密★1年'), new Paragraph('会议纪要')] }] })));
    io = capture(env);
    assert.equal(await main(['scan', file], io), 3);
    assert.equal(JSON.parse(io.stdout[0]!)[0].kind, 'secret_marking');
    writeFileSync(file, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    io = capture(env);
    assert.equal(await main(['scan', file], io), 1);
    assert.match(io.stderr.join(''), /无法识别的文件类型/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
