import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createTestApp, type Agent, type TestApp } from '../../test/web-harness.ts';
import { docxBomb, xlsxBomb } from '../../test/zip-bombs.ts';

// Without OCR (GONGKAI_TESSERACT=0), as on a server where tesseract-ocr is not installed; an 8 MB unpacked cap.
let t: TestApp;
before(async () => {
  t = await createTestApp({ env: { GONGKAI_TESSERACT: '0', GONGKAI_MAX_UNPACKED_MB: '8' } });
});
after(() => t.close());

const SCAN_PNG = new Uint8Array(readFileSync(new URL('../../test/fixtures/id-number-scan.png', import.meta.url)));

async function postItem(editor: Agent, title: string, file: File): Promise<Response> {
  await editor.get('/console/items/new');
  const form = new FormData();
  form.set('_csrf', editor.csrf);
  for (const [k, v] of Object.entries({ agencyId: '2', title, summary: '概述', formedOn: '2026-11-20', categoryCode: 'general_affairs', genre: 'notice', attribute: 'proactive', body: '正文' })) form.set(k, v);
  form.set('attachments', file);
  return editor.request('/console/items/new', { method: 'POST', body: form });
}

test('an editor’s zip-bomb DOCX is refused with a Chinese message and a 400; no item is created; the server keeps answering meanwhile', async () => {
  const editor = await t.signedIn('editor');
  const bomb = docxBomb(40, { declareBytes: 5000 });
  let answered = 0;
  const pinging = (async () => {
    const started = Date.now();
    while (Date.now() - started < 1500) {
      const res = await t.agent().request('/healthz');
      if (res.status === 200) answered++;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const res = await postItem(editor, '附件是压缩炸弹', new File([bomb], '年度报告.docx'));
  await pinging;
  assert.equal(res.status, 400);
  assert.match(await res.text(), /附件“年度报告.docx”：文件解压后的大小与其声明不符.*压缩炸弹/);
  assert.ok(answered > 5, `health checks answered while reading: ${answered}`);
  const list = await (await editor.get('/console/items')).text();
  assert.doesNotMatch(list, /附件是压缩炸弹/);
});

test('a scanned image cannot pass review until the reviewer confirms checking it by eye, with a reason', async () => {
  const editor = await t.signedIn('editor');
  const created = await postItem(editor, '2026年低保对象名单（扫描件）', new File([SCAN_PNG], '低保名单.png', { type: 'image/png' }));
  assert.equal(created.status, 303, await created.text());
  const id = /\/console\/items\/(\d+)/.exec(created.headers.get('location')!)![1]!;
  await editor.get(`/console/items/${id}`);
  assert.equal((await editor.post(`/console/items/${id}/submit`, {})).status, 303);

  const reviewer = await t.signedIn('reviewer');
  const page = await (await reviewer.get(`/console/items/${id}`)).text();
  assert.match(page, /未能自动检测/);
  assert.match(page, /我已逐页人工核对该附件/);
  const findingId = /name="findingId" value="([^"]*unreadable[^"]*)"/.exec(page)?.[1];
  assert.ok(findingId, 'the 未能自动检测 finding has its own form');
  const pass = await reviewer.post(`/console/items/${id}/pass-review`, {});
  assert.equal(pass.status, 409);
  assert.match(await pass.text(), /须处理的发现/);
  const unconfirmed = await reviewer.post(`/console/items/${id}/finding`, { findingId, decision: 'checked', reason: '已核对' });
  assert.equal(unconfirmed.status, 409);
  assert.match(await unconfirmed.text(), /勾选“我已逐页人工核对”/);
  const asIntended = await reviewer.post(`/console/items/${id}/finding`, { findingId, decision: 'intended', reason: '确需公开' });
  assert.match(await asIntended.text(), /不能打码或直接标为确需公开/);
  const confirmed = await reviewer.post(`/console/items/${id}/finding`, { findingId, decision: 'checked', confirmed: '1', reason: '已逐页核对扫描件，无身份证号' });
  assert.equal(confirmed.status, 303);
  assert.match(await (await reviewer.get(`/console/items/${id}`)).text(), /已人工核对：已逐页核对扫描件，无身份证号/);
  assert.equal((await reviewer.post(`/console/items/${id}/pass-review`, {})).status, 303);
});

test('ledger import of a zip-bomb XLSX is refused in Chinese with a 400', async () => {
  const officer = await t.signedIn('officer');
  await officer.get('/console/ledgers');
  const form = new FormData();
  form.set('_csrf', officer.csrf);
  form.set('kind', 'items');
  form.set('agencyId', String((await t.application.services.agencies.all()).find((a) => a.name === '黔城镇人民政府')!.id));
  form.set('file', new File([xlsxBomb(40, { declareBytes: 4000 })], '台账.xlsx'));
  const res = await officer.request('/console/ledgers/import', { method: 'POST', body: form });
  assert.equal(res.status, 400);
  assert.match(await res.text(), /压缩炸弹/);
});

test('an attachment with hundreds of findings lists only the first 300, open ones first, and says so; the page stays small', async () => {
  const editor = await t.signedIn('editor');
  const many = docxBomb(0.05, { paragraph: '村委会联系电话13812345678' });
  const created = await postItem(editor, '联系电话汇总表', new File([many], '电话.docx'));
  assert.equal(created.status, 303, await created.text());
  const id = /\/console\/items\/(\d+)/.exec(created.headers.get('location')!)![1]!;
  await editor.get(`/console/items/${id}`);
  await editor.post(`/console/items/${id}/submit`, {});
  const reviewer = await t.signedIn('reviewer');
  const page = await (await reviewer.get(`/console/items/${id}`)).text();
  const total = Number(/共 (\d+) 处发现，此处只列出前 300 处/.exec(page)?.[1]);
  assert.ok(total > 800, `total ${total}`);
  assert.equal(page.match(/name="findingId"/g)?.length, 300);
  assert.ok(page.length < 600_000, `page of ${page.length} bytes`);
});
