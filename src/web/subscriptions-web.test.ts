import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test/web-harness.ts';
import { actorOf } from '../services/sign-in.ts';
import type { Actor } from '../services/ports.ts';
import { publishItem } from '../../test/publish-item.ts';

let t: TestApp;
const actors: Record<string, Actor> = {};
let townId = 0;

before(async () => {
  t = await createTestApp();
  const repos = t.application.services.deps.uow.read;
  for (const login of ['editor', 'reviewer', 'approver', 'officer', 'admin']) actors[login] = actorOf((await repos.users.findByLogin(login))!);
  townId = (await t.application.services.agencies.all()).find((a) => a.name === '黔城镇人民政府')!.id;
});
after(() => t.close());

const services = () => t.application.services;

async function mailTo(address: string) {
  const { items } = await services().deliveries.list(actors.officer!, { channel: 'email', limit: 1000 });
  return items.filter((d) => d.recipient === address).sort((a, b) => a.id - b.id);
}

const tokenOf = (path: unknown): string => new URL(String(path), 'http://x').searchParams.get('token')!;

const publish = (): Promise<number> =>
  publishItem(services(), actors, townId, { title: '黔城镇2026年冬季防火通告', summary: '冬季防火。', categoryCode: 'market_safety_regulation' });

test('the subscribe form: linked from the portal, works without JavaScript, says when email is not yet offered', async () => {
  assert.ok((await (await t.agent().get('/')).text()).includes('href="/subscriptions"'));
  const res = await t.agent().get('/subscriptions');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.doesNotMatch(html, /<script/i);
  for (const label of ['<label for="f-email">电子邮箱', '<label for="f-agencyId">订阅的机构', '<label for="f-categoryCode">主题分类（可不选）', 'name="_csrf"']) assert.ok(html.includes(label), label);
  assert.ok(html.includes('本平台暂未开通邮件订阅'));
});

