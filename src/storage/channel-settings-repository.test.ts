import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describeEachDialect } from '../../test/databases.ts';
import { createChannelSettingsRepository } from './channel-settings-repository.ts';
import { createSecretBox, machineSecretKey, parseSecretKey, SecretKeyMismatchError } from './secret-box.ts';

const execFileAsync = promisify(execFile);
const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 9);
const AT = '2026-11-26T02:00:00.000Z';

test('a sealed secret opens only with the same key and the same row', () => {
  const box = createSecretBox(KEY);
  const sealed = box.seal('{"appSecret":"s3cret-value"}', 'channel_settings:1:wechat');
  assert.ok(!sealed.includes('s3cret-value'));
  assert.notEqual(sealed, box.seal('{"appSecret":"s3cret-value"}', 'channel_settings:1:wechat'), 'a fresh IV each time');
  assert.equal(box.open(sealed, 'channel_settings:1:wechat'), '{"appSecret":"s3cret-value"}');
  assert.throws(() => box.open(sealed, 'channel_settings:2:wechat'), SecretKeyMismatchError, 'copied onto another agency’s row it does not open');
  assert.throws(() => createSecretBox(OTHER_KEY).open(sealed, 'channel_settings:1:wechat'), SecretKeyMismatchError);
  const tampered = JSON.parse(sealed) as { data: string };
  tampered.data = Buffer.from(Buffer.from(tampered.data, 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64');
  assert.throws(() => box.open(JSON.stringify(tampered), 'channel_settings:1:wechat'), SecretKeyMismatchError, 'GCM detects a changed byte');
});

test('GONGKAI_SECRET_KEY is 64 hex digits or base64 of 32 bytes; the machine key file is made once, private, and reused', () => {
  assert.deepEqual(parseSecretKey('07'.repeat(32)), KEY);
  assert.deepEqual(parseSecretKey(KEY.toString('base64')), KEY);
  assert.equal(parseSecretKey('too-short'), undefined);
  assert.equal(parseSecretKey('0'.repeat(63)), undefined);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'gongkai-key-')), 'data', 'secret.key');
  const created: string[] = [];
  const first = machineSecretKey(file, (f) => created.push(f));
  assert.equal(first.length, 32);
  assert.deepEqual(created, [file], 'announced when created');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(machineSecretKey(file, (f) => created.push(f)), first, 'the same key next time');
  assert.equal(created.length, 1);
  assert.match(readFileSync(file, 'utf8'), /^[0-9a-f]{64}\n$/);
  rmSync(path.dirname(path.dirname(file)), { recursive: true, force: true });
});

test('processes starting together agree on one machine key: none reads a half-written file', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'gongkai-key-race-')), 'secret.key');
  const script = `import { machineSecretKey } from ${JSON.stringify(new URL('./secret-box.ts', import.meta.url).href)};
const at = Number(process.argv[2]); while (Date.now() < at) {}
process.stdout.write(Buffer.from(machineSecretKey(process.argv[1])).toString('hex'));`;
  const start = Date.now() + 1500;
  const runs = await Promise.all(
    Array.from({ length: 6 }, () =>
      execFileAsync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, file, String(start)], { cwd: process.cwd() }),
    ),
  );
  const keys = new Set(runs.map((r) => r.stdout));
  assert.equal(keys.size, 1, 'one key for all');
  assert.match([...keys][0]!, /^[0-9a-f]{64}$/);
  assert.equal(readFileSync(file, 'utf8').trim(), [...keys][0]);
  assert.deepEqual(readdirSync(path.dirname(file)), ['secret.key'], 'no draft left behind');
  rmSync(path.dirname(file), { recursive: true, force: true });
});

describeEachDialect('channel settings at rest', (ctx) => {
  async function agencyId(): Promise<number> {
    const row = await ctx.db
      .insertInto('agencies')
      .values({ parent_id: null, path: '/x/', kind: 'town_gov', name: `测试镇${Math.random()}`, short_name: '测试镇', credit_code: null, org_code: null, address: '', postcode: '', phone: '', fax: '', email: '', office_hours: '', disclosure_office: '', sort_order: 0, created_at: AT, updated_at: AT })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db.updateTable('agencies').set({ path: `/${row.id}/` }).where('id', '=', row.id).execute();
    return row.id;
  }

  test('secrets are stored encrypted and read back; a plaintext row from before is read and sealed on its next save', async () => {
    const id = await agencyId();
    const repo = createChannelSettingsRepository(ctx.db, createSecretBox(KEY));
    await repo.save({ agencyId: id, channel: 'wechat', enabled: true, config: { appId: 'wx1234567890' }, secrets: { appSecret: 'wechat-app-secret-42' }, updatedAt: AT });
    const raw = await ctx.db.selectFrom('channel_settings').select(['secrets', 'config']).where('agency_id', '=', id).where('channel', '=', 'wechat').executeTakeFirstOrThrow();
    assert.ok(!raw.secrets.includes('wechat-app-secret-42'), 'not in the database in clear');
    assert.match(raw.secrets, /"alg":"A256GCM"/);
    assert.equal(JSON.parse(raw.config).appId, 'wx1234567890', 'settings stay readable');
    assert.deepEqual((await repo.get(id, 'wechat'))?.secrets, { appSecret: 'wechat-app-secret-42' });

    // A row written before encryption existed.
    await ctx.db.insertInto('channel_settings').values({ agency_id: id, channel: 'sms', enabled: 1, config: '{"provider":"webhook"}', secrets: '{"webhookSecret":"legacy-plain"}', updated_at: AT }).execute();
    const legacy = await repo.get(id, 'sms');
    assert.deepEqual(legacy?.secrets, { webhookSecret: 'legacy-plain' });
    assert.equal(legacy?.secretsUnreadable, undefined);
    await repo.save({ ...legacy!, updatedAt: AT });
    const migrated = await ctx.db.selectFrom('channel_settings').select('secrets').where('agency_id', '=', id).where('channel', '=', 'sms').executeTakeFirstOrThrow();
    assert.ok(!migrated.secrets.includes('legacy-plain'), 'sealed on write');
    assert.deepEqual((await repo.get(id, 'sms'))?.secrets, { webhookSecret: 'legacy-plain' });
  });

  test('under another key the secrets are reported unreadable, not leaked or crashed on; without a key none can be saved', async () => {
    const id = await agencyId();
    await createChannelSettingsRepository(ctx.db, createSecretBox(KEY)).save({ agencyId: id, channel: 'email', enabled: true, config: { host: 'smtp.example.gov.cn' }, secrets: { password: 'smtp-pass' }, updatedAt: AT });
    const other = await createChannelSettingsRepository(ctx.db, createSecretBox(OTHER_KEY)).get(id, 'email');
    assert.deepEqual(other?.secrets, {});
    assert.equal(other?.secretsUnreadable, true);
    assert.equal(other?.config.host, 'smtp.example.gov.cn');
    const keyless = createChannelSettingsRepository(ctx.db);
    assert.equal((await keyless.list([id]))[0]?.secretsUnreadable, true);
    await assert.rejects(keyless.save({ agencyId: id, channel: 'weibo', enabled: true, config: {}, secrets: { accessToken: 't' }, updatedAt: AT }), /未配置加密密钥/);
  });
});
