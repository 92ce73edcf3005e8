import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { fixedClock } from '../../test/clock.ts';
import { testServices } from '../../test/services.ts';
import { actorOf } from '../services/sign-in.ts';
import { createScheduledJobs } from './scheduled-jobs.ts';

describeEachDialect('scheduled jobs', (ctx) => {
  test('a scheduled item is published by the scheduler when its time comes, and audited as such', async () => {
    const clock = fixedClock('2026-11-26T02:00:00.000Z');
    const s = testServices(ctx.db, clock);
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
    const who = async (login: string) => actorOf((await s.deps.uow.read.users.findByLogin(login))!);
    const town = (await s.agencies.all()).find((a) => a.name === '黔城镇人民政府')!;
    const item = await s.items.create(await who('editor'), town.id, { title: '定时发布测试', summary: '概述', formedOn: '2026-11-25', categoryCode: 'general_affairs', genre: 'notice', bodyHtml: '<p>正文</p>', disclosure: { attribute: 'proactive' } });
    const id = Number(item.id);
    await s.items.submit(await who('editor'), id);
    await s.items.passReview(await who('reviewer'), id);
    await s.items.approve(await who('approver'), id);
    await s.items.schedule(await who('editor'), id, '2026-11-26T03:00:00.000Z');
    const jobs = createScheduledJobs(s);
    assert.deepEqual((await jobs.runOnce()).published, [], 'not before its time');
    assert.equal(await s.items.publicItem(id), undefined);
    clock.advance(2 * 3_600_000);
    assert.deepEqual((await jobs.runOnce()).published, [id]);
    assert.equal((await s.items.publicItem(id))?.item.status, 'published');
    const audit = await s.deps.uow.read.audit.forEntity('item', id);
    assert.equal(audit[0]!.action, 'publish_scheduled');
    assert.equal(audit[0]!.actorLabel, '定时发布');
    assert.deepEqual((await jobs.runOnce()).published, [], 'a second pass publishes nothing twice');
  });
});

describeEachDialect('scheduled 一周一更新 check', (ctx) => {
  test('runs once a China day, stores its finding (audited) for the office dashboard, and clears when the channel is updated', async () => {
    const clock = fixedClock('2026-11-26T02:00:00.000Z');
    const s = testServices(ctx.db, clock);
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
    const who = async (login: string) => actorOf((await s.deps.uow.read.users.findByLogin(login))!);
    const agencies = await s.agencies.all();
    const town = agencies.find((a) => a.name === '黔城镇人民政府')!;
    const village = agencies.find((a) => a.parentId === town.id && a.kind.includes('village'))!;
    await s.deliveries.saveChannelSettings(await who('admin'), town.id, 'wechat', { config: { appId: 'wx1234567890abcdef' }, secrets: { appSecret: 'x-app-secret' } });
    await s.deliveries.saveChannelSettings(await who('admin'), village.id, 'notice_board', { config: { boardName: '村公开栏' } });
    const jobs = createScheduledJobs(s);
    const officer = await who('officer');

    assert.equal((await s.dashboard(officer)).staleCheckedAt, null, 'nothing before the first check');
    assert.equal((await jobs.runOnce()).staleChecked, true);
    const dashboard = await s.dashboard(officer);
    assert.equal(dashboard.staleCheckedAt, '2026-11-26T02:00:00.000Z');
    assert.equal(dashboard.units.find((u) => u.agency.id === town.id)?.channelsStale, 1, 'the town’s WeChat account');
    assert.equal(dashboard.units.find((u) => u.agency.id === village.id)?.channelsStale, 1, 'the village’s notice board is listed as its own unit');
    const check = await s.deliveries.lastStaleCheck(officer, { agencyId: village.id });
    assert.deepEqual(check?.findings.map((f) => [f.agencyName, f.channel]), [[village.name, 'notice_board']], 'filtered to one unit');
    assert.deepEqual((await s.deps.uow.read.audit.forEntity('channel_check', '2026-11-26')).map((e) => [e.action, e.actorLabel]), [['stale_check', '定时检查（一周一更新）']]);

    clock.advance(3_600_000);
    assert.equal((await jobs.runOnce()).staleChecked, false, 'not twice the same day');
    // WeChat posts something: the next day's check no longer lists it.
    await s.deps.uow.transaction(async (r) => {
      const at = clock.now().toISOString();
      await r.deliveryQueue.enqueue({ agencyId: town.id, channel: 'wechat', recipient: '黔城发布', template: 'item_published', payload: {}, idempotencyKey: 'stale-test', status: 'sent', sentAt: at, at });
    });
    clock.set('2026-11-26T16:30:00.000Z'); // 00:30 on 27 November in Beijing
    assert.equal((await jobs.runOnce()).staleChecked, true, 'a new China day');
    const next = await s.dashboard(officer);
    assert.equal(next.units.find((u) => u.agency.id === town.id)?.channelsStale ?? 0, 0);
    assert.equal(next.units.find((u) => u.agency.id === village.id)?.channelsStale, 1);
    // Staff who may act on deliveries can check at once; an editor may not.
    await assert.rejects(s.deliveries.checkStaleChannels(await who('editor')), /权限/);
    assert.equal((await s.deliveries.checkStaleChannels(officer)).findings.length, 1);
    // A village whose board has not been printed this month is flagged; printing its sheet clears the flag (the town has no board of its own).
    await ctx.db.deleteFrom('delivery_events').where('delivery_id', 'in', ctx.db.selectFrom('deliveries').select('id').where('agency_id', '=', village.id).where('channel', '=', 'notice_board')).execute();
    await ctx.db.deleteFrom('deliveries').where('agency_id', '=', village.id).where('channel', '=', 'notice_board').execute();
    assert.equal(next.units.find((u) => u.agency.id === village.id)?.noticeBoardUnprinted, 1);
    assert.equal(next.units.find((u) => u.agency.id === town.id)?.noticeBoardUnprinted, 0);
    await s.deps.uow.transaction(async (r) => {
      const at = clock.now().toISOString();
      await r.deliveryQueue.enqueue({ agencyId: village.id, channel: 'notice_board', recipient: '村公开栏', template: 'notice_board_sheet', payload: {}, idempotencyKey: 'board-test', status: 'sent', sentAt: at, at });
    });
    assert.equal((await s.dashboard(officer)).units.find((u) => u.agency.id === village.id)?.noticeBoardUnprinted, 0);
  });
});
