/**
 * `gongkai import` against a live embedded database: a second process (the portal, taking an online
 * application every few milliseconds) writes to the same SQLite file while the real command, spawned
 * as its own process, imports a ledger. Both must finish without “database is locked”: write
 * transactions start as BEGIN IMMEDIATE and wait (busy timeout) instead of failing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main, type Io } from './main.ts';

function quietIo(env: Record<string, string>): Io {
  return { out: () => {}, err: () => {}, env };
}

/** The portal's writes, as a child process: online applications in a loop until stdin closes. */
const WRITER = `
import { loadConfig } from './src/config.ts';
import { openApplication } from './src/main.ts';
const app = await openApplication(loadConfig(), { migrate: false });
const agency = (await app.services.agencies.all()).find((a) => a.name === '黔城镇人民政府');
let ok = 0;
const errors = [];
let stop = false;
process.stdin.on('end', () => { stop = true; });
process.stdin.resume();
process.stdout.write('ready\\n');
while (!stop) {
  try {
    await app.services.requests.submitOnline({ agencyId: agency.id, applicant: { type: 'natural_person', name: '测试' + ok, identity: { kind: '居民身份证', number: '431281199003071228' }, contact: { phone: '13800000000', email: '', address: '', postcode: '' }, representative: '' }, informationSought: { description: '并发写入测试 ' + ok, documentNumber: '' }, formWanted: 'electronic', deliveryMethod: 'online', needsAssistance: false });
    ok += 1;
  } catch (e) {
    errors.push(String(e && e.message));
  }
  await new Promise((r) => setTimeout(r, 5));
}
await app.close();
process.stdout.write(JSON.stringify({ ok, errors: errors.slice(0, 5), errorCount: errors.length }) + '\\n');
`;

function run(args: string[], env: NodeJS.ProcessEnv, stdin?: 'pipe'): { child: ReturnType<typeof spawn>; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, args, { env, cwd: process.cwd(), stdio: [stdin ?? 'ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

test('gongkai import (a spawned process) beside a process taking online applications on the same SQLite file: neither fails with “database is locked”', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-import-live-'));
  try {
    const base = { GONGKAI_DATA_DIR: dir, GONGKAI_ADMIN_PASSWORD: 'Qiancheng-Root#2026', NODE_ENV: 'test' };
    assert.equal(await main(['migrate'], quietIo(base)), 0);
    assert.equal(await main(['demo'], quietIo(base)), 0);
    const rows = Array.from({ length: 400 }, (_, i) => `2025-L${String(i).padStart(4, '0')},自然人,申请人${i},,1380000${String(i).padStart(4, '0')},当面提交,2025-03-03,台账导入测试 ${i},予以公开,,2025-03-10`);
    const csv = path.join(dir, 'requests.csv');
    writeFileSync(csv, `\ufeff申请编号,申请人类型,申请人姓名或名称,证件号码,联系电话,申请渠道,收到申请日期,申请内容,办理结果,不予公开部分的依据,答复日期\r\n${rows.join('\r\n')}\r\n`);
    const env = { ...process.env, ...base };

    const writer = run(['--import', 'tsx', '--input-type=module', '-e', WRITER], env, 'pipe');
    await new Promise<void>((resolve, reject) => {
      writer.child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      writer.child.on('close', () => void writer.done.then((r) => reject(new Error(`the writer stopped early: ${r.stderr}`))));
    });
    // Several imports, so that some surely overlap the writer's commits.
    const outcomes = [];
    for (let round = 0; round < 3; round += 1) {
      writeFileSync(csv, `\ufeff申请编号,申请人类型,申请人姓名或名称,证件号码,联系电话,申请渠道,收到申请日期,申请内容,办理结果,不予公开部分的依据,答复日期\r\n${rows.map((r) => r.replace('2025-L', `2025-R${round}L`)).join('\r\n')}\r\n`);
      outcomes.push(await run(['bin/gongkai.js', 'import', 'requests', csv, '--agency', '黔城镇人民政府'], env).done);
    }
    writer.child.stdin!.end();
    const w = await writer.done;
    for (const [i, o] of outcomes.entries()) {
      assert.doesNotMatch(o.stderr, /locked|busy/i, `import ${i}: ${o.stderr}`);
      assert.equal(o.code, 0, `import ${i}: ${o.stderr}${o.stdout}`);
      assert.match(o.stdout, /已导入 400 行/);
    }
    assert.equal(w.code, 0, w.stderr);
    const summary = JSON.parse(w.stdout.trim().split('\n').pop()!) as { ok: number; errors: string[]; errorCount: number };
    assert.deepEqual(summary.errors, [], `the writer’s errors (${summary.errorCount})`);
    assert.ok(summary.ok > 5, `the writer kept writing during the imports (${summary.ok} applications)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
