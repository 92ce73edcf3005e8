import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test/web-harness.ts';
import { isPublicPath } from './app.tsx';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const applicant = {
  type: 'natural_person', name: '张晓明', identityKind: '居民身份证', identityNumber: '43128119900307121X', phone: '13812345678',
  email: 'zhang@example.com', address: '湖南省洪江市黔城镇板桥村3组', postcode: '418100', description: '请公开黔城镇2024年耕地地力保护补贴发放明细',
  documentNumber: '', formWanted: 'electronic', deliveryMethod: 'online',
};

test('console pages send Cache-Control: no-store (signed in, signed out, errors, redirects)', async () => {
  const anonymous = t.agent();
  for (const path of ['/console/login', '/console', '/console/items']) {
    const res = await anonymous.get(path);
    assert.equal(res.headers.get('cache-control'), 'no-store', path);
  }
  const admin = await t.signedIn('admin');
  for (const path of ['/console', '/console/items', '/console/audit', '/console/deliveries', '/console/no-such-page']) {
    const res = await admin.get(path);
    assert.equal(res.headers.get('cache-control'), 'no-store', path);
  }
});

test('the applicant\'s pages (application, tracking, letters) send no-store and never enter the public page cache', async () => {
  assert.equal(isPublicPath('/xxgk/track'), false);
  assert.equal(isPublicPath('/xxgk/apply'), false);
  const a = t.agent();
  const form = await a.get('/xxgk/apply');
  assert.equal(form.headers.get('cache-control'), 'no-store');
  const posted = await a.post('/xxgk/apply', { ...applicant, _once: a.once });
  assert.equal(posted.status, 303, 'post/redirect/get');
  assert.equal(posted.headers.get('cache-control'), 'no-store');
  const receipt = await a.get(posted.headers.get('location')!);
  assert.equal(receipt.status, 200);
  assert.equal(receipt.headers.get('cache-control'), 'no-store', 'the receipt shows the query code');
  const html = await receipt.text();
  const number = /申请编号：<strong class="mono">([A-Z0-9-]+)</.exec(html)![1]!;
  const code = /查询码：<strong class="mono">([A-Z0-9-]+)</.exec(html)![1]!;
  const first = await a.get('/xxgk/track');
  assert.equal(first.headers.get('cache-control'), 'no-store');
  const second = await a.get('/xxgk/track');
  assert.equal(second.headers.get('x-cache'), null, 'not served from the page cache');
  const tracking = await a.post('/xxgk/track', { number, code });
  assert.equal(tracking.status, 200);
  assert.equal(tracking.headers.get('cache-control'), 'no-store');
  const wrong = await a.post('/xxgk/track', { number, code: 'AAAA-BBBB-CCCC' });
  assert.equal(wrong.headers.get('cache-control'), 'no-store');
  // The public portal is still cacheable.
  assert.equal((await t.agent().request('/')).headers.get('cache-control'), null);
});
