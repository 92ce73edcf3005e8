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
