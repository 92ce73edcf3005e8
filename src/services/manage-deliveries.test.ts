import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { fixedClock } from '../../test/clock.ts';
import { testServices } from '../../test/services.ts';
import { chinaDayStartAt, defaultChannelsForCategory, weekOf } from './manage-deliveries.ts';
import { actorOf } from './sign-in.ts';
import type { Actor } from './ports.ts';
import { publishItem } from '../../test/publish-item.ts';

const ID = '43128119900307121X';

test('weeks run Monday to Sunday; China days start at 16:00 UTC the day before', () => {
  assert.deepEqual(weekOf('2026-11-26'), { startOn: '2026-11-23', endOn: '2026-11-29' });
  assert.deepEqual(weekOf('2026-11-23'), { startOn: '2026-11-23', endOn: '2026-11-29' });
  assert.deepEqual(weekOf('2026-11-29'), { startOn: '2026-11-23', endOn: '2026-11-29' });
  assert.deepEqual(weekOf('2027-01-01'), { startOn: '2026-12-28', endOn: '2027-01-03' });
  assert.equal(chinaDayStartAt('2027-01-01'), '2026-12-31T16:00:00.000Z');
  assert.deepEqual(defaultChannelsForCategory('civil_affairs_poverty_relief'), ['wechat', 'weibo', 'sms', 'email']);
  assert.deepEqual(defaultChannelsForCategory('organisation'), ['wechat', 'weibo', 'email']);
});

