/**
 * The application form (portal) and the office's registration form (console) on both stores: every
 * field the HTML marks `required` is required by the server too, identity numbers are checked by
 * kind and telephone numbers by shape, each refusal is a 400 with a Chinese message next to the field,
 * the form comes back with what was typed, and nothing is stored.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../../test/databases.ts';
import { createTestApp, type Agent, type TestApp, SAMPLE_APPLICATION } from '../../../test/web-harness.ts';

const application = SAMPLE_APPLICATION;

/** The names of the inputs a page's form marks `required`. */
function requiredFields(html: string, action: string): string[] {
  const form = html.slice(html.indexOf(`action="${action}"`));
  const body = form.slice(0, form.indexOf('</form>'));
  return [...body.matchAll(/<(?:input|select|textarea)\b[^>]*>/g)].map((m) => m[0]).filter((tag) => /\srequired(?:[\s=>])/.test(tag)).map((tag) => /name="([^"]+)"/.exec(tag)![1]!);
}

/** The error shown next to a field (`Field` renders it as `f-<name>-error`). */
function fieldError(html: string, name: string): string | undefined {
  return new RegExp(`id="f-${name}-error"[^>]*>([^<]*)<`).exec(html)?.[1];
}

describeEachDialect('application and registration forms', (ctx) => {
  let t: TestApp;
  let officer: Agent;
  const requestCount = async () => Number((await ctx.db.selectFrom('requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  before(async () => {
    t = await createTestApp({ db: ctx.db });
    officer = await t.signedIn('officer');
  });

  const apply = async (values: Record<string, string>) => {
    const a = t.agent();
    await a.get('/xxgk/apply');
    const before = await requestCount();
    const res = await a.post('/xxgk/apply', values);
    return { res, html: await res.text(), stored: (await requestCount()) - before };
  };

  test('portal: each field the form marks required is refused when blank, with the message next to it and the input kept', async () => {
    const required = requiredFields(await (await t.agent().get('/xxgk/apply')).text(), '/xxgk/apply');
    assert.deepEqual(required.sort(), ['identityNumber', 'name'], 'the fields marked required');
    for (const name of required) {
      const { res, html, stored } = await apply({ ...application, [name]: '' });
      assert.equal(res.status, 400, name);
      assert.equal(stored, 0, `${name}: nothing stored`);
      assert.match(fieldError(html, name) ?? '', /请填写/, `${name}: the message is next to the field`);
      assert.ok(html.includes('湖南省洪江市黔城镇板桥村3组'), `${name}: what was typed is kept`);
    }
    // The radio groups marked * always send a value from a browser; a forged blank is refused all the same.
    const { res, html, stored } = await apply({ ...application, type: '', formWanted: '', deliveryMethod: '' });
    assert.equal(res.status, 400);
    assert.equal(stored, 0);
    for (const message of ['请选择申请人类型', '请选择信息的形式', '请选择获取信息的方式']) assert.ok(html.includes(`<p class="error">${message}</p>`), message);
  });

  test('portal: a wrong check digit, a telephone without area code, no contact, no description and a mismatched document kind are refused', async () => {
    const wrongCheck = await apply({ ...application, identityNumber: '431281199003071211' });
    assert.equal(wrongCheck.res.status, 400);
    assert.equal(wrongCheck.stored, 0);
    assert.match(fieldError(wrongCheck.html, 'identityNumber') ?? '', /校验位不正确/);
    assert.ok(wrongCheck.html.includes('431281199003071211'), 'the number typed is shown again to be corrected');

    const badPhone = await apply({ ...application, phone: '7731502', postcode: '4181' });
    assert.equal(badPhone.res.status, 400);
    assert.equal(badPhone.stored, 0);
    assert.match(fieldError(badPhone.html, 'phone') ?? '', /区号/);
    assert.match(fieldError(badPhone.html, 'postcode') ?? '', /6位数字/);

    const nothing = await apply({ ...application, phone: '', email: '', address: '', description: '' });
    assert.equal(nothing.res.status, 400);
    assert.equal(nothing.stored, 0);
    assert.match(fieldError(nothing.html, 'phone') ?? '', /至少填写一种联系方式/);
    assert.match(nothing.html, /请填写所需政府信息的名称或者特征性描述/);

    const company = await apply({ ...application, type: 'commercial_enterprise', name: '洪江市某建材有限公司' });
    assert.equal(company.res.status, 400);
    assert.equal(company.stored, 0);
    assert.match(company.html, /法人或其他组织请填写统一社会信用代码/);
    assert.match(company.html, /<option value="统一社会信用代码"/);
    assert.match(company.html, /<option value="外国人永久居留身份证"/, 'the kinds the server checks are offered');
  });

  test('portal: a valid application is accepted', async () => {
    const { res, stored } = await apply({ ...application, identityNumber: '４３１２８１ １９９００３０７ １２１ｘ', phone: '0745-7731502' });
    assert.equal(res.status, 303, 'post/redirect/get to the receipt');
    assert.equal(stored, 1);
  });

  test('console: the registration form’s required fields are enforced; a letter without an identity document is registered, a wrong number is not', async () => {
    const letter = { ...application, channel: 'letter_registered', signedForOn: '2026-11-25', submittedOn: '' };
    const page = await (await officer.get('/console/requests/register')).text();
    const required = requiredFields(page, '/console/requests/register');
    assert.deepEqual(required, ['name'], 'a letter may come without an identity document: 补正 asks for it (条例第三十条)');
    for (const name of required) {
      const before = await requestCount();
      const res = await officer.post('/console/requests/register', { ...letter, [name]: '' });
      assert.equal(res.status, 400, name);
      assert.match(fieldError(await res.text(), name) ?? '', /请填写/, name);
      assert.equal(await requestCount(), before, `${name}: nothing stored`);
    }
    const before = await requestCount();
    const wrong = await officer.post('/console/requests/register', { ...letter, identityNumber: '431281199003071211' });
    assert.equal(wrong.status, 400);
    const wrongHtml = await wrong.text();
    assert.match(fieldError(wrongHtml, 'identityNumber') ?? '', /校验位不正确/);
    assert.ok(wrongHtml.includes('湖南省洪江市黔城镇板桥村3组'));
    assert.equal(await requestCount(), before);
    const withoutDocument = await officer.post('/console/requests/register', { ...letter, identityNumber: '' });
    assert.equal(withoutDocument.status, 201);
    assert.equal(await requestCount(), before + 1);
  });
});
