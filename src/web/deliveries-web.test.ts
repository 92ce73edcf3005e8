/**
 * The console's 发布渠道 screens on both stores: channel accounts with write-only secrets, the
 * delivery log with its filters, a delivery's attempts, retry and cancel by role, the counts, the
 * 一周一更新 finding on the dashboard, and the notice-board sheet.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { createEmptyDatabase, testDialects } from '../../test/databases.ts';
import { createTestApp, type Agent, type TestApp } from '../../test/web-harness.ts';
import { createScheduledJobs } from '../jobs/scheduled-jobs.ts';
import { actorOf } from '../services/sign-in.ts';
import type { Actor } from '../services/ports.ts';

const SMS_SECRET = 'sms-Webhook-Secret-7Q2';
const WECHAT_SECRET = 'wechat-AppSecret-9F4';

for (const dialect of testDialects()) {
  describe(`发布渠道 console [${dialect}]`, () => {
    let t: TestApp;
    let drop: () => Promise<void> = async () => {};
    let townId = 0;
    let villageId = 0;
    let itemId = 0;
    const actors: Record<string, Actor> = {};

    before(async () => {
      if (dialect === 'postgres') {
        const created = await createEmptyDatabase('postgres');
        drop = created.drop;
        t = await createTestApp({ db: created.db });
      } else {
        t = await createTestApp();
      }
      const s = t.application.services;
      for (const login of ['editor', 'reviewer', 'approver', 'officer', 'admin']) actors[login] = actorOf((await s.deps.uow.read.users.findByLogin(login))!);
      const agencies = await s.agencies.all();
      townId = agencies.find((a) => a.name === '黔城镇人民政府')!.id;
      villageId = agencies.find((a) => a.parentId === townId && a.kind.includes('village'))!.id;
    });
    after(async () => {
      await t.close();
      if (dialect === 'postgres') await drop();
    });

    const smsForm = (overrides: Record<string, string | string[]> = {}) => ({
      enabled: '1',
      provider: 'webhook',
      url: 'http://127.0.0.1:9/sms',
      subscribers: '13800000001\n13800000002',
      perNumberPerHour: '5',
      tpl_item_published_code: 'T1',
      tpl_item_published_text: '${agencyName}发布${title}',
      categories: ['civil_affairs_poverty_relief'],
      ...overrides,
    });

    test('channel accounts: Chinese errors keep what was typed except secrets; a saved secret is encrypted, shown only as 已设置, and never in the audit', async () => {
      const admin = await t.signedIn('admin');
      const page = await admin.get(`/console/deliveries/settings?agency=${townId}`);
      assert.equal(page.status, 200);
      const html = await page.text();
      for (const label of ['微信公众号', '政务微博', '短信', '电子邮件', '信息公开栏', '公众号 AppID', 'SMTP 服务器', '网关签名密钥']) assert.ok(html.includes(label), label);
      assert.doesNotMatch(html, /<script/i);

      const bad = await admin.post(`/console/deliveries/settings/${townId}/sms`, smsForm({ url: '', subscribers: '13800000001\nabc', secret_webhookSecret: SMS_SECRET }));
      assert.equal(bad.status, 400);
      const badHtml = await bad.text();
      assert.match(badHtml, /通用网关须填写网关地址/);
      assert.match(badHtml, /第 2 项：手机号格式不正确/);
      assert.match(badHtml, /刚才填写的密钥没有保存/);
      assert.ok(badHtml.includes('13800000001\nabc'), 'the subscribers typed are kept');
      assert.ok(!badHtml.includes(SMS_SECRET), 'a typed secret is never echoed');
      assert.equal(await t.application.services.deps.uow.read.channelSettings.get(townId, 'sms'), undefined, 'nothing saved');

      const ok = await admin.post(`/console/deliveries/settings/${townId}/sms`, smsForm({ secret_webhookSecret: SMS_SECRET }));
      assert.equal(ok.status, 303);
      assert.match(ok.headers.get('location')!, /saved=sms/);
      const saved = await (await admin.get(ok.headers.get('location')!)).text();
      assert.match(saved, /短信设置已保存/);
      assert.match(saved, /已设置。留空则保持不变。/);
      assert.ok(!saved.includes(SMS_SECRET), 'the settings page never shows a secret');
      assert.ok(saved.includes('13800000002'), 'settings that are not secret are shown');
      const row = await t.application.db.selectFrom('channel_settings').select('secrets').where('agency_id', '=', townId).where('channel', '=', 'sms').executeTakeFirstOrThrow();
      assert.ok(!row.secrets.includes(SMS_SECRET), 'stored encrypted');
      assert.equal((await t.application.services.deps.uow.read.channelSettings.get(townId, 'sms'))?.secrets.webhookSecret, SMS_SECRET, 'and read back');
      const audit = await t.application.services.deps.uow.read.audit.forEntity('channel_settings', `${townId}:sms`);
      assert.equal(audit.length, 1);
      assert.ok(!JSON.stringify(audit).includes(SMS_SECRET) && !JSON.stringify(audit).includes('13800000001'), 'no secret (nor subscriber number) in the audit');
      assert.match(audit[0]!.change, /"secretsChanged":\["webhookSecret"\]/);

      // Blank keeps the secret; the checkbox clears it.
      assert.equal((await admin.post(`/console/deliveries/settings/${townId}/sms`, smsForm())).status, 303);
      assert.equal((await t.application.services.deps.uow.read.channelSettings.get(townId, 'sms'))?.secrets.webhookSecret, SMS_SECRET);
      assert.equal((await admin.post(`/console/deliveries/settings/${townId}/sms`, smsForm({ clear_webhookSecret: '1' }))).status, 303);
      assert.equal((await t.application.services.deps.uow.read.channelSettings.get(townId, 'sms'))?.secrets.webhookSecret, undefined);
      assert.equal((await admin.post(`/console/deliveries/settings/${townId}/sms`, smsForm({ secret_webhookSecret: SMS_SECRET }))).status, 303);

      const wxBad = await admin.post(`/console/deliveries/settings/${townId}/wechat`, { enabled: '1', appId: 'abc', wxtpl_request_replied_id: 'TPL', wxtpl_request_replied_fields: 'thing1 trackingNumber', secret_appSecret: WECHAT_SECRET });
      assert.equal(wxBad.status, 400);
      const wxHtml = await wxBad.text();
      assert.match(wxHtml, /AppID 格式不正确/);
      assert.match(wxHtml, /第 1 行应为“模板字段=内容”/);
      assert.ok(!wxHtml.includes(WECHAT_SECRET));
      const wx = await admin.post(`/console/deliveries/settings/${townId}/wechat`, { enabled: '1', appId: 'wx1234567890abcdef', accountName: '黔城发布', wxtpl_request_replied_id: 'TPL', wxtpl_request_replied_fields: 'thing1=trackingNumber', secret_appSecret: WECHAT_SECRET });
      assert.equal(wx.status, 303);
      assert.deepEqual((await t.application.services.deps.uow.read.channelSettings.get(townId, 'wechat'))?.config.templates, { request_replied: { templateId: 'TPL', fields: { thing1: 'trackingNumber' } } });
      assert.equal((await admin.post(`/console/deliveries/settings/${townId}/weibo`, { enabled: '1', accountName: '黔城发布' })).status, 303);
      const email = await admin.post(`/console/deliveries/settings/${townId}/email`, { enabled: '1', host: 'smtp.example.gov.cn', port: 'abc', from: 'xxgk@example.gov.cn' });
      assert.equal(email.status, 400);
      assert.match(await email.text(), /端口须为整数/);

      // The village inherits the town's accounts and says so.
      const village = await (await admin.get(`/console/deliveries/settings?agency=${villageId}`)).text();
      assert.match(village, /目前沿用上级机构“黔城镇人民政府”的账号/);
      assert.ok(!village.includes(WECHAT_SECRET) && !village.includes(SMS_SECRET));

      // Only administrators manage accounts.
      const officer = await t.signedIn('officer');
      assert.equal((await officer.get('/console/deliveries/settings')).status, 403);
      await officer.get('/console/deliveries');
      assert.equal((await officer.post(`/console/deliveries/settings/${townId}/weibo`, { enabled: '1' })).status, 403);
    });

    test('the delivery log: per item from the item page, filtered by channel and status, each message with its attempts', async () => {
      const s = t.application.services;
      const draft = await s.items.create(actors.editor!, villageId, { title: '大湾村2026年临时救助对象公示', summary: '公示临时救助对象。', formedOn: '2026-11-25', categoryCode: 'civil_affairs_poverty_relief', genre: 'notice', bodyHtml: '<p>正文。</p>', disclosure: { attribute: 'proactive' } });
      itemId = Number(draft.id);
      await s.items.submit(actors.editor!, itemId);
      const { findings } = await s.items.review(actors.reviewer!, itemId);
      for (const f of findings) await s.items.decideFinding(actors.reviewer!, itemId, f.id, 'mask');
      await s.items.passReview(actors.reviewer!, itemId);
      await s.items.approve(actors.approver!, itemId);
      await s.items.publish(actors.editor!, itemId);

      const officer = await t.signedIn('officer');
      const itemPage = await (await officer.get(`/console/items/${itemId}`)).text();
      assert.ok(itemPage.includes(`href="/console/deliveries?item=${itemId}"`), 'the item page links its log');
      const log = await officer.get(`/console/deliveries?item=${itemId}`);
      assert.equal(log.status, 200);
      const logHtml = await log.text();
      assert.match(logHtml, /共 4 条/, 'WeChat, Weibo and two SMS');
      assert.match(logHtml, /大湾村2026年临时救助对象公示/);
      const smsOnly = await (await officer.get(`/console/deliveries?item=${itemId}&channel=sms`)).text();
      assert.match(smsOnly, /共 2 条/);
      assert.ok(smsOnly.includes('138****0001') && !smsOnly.includes('13800000001') && !smsOnly.includes('>黔城发布<'), 'subscribers’ numbers are masked in the log');
      assert.match(await (await officer.get(`/console/deliveries?item=${itemId}&status=failed`)).text(), /共 0 条/);
      const badFilter = await officer.get('/console/deliveries?channel=fax&from=2026-13-45');
      assert.equal(badFilter.status, 400);
      assert.match(await badFilter.text(), /未知的渠道/);
      const backwards = await officer.get('/console/deliveries?from=2026-12-01&to=2026-11-01');
      assert.equal(backwards.status, 400);
      assert.match(await backwards.text(), /起始日期不能晚于截止日期/);
      // The period is China dates: queued at 10:00 Beijing time on 26 November.
      assert.match(await (await officer.get(`/console/deliveries?item=${itemId}&from=2026-11-26&to=2026-11-26`)).text(), /共 4 条/);
      assert.match(await (await officer.get(`/console/deliveries?item=${itemId}&from=2026-11-27`)).text(), /共 0 条/);
    });

    test('retry and cancel: by those who may decide, audited, refused in Chinese when the state does not allow it', async () => {
      const s = t.application.services;
      const sms = (await s.deliveries.list(actors.officer!, { itemId, channel: 'sms' })).items[0]!;
      const at = t.clock.now().toISOString();
      // What the worker records when the gateway refuses for good.
      await s.deps.uow.transaction(async (r) => {
        await r.deliveryQueue.transition(sms.id, { statuses: ['queued'] }, { status: 'failed', attempts: 3, lastError: '短信网关拒绝：isv.BUSINESS_LIMIT_CONTROL 触发号码天级流控', updatedAt: at });
        await r.deliveryQueue.appendEvent(sms.id, 'failed', '短信网关拒绝：isv.BUSINESS_LIMIT_CONTROL 触发号码天级流控', at);
      });

      const editor = await t.signedIn('editor');
      const seen = await (await editor.get(`/console/deliveries/${sms.id}`)).text();
      assert.match(seen, /isv\.BUSINESS_LIMIT_CONTROL/, 'the provider’s message');
      assert.ok(!seen.includes('重新发送</button>'), 'an editor sees but cannot retry');
      assert.equal((await editor.post(`/console/deliveries/${sms.id}/retry`, {})).status, 403);
      const reviewer = await t.signedIn('reviewer');
      assert.equal((await reviewer.get(`/console/deliveries/${sms.id}`)).status, 403);

      const officer = await t.signedIn('officer');
      const page = await (await officer.get(`/console/deliveries/${sms.id}`)).text();
      assert.match(page, /重新发送<\/button>/);
      assert.match(page, /发送失败/);
      const retried = await officer.post(`/console/deliveries/${sms.id}/retry`, {});
      assert.equal(retried.status, 303);
      const after = await (await officer.get(retried.headers.get('location')!)).text();
      assert.match(after, /已重新排入发送队列/);
      assert.match(after, /人工重新发送/);
      assert.equal((await s.deliveries.get(actors.officer!, sms.id)).delivery.status, 'queued');

      const approver = await t.signedIn('approver');
      await approver.get(`/console/deliveries/${sms.id}`);
      assert.equal((await approver.post(`/console/deliveries/${sms.id}/cancel`, {})).status, 303);
      assert.equal((await s.deliveries.get(actors.officer!, sms.id)).delivery.status, 'cancelled');
      const again = await approver.post(`/console/deliveries/${sms.id}/cancel`, {});
      assert.equal(again.status, 409);
      assert.match(await again.text(), /不能取消/);
      assert.deepEqual((await s.deps.uow.read.audit.forEntity('delivery', sms.id)).map((e) => [e.action, e.actorLabel]).reverse(), [['retry', actors.officer!.label], ['cancel', actors.approver!.label]]);
      assert.equal((await officer.post('/console/deliveries/999999/retry', {})).status, 404);
    });

    test('结果不明: an SMTP send whose result is unknown waits in the log for a person, who confirms it arrived (audited)', async () => {
      const s = t.application.services;
      const at = t.clock.now().toISOString();
      const id = (await s.deps.uow.transaction(async (r) => {
        const d = await r.deliveryQueue.enqueue({ agencyId: townId, channel: 'email', recipient: 'zhang@example.com', template: 'request_received', payload: { trackingNumber: 'YSQ-2026-000001' }, idempotencyKey: 'uncertain-web:1', at });
        await r.deliveryQueue.transition(d!, { statuses: ['queued'] }, { status: 'uncertain', attempts: 1, lastError: '发送结果不明：邮件内容已发给邮件服务器，但在它确认收下之前连接中断', updatedAt: at });
        await r.deliveryQueue.appendEvent(d!, 'uncertain', '发送结果不明：邮件内容已发给邮件服务器，但在它确认收下之前连接中断', at);
        return d!;
      }))!;
      const officer = await t.signedIn('officer');
      assert.match(await (await officer.get('/console/deliveries?status=uncertain')).text(), /共 1 条/);
      const page = await (await officer.get(`/console/deliveries/${id}`)).text();
      assert.match(page, /结果不明/);
      assert.match(page, /重新发送<\/button>/);
      assert.match(page, /确认已送达<\/button>/);
      const confirmed = await officer.post(`/console/deliveries/${id}/confirm-sent`, {});
      assert.equal(confirmed.status, 303);
      assert.match(await (await officer.get(confirmed.headers.get('location')!)).text(), /已确认送达/);
      assert.equal((await s.deliveries.get(actors.officer!, id)).delivery.status, 'sent');
      assert.deepEqual((await s.deps.uow.read.audit.forEntity('delivery', id)).map((e) => e.action), ['confirm_sent']);
      const again = await officer.post(`/console/deliveries/${id}/confirm-sent`, {});
      assert.equal(again.status, 409);
      assert.match(await again.text(), /只有结果不明的消息可以确认已送达/);
    });

    test('counts per channel and period are the report’s figures, and each number opens its list', async () => {
      const s = t.application.services;
      const wechat = (await s.deliveries.list(actors.officer!, { itemId, channel: 'wechat' })).items[0]!;
      const at = t.clock.now().toISOString();
      await s.deps.uow.transaction((r) => r.deliveryQueue.transition(wechat.id, { statuses: ['queued'] }, { status: 'sent', sentAt: at, updatedAt: at }));
      const officer = await t.signedIn('officer');
      const html = await (await officer.get('/console/deliveries/counts?from=2026-01-01&to=2026-12-31')).text();
      assert.match(html, /微信公众号推送信息1条/);
      const sentLink = /href="(\/console\/deliveries\?channel=wechat&amp;status=sent&amp;from=2026-01-01&amp;to=2026-12-31)">1<\/a>/.exec(html);
      assert.ok(sentLink, 'the WeChat sent count links to its list');
      const listed = await (await officer.get(sentLink[1]!.replace(/&amp;/g, '&'))).text();
      assert.match(listed, /共 1 条/);
      const pendingSms = /href="(\/console\/deliveries\?channel=sms&amp;status=pending[^"]*)">(\d+)<\/a>/.exec(html);
      assert.ok(pendingSms);
      assert.match(await (await officer.get(pendingSms[1]!.replace(/&amp;/g, '&'))).text(), new RegExp(`共 ${pendingSms[2]} 条`));
      // The annual report counts the same rows (sent, by the China calendar).
      const town = (await s.agencies.all()).find((a) => a.id === townId)!;
      const subtree = (await s.agencies.all()).filter((a) => a.path.startsWith(town.path)).map((a) => a.id);
      const reported = await s.deps.uow.read.deliveries.sentBetween({ agencyIds: subtree, fromAt: '2025-12-31T16:00:00.000Z', toAt: '2026-12-31T16:00:00.000Z' });
      const counted = await s.deliveries.counts(actors.officer!, { fromOn: '2026-01-01', toOn: '2026-12-31', agencyId: townId });
      for (const row of counted) assert.equal(row.sent, reported.filter((d) => d.channel === row.channel).length, row.channel);
      const bad = await (await officer.get('/console/deliveries/counts?from=2026-12-31&to=2026-01-01')).text();
      assert.match(bad, /起始日期不能晚于截止日期/);
    });

    test('the daily 一周一更新 check shows on the office dashboard, each number opening its list', async () => {
      const s = t.application.services;
      await s.deliveries.saveChannelSettings(actors.admin!, villageId, 'notice_board', { config: { boardName: '大湾村政务公开栏' } });
      t.clock.advance(8 * 86_400_000); // a week later: nothing new on the town's WeChat and Weibo
      assert.equal((await createScheduledJobs(s).runOnce()).staleChecked, true);
      const officer = await t.signedIn('officer');
      const home = await (await officer.get('/console')).text();
      assert.match(home, /渠道一周未更新/);
      const townLink = new RegExp(`href="/console/deliveries/stale\\?agency=${townId}"><strong>2</strong></a>`);
      assert.match(home, townLink, 'the town: WeChat and Weibo');
      assert.match(home, new RegExp(`href="/console/deliveries/stale\\?agency=${villageId}"><strong>1</strong></a>`), 'the village: its notice board');
      const list = await (await officer.get(`/console/deliveries/stale?agency=${townId}`)).text();
      assert.match(list, /黔城镇人民政府微信公众号自 2026-11-26 起已超过一周未更新/);
      assert.match(list, /黔城镇人民政府政务微博尚无发布记录/);
      assert.ok(!list.includes('大湾村政务公开栏') && !/notice_board/.test(list), 'only the chosen unit');
      const reviewer = await t.signedIn('reviewer');
      assert.doesNotMatch(await (await reviewer.get('/console')).text(), /渠道一周未更新/, 'not for those who cannot open the list');
      assert.equal((await reviewer.get('/console/deliveries/stale')).status, 403);
      const editor = await t.signedIn('editor');
      await editor.get('/console/deliveries/stale');
      assert.equal((await editor.post('/console/deliveries/stale/check', {})).status, 403);
      await officer.get('/console/deliveries/stale');
      const checked = await officer.post('/console/deliveries/stale/check', {});
      assert.equal(checked.status, 303);
      t.clock.set('2026-11-26T02:00:00.000Z');
    });

    test('the notice board: the week’s sheet with QR codes as DOCX, printing recorded once', async () => {
      const officer: Agent = await t.signedIn('officer');
      const page = await officer.get(`/console/deliveries/notice-board?agency=${villageId}&week=2026-11-26`);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /大湾村政务公开栏：2026-11-23 至 2026-11-29（共 1 条）/);
      assert.match(html, /未设置 GONGKAI_PUBLIC_URL/);
      const docx = await officer.request(`/console/deliveries/notice-board/sheet.docx?agency=${villageId}&week=2026-11-26`);
      assert.equal(docx.status, 200);
      assert.match(docx.headers.get('content-type')!, /wordprocessingml/);
      const zip = await JSZip.loadAsync(new Uint8Array(await docx.arrayBuffer()));
      assert.equal(Object.keys(zip.files).filter((f) => /^word\/media\/.+\.png$/.test(f)).length, 1, 'one QR code for the one item');
      assert.match(await zip.file('word/document.xml')!.async('string'), new RegExp(`descr="http://localhost/xxgk/items/${itemId}"`));
      const pdf = await officer.request(`/console/deliveries/notice-board/sheet.pdf?agency=${villageId}&week=2026-11-26`);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.match(decodeURIComponent(pdf.headers.get('content-disposition')!), /大湾村政务公开栏2026-11-23至2026-11-29\.pdf/);
      assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1'), '%PDF-');
      const invalid = await officer.get('/console/deliveries/notice-board?week=2026-02-30');
      assert.equal(invalid.status, 400);
      assert.match(await invalid.text(), /日期“2026-02-30”无效/);
      const printed = await officer.post('/console/deliveries/notice-board/printed', { agency: String(villageId), week: '2026-11-26' });
      assert.equal(printed.status, 303);
      assert.match(await (await officer.get(printed.headers.get('location')!)).text(), /已登记本周张贴/);
      const twice = await officer.post('/console/deliveries/notice-board/printed', { agency: String(villageId), week: '2026-11-27' });
      assert.equal(twice.status, 409);
      assert.match(await twice.text(), /已登记打印/);
    });

    test('an editor sees the log of a request notice without the applicant’s address or name; the officer sees them', async () => {
      const s = t.application.services;
      const submitted = await s.requests.submitOnline({
        agencyId: townId,
        applicant: { type: 'natural_person', name: '司马晓晴', identity: { kind: '居民身份证', number: '11010519491231002X' }, contact: { email: 'simaxq@example.com', phone: '13912345670', address: '黔城镇' } },
        informationSought: { description: '2025年危房改造名单' },
        formWanted: 'electronic',
        deliveryMethod: 'email',
      });
      const requestId = (await s.deps.uow.read.requests.findByTrackingNumber(submitted.trackingNumber))!.request.id;
      const noticeId = (await s.deliveries.list(actors.officer!, { requestId })).items[0]!.id;
      const editor = await t.signedIn('editor');
      for (const path of [`/console/deliveries?request=${requestId}`, `/console/deliveries/${noticeId}`]) {
        const page = await editor.get(path);
        assert.equal(page.status, 200, path);
        const html = await page.text();
        assert.ok(!html.includes('simaxq@example.com') && !html.includes('司马晓晴'), `${path}: nothing personal`);
        assert.ok(html.includes('s***@example.com'), `${path}: the masked address`);
      }
      const officer = await t.signedIn('officer');
      assert.ok((await (await officer.get(`/console/deliveries/${noticeId}`)).text()).includes('simaxq@example.com'));
    });

    test('an SMS subscriber’s number is masked on the delivery page, in its idempotency key too', async () => {
      const sms = (await t.application.services.deliveries.list(actors.officer!, { channel: 'sms' })).items;
      assert.ok(sms.length > 0);
      const editor = await t.signedIn('editor');
      for (const d of sms) {
        const html = await (await editor.get(`/console/deliveries/${d.id}`)).text();
        assert.ok(!html.includes(d.recipient), `delivery ${d.id}: no full number`);
        assert.ok(html.includes(`${d.recipient.slice(0, 3)}****${d.recipient.slice(7)}`), `delivery ${d.id}: the masked number`);
      }
    });
  });
}
