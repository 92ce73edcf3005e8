import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { createTestApp, type TestApp, SAMPLE_APPLICATION } from '../../test/web-harness.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const application = SAMPLE_APPLICATION;

/** Applies as a browser does: the form's one-time token, then the redirect to the receipt. */
async function apply(values: Record<string, string> = application) {
  const a = t.agent();
  await a.get('/xxgk/apply');
  const res = await a.post('/xxgk/apply', { ...values, _once: a.once });
  if (res.status !== 303) return { a, res, html: await res.text() };
  const done = await a.get(res.headers.get('location')!);
  return { a, res, done, html: await done.text() };
}

const receiptOf = (html: string) => ({ number: /申请编号：<strong class="mono">([A-Z0-9-]+)</.exec(html)?.[1], code: /查询码：<strong class="mono">([A-Z0-9-]+)</.exec(html)?.[1] });
const countRows = async (table: 'requests' | 'appeals') => Number((await t.application.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

test('the application form works without JavaScript and has every field of 条例第二十九条', async () => {
  const html = await (await t.agent().get('/xxgk/apply')).text();
  for (const label of ['姓名或者名称', '证件号码', '联系电话', '通信地址', '所需政府信息的名称或者特征性描述', '所需信息的形式', '获取信息的方式']) assert.ok(html.includes(label), label);
  assert.doesNotMatch(html, /<script/i);
});

test('intake validation: clear Chinese errors, and nothing typed is lost', async () => {
  const { res, html } = await apply({ ...application, name: '', description: '', email: 'not-an-email' });
  assert.equal(res.status, 400);
  assert.match(html, /请填写申请人姓名或者名称/);
  assert.match(html, /电子邮箱格式不正确/);
  assert.ok(html.includes('湖南省洪江市黔城镇板桥村3组'), 'the address typed is still there');
  assert.ok(html.includes('43128119900307121X'));
});

test('a submission gives a tracking number and a query code; a wrong code reveals nothing', async () => {
  const { res, html } = await apply();
  assert.equal(res.status, 303);
  const number = /申请编号：<strong class="mono">([A-Z0-9-]+)</.exec(html)![1]!;
  const code = /查询码：<strong class="mono">([A-Z0-9-]+)</.exec(html)![1]!;
  const a = t.agent();
  await a.get('/xxgk/track');
  const ok = await a.post('/xxgk/track', { number, code });
  assert.equal(ok.status, 200);
  const okHtml = await ok.text();
  assert.match(okHtml, /待确认/);
  assert.doesNotMatch(okHtml, /13812345678|43128119900307121X/, 'no personal data on the tracking page');
  const wrong = await a.post('/xxgk/track', { number, code: 'AAAA-BBBB-CCCC' });
  const unknown = await a.post('/xxgk/track', { number: 'YSQ-2026-999999', code });
  assert.equal(wrong.status, 404);
  assert.equal(unknown.status, 404);
  const w = await wrong.text();
  const u = await unknown.text();
  assert.match(w, /申请编号或查询码不正确/);
  assert.doesNotMatch(w, /当前状态|待确认|收到申请之日/);
  assert.equal(w.replace(/value="[^"]*"/g, ''), u.replace(/value="[^"]*"/g, ''), 'the same page for a wrong code and an unknown number');
});

test('the office confirms, replies 部分公开; the reply letter is a real Word document with the right citations', async () => {
  const { html } = await apply();
  const number = /申请编号：<strong class="mono">([A-Z0-9-]+)</.exec(html)![1]!;
  const officer = await t.signedIn('officer');
  const list = await (await officer.get('/console/requests?queue=awaiting_confirmation')).text();
  const id = new RegExp(`href="/console/requests/(\\d+)" class="mono">${number}`).exec(list)![1]!;
  const step = async (agent: typeof officer, form: Record<string, string>) => {
    await agent.get(`/console/requests/${id}`);
    const r = await agent.post(`/console/requests/${id}/command`, form);
    assert.equal(r.status, 303, `${form.type}: ${r.status} ${(await r.text()).match(/role="alert"><p>([^<]+)/)?.[1] ?? ''}`);
  };
  await step(officer, { type: 'confirm_receipt', confirmedOn: '2026-11-26' });
  await step(officer, { type: 'start_review' });
  await step(officer, {
    type: 'draft_reply', outcome: 'partially_disclosed', summary: '提供板桥村补贴发放明细，隐去他人身份证号码和银行账号。',
    withheldDescription: '他人身份证号码和银行账号', withheldGround: 'withheld_third_party_rights', withheldReason: '属于个人隐私，公开会损害第三方合法权益',
  });
  const approver = await t.signedIn('approver');
  await step(approver, { type: 'approve_reply' });
  const docx = await officer.request(`/console/requests/${id}/letters/reply`);
  assert.equal(docx.status, 200);
  assert.equal(docx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const zip = await JSZip.loadAsync(await docx.arrayBuffer());
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = xml.replace(/<[^>]+>/g, '');
  assert.match(text, /张晓明/);
  assert.match(text, /第三十七条/);
  assert.match(text, /行政复议/);
  assert.match(text, /洪江市人民政府/, 'reconsideration goes to the government one level up');
  const header = Object.keys(zip.files).filter((f) => /^word\/header\d*\.xml$/.test(f));
  const headerText = (await Promise.all(header.map((f) => zip.file(f)!.async('string')))).join('').replace(/<[^>]+>/g, '');
  assert.match(headerText, /黔城镇人民政府/, 'the letterhead is the answering agency');
});

test('an editor cannot open the request queues; the register form keeps input on errors', async () => {
  const editor = await t.signedIn('editor');
  assert.equal((await editor.get('/console/requests')).status, 403);
  const officer = await t.signedIn('officer');
  await officer.get('/console/requests/register');
  const bad = await officer.post('/console/requests/register', { ...application, channel: 'letter_registered', signedForOn: '', submittedOn: '', name: '李四' });
  assert.equal(bad.status, 400);
  const html = await bad.text();
  assert.match(html, /签收/);
  assert.ok(html.includes('李四'));
  const ok = await officer.post('/console/requests/register', { ...application, channel: 'letter_registered', signedForOn: '2026-11-25', name: '李四' });
  assert.equal(ok.status, 201);
  assert.match(await ok.text(), /申请编号/);
});

test('a reply carrying a third party’s ID number is stopped before it is sent (privacy check on replies)', async () => {
  const { html } = await apply({ ...application, name: '王五', identityNumber: '11010519491231002X' });
  const number = /申请编号：<strong class="mono">([A-Z0-9-]+)</.exec(html)![1]!;
  const officer = await t.signedIn('officer');
  const list = await (await officer.get('/console/requests?queue=awaiting_confirmation')).text();
  const id = new RegExp(`href="/console/requests/(\\d+)" class="mono">${number}`).exec(list)![1]!;
  await officer.get(`/console/requests/${id}`);
  await officer.post(`/console/requests/${id}/command`, { type: 'confirm_receipt', confirmedOn: '2026-11-26' });
  await officer.post(`/console/requests/${id}/command`, { type: 'start_review' });
  const res = await officer.post(`/console/requests/${id}/command`, { type: 'draft_reply', outcome: 'disclosed', replyType: 'provided', summary: '经查，补贴发给了李四（身份证号 43128119900307121X）。' });
  assert.equal(res.status, 409);
  assert.match(await res.text(), /答复内容含有不应公开的信息：431\*{11}121X/);
  const own = await officer.post(`/console/requests/${id}/command`, { type: 'draft_reply', outcome: 'disclosed', replyType: 'provided', summary: '您（身份证号 11010519491231002X）申请的信息予以公开。' });
  assert.equal(own.status, 303, 'the applicant’s own number may be quoted back to them');
});

test('released documents are scanned; an unresolved finding stops the reply; the applicant downloads what was released', async () => {
  const { Document, Packer, Paragraph } = await import('docx');
  const { html } = await apply({ ...application, name: '赵六', identityNumber: '11010519491231002X' });
  const number = /申请编号：<strong class="mono">([A-Z0-9-]+)</.exec(html)![1]!;
  const code = /查询码：<strong class="mono">([A-Z0-9-]+)</.exec(html)![1]!;
  const officer = await t.signedIn('officer');
  const list = await (await officer.get('/console/requests?queue=awaiting_confirmation')).text();
  const id = new RegExp(`href="/console/requests/(\\d+)" class="mono">${number}`).exec(list)![1]!;
  await officer.get(`/console/requests/${id}`);
  await officer.post(`/console/requests/${id}/command`, { type: 'confirm_receipt', confirmedOn: '2026-11-26' });
  await officer.post(`/console/requests/${id}/command`, { type: 'start_review' });
  const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('补贴发放明细'), new Paragraph('李四 43128119900307121X 1200元')] }] }));
  const body = new FormData();
  body.set('_csrf', officer.csrf);
  body.set('file', new File([new Uint8Array(docx)], '补贴明细.docx'));
  const up = await officer.request(`/console/requests/${id}/documents`, { method: 'POST', body });
  assert.equal(up.status, 303);
  const page = await (await officer.get(`/console/requests/${id}`)).text();
  assert.match(page, /补贴明细\.docx/);
  assert.match(page, /431\*{11}121X/);
  await officer.post(`/console/requests/${id}/command`, { type: 'draft_reply', outcome: 'disclosed', replyType: 'provided', summary: '予以公开，见所附文件。' }).then(async (r) => {
    assert.equal(r.status, 409, 'the draft is stopped while the document has an unresolved finding');
    assert.match(await r.text(), /仍有 1 处不应公开的信息/);
  });
  const findingId = /name="findingId" value="([^"]+)"/.exec(page)![1]!;
  const documentId = /name="documentId" value="(\d+)"/.exec(page)![1]!;
  await officer.post(`/console/requests/${id}/documents`, { action: 'justify', documentId, findingId, reason: '李四书面同意向申请人提供' });
  assert.equal((await officer.post(`/console/requests/${id}/command`, { type: 'draft_reply', outcome: 'disclosed', replyType: 'provided', summary: '予以公开，见所附文件。' })).status, 303);
  const approver = await t.signedIn('approver');
  await approver.get(`/console/requests/${id}`);
  assert.equal((await approver.post(`/console/requests/${id}/command`, { type: 'approve_reply' })).status, 303);
  const a = t.agent();
  await a.get('/xxgk/track');
  const tracking = await (await a.post('/xxgk/track', { number, code })).text();
  assert.match(tracking, /提供的政府信息/);
  const download = await a.post('/xxgk/track/document', { number, code, document: documentId });
  assert.equal(download.status, 200);
  assert.equal(download.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  assert.equal((await download.arrayBuffer()).byteLength, docx.length);
  const wrong = await a.post('/xxgk/track/document', { number, code: 'AAAA-BBBB-CCCC', document: documentId });
  assert.equal(wrong.status, 404);
});

