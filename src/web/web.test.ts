import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { actorOf } from '../services/sign-in.ts';
import { createTestApp, ADMIN_PASSWORD, type TestApp } from '../../test/web-harness.ts';
import { openApplication } from '../main.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../storage/database.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

describe('public portal', () => {
  test('home shows the demo town, its disclosure sections and contact block, without scripts', async () => {
    const res = await t.agent().get('/');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<html lang="zh-CN"/);
    for (const s of ['黔城镇人民政府', '信息公开指南', '信息公开制度', '法定主动公开内容', '政府信息公开年报', '依申请公开', '政策解读', '村务公开', '0745-7731916', '418100', '宣传室']) {
      assert.ok(html.includes(s), s);
    }
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /class="skip-link" href="#main"/);
  });

  test('every section page answers; the guide lists the stations, village affairs the 15 villages', async () => {
    for (const slug of ['guide', 'rules', 'catalogue', 'annual-reports', 'apply', 'interpretations', 'village-affairs']) {
      const res = await t.agent().get(`/xxgk/${slug}`);
      assert.equal(res.status, 200, slug);
    }
    const guide = await (await t.agent().get('/xxgk/guide')).text();
    assert.ok(guide.includes('黔城镇财政所'));
    const villages = await (await t.agent().get('/xxgk/village-affairs')).text();
    assert.ok(villages.includes('板桥村') && villages.includes('三江村') && villages.includes('芙蓉社区'));
    assert.equal((villages.match(/href="\/xxgk\/village-affairs\/\d+"/g) ?? []).length, 15);
  });

  test('catalogue counts stop where paging stops: past the cap the list says “以上” (a provincial catalogue holds millions)', async () => {
    const items = t.application.services.items;
    const all = await items.publicList({ within: ['/'], limit: 2 });
    assert.ok(all.total > 5 && all.capped === undefined);
    const capped = await items.publicList({ within: ['/'], limit: 2, countCap: 5 });
    assert.deepEqual([capped.total, capped.capped, capped.items.length], [5, true, 2]);
    assert.deepEqual(capped.items.map((i) => i.id), all.items.map((i) => i.id), 'the page itself is unchanged');
    const exact = await items.publicList({ within: ['/'], limit: 2, countCap: all.total });
    assert.deepEqual([exact.total, exact.capped], [all.total, undefined], 'a count that reaches the cap exactly is not “以上”');
    const html = await (await t.agent().get('/xxgk/catalogue')).text();
    assert.match(html, new RegExp(`信息公开目录（共 ${String((await items.publicList({ within: ['/'], limit: 1, countCap: 10_000 })).total)} 条）`));
  });

  test('unknown pages get a Chinese 404 page', async () => {
    const res = await t.agent().get('/no-such-page');
    assert.equal(res.status, 404);
    assert.match(await res.text(), /页面不存在/);
    assert.equal((await t.agent().get('/xxgk/nothing')).status, 404);
  });

  test('large-text mode is a cookie set by a link, without JavaScript', async () => {
    const a = t.agent();
    const res = await a.get('/text-size?size=large&back=/xxgk/guide');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/xxgk/guide');
    assert.match(await (await a.get('/xxgk/guide')).text(), /<html lang="zh-CN" class="large-text"/);
    const evil = await a.get('/text-size?size=large&back=//evil.example/');
    assert.equal(evil.headers.get('location'), '/', 'no open redirect');
  });

  test('strict security headers on every page', async () => {
    const res = await t.agent().get('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
  });

  test('/healthz reports the database connection', async () => {
    const res = await t.agent().request('/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok', database: 'ok' });
  });
});

