/**
 * The console's 年度报告 screens: every figure links to its records and the record list is as long as the
 * figure; a filled official report (DOCX or HTML) is imported through the upload form, with the errors in
 * Chinese and nothing saved when a table is missing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type Agent, type TestApp } from '../../test/web-harness.ts';
import { renderReportDocx } from '../documents/report-docx.ts';
import { renderReportHtml } from '../documents/report-html.tsx';
import { actorOf } from '../services/sign-in.ts';
import { docxBomb } from '../../test/zip-bombs.ts';

describe('年度报告 console: traceability and import of official documents', () => {
  let t: TestApp;
  let officer: Agent;
  let town = 0;
  before(async () => {
    t = await createTestApp();
    officer = await t.signedIn('officer');
    town = (await t.application.services.agencies.all()).find((a) => a.name === '黔城镇人民政府')!.id;
  });
  after(() => t.close());

  test('the draft report links each counted figure to its records; the list is as long as the figure and says why each counts', async () => {
    const qs = `agency=${String(town)}&year=2017&format=2008&subunits=1`;
    const page = await (await officer.get(`/console/reports?${qs}`)).text();
    assert.ok(page.includes(`href="/console/reports/trace?${qs.replace(/&/g, '&amp;')}&amp;figure=proactive.documents"`), 'the 公文 figure links to its records');
    assert.match(page, /43 条主动公开信息/);
    assert.ok(page.includes('上年结转政府信息公开申请数量（自然人）'), 'a 2008-format report has no table 三, so its per-applicant figures stay in the list');
    const trace = await officer.get(`/console/reports/trace?${qs}&figure=proactive.documents`);
    assert.equal(trace.status, 200);
    const html = await trace.text();
    assert.match(html, /<h1>来源记录：本年新增公文类信息条数<\/h1>/);
    assert.match(html, /共 43 条主动公开信息/);
    assert.equal((html.match(/<th scope="row">/g) ?? []).length, 43, 'one row per record');
    assert.match(html, /体裁：[^<]+（公文）/);
    const sms = await (await officer.get(`/console/reports/trace?${qs}&figure=channels.sms&page=4`)).text();
    assert.match(sms, /共 152 条发送记录/);
    assert.match(sms, /第 4 \/ 4 页/);
    assert.equal((sms.match(/<th scope="row">/g) ?? []).length, 2, '152 = 3 × 50 + 2');
    assert.equal((await officer.get(`/console/reports/trace?${qs}&figure=nonsense`)).status, 404);
    const editor = await t.signedIn('editor');
    assert.equal((await editor.get(`/console/reports/trace?${qs}&figure=proactive.documents`)).status, 403);
  });

  test('the draft shows the official tables with every number of table 三 linking to its requests, cell by cell', async () => {
    const qs = `agency=${String(town)}&year=2024&format=2021&subunits=1`;
    const page = await (await officer.get(`/console/reports?${qs}`)).text();
    const table = /<table data-tables="table3">[\s\S]*?<\/table>/.exec(page)?.[0];
    assert.ok(table, 'table 三 is on the draft page');
    const links = [...table.matchAll(/<a href="([^"]+)">(\d+)<\/a>/g)];
    const cells = [...table.matchAll(/<td>(?:<a [^>]+>)?(\d+)(?:<\/a>)?<\/td>/g)];
    assert.equal(cells.length, 25 * 7, 'table 三 has its 175 cells');
    assert.equal(links.length, cells.filter(([, n]) => n !== '0').length, 'every non-zero cell links to its records (a zero has none to open)');
    assert.ok(links.length >= 6);
    assert.equal(new Set(links.map(([, href]) => href)).size, links.length, 'each cell its own figure');
    const received = links.find(([, href]) => href!.includes('figure=requests.received.natural_person'));
    assert.ok(received, 'the 自然人 cell of row 一 has its own figure');
    const trace = await (await officer.get(received[1]!.replace(/&amp;/g, '&'))).text();
    assert.match(trace, new RegExp(`共 ${received[2]!} 条政府信息公开申请`));
    assert.ok(!/<th scope="row">本年新收政府信息公开申请数量（自然人）<\/th>/.test(page), 'the per-applicant figures are in the table, not repeated in the list');
  });

  async function upload(fileName: string, bytes: Uint8Array, year = ''): Promise<Response> {
    await officer.get('/console/reports');
    const form = new FormData();
    form.set('_csrf', officer.csrf);
    form.set('agency', String(town));
    form.set('year', year);
    form.set('file', new File([bytes], fileName));
    return officer.request('/console/reports/import', { method: 'POST', body: form });
  }

  test('import: a filled 2021-format Word report becomes the final report of its year; a web page without table 三 is refused in Chinese and nothing is saved', async () => {
    const actor = actorOf((await t.application.services.deps.uow.read.users.findByLogin('officer'))!);
    const { report } = await t.application.services.reports.compile(actor, { agencyId: town, year: 2022, includeSubunits: true });
    const broken = renderReportHtml({ ...report, year: 2021 }).replace(/<table data-tables="table3">[\s\S]*?<\/table>/, '');
    const refused = await upload('2021年报.html', new TextEncoder().encode(broken));
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /找不到表三“收到和处理政府信息公开申请情况”/);
    assert.equal((await t.application.services.reports.list(actor, { agencyId: town, year: 2021 })).length, 0, 'nothing saved');

    const ok = await upload('2022年报.docx', await renderReportDocx(report));
    assert.equal(ok.status, 303, await ok.text());
    assert.match(ok.headers.get('location') ?? '', /year=2022.*done=import/);
    const [stored] = await t.application.services.reports.list(actor, { agencyId: town, year: 2022 });
    assert.equal(stored?.origin, 'imported');
    assert.equal(stored?.status, 'final');
    assert.deepEqual(
      stored?.compiled?.tables.find((x) => x.id === 'table3')?.rows.map((r) => r.values),
      report.tables.find((x) => x.id === 'table3')?.rows.map((r) => r.values),
    );
    const again = await upload('2022年报.docx', await renderReportDocx(report));
    assert.equal(again.status, 409);
    assert.match(await again.text(), /2022年度已有报告/);
  });
});

describe('年度报告 import under the configured reading limits', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { GONGKAI_MAX_UNPACKED_MB: '2' } });
  });
  after(() => t.close());

  test('GONGKAI_MAX_UNPACKED_MB applies to a report read from Word, not only to attachments and ledgers', async () => {
    const officer = await t.signedIn('officer');
    const town = (await t.application.services.agencies.all()).find((a) => a.name === '黔城镇人民政府')!.id;
    await officer.get('/console/reports');
    const form = new FormData();
    form.set('_csrf', officer.csrf);
    form.set('agency', String(town));
    form.set('year', '2021');
    // 3 MB of text once unpacked: under the default 100 MB, over the configured 2 MB.
    form.set('file', new File([docxBomb(3)], '2021年报.docx'));
    const refused = await officer.request('/console/reports/import', { method: 'POST', body: form });
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /解压后过大（超过 2 MB）/);
  });
});
