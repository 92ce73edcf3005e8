import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { createEmptyDatabase, testDialects } from '../../../test/databases.ts';
import { createTestApp, type Agent, type TestApp } from '../../../test/web-harness.ts';

/** What a browser would submit from the first form of a page with `marker` in its opening tag: inputs, checked boxes, selected options, textareas. */
function formFields(html: string, marker: string): Record<string, string> {
  const start = html.indexOf(marker);
  assert.ok(start >= 0, `form ${marker} on the page`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((m) => [m[1]!, decode(m[2] ?? '')]));
  const out: Record<string, string> = {};
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const a = attrs(tag);
    if (!a.name || a.name === '_csrf') continue;
    if (a.type === 'checkbox' && !('checked' in a)) continue;
    out[a.name] = a.value ?? '';
  }
  for (const m of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const selected = /<option\b[^>]*value="([^"]*)"[^>]*selected/.exec(m[2]!) ?? /<option\b[^>]*value="([^"]*)"/.exec(m[2]!);
    out[attrs(m[1]!).name!] = decode(selected?.[1] ?? '');
  }
  for (const m of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) out[attrs(m[1]!).name!] = decode(m[2]!);
  return out;
}

for (const dialect of testDialects()) {
  describe(`assessment, trends and statistics screens [${dialect}]`, () => {
    let t: TestApp;
    let drop: () => Promise<void>;
    let officer: Agent;
    let rubricPath = '';
    let scoresPath = '';
    before(async () => {
      const created = await createEmptyDatabase(dialect);
      drop = created.drop;
      t = await createTestApp({ db: created.db });
      officer = await t.signedIn('officer');
    });
    after(async () => {
      await t.close();
      await drop();
    });

    test('only the office opens 考核评估; the leaders also see 统计分析; the navigation follows', async () => {
      const expected: Record<string, [number, number]> = { officer: [200, 200], approver: [403, 200], editor: [403, 403], reviewer: [403, 403], admin: [403, 403] };
      for (const [role, [assessment, trends]] of Object.entries(expected)) {
        const a = await t.signedIn(role as 'officer');
        assert.equal((await a.get('/console/assessment')).status, assessment, `${role} assessment`);
        assert.equal((await a.get('/console/trends')).status, trends, `${role} trends`);
        const nav = await (await a.get('/console')).text();
        assert.equal(nav.includes('href="/console/assessment"'), assessment === 200, `${role} nav`);
        assert.equal(nav.includes('href="/console/trends"'), trends === 200, `${role} nav trends`);
      }
      const approver = await t.signedIn('approver');
      await approver.get('/console');
      const form = formFields(await (await officer.get('/console/assessment/new')).text(), 'class="rubric-form"');
      assert.equal((await approver.post('/console/assessment/new', form)).status, 403, 'the POST is checked too');
    });

    test('the new-rubric form: wrong weights, non-numbers, bad dates and a wrong rule are shown next to their fields, with what was typed kept', async () => {
      const page = await (await officer.get('/console/assessment/new')).text();
      assert.match(page, /<label for="f-weight_on_time_reply_rate">分值<\/label>/);
      const form = formFields(page, 'class="rubric-form"');
      assert.equal(form.use_overdue_items, '1');
      const bad = await officer.post('/console/assessment/new', { ...form, weight_on_time_reply_rate: '15', weight_corrections: '五', pfrom_1: '2026-02-30', label_overdue_items: '超期未公开（镇定）' });
      assert.equal(bad.status, 400);
      const html = await bad.text();
      assert.match(html, /role="alert"/);
      assert.match(html, /<p class="error" id="f-weight_corrections-error">分值应为数字<\/p>/);
      assert.match(html, /<p class="error" id="f-pfrom_1-error">起始日期不是有效日期（YYYY-MM-DD）<\/p>/);
      assert.ok(html.includes('value="五"') && html.includes('value="超期未公开（镇定）"'), 'typed values are kept');
      // Once the shapes are right, the rules across fields are checked, all at once.
      const sum = await officer.post('/console/assessment/new', { ...form, weight_on_time_reply_rate: '15', each_overdue_requests: '20' });
      assert.equal(sum.status, 400);
      const sumHtml = await sum.text();
      assert.match(sumHtml, /<p class="error">各项指标分值之和应为 100 分（现为 90 分）<\/p>/);
      assert.match(sumHtml, /<p class="error" id="f-each_overdue_requests-error">每件扣分不能超过该项分值<\/p>/);
      const { rubrics } = await t.application.services.assessment.overview((await t.application.services.deps.uow.read.users.findByLogin('officer')) as never);
      assert.equal(rubrics.length, 0, 'nothing saved');
    });

    test('a rubric is created, shown with its rules and periods, and changed as a new version with a reason', async () => {
      const form = formFields(await (await officer.get('/console/assessment/new')).text(), 'class="rubric-form"');
      const created = await officer.post('/console/assessment/new', { ...form, name: '黔城镇政务公开考核' });
      assert.equal(created.status, 303);
      rubricPath = created.headers.get('location')!.replace(/\?.*$/, '');
      const page = await (await officer.get(`${rubricPath}?saved=created`)).text();
      assert.match(page, /考核细则已保存（第 1 版）/);
      assert.match(page, /≥ 100% 得满分，≤ 80% 不得分，之间按比例/);
      scoresPath = /href="(\/console\/assessment\/\d+\/scores\?period=2025-01-01~2025-12-31)"/.exec(page)?.[1] ?? '';
      assert.ok(scoresPath, 'a link to the 2025 scores');
      const edit = formFields(await (await officer.get(`${rubricPath}/edit`)).text(), 'class="rubric-form"');
      assert.equal(edit.version, '1');
      const noReason = await officer.post(`${rubricPath}/edit`, { ...edit, weight_update_frequency: '5', weight_overdue_items: '10' });
      assert.equal(noReason.status, 400);
      assert.match(await noReason.text(), /请填写修改理由/);
      // Another tab with the same version 1 (its own form, so not a repeat of the post below).
      const otherTab = formFields(await (await officer.get(`${rubricPath}/edit`)).text(), 'class="rubric-form"');
      const saved = await officer.post(`${rubricPath}/edit`, { ...edit, weight_update_frequency: '5', weight_overdue_items: '10', reason: '加重超期未公开的分值' });
      assert.equal(saved.status, 303);
      const stale = await officer.post(`${rubricPath}/edit`, { ...otherTab, reason: '旧表单' });
      assert.equal(stale.status, 409);
      assert.match(await stale.text(), /已被 公开办 李敏.*修改为第 2 版/);
      const history = await (await officer.get(rubricPath)).text();
      assert.match(history, /第 2 版<\/td><td>[^<]+<\/td><td>公开办 李敏（officer）<\/td><td>加重超期未公开的分值<\/td>/);
    });

    test('scores: a ranking with every unit, each figure opening its records, a comment per unit', async () => {
      const html = await (await officer.get(scoresPath)).text();
      assert.match(html, /<table class="ranking">/);
      const units = [...html.matchAll(/<th scope="row"><a href="(\/console\/assessment\/\d+\/unit\?[^"]+)">([^<]+)<\/a><\/th>/g)];
      assert.equal(units.length, 21);
      const village = units.find((u) => u[2] === '板桥村')!;
      const unitPage = await (await officer.get(village[1]!.replace(/&amp;/g, '&'))).text();
      assert.match(unitPage, /板桥村：第 \d+ 名，[\d.]+ 分/);
      const evidenceHref = /href="(\/console\/assessment\/\d+\/evidence\?[^"]*indicator=on_time_publication_rate)"/.exec(unitPage)![1]!.replace(/&amp;/g, '&');
      const evidence = await (await officer.get(evidenceHref)).text();
      const records = [...evidence.matchAll(/<a href="\/console\/items\/(\d+)">/g)].map((m) => m[1]);
      assert.ok(records.length >= 1, 'the village’s published items are listed with links');
      assert.equal((await officer.get(`/console/items/${records[0]}`)).status, 200, 'and the link opens the item');
      const comment = formFields(unitPage, `action="/console/assessment/`);
      const long = await officer.post(`${rubricPath}/comment`, { ...comment, comment: '长'.repeat(2001) });
      assert.equal(long.status, 400);
      assert.match(await long.text(), /评语不超过 2000 个字/);
      const ok = await officer.post(`${rubricPath}/comment`, { ...comment, comment: '村务公开及时，请继续保持。' });
      assert.equal(ok.status, 303);
      const after = await (await officer.get(ok.headers.get('location')!)).text();
      assert.match(after, /评语已保存/);
      assert.match(after, />村务公开及时，请继续保持。<\/textarea>/);
      assert.equal((await officer.get(`${rubricPath}/evidence?period=2025-01-01~2025-12-31&unit=999999&indicator=corrections`)).status, 404);
      const entries = await t.application.services.deps.uow.read.audit.recent(5);
      assert.ok(entries.some((e) => e.entity === 'assessment_rubric' && e.action === 'comment'));
    });

    test('exports: Word and Excel downloads read back with the ranking the page shows', async () => {
      const html = await (await officer.get(scoresPath)).text();
      const totals = [...html.matchAll(/<th scope="row"><a [^>]+>([^<]+)<\/a><\/th><td class="num"><strong>([\d.]+)<\/strong>/g)].map((m) => [m[1], Number(m[2])]);
      const docx = await officer.get(`${rubricPath}/export.docx?period=2025-01-01~2025-12-31`);
      assert.equal(docx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      const xml = await (await JSZip.loadAsync(await docx.arrayBuffer())).file('word/document.xml')!.async('string');
      const text = xml.replace(/<[^>]+>/g, '');
      assert.match(text, /黔城镇人民政府黔城镇政务公开考核（2025年度）考核结果/);
      assert.match(text, /村务公开及时，请继续保持。/);
      const xlsx = await officer.get(`${rubricPath}/export.xlsx?period=2025-01-01~2025-12-31`);
      assert.match(xlsx.headers.get('content-disposition') ?? '', /filename\*=UTF-8''.*\.xlsx/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await xlsx.arrayBuffer());
      const rows = (book.getWorksheet('排名')!.getSheetValues().slice(2) as unknown[][]).map((r) => [r[2], r[3]]);
      assert.deepEqual(rows, totals);
    });

    test('trends: six charts as SVG images named with their values, each with a data table; by year too; a wrong year is refused', async () => {
      const html = await (await officer.get('/console/trends')).text();
      assert.doesNotMatch(html, /<script/i);
      const charts = [...html.matchAll(/<svg [^>]*role="img" aria-labelledby="([^"]+)"/g)].map((m) => m[1]);
      assert.equal(charts.length, 6);
      for (const id of charts) assert.match(html, new RegExp(`<title id="${id}">[^<]+：`), id);
      assert.equal((html.match(/<caption class="visually-hidden">[^<]*（数据表）<\/caption>/g) ?? []).length + (html.match(/所选期间没有/g) ?? []).length / 2, 6);
      const byYear = await (await officer.get('/console/trends?granularity=year')).text();
      assert.match(byYear, /<th scope="row">2017年<\/th>/);
      assert.match(byYear, /<title id="trend-requests-channel-title">[^<]*2017年 共 3件/, 'the seed’s three requests of 2017');
      assert.equal((await officer.get('/console/trends?year=2031')).status, 400);
    });

    test('the public statistics page: linked from the column, years selectable, the seed’s 2017 counts, nothing personal', async () => {
      const anonymous = t.agent();
      assert.match(await (await anonymous.get('/')).text(), /href="\/xxgk\/request-statistics"/);
      const res = await anonymous.get('/xxgk/request-statistics?year=2017');
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<option value="2017" selected="">2017年<\/option>/);
      // The seed report: 2017 “網絡申請數為1件，信函申請數2件”.
      assert.match(html, /<dt>本年新收申请<\/dt><dd>3 件<\/dd>/);
      assert.match(html, /<tfoot><tr><th scope="row">合计<\/th><td class="num">1<\/td><td class="num">2<\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num">3<\/td><\/tr><\/tfoot>/);
      const requests = (await t.application.services.deps.uow.read.requests.list({ limit: 1000 })).items;
      assert.ok(requests.length > 3);
      for (const r of requests) {
        for (const secret of [r.state.record.applicant.name, r.trackingNumber, r.state.record.informationSought.description.slice(0, 12), r.state.record.applicant.contact.phone].filter((x): x is string => !!x)) {
          assert.ok(!html.includes(secret), `no personal data: ${secret}`);
        }
      }
      assert.equal((await anonymous.get('/xxgk/request-statistics?year=2012')).status, 404);
      const latest = await (await anonymous.get('/xxgk/request-statistics')).text();
      assert.match(latest, /<option value="\d{4}" selected="">/);
    });
  });
}