describe('login, sessions, CSRF', () => {
  test('wrong password is refused in Chinese; the right one opens the console', async () => {
    const a = t.agent();
    await a.get('/console/login');
    const bad = await a.post('/console/login', { login: 'officer', password: 'wrong-password' });
    assert.equal(bad.status, 401);
    assert.match(await bad.text(), /用户名或密码不正确/);
    const good = await a.post('/console/login', { login: 'officer', password: 'Gongkaiban#2017' });
    assert.equal(good.status, 303);
    assert.equal(good.headers.get('location'), '/console');
    assert.ok(a.cookies.has('gk_session'));
    const home = await a.get('/console');
    assert.equal(home.status, 200);
    assert.match(await home.text(), /公开办 李敏/);
    const out = await a.post('/console/logout', {});
    assert.equal(out.status, 303);
    assert.equal((await a.get('/console')).status, 303, 'signed out: back to the login page');
  });

  test('the console redirects anonymous visitors to the login page', async () => {
    const res = await t.agent().get('/console/users');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/console/login?next=%2Fconsole%2Fusers');
  });

  test('forms without, or with a wrong, CSRF token are rejected; so is a cross-site origin', async () => {
    const a = t.agent();
    await a.get('/console/login');
    const none = await a.post('/console/login', { login: 'officer', password: 'Gongkaiban#2017' }, { csrf: null });
    assert.equal(none.status, 403);
    assert.match(await none.text(), /CSRF/);
    const wrong = await a.post('/console/login', { login: 'officer', password: 'Gongkaiban#2017' }, { csrf: 'x'.repeat(32) });
    assert.equal(wrong.status, 403);
    const cross = await a.post('/console/login', { login: 'officer', password: 'Gongkaiban#2017' }, { headers: { origin: 'https://evil.example' } });
    assert.equal(cross.status, 403);
    // Signed in, the token is the session's own: the anonymous one no longer works.
    const s = await t.signedIn('admin');
    const anonymousToken = s.cookies.get('gk_csrf')!;
    const res = await s.post('/console/agencies/new', { kind: 'village', name: '测试村', parentId: '2' }, { csrf: anonymousToken });
    assert.equal(res.status, 403);
  });

  test('five failures lock the account for 15 minutes, and the lock is audited; the page answers as for an unknown login', async () => {
    const a = t.agent();
    await a.get('/console/login');
    const alertOf = async (r: Response) => /role="alert">\s*<p>([^<]*)<\/p>/.exec(await r.text())?.[1];
    const unknown = await a.post('/console/login', { login: 'no-such-user', password: 'bad-0' });
    assert.equal(unknown.status, 401);
    const answer = await alertOf(unknown);
    assert.match(answer ?? '', /用户名或密码不正确.*锁定/);
    for (let i = 1; i <= 4; i++) {
      const r = await a.post('/console/login', { login: 'reviewer', password: `bad-${i}` });
      assert.equal(r.status, 401);
      assert.equal(await alertOf(r), answer, 'a known login gets no count of remaining attempts');
    }
    const locked = await a.post('/console/login', { login: 'reviewer', password: 'bad-5' });
    assert.equal(locked.status, 401);
    assert.equal(await alertOf(locked), answer);
    const still = await a.post('/console/login', { login: 'reviewer', password: 'Baomi-shencha#2017' });
    assert.equal(still.status, 401, 'even the right password waits out the lock');
    assert.equal(await alertOf(still), answer, 'and the answer does not tell that the password was right');
    t.clock.advance(16 * 60_000);
    const later = await a.post('/console/login', { login: 'reviewer', password: 'Baomi-shencha#2017' });
    assert.equal(later.status, 303);
    const entries = await t.application.services.deps.uow.read.audit.recent(20);
    assert.ok(entries.some((e) => e.action === 'lock'));
  });

  test('a one-time password must be changed before anything else', async () => {
    const admin = await t.signedIn('admin');
    await admin.get('/console/users/new');
    const created = await admin.post('/console/users/new', { login: 'chenjing', displayName: '陈静', agencyId: '2', role: 'editor', roleAgencyId: '2' });
    assert.equal(created.status, 201);
    const password = /一次性密码：<strong class="mono">([A-Za-z0-9]+)</.exec(await created.text())?.[1];
    assert.ok(password);
    const a = t.agent();
    const res = await a.login('chenjing', password);
    assert.equal(res.headers.get('location'), '/console/account/password');
    assert.equal((await a.get('/console')).headers.get('location'), '/console/account/password');
    await a.get('/console/account/password');
    const weak = await a.post('/console/account/password', { current: password, next: 'short', confirm: 'short' });
    assert.equal(weak.status, 400);
    assert.match(await weak.text(), /至少 10 个字符/);
    const ok = await a.post('/console/account/password', { current: password, next: 'Chen-jing#2026', confirm: 'Chen-jing#2026' });
    assert.equal(ok.status, 303);
    assert.equal((await a.get('/console')).status, 200);
  });
});