test('the same application posted twice (a reload of the confirmation re-POSTs) files one request; both answers show the same number and code', async () => {
  const before = await countRows('requests');
  const a = t.agent();
  await a.get('/xxgk/apply');
  assert.ok(a.once.length === 32, 'the form carries a one-time token');
  const form = { ...application, description: '两次提交测试：板桥村2025年低保名单', _once: a.once };
  const first = await a.post('/xxgk/apply', form);
  const second = await a.post('/xxgk/apply', form);
  assert.equal(first.status, 303);
  assert.equal(second.status, 303);
  assert.equal(first.headers.get('location'), '/xxgk/apply/done', 'post/redirect/get, nothing secret in the URL');
  const firstReceipt = receiptOf(await (await a.get(first.headers.get('location')!)).text());
  const secondReceipt = receiptOf(await (await a.get(second.headers.get('location')!)).text());
  assert.ok(firstReceipt.number && firstReceipt.code);
  assert.deepEqual(secondReceipt, firstReceipt);
  assert.equal(await countRows('requests'), before + 1, 'one request, counted once in the annual report');

  // Two posts of the form at the same moment (a double click): still one request.
  await a.get('/xxgk/apply');
  const raced = await Promise.all([0, 1].map(() => a.post('/xxgk/apply', { ...form, _once: a.once })));
  assert.deepEqual(raced.map((r) => r.status), [303, 303]);
  assert.equal(await countRows('requests'), before + 2);
});

