import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { testServices } from '../../test/services.ts';
import { createChannelSettingsRepository } from '../storage/channel-settings-repository.ts';
import { createSecretBox } from '../storage/secret-box.ts';
import { actorOf } from './sign-in.ts';

describeEachDialect('channel secrets sealed under another key', (ctx) => {
  test('a save that would overwrite unreadable secrets with nothing is refused until every secret is typed again', async () => {
    const s = testServices(ctx.db);
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
    const admin = actorOf((await s.deps.uow.read.users.findByLogin('admin'))!);
    const town = (await s.agencies.all()).find((a) => a.name === '黔城镇人民政府')!;
    // Another server (another GONGKAI_SECRET_KEY) saved the account.
    await createChannelSettingsRepository(ctx.db, createSecretBox(Buffer.alloc(32, 9))).save({
      agencyId: town.id, channel: 'wechat', enabled: true, config: { appId: 'wx1234567890abcdef' }, secrets: { appSecret: 'sealed-elsewhere' }, updatedAt: '2026-11-26T02:00:00.000Z',
    });
    const sealed = () => ctx.db.selectFrom('channel_settings').select('secrets').where('agency_id', '=', town.id).where('channel', '=', 'wechat').executeTakeFirstOrThrow();
    const before = (await sealed()).secrets;
    await assert.rejects(
      s.deliveries.saveChannelSettings(admin, town.id, 'wechat', { enabled: 'on', config: { appId: 'wx1234567890abcdef' }, secrets: {} }),
      /请重新填写全部密钥/,
    );
    assert.equal((await sealed()).secrets, before, 'nothing overwritten');
    await s.deliveries.saveChannelSettings(admin, town.id, 'wechat', { enabled: 'on', config: { appId: 'wx1234567890abcdef' }, secrets: { appSecret: 'typed-again' } });
    assert.deepEqual((await s.deps.uow.read.channelSettings.get(town.id, 'wechat'))?.secrets, { appSecret: 'typed-again' });
  });
});