describe('roles against console routes', () => {
  const routes = ['/console', '/console/deadline', '/console/items', '/console/requests', '/console/requests/templates', '/console/requests/templates/reply.disclosed', '/console/requests/suggestions', '/console/reports', '/console/reports/trace?agency=2&year=2024&subunits=1&figure=requests.received', '/console/assessment', '/console/assessment/new', '/console/trends', '/console/ledgers', '/console/calendar', '/console/agencies', '/console/agencies/new', '/console/vocabularies', '/console/users', '/console/users/new', '/console/audit', '/console/deliveries', '/console/deliveries/counts', '/console/deliveries/stale', '/console/deliveries/notice-board', '/console/deliveries/settings', '/console/account/password'];
  const allowed: Record<string, string[]> = {
    admin: ['/console', '/console/deadline', '/console/calendar', '/console/agencies', '/console/agencies/new', '/console/vocabularies', '/console/users', '/console/users/new', '/console/audit', '/console/deliveries/settings', '/console/account/password'],
    officer: ['/console', '/console/deadline', '/console/items', '/console/requests', '/console/requests/templates', '/console/requests/templates/reply.disclosed', '/console/requests/suggestions', '/console/reports', '/console/reports/trace?agency=2&year=2024&subunits=1&figure=requests.received', '/console/assessment', '/console/assessment/new', '/console/trends', '/console/ledgers', '/console/calendar', '/console/vocabularies', '/console/audit', '/console/deliveries', '/console/deliveries/counts', '/console/deliveries/stale', '/console/deliveries/notice-board', '/console/account/password'],
    editor: ['/console', '/console/deadline', '/console/items', '/console/deliveries', '/console/deliveries/counts', '/console/deliveries/stale', '/console/deliveries/notice-board', '/console/account/password'],
    reviewer: ['/console', '/console/deadline', '/console/items', '/console/account/password'],
    approver: ['/console', '/console/deadline', '/console/items', '/console/requests', '/console/requests/templates', '/console/requests/templates/reply.disclosed', '/console/requests/suggestions', '/console/trends', '/console/deliveries', '/console/deliveries/counts', '/console/deliveries/stale', '/console/deliveries/notice-board', '/console/account/password'],
  };
  for (const [role, ok] of Object.entries(allowed)) {
    test(`${role}: allowed routes answer 200, the others 403, and the navigation shows only what is allowed`, async () => {
      const a = await t.signedIn(role as keyof typeof allowed & 'admin');
      for (const route of routes) {
        const res = await a.get(route);
        assert.equal(res.status, ok.includes(route) ? 200 : 403, `${role} ${route}`);
        if (res.status === 403) assert.match(await res.text(), /没有/);
      }
      const nav = await (await a.get('/console')).text();
      for (const route of ['/console/items', '/console/users', '/console/audit', '/console/agencies', '/console/vocabularies', '/console/deliveries', '/console/deliveries/settings']) {
        assert.equal(nav.includes(`href="${route}"`), ok.includes(route), `${role} nav ${route}`);
      }
    });
  }

  test('POSTs are checked too: an editor cannot create agencies or users', async () => {
    const editor = await t.signedIn('editor');
    await editor.get('/console');
    assert.equal((await editor.post('/console/agencies/new', { kind: 'village', name: '越权村', parentId: '2' })).status, 403);
    assert.equal((await editor.post('/console/users/new', { login: 'hacker', displayName: 'x', agencyId: '2' })).status, 403);
  });
});

