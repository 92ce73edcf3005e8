/**
 * The application form's one-time token on both stores: the same form posted again (a reload) shows
 * the first receipt, but a restored token carrying a different application files nothing and says so
 * (409); the office's registration says visibly when a letter had been registered already; the
 * receipt is shown for ten minutes only and can be cleared on a shared computer.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/databases.ts';
import { createTestApp, SAMPLE_APPLICATION, type TestApp } from '../../../test/web-harness.ts';

const application = SAMPLE_APPLICATION;

const ALREADY_SENT = '这份申请表已经提交过（申请编号见回执）；如要提交另一件申请，请重新打开申请页填写。';
const receiptOf = (html: string) => ({ number: /申请编号：<strong class="mono">([A-Z0-9-]+)</.exec(html)?.[1], code: /查询码：<strong class="mono">([A-Z0-9-]+)</.exec(html)?.[1] });

describeEachDialect('one application per form token; the receipt on a shared computer', (ctx) => {
  let t: TestApp;
  const requestCount = async () => Number((await ctx.db.selectFrom('requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const START = '2026-11-26T02:00:00.000Z';

  before(async () => {
    t = await createTestApp({ db: ctx.db, clock: START });
  });

  test('portal: the same token with the same content shows the first receipt; with other content it files nothing and answers 409', async () => {
    const a = t.agent();
    await a.get('/xxgk/apply');
    const form = { ...application, description: '令牌测试：板桥村2025年危房改造名单', _once: a.once };
    const before = await requestCount();
    const first = await a.post('/xxgk/apply', form);
    assert.equal(first.status, 303);
    const firstReceipt = receiptOf(await (await a.get('/xxgk/apply/done')).text());
    assert.ok(firstReceipt.number && firstReceipt.code);

    // A reload: the same content, the first receipt.
    const reload = await a.post('/xxgk/apply', form);
    assert.equal(reload.status, 303);
    assert.deepEqual(receiptOf(await (await a.get('/xxgk/apply/done')).text()), firstReceipt);

    // Back button, the token restored, another application typed over it: refused, nothing filed, no old receipt.
    for (const changed of <Record<string, string>[]>[{ description: '另一件申请：黔城镇2025年道路养护合同' }, { name: '李四', identityNumber: '11010519491231002X' }, { documentNumber: '洪政办发〔2025〕3号' }]) {
      const other = await a.post('/xxgk/apply', { ...form, ...changed });
      assert.equal(other.status, 409, JSON.stringify(changed));
      const html = await other.text();
      assert.ok(html.includes(ALREADY_SENT), 'the Chinese message');
      assert.match(html, /<a href="\/xxgk\/apply">/, 'a link to a fresh form');
      assert.ok(!html.includes(firstReceipt.number!) && !html.includes(firstReceipt.code!), 'not the old receipt');
      assert.equal(other.headers.get('location'), null);
    }
    assert.equal(await requestCount(), before + 1, 'still one request');
  });

  test('console: a letter registered twice says so on the receipt; the token with another letter is refused', async () => {
    const officer = await t.signedIn('officer');
    await officer.get('/console/requests/register');
    const letter = { ...application, channel: 'letter_registered', signedForOn: '2026-11-25', name: '王二', description: '登记测试：黔城镇2025年河道清淤合同', _once: officer.once };
    const before = await requestCount();
    const one = await officer.post('/console/requests/register', letter);
    assert.equal(one.status, 201);
    const oneHtml = await one.text();
    assert.ok(!oneHtml.includes('这封来信刚才已经登记过'));
    const two = await officer.post('/console/requests/register', letter);
    assert.equal(two.status, 201);
    const twoHtml = await two.text();
    assert.ok(twoHtml.includes('这封来信刚才已经登记过，下面是第一次登记的回执'), 'the repeat is said visibly');
    assert.deepEqual(receiptOf(twoHtml), receiptOf(oneHtml));

    const other = await officer.post('/console/requests/register', { ...letter, description: '另一封来信：黔城镇2025年路灯维修合同' });
    assert.equal(other.status, 409);
    const html = await other.text();
    assert.match(html, /已经提交过/);
    assert.match(html, /<a href="\/console\/requests\/register">/, 'a link to a fresh form');
    assert.ok(!html.includes(receiptOf(oneHtml).code!), 'not the old receipt');
    assert.equal(await requestCount(), before + 1);
  });

  test('the receipt cookie lives ten minutes, the receipt is gone after ten minutes, and the clear button removes it', async () => {
    t.clock.set(START);
    const a = t.agent();
    await a.get('/xxgk/apply');
    const res = await a.post('/xxgk/apply', { ...application, description: '回执时限测试：黔城镇2025年公厕保洁合同', _once: a.once });
    assert.equal(res.status, 303);
    const cookie = res.headers.getSetCookie().find((l) => l.startsWith('gk_receipt='))!;
    const maxAge = Number(/Max-Age=(\d+)/i.exec(cookie)?.[1]);
    assert.ok(maxAge > 0 && maxAge <= 600, `Max-Age ${maxAge}`);

    const done = await (await a.get('/xxgk/apply/done')).text();
    assert.ok(receiptOf(done).code);
    assert.match(done, /10 分钟/, 'the page says how long it is shown');
    assert.match(done, /已记下，清除回执/);
    assert.match(done, /<form method="post" action="\/xxgk\/apply\/clear-receipt"[\s\S]*?name="_csrf"/);

    try {
      t.clock.set('2026-11-26T02:09:00.000Z');
      assert.equal((await a.get('/xxgk/apply/done')).status, 200);
      t.clock.set('2026-11-26T02:10:01.000Z');
      assert.equal((await a.get('/xxgk/apply/done')).status, 404, 'the stored receipt expires too');
    } finally {
      t.clock.set(START);
    }

    // The clear button: without the CSRF token refused; with it the cookie is removed and the next person sees nothing.
    assert.equal((await a.post('/xxgk/apply/clear-receipt', {}, { csrf: null })).status, 403);
    assert.ok(a.cookies.has('gk_receipt'));
    const cleared = await a.post('/xxgk/apply/clear-receipt', {});
    assert.equal(cleared.status, 303);
    assert.equal(cleared.headers.get('location'), '/xxgk/apply');
    assert.ok(cleared.headers.getSetCookie().some((l) => l.startsWith('gk_receipt=') && /Max-Age=0/i.test(l) && /Path=\/xxgk\/apply/i.test(l)));
    assert.ok(!a.cookies.has('gk_receipt'));
    assert.equal((await a.get('/xxgk/apply/done')).status, 404);
  });
});