test('the receipt after the redirect is only for the browser that applied, never cached, and only for ten minutes', async () => {
  const { a, done, html } = await apply({ ...application, description: '回执测试：黔城镇2025年防汛物资采购合同' });
  const receipt = receiptOf(html);
  assert.ok(receipt.code);
  assert.equal(done!.headers.get('cache-control'), 'no-store');
  const cookie = a.cookies.get('gk_receipt')!;
  assert.ok(cookie && !cookie.includes(receipt.code!));
  // Someone else opening the same URL (the page cache too) sees no number and no code.
  const other = await t.agent().get('/xxgk/apply/done');
  assert.equal(other.status, 404);
  const otherHtml = await other.text();
  assert.ok(!otherHtml.includes(receipt.code!) && !otherHtml.includes(receipt.number!));
  // The receipt cookie alone, in another browser (another CSRF cookie), is not enough.
  const thief = t.agent();
  await thief.get('/xxgk/apply');
  thief.cookies.set('gk_receipt', cookie);
  assert.ok(!(await (await thief.get('/xxgk/apply/done')).text()).includes(receipt.code!));
  // The applicant's reload still shows it, until ten minutes have passed.
  assert.ok((await (await a.get('/xxgk/apply/done')).text()).includes(receipt.code!));
  t.clock.set('2026-11-26T02:10:01.000Z');
  try {
    assert.equal((await a.get('/xxgk/apply/done')).status, 404);
  } finally {
    t.clock.set('2026-11-26T02:00:00.000Z');
  }
});