describe('administration', () => {
  test('a new agency with a bad credit code gets the error in Chinese and keeps what was typed', async () => {
    const admin = await t.signedIn('admin');
    await admin.get('/console/agencies/new');
    const bad = await admin.post('/console/agencies/new', { parentId: '2', kind: 'village', name: '新建村', creditCode: '11431281006189210X', address: '黔城镇新建村' });
    assert.equal(bad.status, 400);
    const html = await bad.text();
    assert.match(html, /统一社会信用代码不正确/);
    assert.ok(html.includes('value="黔城镇新建村"'), 'typed values are kept');
    const ok = await admin.post('/console/agencies/new', { parentId: '2', kind: 'village', name: '新建村', address: '黔城镇新建村' });
    assert.equal(ok.status, 303);
    assert.ok((await (await admin.get('/console/agencies')).text()).includes('新建村'));
    const audit = await (await admin.get('/console/audit')).text();
    assert.ok(audit.includes('新建村'));
  });

  test('the audit page shows each viewer their own subtree: a town officer sees no county entry and no other town’s', async () => {
    const s = t.application.services;
    const admin = actorOf((await s.deps.uow.read.users.findByLogin('admin'))!);
    const all = await s.agencies.all();
    const county = all.find((a) => a.name === '洪江市人民政府')!.id;
    const town = all.find((a) => a.name === '黔城镇人民政府')!.id;
    const otherTown = (await s.agencies.create(admin, { kind: 'town_gov', name: '托口镇人民政府', parentId: county })).id;
    await s.users.create(admin, { login: 'audit-county', displayName: '县级标记甲', agencyId: county });
    await s.users.create(admin, { login: 'audit-town', displayName: '本镇标记乙', agencyId: town });
    await s.users.create(admin, { login: 'audit-other', displayName: '他镇标记丙', agencyId: otherTown });
    const officer = await (await (await t.signedIn('officer')).get('/console/audit')).text();
    assert.ok(officer.includes('本镇标记乙'), 'the town’s own entry');
    assert.ok(!officer.includes('县级标记甲'), 'no county entry');
    assert.ok(!officer.includes('他镇标记丙'), 'no other town’s entry');
    const root = await (await (await t.signedIn('admin')).get('/console/audit')).text();
    assert.ok(['县级标记甲', '本镇标记乙', '他镇标记丙'].every((m) => root.includes(m)), 'the county administrator sees them all');
  });

  test('the audit page verifies the chain', async () => {
    const admin = await t.signedIn('admin');
    await admin.get('/console/audit');
    const res = await admin.post('/console/audit/verify', {});
    assert.equal(res.status, 200);
    assert.match(await res.text(), /校验通过：\d+ 条记录的哈希链完整/);
  });
});

test('an unexpected failure shows a Chinese error page with a reference, never a stack trace', async () => {
  const logged: string[] = [];
  const db = openDatabase({ sqlitePath: ':memory:' });
  const app = await openApplication(loadConfig({ NODE_ENV: 'test' }), { db });
  await app.services.initialise({ demo: false, adminPassword: ADMIN_PASSWORD });
  const { createApp } = await import('./app.tsx');
  const broken = createApp({
    services: { ...app.services, settings: { get: () => Promise.reject(new Error('disk on fire')) } },
    webConfig: { secureCookies: false, sessionHours: 1, publicUrl: undefined },
    pingDatabase: () => Promise.reject(new Error('down')),
    logError: (ref) => logged.push(ref),
  });
  const res = await broken.request('http://localhost/');
  assert.equal(res.status, 500);
  const html = await res.text();
  assert.match(html, /系统出现错误/);
  assert.doesNotMatch(html, /disk on fire|at .*\.ts/);
  assert.equal(logged.length, 1);
  assert.ok(html.includes(logged[0]!));
  const health = await broken.request('http://localhost/healthz');
  assert.equal(health.status, 503);
  await app.close();
});

test('the login form is rate-limited per client address', async () => {
  const { createApp } = await import('./app.tsx');
  const limited = createApp({
    services: t.application.services,
    webConfig: { secureCookies: false, sessionHours: 1, publicUrl: undefined },
    pingDatabase: async () => {},
    loginRateLimit: 3,
  });
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) {
    const res = await limited.request('http://localhost/console/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'localhost' },
      body: 'login=nobody&password=x',
    });
    statuses.push(res.status);
  }
  assert.deepEqual(statuses, [403, 403, 403, 429], 'three attempts (refused for CSRF), then 429');
});

test('the console home shows each unit’s pending work with links, and a chart readable without JavaScript', async () => {
  const officer = await t.signedIn('officer');
  const html = await (await officer.get('/console')).text();
  assert.match(html, /各单位待办/);
  assert.match(html, /<th scope="row">黔城镇人民政府<\/th>/);
  assert.match(html, /<svg[^>]*role="img"/);
  assert.match(html, /<title[^>]*>近 12 个月每月发布的主动公开信息：/);
  const admin = await t.signedIn('admin');
  assert.doesNotMatch(await (await admin.get('/console')).text(), /各单位待办/, 'the administrator manages accounts, not cases');
});
