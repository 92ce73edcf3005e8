import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { fixedClock } from '../../test/clock.ts';
import { testServices } from '../../test/services.ts';
import { renderMessage } from '../channels/message-templates.ts';
import { readFileSync } from 'node:fs';
import { computePublicationDeadline, createHolidayCalendar, isWorkday, parseCalendarDate, parseHolidayData } from '../domain/calendar/index.ts';
import { countWorkdaysBetween } from '../domain/publishing/index.ts';
import { createScheduledJobs } from '../jobs/scheduled-jobs.ts';
import { shiftDate } from './china-time.ts';
import { actorOf } from './sign-in.ts';
import { reminderDueWindow, reminderStanding } from './staff-reminders.ts';

/** 10:00 Beijing time on a date. */
const at10 = (dateOn: string) => `${dateOn}T02:00:00.000Z`;

describeEachDialect('staff reminders', (ctx) => {
  test('near due and overdue-today reminders go once per case, kind and day to the unit mailbox; closed cases get none', async () => {
    const clock = fixedClock(at10('2026-10-12'));
    const s = testServices(ctx.db, clock);
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
    await s.calendar.syncShipped();
    const who = async (login: string) => actorOf((await s.deps.uow.read.users.findByLogin(login))!);
    const officer = await who('officer');
    const town = (await s.agencies.all()).find((a) => a.name === '黔城镇人民政府')!;
    await ctx.db.updateTable('agencies').set({ email: 'xxgk@qiancheng.example.gov.cn' }).where('id', '=', town.id).execute();
    await s.deliveries.saveChannelSettings(await who('admin'), town.id, 'email', { config: { host: '127.0.0.1', port: 2525, secure: false, from: '黔城镇人民政府 <xxgk@qiancheng.example.gov.cn>' } });
    const { calendar } = await s.calendar.current();

    // Two requests registered the same day (same due date); one will be closed before it falls due.
    const form = (description: string) => ({
      agencyId: town.id,
      applicant: { type: 'natural_person', name: '张晓梅', identity: { kind: '居民身份证', number: '431281199003071228' }, contact: { phone: '13800000000', address: '湖南省洪江市黔城镇沅江路1号' } },
      informationSought: { description },
      formWanted: 'paper',
      deliveryMethod: 'post',
      channel: 'in_person',
      submission: {},
    });
    const open = (await s.requests.register(officer, form('黔城镇2026年农村公路养护资金使用情况'))).request;
    const closed = (await s.requests.register(officer, form('黔城镇2026年河道采砂许可情况'))).request;
    const dueOn = open.dueOn!;
    assert.ok(dueOn > '2026-10-12', `a due date: ${dueOn}`);
    // An item formed the same day: its 第二十六条 deadline is 20 working days later as well.
    const item = await s.items.create(await who('editor'), town.id, { title: '黔城镇2026年秋季防火通告', summary: '概述', formedOn: '2026-10-12', categoryCode: 'general_affairs', genre: 'notice', bodyHtml: '<p>正文</p>', disclosure: { attribute: 'proactive' } });
    const itemDueOn = computePublicationDeadline(calendar, parseCalendarDate('2026-10-12')).due;

    // The working day three working days before the request's due date.
    let near = dueOn;
    while (!(isWorkday(calendar, parseCalendarDate(near)) && countWorkdaysBetween(calendar, near, dueOn) === 3)) near = shiftDate(near, -1);
    clock.set(at10(shiftDate(near, -1)));
    assert.equal((await s.reminders.dueToday()).filter((c) => c.requestId === open.id).length, 0, 'nothing four working days before (if a working day)');

    // The other case is withdrawn by the applicant: closed, so no reminder.
    await s.requests.command(officer, closed.id, { type: 'withdraw', reason: '申请人书面撤回' });
    assert.notEqual((await s.deps.uow.read.requests.find(closed.id))!.closedOn, null);

    clock.set(at10(near));
    const first = await s.reminders.runDaily();
    const queued = (await s.deps.uow.read.deliveryQueue.list({ requestId: open.id })).items.filter((d) => d.template.startsWith('staff_'));
    assert.equal(queued.length, 1, 'one reminder for the open request');
    assert.equal(queued[0]!.template, 'staff_request_due_soon');
    assert.equal(queued[0]!.channel, 'email');
    assert.equal(queued[0]!.recipient, 'xxgk@qiancheng.example.gov.cn');
    assert.equal(queued[0]!.idempotencyKey, `staff-reminder:request:${open.id}:request_due_soon:${near}`);
    assert.equal(queued[0]!.payload.workdays, 3);
    assert.ok((queued[0]!.payload.handlers as string[]).length > 0, 'names the officers who handle requests there');
    assert.equal((await s.deps.uow.read.deliveryQueue.list({ requestId: closed.id })).items.filter((d) => d.template.startsWith('staff_')).length, 0, 'nothing for a closed case');
    const text = renderMessage(queued[0]!.template, queued[0]!.payload).text;
    assert.match(text, new RegExp(`答复期限为 ${dueOn}，还剩 3 个工作日`));
    assert.match(text, /第三十三条/);
    // The item was formed the day the request was received: both run 20 working days, so both are reminded today.
    assert.equal(itemDueOn, dueOn);
    assert.equal(first.queued, 2, 'the request and the item');
    const audit = await s.deps.uow.read.audit.forEntity('staff_reminders', near);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actorLabel, '定时提醒（办理期限）');

    // A re-run the same day (another process, or the scheduler again) queues nothing.
    const again = await s.reminders.runDaily();
    assert.equal(again.queued, 0);
    assert.equal(again.alreadyQueued, first.queued);
    assert.equal((await s.deps.uow.read.audit.forEntity('staff_reminders', near)).length, 1, 'no second audit entry');

    // The due date itself: a due-soon reminder again (a new day), 0 working days left.
    clock.set(at10(dueOn));
    await s.reminders.runDaily();
    const onDue = (await s.deps.uow.read.deliveryQueue.findByKey(`staff-reminder:request:${open.id}:request_due_soon:${dueOn}`))!;
    assert.match(renderMessage(onDue.template, onDue.payload).text, /今天到期/);

    // The first working day after the due date: one overdue reminder; none the working day after.
    let overdueOn = shiftDate(dueOn, 1);
    while (!isWorkday(calendar, parseCalendarDate(overdueOn))) overdueOn = shiftDate(overdueOn, 1);
    clock.set(at10(overdueOn));
    const jobs = createScheduledJobs(s);
    const pass = await jobs.runOnce();
    assert.ok(pass.remindersQueued >= 1, 'the scheduler queues the day’s reminders');
    const overdue = await s.deps.uow.read.deliveryQueue.findByKey(`staff-reminder:request:${open.id}:request_overdue:${overdueOn}`);
    assert.equal(overdue?.template, 'staff_request_overdue');
    assert.match(renderMessage(overdue!.template, overdue!.payload).subject, /已超过答复期限/);
    assert.equal((await jobs.runOnce()).remindersQueued, 0, 'the scheduler runs it once a China day');
    assert.equal((await s.reminders.runDaily()).queued, 0, 'and a forced re-run sends nothing twice');
    let next = shiftDate(overdueOn, 1);
    while (!isWorkday(calendar, parseCalendarDate(next))) next = shiftDate(next, 1);
    clock.set(at10(next));
    assert.equal((await s.reminders.dueToday()).filter((c) => c.requestId === open.id).length, 0, 'overdue is told on the first day only');

    // The item: near its publication deadline and on the first working day after it.
    let itemNear: string = itemDueOn;
    while (!(isWorkday(calendar, parseCalendarDate(itemNear)) && countWorkdaysBetween(calendar, itemNear, itemDueOn) === 2)) itemNear = shiftDate(itemNear, -1);
    clock.set(at10(itemNear));
    await s.reminders.runDaily();
    const itemReminder = await s.deps.uow.read.deliveryQueue.findByKey(`staff-reminder:item:${item.id}:publication_due_soon:${itemNear}`);
    assert.equal(itemReminder?.itemId, Number(item.id));
    assert.match(renderMessage(itemReminder!.template, itemReminder!.payload).text, /黔城镇2026年秋季防火通告.*还剩 2 个工作日.*第二十六条/);
    let itemOverdue = shiftDate(itemDueOn, 1);
    while (!isWorkday(calendar, parseCalendarDate(itemOverdue))) itemOverdue = shiftDate(itemOverdue, 1);
    clock.set(at10(itemOverdue));
    await s.reminders.runDaily();
    assert.equal((await s.deps.uow.read.deliveryQueue.findByKey(`staff-reminder:item:${item.id}:publication_overdue:${itemOverdue}`))?.template, 'staff_publication_overdue');

    // Sent reminders are internal mail: the report's channel counts and the weekly check leave them out.
    await ctx.db.updateTable('deliveries').set({ status: 'sent', sent_at: '2026-06-01T02:00:00.000Z' }).where('template', 'like', 'staff%').execute();
    const agencyIds = (await s.agencies.all()).map((a) => a.id);
    const sent = await s.deps.uow.read.deliveries.sentBetween({ agencyIds, fromAt: '2026-01-01T00:00:00.000Z', toAt: '2027-01-01T00:00:00.000Z' });
    assert.equal(sent.filter((d) => d.itemId === Number(item.id) || d.requestId === open.id).length, 0);
    const counts = await s.deps.uow.read.deliveryQueue.counts({ agencyIds, fromAt: '2026-01-01T00:00:00.000Z', toAt: '2027-01-01T00:00:00.000Z' });
    assert.equal(counts.filter((c) => c.status === 'sent' && c.channel === 'email').reduce((n, c) => n + c.count, 0), sent.filter((d) => d.channel === 'email').length);
  });

  test('without a mailbox or an e-mail account nothing is queued; the miss is reported and audited once a day', async () => {
    const clock = fixedClock(at10('2026-10-12'));
    const s = testServices(ctx.db, clock);
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
    await s.calendar.syncShipped();
    const editor = actorOf((await s.deps.uow.read.users.findByLogin('editor'))!);
    const town = (await s.agencies.all()).find((a) => a.name === '黔城镇人民政府')!;
    await ctx.db.updateTable('agencies').set({ email: '' }).execute();
    const item = await s.items.create(editor, town.id, { title: '无邮箱单位的通告', summary: '概述', formedOn: '2026-10-13', categoryCode: 'general_affairs', genre: 'notice', bodyHtml: '<p>正文</p>', disclosure: { attribute: 'proactive' } });
    const { calendar } = await s.calendar.current();
    let day = shiftDate(computePublicationDeadline(calendar, parseCalendarDate('2026-10-13')).due, 1);
    while (!isWorkday(calendar, parseCalendarDate(day))) day = shiftDate(day, 1);
    clock.set(at10(day));
    const run = await s.reminders.runDaily();
    assert.equal(run.queued, 0);
    assert.deepEqual(run.unaddressed.filter((u) => u.itemId === Number(item.id)).map((u) => [u.kind, u.reason]), [['publication_overdue', '本单位及上级单位均未填写信息公开工作机构邮箱']]);
    await s.reminders.runDaily();
    assert.equal((await s.deps.uow.read.audit.forEntity('staff_reminders', day)).length, 1);
    assert.equal((await s.deps.uow.read.deliveryQueue.list({ itemId: Number(item.id) })).total, 0);
  });
});

test('the due-date window read from the store holds every due date a reminder is due for (spans 春节, 国庆 and weekends)', () => {
  const cal = createHolidayCalendar(parseHolidayData(JSON.parse(readFileSync(new URL('../../resources/calendar/cn-holidays.json', import.meta.url), 'utf8'))));
  let checked = 0;
  for (let t = 0; t < 400; t++) {
    const today = shiftDate('2024-01-20', t);
    for (const workdays of [0, 3, 5]) {
      const window = reminderDueWindow(cal, today, workdays);
      for (let d = -30; d <= 30; d++) {
        const dueOn = shiftDate(today, d);
        if (reminderStanding(cal, dueOn, today, workdays) === null) continue;
        checked++;
        assert.ok(dueOn >= window.from && dueOn <= window.to, `${today}: ${dueOn} outside ${window.from}…${window.to}`);
      }
      // Not much wider than needed: at most one working day beyond on either side.
      assert.ok(countWorkdaysBetween(cal, window.from, today) <= 1 && countWorkdaysBetween(cal, today, window.to) <= workdays + 1);
    }
  }
  assert.ok(checked > 500);
});
