import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEmptyDatabase, describeEachDialect } from '../../test/databases.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { fixedClock } from '../../test/clock.ts';
import { testServices } from '../../test/services.ts';
import { renderMessage } from '../channels/message-templates.ts';
import { maskEmail } from './manage-subscriptions.ts';
import { actorOf } from './sign-in.ts';
import type { Actor, QueuedDelivery } from './ports.ts';
import { publishItem } from '../../test/publish-item.ts';

test('addresses are masked in the audit log and on pages', () => {
  assert.equal(maskEmail('zhang.san@example.com'), 'z***@example.com');
  assert.equal(maskEmail('broken'), '***');
});

describeEachDialect('public email subscriptions', (ctx) => {
  const clock = fixedClock('2026-11-26T02:00:00.000Z');
  let s: ReturnType<typeof testServices>;
  const actors: Record<string, Actor> = {};
  let townId = 0;
  let villageId = 0;

  const publish = (agencyId: number, overrides: Record<string, unknown> = {}) => publishItem(s, actors, agencyId, overrides);

  /** Every queued message to an address, oldest first. */
  async function mailTo(address: string): Promise<QueuedDelivery[]> {
    const { items } = await s.deliveries.list(actors.officer!, { channel: 'email', limit: 1000 });
    return items.filter((d) => d.recipient === address).sort((a, b) => a.id - b.id);
  }

  const tokenOf = (path: unknown): string => new URL(String(path), 'http://x').searchParams.get('token')!;

  test('setup: demo organisation with an email account', async () => {
    s = testServices(ctx.db, clock);
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
    for (const login of ['editor', 'reviewer', 'approver', 'officer', 'admin']) actors[login] = actorOf((await s.deps.uow.read.users.findByLogin(login))!);
    const agencies = await s.agencies.all();
    townId = agencies.find((a) => a.name === '黔城镇人民政府')!.id;
    villageId = agencies.find((a) => a.parentId === townId)!.id;
    assert.equal(await s.subscriptions.available(townId), false);
    await assert.rejects(s.subscriptions.subscribe({ email: 'a@example.com', agencyId: townId }, townId), /暂未开通邮件订阅/);
    await s.deliveries.saveChannelSettings(actors.admin!, townId, 'email', { config: { host: '127.0.0.1', port: 2525, secure: false, from: '黔城镇政务公开 <xxgk@example.gov.cn>' } });
    assert.equal(await s.subscriptions.available(villageId), true, 'a village uses the town account');
  });

  test('bad input: clear Chinese errors, nothing saved', async () => {
    await assert.rejects(s.subscriptions.subscribe({ email: 'not-an-address', agencyId: townId }, townId), (e: Error & { fieldErrors?: Record<string, string> }) => {
      assert.match(e.fieldErrors?.email ?? '', /电子邮箱格式不正确/);
      return true;
    });
    await assert.rejects(s.subscriptions.subscribe({ email: 'a@example.com', agencyId: 999_999 }, townId), /请选择本平台的机构/);
    await assert.rejects(s.subscriptions.subscribe({ email: 'a@example.com', agencyId: townId, categoryCode: 'no_such_category' }, townId), /主题分类无效/);
    assert.deepEqual(await mailTo('a@example.com'), []);
  });

  test('subscribe → nothing until confirmed → confirm → one email per publication with an unsubscribe link → unsubscribe → none', async () => {
    const address = 'Wang.Wu@Example.com';
    const lower = address.toLowerCase();
    assert.deepEqual(await s.subscriptions.subscribe({ email: ` ${address} `, agencyId: townId }, townId), { queued: true });
    const [confirmMail, ...rest] = await mailTo(lower);
    assert.equal(rest.length, 0);
    assert.equal(confirmMail!.template, 'subscription_confirm');
    const confirmToken = tokenOf(confirmMail!.payload.confirmPath);
    assert.ok(confirmToken.length >= 20);
    const rendered = renderMessage('subscription_confirm', confirmMail!.payload, 'https://xxgk.example.gov.cn');
    assert.ok(rendered.text.includes(`https://xxgk.example.gov.cn/subscriptions/confirm?token=${confirmToken}`));
    // The token is stored only as its hash.
    const rows = await ctx.db.selectFrom('subscription_tokens').selectAll().execute();
    assert.ok(rows.length > 0 && rows.every((r) => r.token_hash !== confirmToken && /^[0-9a-f]{64}$/.test(r.token_hash)));

    // Pending: a publication in the village sends nothing to the address.
    const before = await publish(villageId);
    assert.equal((await mailTo(lower)).filter((d) => d.itemId === before).length, 0);

    assert.equal((await s.subscriptions.describe(confirmToken, 'confirm')).maskedEmail, 'w***@example.com');
    const confirmed = await s.subscriptions.confirm(confirmToken);
    assert.equal(confirmed.status, 'confirmed');
    await assert.rejects(s.subscriptions.confirm(confirmToken), /确认链接无效或已使用/);
    await assert.rejects(s.subscriptions.unsubscribe(confirmToken), /退订链接无效/, 'a confirmation token does not unsubscribe');
    // Subscribing again once confirmed mails nothing.
    assert.deepEqual(await s.subscriptions.subscribe({ email: address, agencyId: townId }, townId), { queued: false });

    // An item of a unit (the village) reaches a subscriber of the town: one email, with an unsubscribe link.
    const itemId = await publish(villageId);
    const notices = (await mailTo(lower)).filter((d) => d.itemId === itemId);
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.template, 'item_published');
    assert.match(notices[0]!.idempotencyKey, new RegExp(`^item:${itemId}:v1:subscription:\\d+$`));
    const unsubscribeToken = tokenOf(notices[0]!.payload.unsubscribePath);
    assert.equal(tokenOf(notices[0]!.payload.oneClickUnsubscribePath), unsubscribeToken);
    const text = renderMessage('item_published', notices[0]!.payload, 'https://xxgk.example.gov.cn').text;
    assert.ok(text.includes(`退订：https://xxgk.example.gov.cn/subscriptions/unsubscribe?token=${unsubscribeToken}`), text);
    assert.ok(text.includes(`https://xxgk.example.gov.cn/xxgk/items/${itemId}`));

    assert.equal((await s.subscriptions.unsubscribe(unsubscribeToken)).status, 'unsubscribed');
    assert.equal((await s.subscriptions.unsubscribe(unsubscribeToken)).status, 'unsubscribed', 'repeating is harmless');
    const after = await publish(townId);
    assert.equal((await mailTo(lower)).filter((d) => d.itemId === after).length, 0);

    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'change']).where('entity', '=', 'subscription').execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['confirm', 'subscribe', 'unsubscribe']);
    assert.ok(audit.every((a) => !String(a.change).includes('wang.wu')), 'the address is masked in the audit log');
  });

  test('a category subscription gets only that category; confirmation links expire after 7 days', async () => {
    await s.subscriptions.subscribe({ email: 'li@example.com', agencyId: townId, categoryCode: 'organisation' }, townId);
    await s.subscriptions.confirm(tokenOf((await mailTo('li@example.com'))[0]!.payload.confirmPath));
    const relief = await publish(townId);
    const organisation = await publish(townId, { title: '黔城镇机构职能调整', categoryCode: 'organisation' });
    const got = (await mailTo('li@example.com')).filter((d) => d.template === 'item_published').map((d) => d.itemId);
    assert.deepEqual(got, [organisation]);
    assert.ok(!got.includes(relief));

    await s.subscriptions.subscribe({ email: 'late@example.com', agencyId: villageId }, townId);
    const late = tokenOf((await mailTo('late@example.com'))[0]!.payload.confirmPath);
    clock.advance(7 * 86_400_000 + 1000);
    try {
      await assert.rejects(s.subscriptions.confirm(late), /确认链接已过期（有效期 7 天）/);
      await assert.rejects(s.subscriptions.confirm('x'.repeat(32)), /确认链接无效或已使用/);
      await assert.rejects(s.subscriptions.describe('short', 'unsubscribe'), /退订链接无效/);
    } finally {
      clock.set('2026-11-26T02:00:00.000Z');
    }
  });

  test('the backup carries subscriptions and their (hashed) tokens: a mailed unsubscribe link still works after a restore', async () => {
    const notice = (await mailTo('li@example.com')).find((d) => d.template === 'item_published')!;
    const first = await s.backup.backup(actors.admin!, townId);
    assert.ok(first.counts.subscriptions! >= 3 && first.counts.subscription_tokens! >= 4, JSON.stringify(first.counts));
    const target = await createEmptyDatabase(ctx.dialect);
    try {
      await migrateToLatest(target.db);
      const t = testServices(target.db, clock);
      await t.backup.restore(actors.admin!, JSON.parse(JSON.stringify(first)) as unknown);
      assert.equal((await t.subscriptions.describe(tokenOf(notice.payload.unsubscribePath), 'unsubscribe')).status, 'confirmed');
      assert.equal((await t.subscriptions.unsubscribe(tokenOf(notice.payload.unsubscribePath))).status, 'unsubscribed');
    } finally {
      await target.drop();
    }
  });
});

