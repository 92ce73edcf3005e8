// The cost of durable commits on the embedded store: online applications (the portal's
// submitOnline, one transaction each, with its audit entry) in a loop on a SQLite file, with
// `synchronous = FULL` (what openDatabase sets: a 201 means the application is on disk) and with
// the former `synchronous = NORMAL` as the baseline (WAL: the last commits may be lost on power loss).
// Run: node bin/run-ts.js bench/submission-durability.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { openApplication } from '../src/main.ts';

const SUBMISSIONS = 300;

/** A valid resident identity number (GB 11643 check digit) for applicant i: every application from someone else. */
function identityNumber(i: number): string {
  const body = `43128119900101${String(i % 10000).padStart(4, '0')}`.slice(0, 17);
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((t, d, k) => t + Number(d) * weights[k]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

async function measure(synchronous: 'FULL' | 'NORMAL'): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-bench-durability-'));
  try {
    const config = loadConfig({ GONGKAI_DATA_DIR: dir, NODE_ENV: 'test', GONGKAI_DEMO: '0', GONGKAI_ADMIN_PASSWORD: 'Qiancheng-Root#2026' });
    const app = await openApplication(config);
    await app.services.initialise({ demo: false, adminPassword: 'Qiancheng-Root#2026' });
    await sql.raw(`pragma synchronous = ${synchronous}`).execute(app.db);
    const agency = (await app.services.agencies.all())[0]!;
    const input = (i: number) => ({
      agencyId: agency.id,
      applicant: { type: 'natural_person', name: `申请人${i}`, identity: { kind: '居民身份证', number: identityNumber(i) }, contact: { phone: '13800000000', email: '', address: '', postcode: '' }, representative: '' },
      informationSought: { description: `基准测试申请 ${i}`, documentNumber: '' },
      formWanted: 'electronic',
      deliveryMethod: 'online',
      needsAssistance: false,
    });
    for (let i = 0; i < 20; i++) await app.services.requests.submitOnline(input(5000 + i));
    const started = performance.now();
    for (let i = 0; i < SUBMISSIONS; i++) await app.services.requests.submitOnline(input(i));
    const ms = (performance.now() - started) / SUBMISSIONS;
    await app.close();
    return ms;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<{ name: string; lines: string[] }> {
  const normal = await measure('NORMAL');
  const full = await measure('FULL');
  return {
    name: 'Online applications on the embedded store: synchronous FULL vs NORMAL',
    lines: [`${SUBMISSIONS} submissions: NORMAL ${normal.toFixed(2)} ms each, FULL ${full.toFixed(2)} ms each (+${(full - normal).toFixed(2)} ms, ×${(full / normal).toFixed(2)})`],
  };
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const r = await run();
  console.log(`# ${r.name}\n${r.lines.join('\n')}`);
}