describeEachDialect('deliveries', (ctx) => {
  const clock = fixedClock('2026-11-26T02:00:00.000Z');
  let s: ReturnType<typeof testServices>;
  const actors: Record<string, Actor> = {};
  let townId = 0;
  let villageId = 0;

  const publish = (agencyId: number, overrides: Record<string, unknown> = {}) => publishItem(s, actors, agencyId, overrides);

  test('setup: demo organisation', async () => {
    s = testServices(ctx.db, clock);
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
    for (const login of ['editor', 'reviewer', 'approver', 'officer', 'admin']) actors[login] = actorOf((await s.deps.uow.read.users.findByLogin(login))!);
    const agencies = await s.agencies.all();
    townId = agencies.find((a) => a.name === '黔城镇人民政府')!.id;
    villageId = agencies.find((a) => a.parentId === townId && a.kind.includes('village'))?.id ?? agencies.find((a) => a.parentId === townId)!.id;
  });

  test('channel settings: validated, audited, inherited by villages; secrets stored but never shown back', async () => {
    await assert.rejects(s.deliveries.saveChannelSettings(actors.officer!, townId, 'sms', { config: { provider: 'webhook' } }), /权限/);
    await assert.rejects(s.deliveries.saveChannelSettings(actors.admin!, townId, 'fax', {}), /未知的渠道/);
    await assert.rejects(s.deliveries.saveChannelSettings(actors.admin!, townId, 'sms', { config: { provider: 'carrier-pigeon' } }), /提交的内容有误/);
    await assert.rejects(s.deliveries.saveChannelSettings(actors.admin!, townId, 'sms', { config: { provider: 'webhook' }, secrets: { password: 'x' } }), /未知的密钥项/);
    const saved = await s.deliveries.saveChannelSettings(actors.admin!, townId, 'sms', {
      config: { provider: 'webhook', url: 'http://127.0.0.1:9/sms', subscribers: ['13800000001', '13800000002'], templates: { item_published: { code: 'T1', text: '${agencyName}发布${title}' } } },
      secrets: { webhookSecret: 'hush-hush-webhook' },
    });
    assert.deepEqual(saved.secretsSet, ['webhookSecret']);
    assert.ok(!JSON.stringify(saved).includes('hush-hush'));
    await s.deliveries.saveChannelSettings(actors.admin!, townId, 'wechat', { config: { appId: 'wx123', thumbMediaId: 'THUMB' }, secrets: { appSecret: 'app-secret-value' } });
    await s.deliveries.saveChannelSettings(actors.admin!, townId, 'weibo', { config: { accountName: '黔城发布' } });
    // An empty secret keeps the stored one.
    await s.deliveries.saveChannelSettings(actors.admin!, townId, 'sms', {
      config: { provider: 'webhook', url: 'http://127.0.0.1:9/sms', subscribers: ['13800000001', '13800000002'], templates: { item_published: { code: 'T1', text: '${agencyName}发布${title}' } } },
      secrets: { webhookSecret: '' },
    });
    assert.equal((await s.deps.uow.read.channelSettings.get(townId, 'sms'))?.secrets.webhookSecret, 'hush-hush-webhook');
    const views = await s.deliveries.channelSettings(actors.admin!, villageId);
    assert.deepEqual(views.map((v) => [v.channel, v.inheritedFrom]), [['wechat', townId], ['weibo', townId], ['sms', townId]]);
    assert.ok(!JSON.stringify(views).includes('app-secret-value') && !JSON.stringify(views).includes('hush-hush'));
    const audit = await s.deps.uow.read.audit.forEntity('channel_settings', `${townId}:sms`);
    assert.equal(audit.length, 2);
    assert.ok(!JSON.stringify(audit).includes('hush-hush'), 'the audit names secrets, never their values');
    assert.match(audit.at(-1)!.change, /"secretsChanged":\["webhookSecret"\]/, 'first save set the secret');
    assert.match(audit[0]!.change, /"secretsChanged":\[\]/, 'an empty secret changed nothing');
  });

  test('publication queues WeChat, Weibo and SMS deliveries in the publishing transaction, with the masked text', async () => {
    const itemId = await publish(villageId, { summary: `张三，身份证号 ${ID}，补贴 1200 元。`, categoryCode: 'civil_affairs_poverty_relief', clause: null, genre: 'notice' });
    const { items } = await s.deliveries.list(actors.officer!, { itemId });
    assert.deepEqual(items.map((d) => `${d.channel}:${d.recipient}:${d.status}`).sort(), ['sms:13800000001:queued', 'sms:13800000002:queued', 'wechat:微信公众号:queued', 'weibo:黔城发布:queued'].sort());
    for (const d of items) {
      assert.equal(d.agencyId, villageId);
      assert.equal(d.payload.itemPath, `/xxgk/items/${itemId}`);
      assert.ok(!JSON.stringify(d.payload).includes(ID), 'the ID number never leaves in a message');
      assert.match(d.idempotencyKey, new RegExp(`^item:${itemId}:v1:`));
    }
    const { events } = await s.deliveries.get(actors.officer!, items[0]!.id);
    assert.deepEqual(events.map((e) => e.type), ['queued']);
    // A category outside the SMS defaults reaches only WeChat and Weibo.
    const other = await publish(townId, { title: '黔城镇机构职能', categoryCode: 'organisation', clause: null, genre: 'notice', summary: '机构职能。' });
    assert.deepEqual((await s.deliveries.list(actors.officer!, { itemId: other })).items.map((d) => d.channel).sort(), ['wechat', 'weibo']);
    // An editor of the town sees them; nobody outside the town's tree does.
    await assert.rejects(s.deliveries.list({ userId: 999, label: '外人', grants: [] }), /权限/);
  });

  test('request notices go through the same queue', async () => {
    const submitted = await s.requests.submitOnline({
      agencyId: townId,
      applicant: { type: 'natural_person', name: '张晓梅', identity: { kind: '居民身份证', number: '431281199003071228' }, contact: { email: 'zhangxm@example.com', phone: '13800000000', address: '黔城镇' } },
      informationSought: { description: '2025年农村危房改造补助对象名单' },
      formWanted: 'electronic',
      deliveryMethod: 'email',
    });
    const request = await s.deps.uow.read.requests.findByTrackingNumber(submitted.trackingNumber);
    const { items } = await s.deliveries.list(actors.officer!, { requestId: request!.request.id });
    assert.ok(items.length >= 1);
    assert.ok(items.every((d) => d.channel === 'email' && d.recipient === 'zhangxm@example.com' && d.status === 'queued' && d.idempotencyKey.startsWith('request-notice:')));
    assert.ok(!JSON.stringify(items).includes(submitted.queryCode), 'the query code is never sent');
    assert.deepEqual((await s.deps.uow.read.outbox.forRequest(request!.request.id)).map((m) => m.status), items.map(() => 'queued'));
  });

  test('an applicant’s contact and name in the delivery log are masked for those who may not read the request (an editor), shown to its handlers', async () => {
    const submitted = await s.requests.submitOnline({
      agencyId: townId,
      applicant: { type: 'natural_person', name: '欧阳春燕', identity: { kind: '居民身份证', number: '11010519491231002X' }, contact: { email: 'ouyangcy@example.com', phone: '13912345678', address: '黔城镇' } },
      informationSought: { description: '2025年低保对象名单' },
      formWanted: 'electronic',
      deliveryMethod: 'email',
    });
    const requestId = (await s.deps.uow.read.requests.findByTrackingNumber(submitted.trackingNumber))!.request.id;
    const [notice] = (await s.deliveries.list(actors.officer!, { requestId })).items;
    assert.ok(notice);
    // The provider's refusal quotes the address, as SMTP servers do.
    const at = clock.now().toISOString();
    const refusal = '550 5.1.1 <ouyangcy@example.com>: Recipient address rejected (欧阳春燕, 13912345678)';
    await s.deps.uow.transaction(async (r) => {
      await r.deliveryQueue.transition(notice.id, { statuses: ['queued'] }, { status: 'failed', lastError: refusal, updatedAt: at });
      await r.deliveryQueue.appendEvent(notice.id, 'failed', refusal, at);
    });
    const personal = ['ouyangcy@example.com', '欧阳春燕', '13912345678'];
    const editorList = (await s.deliveries.list(actors.editor!, { requestId })).items;
    const editorView = await s.deliveries.get(actors.editor!, notice.id);
    for (const seen of [JSON.stringify(editorList), JSON.stringify(editorView)]) {
      for (const p of personal) assert.ok(!seen.includes(p), `the editor does not see ${p}`);
    }
    assert.equal(editorList[0]!.recipient, 'o***@example.com', 'masked, still recognisable as an address');
    assert.equal(editorList[0]!.payload.trackingNumber, submitted.trackingNumber, 'the tracking number still names the request');
    for (const handler of [actors.officer!, actors.approver!]) {
      const full = await s.deliveries.get(handler, notice.id);
      assert.equal(full.delivery.recipient, 'ouyangcy@example.com');
      assert.equal(full.delivery.lastError, refusal);
      assert.equal(full.delivery.payload.applicantName, '欧阳春燕');
    }
  });

  test('staff cancel and retry with an audit entry; a sent message cannot be cancelled', async () => {
    const { items } = await s.deliveries.list(actors.officer!, { channel: 'weibo' });
    const d = items[0]!;
    await assert.rejects(s.deliveries.retry(actors.officer!, d.id), /只有发送失败或已取消/);
    await assert.rejects(s.deliveries.cancel(actors.editor!, d.id), /权限/);
    assert.equal((await s.deliveries.cancel(actors.officer!, d.id)).status, 'cancelled');
    const retried = await s.deliveries.retry(actors.officer!, d.id);
    assert.equal(retried.status, 'queued');
    assert.equal(retried.attempts, 0);
    const { events } = await s.deliveries.get(actors.officer!, d.id);
    assert.deepEqual(events.map((e) => e.type), ['queued', 'cancelled', 'retried']);
    assert.deepEqual((await s.deps.uow.read.audit.forEntity('delivery', d.id)).map((e) => e.action).reverse(), ['cancel', 'retry']);
    await s.deps.uow.transaction((r) => r.deliveryQueue.transition(d.id, { statuses: ['queued'] }, { status: 'sent', sentAt: clock.now().toISOString(), updatedAt: clock.now().toISOString() }));
    await assert.rejects(s.deliveries.cancel(actors.officer!, d.id), /不能取消/);

    // One-time links in a subscription e-mail are not kept once it is sent.
    const at = clock.now().toISOString();
    const linkId = await s.deps.uow.transaction(async (r) => {
      const id = (await r.deliveryQueue.enqueue({ agencyId: d.agencyId, channel: 'email', recipient: 'li@example.com', template: 'subscription_confirm', payload: { agencyName: '黔城镇', confirmPath: '/subscriptions/confirm?token=T' }, idempotencyKey: 'token-scrub-test', at }))!;
      await r.deliveryQueue.transition(id, { statuses: ['queued'] }, { status: 'sent', sentAt: at, updatedAt: at });
      return id;
    });
    assert.deepEqual((await s.deps.uow.read.deliveryQueue.find(linkId))?.payload, { agencyName: '黔城镇' });
  });

  test('counts per channel and year, by the China calendar; the report demo rows count too', async () => {
    const q = s.deps.uow.read.deliveryQueue;
    const at = (iso: string) => s.deps.uow.transaction(async (r) => {
      const id = (await r.deliveryQueue.enqueue({ agencyId: villageId, channel: 'sms', recipient: '13900000000', template: 't', payload: {}, idempotencyKey: `count:${iso}`, at: iso }))!;
      await r.deliveryQueue.transition(id, { statuses: ['queued'] }, { status: 'sent', sentAt: iso, updatedAt: iso });
    });
    await at('2025-12-31T15:59:59.000Z'); // 2025-12-31 23:59:59 in Beijing
    await at('2025-12-31T16:00:00.000Z'); // 2026-01-01 00:00 in Beijing
    await at('2026-12-31T15:59:59.000Z');
    await at('2026-12-31T16:00:00.000Z'); // 2027
    await ctx.db.insertInto('deliveries').values({ agency_id: townId, channel: 'sms', item_id: null, request_id: null, recipient: '13700000000', status: 'sent', sent_at: '2026-06-01T01:00:00.000Z', created_at: '2026-06-01T01:00:00.000Z' }).execute();
    const y2026 = await s.deliveries.counts(actors.officer!, { fromOn: '2026-01-01', toOn: '2026-12-31' });
    const sms = y2026.find((c) => c.channel === 'sms')!;
    assert.equal(sms.sent, 3 + 0, 'two at the year boundaries and the demo row');
    assert.equal(sms.label, '短信消息');
    assert.equal(sms.pending, 2, 'the two SMS queued on publication');
    assert.equal(y2026.find((c) => c.channel === 'weibo')!.sent, 1);
    const village2026 = await s.deliveries.counts('system', { fromOn: '2026-01-01', toOn: '2026-12-31', agencyId: villageId });
    assert.equal(village2026.find((c) => c.channel === 'sms')!.sent, 2);
    assert.equal((await s.deliveries.counts('system', { fromOn: '2027-01-01', toOn: '2027-12-31' })).find((c) => c.channel === 'sms')!.sent, 1);
    assert.equal(await q.countSentTo('sms', '13900000000', '2026-01-01T00:00:00.000Z'), 2);
  });

  test('weekly check: an enabled account with nothing sent for a week is flagged (一周一更新)', async () => {
    // The town's Weibo post above was marked sent today; WeChat has sent nothing.
    let stale = await s.deliveries.staleChannels('system');
    assert.deepEqual(stale.map((x) => x.channel), ['wechat']);
    assert.match(stale[0]!.message, /黔城镇人民政府微信公众号尚无发布记录（应一周一更新）/);
    clock.set('2026-12-04T02:00:00.000Z');
    stale = await s.deliveries.staleChannels('system');
    assert.deepEqual(stale.map((x) => x.channel).sort(), ['wechat', 'weibo']);
    assert.match(stale.find((x) => x.channel === 'weibo')!.message, /自 2026-11-26 起已超过一周未更新/);
    clock.set('2026-11-26T02:00:00.000Z');
  });

  test('notice board: the week’s sheet of a village, printing recorded once as a delivery', async () => {
    const sheet = await s.deliveries.noticeBoardSheet(actors.officer!, villageId, '2026-11-26');
    assert.equal(sheet.weekStartOn, '2026-11-23');
    assert.equal(sheet.items.length, 1);
    assert.ok(!sheet.items[0]!.summary.includes(ID));
    assert.equal(sheet.printedAt, null);
    const printed = await s.deliveries.recordNoticeBoardPrinted(actors.officer!, villageId, '2026-11-27');
    assert.equal(printed.status, 'sent');
    assert.equal(printed.channel, 'notice_board');
    await assert.rejects(s.deliveries.recordNoticeBoardPrinted(actors.officer!, villageId, '2026-11-23'), /已登记打印/);
    await assert.rejects(s.deliveries.recordNoticeBoardPrinted(actors.officer!, villageId, '2026-11-16'), /没有新公开的信息/);
    assert.ok((await s.deliveries.noticeBoardSheet(actors.officer!, villageId, '2026-11-24')).printedAt);
    const counts = await s.deliveries.counts('system', { fromOn: '2026-11-01', toOn: '2026-11-30' });
    assert.equal(counts.find((c) => c.channel === 'notice_board')!.sent, 1);
    assert.equal(counts.find((c) => c.channel === 'notice_board')!.measure, '期');
  });
});