describeEachDialect('confirmation mails of subscriptions are limited', (ctx) => {
  test('one confirmation mail per address a day, whatever the requests; a global hourly cap (configurable) answers 429 in Chinese', async () => {
    const clock = fixedClock('2026-11-26T02:00:00.000Z');
    const s = testServices(ctx.db, clock, { subscriptionConfirmationsPerHour: 3 });
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
    const admin = actorOf((await s.deps.uow.read.users.findByLogin('admin'))!);
    const agencies = await s.agencies.all();
    const town = agencies.find((a) => a.name === '黔城镇人民政府')!;
    await s.deliveries.saveChannelSettings(admin, town.id, 'email', { config: { host: '127.0.0.1', port: 2525, secure: false, from: '黔城镇政务公开 <xxgk@example.gov.cn>' } });
    const units = agencies.filter((a) => a.path.startsWith(town.path));
    const mails = async (address: string) => (await ctx.db.selectFrom('deliveries').select('id').where('recipient', '=', address).where('template', '=', 'subscription_confirm').execute()).length;

    // 25 requests for one address (to 25 units, as from 25 addresses on the web): one mail.
    const victim = 'victim@example.com';
    for (let i = 0; i < 25; i++) {
      const r = await s.subscriptions.subscribe({ email: victim, agencyId: units[i % units.length]!.id }, town.id);
      assert.equal(r.queued, i === 0);
    }
    assert.equal(await mails(victim), 1);

    // The hourly cap: 3 confirmation mails in all (the one above counts).
    await s.subscriptions.subscribe({ email: 'b1@example.com', agencyId: town.id }, town.id);
    await s.subscriptions.subscribe({ email: 'b2@example.com', agencyId: town.id }, town.id);
    await assert.rejects(s.subscriptions.subscribe({ email: 'b3@example.com', agencyId: town.id }, town.id), (e: Error & { status?: number }) => {
      assert.equal(e.status, 429);
      assert.match(e.message, /确认邮件.*上限.*稍后再试/);
      return true;
    });
    assert.equal(await mails('b3@example.com'), 0);
    clock.advance(3_600_000 + 1000);
    assert.equal((await s.subscriptions.subscribe({ email: 'b3@example.com', agencyId: town.id }, town.id)).queued, true);

    // A day later the address may get one more.
    assert.equal((await s.subscriptions.subscribe({ email: victim, agencyId: town.id }, town.id)).queued, false);
    clock.set('2026-11-27T02:00:01.000Z');
    assert.equal((await s.subscriptions.subscribe({ email: victim, agencyId: town.id }, town.id)).queued, true);
    assert.equal(await mails(victim), 2);
  });
});

