/* eslint-disable @typescript-eslint/no-explicit-any */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test/web-harness.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('the calendar page lists every year 2008–2026 with its notice; a year shows month grids with 休/班 marks', async () => {
  const officer = await t.signedIn('officer');
  const list = await (await officer.get('/console/calendar')).text();
  for (let y = 2008; y <= 2026; y++) assert.ok(list.includes(`/console/calendar/${y}"`), String(y));
  assert.ok(list.includes('国务院办公厅关于2026年部分节假日安排的通知'));
  const year = await (await officer.get('/console/calendar/2026')).text();
  assert.ok(year.includes('2026-02-14 春节 调休上班'), 'make-up Saturday is announced to screen readers');
  assert.ok(year.includes('2026-10-01 国庆节 放假'));
  assert.equal((year.match(/<table class="month">/g) ?? []).length, 12);
  assert.ok(year.includes('春节：2026-02-15至2026-02-23放假；2026-02-14、2026-02-28上班'), 'the edit form shows the stored lines');
});

test('an officer enters 2027 through the form; bad lines keep what was typed and explain in Chinese', async () => {
  const officer = await t.signedIn('officer');
  const page = await (await officer.get('/console/calendar/2027')).text();
  assert.match(page, /2027 年尚未录入/);
  const bad = await officer.post('/console/calendar/2027', {
    noticeTitle: '国务院办公厅关于2027年部分节假日安排的通知', noticeUrl: 'https://www.gov.cn/2027', docNumber: '',
    lines: '春节 2027-02-06', sources: '测试', note: '', reason: '通知发布',
  });
  assert.equal(bad.status, 400);
  const badHtml = await bad.text();
  assert.match(badHtml, /应以“节日名称：”开头/);
  assert.ok(badHtml.includes('春节 2027-02-06'), 'typed text is kept');
  const ok = await officer.post('/console/calendar/2027', {
    noticeTitle: '国务院办公厅关于2027年部分节假日安排的通知', noticeUrl: 'https://www.gov.cn/2027', docNumber: '',
    lines: '元旦：2027-01-01至2027-01-03放假', sources: '测试', note: '', reason: '通知发布',
  });
  assert.equal(ok.status, 303);
  const check = await (await t.agent().request('/api/v1/workdays/check?date=2027-01-01')).json();
  assert.deepEqual(check, { date: '2027-01-01', workday: false, kind: 'holiday', holiday: '元旦' });
  const history = await (await officer.get('/console/calendar/2027/history')).text();
  assert.match(history, /第 1 版[\s\S]*公开办 李敏[\s\S]*通知发布/);
});

test('import: an .ics needs its notice; with it, the year is saved', async () => {
  const officer = await t.signedIn('officer');
  await officer.get('/console/calendar');
  const ics = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20280101', 'DTEND;VALUE=DATE:20280104', 'SUMMARY:元旦(休)', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
  const missing = await officer.post('/console/calendar/import', { text: ics, reason: '导入' });
  assert.equal(missing.status, 400);
  assert.match(await missing.text(), /须同时填写所依据通知的标题和网址/);
  const ok = await officer.post('/console/calendar/import', { text: ics, reason: '导入', noticeTitle: '国务院办公厅关于2028年部分节假日安排的通知', noticeUrl: 'https://www.gov.cn/2028' });
  assert.equal(ok.status, 303);
  assert.match(decodeURIComponent(ok.headers.get('location')!), /已保存：2028 年/);
});

test('editors and reviewers cannot open the calendar; everyone can use the calculator', async () => {
  const editor = await t.signedIn('editor');
  assert.equal((await editor.get('/console/calendar')).status, 403);
  assert.equal((await editor.get('/console/calendar/2026')).status, 403);
  assert.equal((await editor.get('/console/deadline')).status, 200);
});

test('the calculator: online request confirmed 2025-09-22, extended → 2025-11-21, with the day-by-day count', async () => {
  const a = await t.signedIn('reviewer');
  const res = await a.get('/console/deadline?channel=online&submittedOn=2025-09-20&confirmedOn=2025-09-22&extended=1');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /答复期限：<strong>2025-11-21<\/strong>/);
  assert.ok(html.includes('2025-10-01'), 'National Day appears in the count');
  assert.match(html, /节假日放假（国庆节、中秋节）?，不计|节假日放假/);
  assert.match(html, /调休上班日/);
  const bad = await a.get('/console/deadline?channel=online&submittedOn=2025-09-20');
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /确认/);
});

test('JSON API: GET with query parameters and POST with a body give the same answer; bad input is a Chinese 400', async () => {
  const a = t.agent();
  const get: any = await (await a.request('/api/v1/deadline?received=2025-09-22&extended=1')).json();
  const post = await (
    await a.request('/api/v1/deadline', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ received: '2025-09-22', events: [{ type: 'extended' }] }) })
  ).json();
  assert.equal(get.due, '2025-11-21');
  assert.equal(get.regime, '2019');
  assert.deepEqual(get, post);
  const add: any = await (await a.request('/api/v1/workdays/add?from=2024-01-26&n=20')).json();
  assert.equal(add.date, '2024-02-28');
  const bad = await a.request('/api/v1/deadline?received=2025-13-01');
  assert.equal(bad.status, 400);
  assert.match(((await bad.json()) as { error: string }).error, /不是有效日期/);
  const unknown = await a.request('/api/v1/deadline', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"received":"2025-09-22","events":[{"type":"teleported"}]}' });
  assert.equal(unknown.status, 400);
});
