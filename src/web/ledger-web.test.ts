/**
 * The console's 台账导入导出 screens on both stores: the dry run lists errors and writes nothing, the
 * confirmation imports exactly the dry-run file (named by its SHA-256) once, re-imports create no
 * duplicates, tampered, unknown and expired confirmations are refused, only 公开办 may use the module;
 * templates and exports download.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { describeEachDialect } from '../../test/databases.ts';
import { createTestApp, type Agent, type TestApp } from '../../test/web-harness.ts';
import { readLedger } from '../documents/ledger-xlsx.ts';
import { LEDGER_COLUMNS } from '../services/import-ledgers.ts';

const ITEM_HEADERS = ['索引号', '信息名称', '生成日期', '发布日期', '主题分类', '体裁', '内容概述', '正文'];
const csv = (rows: string[][]) => new TextEncoder().encode(rows.map((r) => r.join(',')).join('\r\n') + '\r\n');
const itemRow = (n: number, o: { formedOn?: string; genre?: string } = {}) => [
  `WEB-LEDGER/2025-${String(n).padStart(4, '0')}`,
  `关于第${n}批村级公益事业建设项目的公示`,
  o.formedOn ?? '2025-04-01',
  '2025-04-03',
  '综合政务',
  o.genre ?? '公告',
  `第${n}批村级公益事业项目`,
  '现将有关项目公示如下。',
];
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describeEachDialect('ledger import and export screens', (ctx) => {
  let t: TestApp;
  let officer: Agent;
  let rootId = 0;
  const good = csv([ITEM_HEADERS, itemRow(1), itemRow(2), itemRow(3)]);
  const keys = [1, 2, 3].map((n) => itemRow(n)[0]!);

  before(async () => {
    t = await createTestApp({ db: ctx.db });
    officer = await t.signedIn('officer');
    rootId = (await t.application.services.agencies.all()).find((a) => a.name === '黔城镇人民政府')!.id;
  });

  const existing = async () => (await t.application.services.deps.uow.read.ledgers.itemIdsByIndexNumbers(keys)).size;

  async function upload(agent: Agent, kind: string, fileName: string, bytes: Uint8Array, agencyId = rootId): Promise<Response> {
    await agent.get('/console/ledgers');
    const form = new FormData();
    form.set('_csrf', agent.csrf);
    form.set('kind', kind);
    form.set('agencyId', String(agencyId));
    form.set('file', new File([bytes], fileName, { type: 'text/csv' }));
    return agent.request('/console/ledgers/import', { method: 'POST', body: form });
  }

  const confirm = (agent: Agent, hash: string) => agent.post('/console/ledgers/confirm', { sha256: hash });

  test('the module page offers upload, templates and export to 公开办', async () => {
    const res = await officer.get('/console/ledgers');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<h1>台账导入导出<\/h1>/);
    assert.ok(html.includes('href="/console/ledgers"'), 'navigation entry');
    for (const k of ['items', 'requests', 'appeals']) assert.ok(html.includes(`href="/console/ledgers/template/${k}"`), k);
    assert.match(html, /enctype="multipart\/form-data"/);
    assert.match(html, /<label for="f-file">/);
  });

  test('a dry run with errors lists them by row and column, offers no confirmation, and writes nothing', async () => {
    const bad = csv([ITEM_HEADERS, itemRow(1), itemRow(2, { formedOn: '2025-02-30' }), itemRow(3, { genre: '小说' })]);
    const res = await upload(officer, 'items', '有错误的台账.csv', bad);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /整份文件不能导入，未写入任何数据/);
    assert.match(html, /<td>第 3 行<\/td><td>生成日期<\/td><td>生成日期“2025-02-30”不是有效日期/);
    assert.match(html, /<td>第 4 行<\/td><td>体裁<\/td><td>未知的体裁“小说”/);
    assert.doesNotMatch(html, /name="sha256"/, 'no confirmation for a file with errors');
    assert.equal(await existing(), 0);
    const refused = await confirm(officer, sha256(bad));
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /找不到与该确认对应的试导入/);
    assert.equal(await existing(), 0);
  });

  test('a bad upload keeps the form and says what is wrong', async () => {
    await officer.get('/console/ledgers');
    const form = new FormData();
    form.set('_csrf', officer.csrf);
    form.set('kind', 'items');
    form.set('agencyId', String(rootId));
    const none = await officer.request('/console/ledgers/import', { method: 'POST', body: form });
    assert.equal(none.status, 400);
    assert.match(await none.text(), /请选择要上传的台账文件/);
    const noKind = await upload(officer, 'novels', 'x.csv', good);
    assert.equal(noKind.status, 400);
    assert.match(await noKind.text(), /请选择台账类型/);
  });

  test('a clean dry run shows what would be created and the confirmation names the file by its SHA-256; nothing is written yet', async () => {
    const res = await upload(officer, 'items', '公益事业台账.csv', good);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /检查通过，尚未写入任何数据/);
    assert.match(html, /将新建的行（共 3 行）/);
    assert.ok(html.includes('关于第2批村级公益事业建设项目的公示'));
    assert.ok(html.includes(`name="sha256" value="${sha256(good)}"`));
    assert.match(html, /确认导入 3 行/);
    assert.equal(await existing(), 0, 'a dry run writes no records');
  });

  test('a tampered or malformed hash is refused and imports nothing', async () => {
    const hash = sha256(good);
    const tampered = hash.slice(0, -1) + (hash.endsWith('0') ? '1' : '0');
    const res = await confirm(officer, tampered);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /文件标识与您试导入的文件不符/);
    const malformed = await confirm(officer, 'abc');
    assert.equal(malformed.status, 400);
    assert.match(await malformed.text(), /文件标识不正确/);
    assert.equal(await existing(), 0);
  });

  test('confirming imports exactly the dry-run file, in one audited transaction, once', async () => {
    const res = await confirm(officer, sha256(good));
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /导入完成/);
    assert.match(html, /新建 3 行/);
    assert.equal(await existing(), 3);
    const audit = await t.application.services.deps.uow.read.audit.recent(5);
    const entry = audit.find((a) => a.action === 'import_items');
    assert.ok(entry, 'the import is audited');
    assert.ok(entry.change.includes(sha256(good)), 'the audit entry names the file');
    const again = await confirm(officer, sha256(good));
    assert.equal(again.status, 400);
    assert.match(await again.text(), /不能重复确认/);
  });

  test('uploading the same file again creates no duplicates', async () => {
    const res = await upload(officer, 'items', '公益事业台账（再次）.csv', good);
    const html = await res.text();
    assert.match(html, /都已导入过/);
    assert.match(html, /已存在而跳过的行（共 3 行）/);
    assert.doesNotMatch(html, /name="sha256"/);
    assert.equal(await existing(), 3);
  });

  test('a confirmation after 24 hours is refused as expired', async () => {
    const requests = csv([
      ['申请编号', '申请人类型', '申请人姓名或名称', '联系电话', '申请渠道', '收到申请日期', '申请内容', '办理结果', '答复日期'],
      ['WEB-2025-001', '自然人', '杨光', '13800000011', '当面提交', '2025-03-03', '村道硬化工程验收报告', '予以公开', '2025-03-10'],
    ]);
    const dry = await upload(officer, 'requests', '依申请台账.csv', requests);
    assert.ok((await dry.text()).includes(`value="${sha256(requests)}"`));
    // 24 hours pass (the session would have ended too: the upload's deadline is moved instead of the clock).
    const staged = await t.application.db.selectFrom('ledger_uploads').select(['id', 'uploaded_at', 'expires_at']).where('sha256', '=', sha256(requests)).executeTakeFirstOrThrow();
    assert.equal(Date.parse(staged.expires_at) - Date.parse(staged.uploaded_at), 24 * 3_600_000);
    await t.application.db.updateTable('ledger_uploads').set({ expires_at: new Date(t.clock.now().getTime() - 1000).toISOString() }).where('id', '=', staged.id).execute();
    const late = await confirm(officer, sha256(requests));
    assert.equal(late.status, 400);
    assert.match(await late.text(), /已过期/);
    assert.equal(await t.application.services.deps.uow.read.requests.findByTrackingNumber('WEB-2025-001'), undefined);
    // Dry-run again within the time: the request ledger imports.
    await upload(officer, 'requests', '依申请台账.csv', requests);
    const ok = await confirm(officer, sha256(requests));
    assert.equal(ok.status, 200);
    assert.ok(await t.application.services.deps.uow.read.requests.findByTrackingNumber('WEB-2025-001'));
  });

  test('only 公开办 may import or export: other roles get 403 and no menu entry', async () => {
    for (const role of ['editor', 'reviewer', 'approver', 'admin'] as const) {
      const a = await t.signedIn(role);
      assert.equal((await a.get('/console/ledgers')).status, 403, role);
      assert.equal((await a.get('/console/ledgers/template/items')).status, 403, role);
      assert.equal((await a.get(`/console/ledgers/export?kind=items&agencyId=${rootId}`)).status, 403, role);
      assert.ok(!(await (await a.get('/console')).text()).includes('href="/console/ledgers"'), role);
    }
    const editor = await t.signedIn('editor');
    await editor.get('/console');
    const form = new FormData();
    form.set('_csrf', editor.csrf);
    form.set('kind', 'items');
    form.set('agencyId', String(rootId));
    form.set('file', new File([csv([ITEM_HEADERS, itemRow(9)])], 'x.csv'));
    assert.equal((await editor.request('/console/ledgers/import', { method: 'POST', body: form })).status, 403);
    assert.equal((await editor.post('/console/ledgers/confirm', { sha256: sha256(good) })).status, 403);
    assert.equal((await t.application.services.deps.uow.read.ledgers.itemIdsByIndexNumbers([itemRow(9)[0]!])).size, 0);
  });

  test('the template has the headers, an example row that is refused unchanged, and a sheet explaining every column', async () => {
    const res = await officer.request('/console/ledgers/template/items');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /filename\*=UTF-8''/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const table = await readLedger(bytes);
    assert.deepEqual(table.headers, LEDGER_COLUMNS.items.map((c) => c.header));
    assert.equal(table.rows.length, 1);
    assert.equal(table.rows[0]!.cells['体裁'], '通知');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    assert.equal(workbook.worksheets[0]!.getRow(1).getCell(1).text, '索引号*');
    const notes = workbook.getWorksheet('填写说明')!;
    const texts: string[] = [];
    notes.eachRow((row) => texts.push(row.values ? (row.values as unknown[]).join('|') : ''));
    const genreRow = texts.find((x) => x.includes('|体裁|'))!;
    assert.match(genreRow, /必填/);
    assert.match(genreRow, /通知/);
    assert.match(genreRow, /政策解读/);
    const dry = await upload(officer, 'items', '模板.xlsx', bytes);
    assert.match(await dry.text(), /这是模板中的示例行，请删除后再导入/);
    // The example is a valid row once it is changed.
    const edited = csv([table.headers, table.headers.map((h) => (h === '索引号' ? 'WEB-EXAMPLE/2025-1' : (table.rows[0]!.cells[h] ?? '').replace(/\n/g, ' ')))]);
    const editedRun = await (await upload(officer, 'items', '模板改写.csv', edited)).text();
    assert.match(editedRun, /检查通过/);
    for (const kind of ['requests', 'appeals']) {
      const r = await officer.request(`/console/ledgers/template/${kind}`);
      assert.equal(r.status, 200, kind);
      assert.deepEqual((await readLedger(new Uint8Array(await r.arrayBuffer()))).headers, LEDGER_COLUMNS[kind as 'requests'].map((c) => c.header));
    }
  });

  test('export by kind, agency and year as CSV and XLSX; bad input is explained', async () => {
    const res = await officer.request(`/console/ledgers/export?kind=items&agencyId=${rootId}&year=2025&format=csv`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
    const table = await readLedger(new Uint8Array(await res.arrayBuffer()));
    const mine = table.rows.filter((r) => r.cells['索引号']!.startsWith('WEB-LEDGER/'));
    assert.equal(mine.length, 3);
    assert.ok(table.rows.every((r) => r.cells['生成日期']!.startsWith('2025')), 'only 2025');
    const xlsx = await officer.request(`/console/ledgers/export?kind=requests&agencyId=${rootId}&year=2025&format=xlsx`);
    assert.equal(xlsx.status, 200);
    const requests = await readLedger(new Uint8Array(await xlsx.arrayBuffer()));
    assert.ok(requests.rows.some((r) => r.cells['申请编号'] === 'WEB-2025-001'));
    const none = await officer.request(`/console/ledgers/export?kind=items&agencyId=${rootId}&year=1990&format=csv`);
    assert.equal((await readLedger(new Uint8Array(await none.arrayBuffer()))).rows.length, 0);
    const bad = await officer.get(`/console/ledgers/export?kind=items&agencyId=${rootId}&year=二〇二五&format=csv`);
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /年度应为四位数字/);
  });

  test('the confirm imports the dry run it was shown for, even when the same file was dry-run again for another unit', async () => {
    const file = csv([ITEM_HEADERS, itemRow(71), itemRow(72)]);
    const village = (await t.application.services.agencies.all()).find((a) => a.kind === 'village')!;
    const first = await (await upload(officer, 'items', '两个单位.csv', file)).text();
    const firstId = /name="uploadId" value="(\d+)"/.exec(first)?.[1];
    assert.ok(firstId, 'the confirm form names its dry run');
    assert.equal((await upload(officer, 'items', '两个单位.csv', file, village.id)).status, 200);
    const res = await officer.post('/console/ledgers/confirm', { sha256: sha256(file), uploadId: firstId });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /导入 黔城镇人民政府：新建 2 行/);
  });
});