describeEachDialect('a withheld confirmation mail: the one mail of the day confirms the address’s later requests too', (ctx) => {
  test('two subscriptions the same day → one mail; its link lists and confirms both; other addresses, unsubscribed and expired requests untouched', async () => {
    const clock = fixedClock('2026-11-18T02:00:00.000Z');
    const s = testServices(ctx.db, clock);
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
    const admin = actorOf((await s.deps.uow.read.users.findByLogin('admin'))!);
    const agencies = await s.agencies.all();
    const town = agencies.find((a) => a.name === '黔城镇人民政府')!;
    const village = agencies.find((a) => a.parentId === town.id)!;
    await s.deliveries.saveChannelSettings(admin, town.id, 'email', { config: { host: '127.0.0.1', port: 2525, secure: false, from: '黔城镇政务公开 <xxgk@example.gov.cn>' } });
    const tokenOf = (path: unknown): string => new URL(String(path), 'http://x').searchParams.get('token')!;
    const mails = async (address: string) => ctx.db.selectFrom('deliveries').select(['id', 'payload']).where('recipient', '=', address).where('template', '=', 'subscription_confirm').orderBy('id').execute();
    const status = async (address: string, agencyId: number, categoryCode = '') => (await s.deps.uow.read.subscriptions.findTarget(agencyId, address, categoryCode))?.status;
    const address = 'zhao@example.com';

    // Eight days ago: a request to the village, never confirmed; its link has expired.
    clock.set('2026-11-18T02:00:00.000Z');
    assert.equal((await s.subscriptions.subscribe({ email: address, agencyId: village.id }, town.id)).queued, true);
    // Three days ago: a subscription to the village's 机构职能 category, confirmed (by editing the store: its own link).
    clock.set('2026-11-23T02:00:00.000Z');
    const old = await s.deps.uow.read.subscriptions.insert({ agencyId: village.id, email: address, categoryCode: 'organisation', status: 'confirmed', createdAt: clock.now().toISOString(), confirmedAt: clock.now().toISOString(), unsubscribedAt: null, updatedAt: clock.now().toISOString() });

    // Today: the town (a mail), then the town's 机构职能 category an hour later (no second mail).
    clock.set('2026-11-26T02:00:00.000Z');
    assert.equal((await s.subscriptions.subscribe({ email: address, agencyId: town.id }, town.id)).queued, true);
    clock.advance(3_600_000);
    assert.equal((await s.subscriptions.subscribe({ email: address, agencyId: town.id, categoryCode: 'organisation' }, town.id)).queued, false);
    // The confirmed category subscription is unsubscribed in between: it must not come back.
    await s.deps.uow.read.subscriptions.setStatus(old.id, { status: 'unsubscribed', confirmedAt: old.confirmedAt, unsubscribedAt: clock.now().toISOString(), updatedAt: clock.now().toISOString() });
    // Another address, the same day: its own mail, its own link.
    assert.equal((await s.subscriptions.subscribe({ email: 'qian@example.com', agencyId: town.id }, town.id)).queued, true);

    const today = await mails(address);
    assert.equal(today.length, 2, 'one mail eight days ago, one today');
    const token = tokenOf((JSON.parse(String(today[1]!.payload)) as Record<string, unknown>).confirmPath);

    // The page the link opens names everything the button confirms.
    const described = await s.subscriptions.describe(token, 'confirm');
    assert.equal(described.agencyName, town.name);
    assert.equal(described.categoryLabel, '全部主题分类');
    assert.deepEqual(described.alsoConfirms.map((v) => v.agencyName), [town.name]);
    assert.match(described.alsoConfirms[0]!.categoryLabel, /机构/);

    clock.advance(2 * 86_400_000);
    const confirmed = await s.subscriptions.confirm(token);
    assert.equal(confirmed.status, 'confirmed');
    assert.equal(confirmed.alsoConfirms.length, 1);
    assert.equal(await status(address, town.id), 'confirmed');
    assert.equal(await status(address, town.id, 'organisation'), 'confirmed', 'the withheld request is confirmed by the day’s mail');
    assert.equal(await status(address, village.id), 'pending', 'an expired request is not revived');
    assert.equal(await status(address, village.id, 'organisation'), 'unsubscribed', 'an unsubscribed subscription is not revived');
    assert.equal(await status('qian@example.com', town.id), 'pending', 'another address is untouched');

    const audit = await ctx.db.selectFrom('audit_log').select(['entity_id', 'change']).where('entity', '=', 'subscription').where('action', '=', 'confirm').execute();
    assert.equal(audit.length, 2, 'each confirmed subscription is audited');
    assert.ok(audit.every((a) => String(a.change).includes('z***@example.com') && !String(a.change).includes(address)), 'masked');
    assert.ok(audit.some((a) => String(a.change).includes('withheld')), 'the audit says why a subscription without its own mail was confirmed');
  });
});