test('a console command posted twice (double click, reload, two racing posts) is applied once; a refused post can be corrected and sent', async () => {
  const officer = await t.signedIn('officer');
  const page = await (await officer.get('/console/appeals')).text();
  const appealForm = /<form method="post" action="\/console\/appeals"[\s\S]*?<\/form>/.exec(page)![0];
  const token = /name="_once" value="([^"]+)"/.exec(appealForm)![1]!;
  const before = await countRows('appeals');
  const form = { kind: 'reconsideration', requestId: '', body: '洪江市人民政府', filedOn: '2026-11-20', result: 'pending', closedOn: '', note: '', _once: token };

  // Refused first (a missing field): the token is given back, the corrected form goes through.
  const bad = await officer.post('/console/appeals', { ...form, body: '' });
  assert.equal(bad.status, 400);
  const ok = await officer.post('/console/appeals', form);
  assert.equal(ok.status, 303);
  assert.equal(await countRows('appeals'), before + 1);

  const again = await officer.post('/console/appeals', form, { headers: { referer: 'http://localhost/console/appeals' } });
  assert.equal(again.status, 303);
  assert.equal(again.headers.get('location'), '/console/appeals?resubmitted=1', 'back to the page the form was on');
  assert.equal(await countRows('appeals'), before + 1, 'not applied a second time');
  const shown = await (await officer.get(again.headers.get('location')!)).text();
  assert.match(shown, /这份表单刚才已经提交过，这次没有重复执行/);

  // Two racing posts of one form: one applies.
  await officer.get('/console/appeals');
  const raced = await Promise.all([0, 1, 2].map(() => officer.post('/console/appeals', { ...form, _once: officer.once })));
  assert.deepEqual(raced.map((r) => r.status), [303, 303, 303]);
  assert.equal(await countRows('appeals'), before + 2);

  // A request-handling command on a request awaiting confirmation: the repeat lands on the case with the notice.
  const list = await (await officer.get('/console/requests?queue=awaiting_confirmation')).text();
  const id = /<tbody><tr><td><a href="\/console\/requests\/(\d+)"/.exec(list)![1]!;
  const casePage = await (await officer.get(`/console/requests/${id}`)).text();
  const commandForm = new RegExp(`<form[^>]*action="/console/requests/${id}/command"[\\s\\S]*?</form>`).exec(casePage)![0];
  const commandToken = /name="_once" value="([^"]+)"/.exec(commandForm)![1]!;
  const command = { type: 'confirm_receipt', confirmedOn: '2026-11-26', _once: commandToken };
  assert.equal((await officer.post(`/console/requests/${id}/command`, command)).status, 303);
  const repeat = await officer.post(`/console/requests/${id}/command`, command);
  assert.equal(repeat.status, 303);
  assert.equal(repeat.headers.get('location'), `/console/requests/${id}?resubmitted=1`);
  const events = await t.application.services.deps.uow.read.requests.events(Number(id));
  assert.equal(events.filter((e) => e.type === 'ReceiptConfirmed').length, 1);

  // Registering a letter: posted twice, the second answer is the first registration's receipt (its code is shown once per post).
  await officer.get('/console/requests/register');
  const requestsBefore = await countRows('requests');
  const letter = { ...application, channel: 'letter_registered', signedForOn: '2026-11-25', name: '王二', _once: officer.once };
  const [one, two] = [await officer.post('/console/requests/register', letter), await officer.post('/console/requests/register', letter)];
  assert.deepEqual([one.status, two.status], [201, 201]);
  assert.deepEqual(receiptOf(await two.text()), receiptOf(await one.text()));
  assert.equal(await countRows('requests'), requestsBefore + 1);
});
