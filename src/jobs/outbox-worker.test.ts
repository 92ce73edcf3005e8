import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { fixedClock } from '../../test/clock.ts';
import { testServices } from '../../test/services.ts';
import type { ChannelAdapter, OutgoingMessage, SendOutcome } from '../channels/channel-adapter.ts';
import { createWeiboChannel } from '../channels/weibo-channel.ts';
import { createEmailChannel } from '../channels/email-channel.ts';
import { createSmsChannel } from '../channels/sms-channel.ts';
import { createWechatChannel } from '../channels/wechat-channel.ts';
import type { OutboxChannel } from '../services/ports.ts';
import { backoffDelayMs, createOutboxWorker } from './outbox-worker.ts';

/** A provider stand-in: records every message it is handed, answers as told. */
function fakeAdapter(channel: OutboxChannel, answer: (m: OutgoingMessage, n: number) => SendOutcome | Promise<SendOutcome> = () => ({ kind: 'sent' }), idempotent = true) {
  const received: OutgoingMessage[] = [];
  const adapter: ChannelAdapter = {
    channel,
    isIdempotent: () => idempotent,
    async send(m) {
      received.push(m);
      return answer(m, received.filter((r) => r.idempotencyKey === m.idempotencyKey).length);
    },
  };
  return { adapter, received };
}

test('backoff doubles from the base and stops at the cap', () => {
  const b = { baseMs: 60_000, maxMs: 3_600_000 };
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelayMs(n, b) / 60_000), [1, 2, 4, 8, 16, 32, 60, 60]);
});

