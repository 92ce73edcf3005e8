import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createEmptyDatabase, describeEachDialect } from '../../test/databases.ts';
import { testServices } from '../../test/services.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { actorOf } from './sign-in.ts';
import type { AgencyBackup } from './backup-agency.ts';
import type { Actor } from './ports.ts';

const OTHER_KEY = 'a'.repeat(64);

describeEachDialect('agency backups are signed (HMAC under the secret key)', (ctx) => {
  let s: ReturnType<typeof testServices>;
  let admin: Actor;
  let backup: AgencyBackup;

  test('setup', async () => {
    s = testServices(ctx.db);
    await s.initialise({ demo: false, adminPassword: 'Qiancheng-Root#2026' });
    admin = actorOf((await s.deps.uow.read.users.findByLogin('admin'))!);
    const root = (await s.agencies.all())[0]!;
    backup = await s.backup.backup(admin, root.id);
    assert.match(backup.mac, /^[0-9a-f]{64}$/);
  });

  /** Restores a (changed) copy of the backup into a fresh empty database, with services under `secretKey`. */
  async function restoreInto(copy: unknown, options: { secretKey?: string; acceptUnverified?: boolean } = {}) {
    const target = await createEmptyDatabase(ctx.dialect);
    try {
      await migrateToLatest(target.db);
      const t = testServices(target.db, undefined, { secretKey: options.secretKey });
      const result = await t.backup.restore(admin, copy, { acceptUnverified: options.acceptUnverified });
      const entry = (await t.deps.uow.read.audit.forEntity('backup', backup.agency.id))[0];
      return { result, change: JSON.parse(entry!.change) as Record<string, unknown> };
    } finally {
      await target.drop();
    }
  }
  const copy = () => JSON.parse(JSON.stringify(backup)) as AgencyBackup;
  /** What someone with write access but without the key does: change the data and recompute the plain content hash. */
  const rewritten = () => {
    const b = copy();
    (b.tables.agencies![0] as Record<string, unknown>).name = '被改名的人民政府';
    b.contentHash = createHash('sha256').update(JSON.stringify({ tables: b.tables, files: b.files })).digest('hex');
    return b;
  };

  test('a valid backup restores, and the audit entry says its MAC was verified', async () => {
    const { result, change } = await restoreInto(copy());
    assert.equal(result.macVerified, true);
    assert.equal(change.macVerified, true);
  });

  test('a rewritten and re-hashed backup is refused in Chinese; so is a forged header, a missing MAC and another key', async () => {
    await assert.rejects(restoreInto(rewritten()), /签名（校验码）与本系统的密钥不符/);
    const header = copy();
    header.containsPasswordHashes = false;
    await assert.rejects(restoreInto(header), /签名（校验码）与本系统的密钥不符/);
    const unsigned = copy() as Partial<AgencyBackup>;
    delete unsigned.mac;
    await assert.rejects(restoreInto(unsigned), /备份文件没有签名/);
    await assert.rejects(restoreInto(copy(), { secretKey: OTHER_KEY }), /另一个密钥/);
  });

  test('the explicit override restores an unverified backup and the audit log records it', async () => {
    const { result, change } = await restoreInto(copy(), { secretKey: OTHER_KEY, acceptUnverified: true });
    assert.equal(result.macVerified, false);
    assert.equal(change.macVerified, false);
    assert.equal(change.unverifiedAccepted, true);
    // The override skips the signature only: a damaged file is still refused.
    const damaged = copy();
    (damaged.tables.agencies![0] as Record<string, unknown>).name = '损坏';
    await assert.rejects(restoreInto(damaged, { acceptUnverified: true }), /内容与其摘要不符/);
  });
});