test('subscribe → confirm page (GET changes nothing, the button confirms) → notice → unsubscribe page and one-click POST', async () => {
  await services().deliveries.saveChannelSettings(actors.admin!, townId, 'email', { config: { host: '127.0.0.1', port: 2525, secure: false, from: '黔城镇政务公开 <xxgk@example.gov.cn>' } });
  const a = t.agent();
  const form = await (await a.get('/subscriptions')).text();
  assert.ok(!form.includes('本平台暂未开通邮件订阅'));

  // Without the form's CSRF token the post is refused.
  assert.equal((await t.agent().post('/subscriptions', { email: 'zhao@example.com', agencyId: String(townId) }, { csrf: null })).status, 403);
  // Bad input: a Chinese error, and what was typed stays.
  const bad = await a.post('/subscriptions', { email: 'zhao@', agencyId: String(townId), categoryCode: '' });
  assert.equal(bad.status, 400);
  const badHtml = await bad.text();
  assert.ok(badHtml.includes('电子邮箱格式不正确'));
  assert.ok(badHtml.includes('value="zhao@"'));
  assert.deepEqual(await mailTo('zhao@'), []);

  const ok = await a.post('/subscriptions', { email: 'zhao@example.com', agencyId: String(townId), categoryCode: '' });
  assert.equal(ok.status, 200);
  assert.ok((await ok.text()).includes('请查收确认邮件'));
  const [confirmMail] = await mailTo('zhao@example.com');
  const confirmToken = tokenOf(confirmMail!.payload.confirmPath);

  const b = t.agent();
  const page = await b.get(`/subscriptions/confirm?token=${confirmToken}`);
  assert.equal(page.status, 200);
  // The token is in the URL: other sites see at most the origin (the site-wide Referrer-Policy).
  assert.equal(page.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
  const pageHtml = await page.text();
  assert.ok(pageHtml.includes('z***@example.com') && pageHtml.includes('<button type="submit">确认订阅</button>'));
  // Opening the link (or a mail scanner opening it) did not confirm: a publication now sends nothing.
  const early = await publish();
  assert.equal((await mailTo('zhao@example.com')).filter((d) => d.itemId === early).length, 0);
  const confirmed = await b.post(`/subscriptions/confirm?token=${confirmToken}`, {});
  assert.equal(confirmed.status, 200);
  assert.ok((await confirmed.text()).includes('订阅成功'));
  const again = await b.get(`/subscriptions/confirm?token=${confirmToken}`);
  assert.equal(again.status, 404);
  assert.ok((await again.text()).includes('确认链接无效或已使用'));

  const itemId = await publish();
  const notices = (await mailTo('zhao@example.com')).filter((d) => d.itemId === itemId);
  assert.equal(notices.length, 1);
  const token = tokenOf(notices[0]!.payload.unsubscribePath);

  const unsub = await t.agent().get(`/subscriptions/unsubscribe?token=${token}`);
  assert.equal(unsub.status, 200);
  assert.ok((await unsub.text()).includes('<button type="submit">退订</button>'));

  // RFC 8058: the mail client POSTs with no cookies and no CSRF token.
  const oneClick = await t.application.app.request(`http://localhost/api/v1/subscriptions/unsubscribe?token=${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'localhost' },
    body: 'List-Unsubscribe=One-Click',
  });
  assert.equal(oneClick.status, 200);
  assert.deepEqual(await oneClick.json(), { status: 'unsubscribed' });
  assert.ok((await (await t.agent().get(`/subscriptions/unsubscribe?token=${token}`)).text()).includes('该订阅已退订'));
  const later = await publish();
  assert.equal((await mailTo('zhao@example.com')).filter((d) => d.itemId === later).length, 0);

  const wrong = await t.application.app.request('http://localhost/api/v1/subscriptions/unsubscribe?token=nonsense-token-nonsense-token', { method: 'POST', headers: { host: 'localhost' } });
  assert.equal(wrong.status, 404);
  assert.match(((await wrong.json()) as { error: string }).error, /退订链接无效/);
  const wrongPage = await t.agent().get('/subscriptions/unsubscribe?token=abc');
  assert.equal(wrongPage.status, 404);
  assert.ok((await wrongPage.text()).includes('退订链接无效'));
});

test('the unsubscribe page’s own button works (POST with the form’s CSRF token)', async () => {
  const a = t.agent();
  await a.get('/subscriptions');
  await a.post('/subscriptions', { email: 'qian@example.com', agencyId: String(townId), categoryCode: 'market_safety_regulation' });
  await services().subscriptions.confirm(tokenOf((await mailTo('qian@example.com'))[0]!.payload.confirmPath));
  const itemId = await publish();
  const token = tokenOf((await mailTo('qian@example.com')).find((d) => d.itemId === itemId)!.payload.unsubscribePath);
  const b = t.agent();
  await b.get(`/subscriptions/unsubscribe?token=${token}`);
  const res = await b.post(`/subscriptions/unsubscribe?token=${token}`, {});
  assert.equal(res.status, 200);
  assert.ok((await res.text()).includes('已退订'));
  const later = await publish();
  assert.equal((await mailTo('qian@example.com')).filter((d) => d.itemId === later).length, 0);
});

test('two requests the same day: one mail; its confirmation page lists both (unit and category), the button confirms both', async () => {
  const a = t.agent();
  await a.get('/subscriptions');
  const first = await a.post('/subscriptions', { email: 'sun@example.com', agencyId: String(townId), categoryCode: '' });
  assert.equal(first.status, 200);
  const second = await a.post('/subscriptions', { email: 'sun@example.com', agencyId: String(townId), categoryCode: 'market_safety_regulation' });
  assert.equal(second.status, 200);
  assert.ok((await second.text()).includes('一并确认'), 'the answer says the day’s mail confirms this request too');
  const mails = (await mailTo('sun@example.com')).filter((d) => d.template === 'subscription_confirm');
  assert.equal(mails.length, 1);
  const token = tokenOf(mails[0]!.payload.confirmPath);

  const b = t.agent();
  const page = await (await b.get(`/subscriptions/confirm?token=${token}`)).text();
  assert.ok(page.includes('同时确认'), page);
  assert.ok(page.includes('黔城镇人民政府（全部主题分类）'));
  assert.match(page, /<li>黔城镇人民政府（[^）]*市场[^）]*）<\/li>/);
  const done = await (await b.post(`/subscriptions/confirm?token=${token}`, {})).text();
  assert.ok(done.includes('订阅成功'));
  assert.match(done, /<li>黔城镇人民政府（[^）]*市场[^）]*）<\/li>/);

  const itemId = await publish();
  assert.equal((await mailTo('sun@example.com')).filter((d) => d.itemId === itemId).length, 1, 'one notice per address, now confirmed');
  const repos = services().deps.uow.read;
  assert.equal((await repos.subscriptions.findTarget(townId, 'sun@example.com', 'market_safety_regulation'))?.status, 'confirmed');
});