describeEachDialect('outbox worker', (ctx) => {
  const clock = fixedClock('2026-11-26T02:00:00.000Z');
  let s: ReturnType<typeof testServices>;
  let agencyId = 0;
  let seq = 0;

  async function enqueue(channel: OutboxChannel, options: { key?: string; recipient?: string; template?: string; payload?: Record<string, unknown> } = {}): Promise<number> {
    const key = options.key ?? `test:${++seq}`;
    const id = await s.deps.uow.transaction((r) =>
      r.deliveryQueue.enqueue({ agencyId, channel, recipient: options.recipient ?? `1380000${String(seq).padStart(4, '0')}`, template: options.template ?? 'request_received', payload: options.payload ?? { trackingNumber: key }, idempotencyKey: key, at: clock.now().toISOString() }),
    );
    return id!;
  }
  const find = async (id: number) => (await s.deps.uow.read.deliveryQueue.find(id))!;
  const eventTypes = async (id: number) => (await s.deps.uow.read.deliveryQueue.events(id)).map((e) => e.type);
  /** Leaves nothing due from earlier tests (each test drains what it queued). */
  const worker = (adapters: ChannelAdapter[], extra: Partial<Parameters<typeof createOutboxWorker>[0]> = {}) =>
    createOutboxWorker({ uow: s.deps.uow, clock, adapters, backoff: { baseMs: 60_000, maxMs: 3_600_000 }, maxAttempts: 3, ...extra });

  test('setup', async () => {
    s = testServices(ctx.db, clock);
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
    agencyId = (await s.agencies.all()).find((a) => a.name === '黔城镇人民政府')!.id;
  });

  test('sends each message once: a second enqueue with the same key is ignored, a second run finds nothing', async () => {
    const first = await enqueue('email', { key: 'idem:1', recipient: 'a@example.com' });
    assert.equal(await s.deps.uow.transaction((r) => r.deliveryQueue.enqueue({ agencyId, channel: 'email', recipient: 'a@example.com', template: 'x', payload: {}, idempotencyKey: 'idem:1', at: clock.now().toISOString() })), null);
    const fake = fakeAdapter('email', () => ({ kind: 'sent', providerMessageId: 'P-1' }));
    const w = worker([fake.adapter]);
    assert.deepEqual(await w.runOnce(), { claimed: 1, sent: 1, failed: 0, retrying: 0, manual: 0, deferred: 0, cancelled: 0, recovered: 0, uncertain: 0 });
    assert.equal((await w.runOnce()).claimed, 0);
    assert.deepEqual(fake.received.map((m) => m.idempotencyKey), ['idem:1']);
    const d = await find(first);
    assert.equal(d.status, 'sent');
    assert.equal(d.sentAt, clock.now().toISOString());
    assert.equal(d.providerMessageId, 'P-1');
    assert.equal(d.attempts, 1);
    assert.equal(d.lockedBy, null);
    assert.deepEqual(await eventTypes(first), ['queued', 'sending', 'sent']);
  });

  test('a retryable failure backs off (1, 2 minutes …) and becomes final after the last attempt; staff retry starts over', async () => {
    const id = await enqueue('sms');
    let fail = true;
    const fake = fakeAdapter('sms', () => (fail ? { kind: 'failed', error: '网关繁忙（503）', retryable: true } : { kind: 'sent' }));
    const w = worker([fake.adapter]);
    assert.equal((await w.runOnce()).retrying, 1);
    let d = await find(id);
    assert.equal(d.status, 'queued');
    assert.equal(d.attempts, 1);
    assert.equal(d.lastError, '网关繁忙（503）');
    assert.equal(d.nextAttemptAt, '2026-11-26T02:01:00.000Z');
    assert.equal((await w.runOnce()).claimed, 0, 'not before the backoff has passed');
    clock.advance(60_000);
    assert.equal((await w.runOnce()).retrying, 1);
    assert.equal((await find(id)).nextAttemptAt, '2026-11-26T02:03:00.000Z');
    clock.advance(120_000);
    assert.equal((await w.runOnce()).failed, 1);
    d = await find(id);
    assert.equal(d.status, 'failed');
    assert.equal(d.attempts, 3);
    assert.deepEqual(await eventTypes(id), ['queued', 'sending', 'failed', 'retry_scheduled', 'sending', 'failed', 'retry_scheduled', 'sending', 'failed']);
    assert.match((await s.deps.uow.read.deliveryQueue.events(id)).at(-1)!.detail, /已尝试 3 次，不再重试/);
    await s.deps.uow.transaction((r) => r.deliveryQueue.transition(id, { statuses: ['failed'] }, { status: 'queued', attempts: 0, nextAttemptAt: clock.now().toISOString(), updatedAt: clock.now().toISOString() }));
    fail = false;
    assert.equal((await w.runOnce()).sent, 1);
    assert.equal(fake.received.length, 4);
  });

  test('a permanent failure is final at once, with the provider’s message', async () => {
    const id = await enqueue('sms');
    const w = worker([fakeAdapter('sms', () => ({ kind: 'failed', error: '阿里云短信 isv.MOBILE_NUMBER_ILLEGAL：非法手机号', retryable: false })).adapter]);
    assert.equal((await w.runOnce()).failed, 1);
    const d = await find(id);
    assert.equal(d.status, 'failed');
    assert.match(d.lastError!, /MOBILE_NUMBER_ILLEGAL/);
  });

  test('opt-out cancels; the per-number limit defers without spending an attempt', async () => {
    await s.deps.uow.transaction((r) => r.channelSettings.save({ agencyId, channel: 'sms', enabled: true, config: { provider: 'webhook', perNumberPerHour: 2 }, secrets: {}, updatedAt: clock.now().toISOString() }));
    await s.deliveries.optOut('system', 'sms', '13911112222');
    const out = await enqueue('sms', { recipient: '13911112222' });
    const limited = [await enqueue('sms', { recipient: '13933334444' }), await enqueue('sms', { recipient: '13933334444' }), await enqueue('sms', { recipient: '13933334444' })];
    const fake = fakeAdapter('sms');
    const w = worker([fake.adapter], { batchSize: 10 });
    const r = await w.runOnce();
    assert.equal(r.cancelled, 1);
    assert.equal(r.sent, 2);
    assert.equal(r.deferred, 1);
    assert.equal((await find(out)).status, 'cancelled');
    assert.equal((await find(out)).lastError, '收件人已退订');
    const held = await find(limited[2]!);
    assert.equal(held.status, 'queued');
    assert.equal(held.attempts, 0);
    assert.equal(held.nextAttemptAt, new Date(clock.now().getTime() + 3_600_000).toISOString());
    assert.ok(!fake.received.some((m) => m.recipient === '13911112222'));
    clock.advance(3_600_000);
    assert.equal((await w.runOnce()).sent, 1);
  });

  test('Weibo without a token leaves a ready-to-paste post with the link', async () => {
    const id = await enqueue('weibo', { template: 'item_published', recipient: '政务微博', payload: { title: '关于2026年冬季森林防火的通告', summary: '全镇进入森林防火紧要期。', itemPath: '/xxgk/items/7' } });
    const w = worker([createWeiboChannel({ publicUrl: 'https://xxgk.example.gov.cn' })]);
    assert.equal((await w.runOnce()).manual, 1);
    const d = await find(id);
    assert.equal(d.status, 'manual');
    assert.equal(d.output, '【关于2026年冬季森林防火的通告】全镇进入森林防火紧要期。 https://xxgk.example.gov.cn/xxgk/items/7');
  });

  test('without GONGKAI_PUBLIC_URL the link channels refuse to start: messages stay queued, the reason is logged once in Chinese', async () => {
    const id = await enqueue('weibo', { template: 'item_published', recipient: '政务微博', payload: { title: '关于冬季防火的通告', summary: '', itemPath: '/xxgk/items/8' } });
    const warnings: string[] = [];
    const log = { info: () => {}, warn: (m: string) => warnings.push(m), error: () => {} };
    const w = worker([createWeiboChannel(), createEmailChannel(), createSmsChannel(), createWechatChannel()], { log });
    assert.equal((await w.runOnce()).claimed, 0);
    assert.equal((await w.runOnce()).claimed, 0);
    const d = await find(id);
    assert.equal(d.status, 'queued', 'nothing sent with a relative /xxgk/ link');
    assert.equal(d.output ?? null, null);
    assert.equal(warnings.length, 1, 'said once');
    assert.match(warnings[0]!, /未设置 GONGKAI_PUBLIC_URL/);
    for (const name of ['微信公众号', '政务微博', '短信', '电子邮件']) assert.ok(warnings[0]!.includes(name), name);
    // Once the address is set (and the worker restarted) the message goes out with a full link.
    assert.equal((await worker([createWeiboChannel({ publicUrl: 'https://xxgk.example.gov.cn' })]).runOnce()).manual, 1);
    assert.match((await find(id)).output ?? '', /https:\/\/xxgk\.example\.gov\.cn\/xxgk\/items\/8/);
  });

  test('after a crash mid-send: an idempotent provider gets the same key again; any other message is set aside, never sent twice', async () => {
    const safe = await enqueue('email', { recipient: 'b@example.com' });
    const unsafe = await enqueue('wechat', { recipient: 'openid-1' });
    // A worker that claimed both, marked them sending, and died.
    const now = clock.now().toISOString();
    for (const id of [safe, unsafe]) {
      await s.deps.uow.transaction((r) => r.deliveryQueue.transition(id, { statuses: ['queued'] }, { status: 'sending', attempts: 1, lockedBy: 'dead-worker', lockedUntil: new Date(clock.now().getTime() + 1000).toISOString(), updatedAt: now }));
    }
    const email = fakeAdapter('email', () => ({ kind: 'sent' }), true);
    const wechat = fakeAdapter('wechat', () => ({ kind: 'sent' }), false);
    const w = worker([email.adapter, wechat.adapter]);
    assert.equal((await w.runOnce()).recovered, 0, 'not while the dead worker’s lease lasts');
    clock.advance(1001);
    const r = await w.runOnce();
    assert.equal(r.recovered, 2);
    assert.equal(r.sent, 1);
    assert.equal((await find(safe)).status, 'sent');
    assert.equal((await find(safe)).attempts, 2);
    assert.deepEqual(await eventTypes(safe), ['queued', 'recovered', 'sending', 'sent']);
    const d = await find(unsafe);
    assert.equal(d.status, 'uncertain', '结果不明, for a person to decide');
    assert.match(d.lastError!, /发送结果不明/);
    assert.equal(wechat.received.length, 0);
  });

  test('a send whose result is unknown (SMTP connection lost after the data) is not retried; a person resends it or confirms it arrived, audited', async () => {
    const id = await enqueue('email', { recipient: 'uncertain@example.com' });
    const other = await enqueue('email', { recipient: 'uncertain2@example.com' });
    const email = fakeAdapter('email', () => ({ kind: 'uncertain', error: '发送结果不明：连接中断' }), false);
    const w = worker([email.adapter]);
    const r = await w.runOnce();
    assert.equal(r.uncertain, 2);
    assert.equal(r.retrying + r.failed, 0);
    assert.equal((await find(id)).status, 'uncertain');
    assert.deepEqual(await eventTypes(id), ['queued', 'sending', 'uncertain']);
    clock.advance(24 * 3_600_000);
    assert.equal((await w.runOnce()).claimed, 0, 'never sent again on its own');
    assert.equal(email.received.length, 2);

    const officer = (await import('../services/sign-in.ts')).actorOf((await s.deps.uow.read.users.findByLogin('officer'))!);
    await s.deliveries.confirmSent(officer, id);
    assert.equal((await find(id)).status, 'sent');
    assert.deepEqual((await eventTypes(id)).slice(-1), ['confirmed_sent']);
    await assert.rejects(s.deliveries.confirmSent(officer, id), /只有结果不明的消息可以确认已送达/);
    await s.deliveries.retry(officer, other);
    assert.equal((await find(other)).status, 'queued');
    const audit = [...(await s.deps.uow.read.audit.forEntity('delivery', id)), ...(await s.deps.uow.read.audit.forEntity('delivery', other))].map((e) => e.action).sort();
    assert.deepEqual(audit, ['confirm_sent', 'retry']);
    const sent = fakeAdapter('email', () => ({ kind: 'sent' }));
    assert.equal((await worker([sent.adapter]).runOnce()).sent, 1, 'the resent one goes out once more, on a person’s decision');
  });

  test('two workers share the queue: every message is sent exactly once', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 24; i++) ids.push(await enqueue('email', { key: `pair:${i}`, recipient: `p${i}@example.com` }));
    const fake = fakeAdapter('email', async () => {
      await new Promise((r) => setTimeout(r, 5));
      return { kind: 'sent' };
    });
    const by = new Map<string, number>();
    const count = (id: string) => ({ ...fake.adapter, send: async (m: OutgoingMessage, a: Parameters<ChannelAdapter['send']>[1]) => { by.set(id, (by.get(id) ?? 0) + 1); return fake.adapter.send(m, a); } });
    const a = worker([count('a')], { workerId: 'a', batchSize: 4 });
    const b = worker([count('b')], { workerId: 'b', batchSize: 4 });
    const drain = async (w: ReturnType<typeof worker>) => {
      while ((await w.runOnce()).claimed > 0);
    };
    await Promise.all([drain(a), drain(b)]);
    const keys = fake.received.map((m) => m.idempotencyKey).filter((k) => k.startsWith('pair:'));
    assert.equal(keys.length, 24);
    assert.equal(new Set(keys).size, 24, 'no message went to the provider twice');
    for (const id of ids) assert.equal((await find(id)).status, 'sent');
    if (ctx.dialect === 'postgres') assert.ok((by.get('a') ?? 0) > 0 && (by.get('b') ?? 0) > 0, `both workers sent (${[...by].join(' ')})`);
  });
});
