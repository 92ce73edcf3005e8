import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { compileReport, findTable, validateReport } from '../domain/reports/index.ts';
import { compileInput, manualInputs, reportAppeal, reportItem, reportRequest } from '../domain/reports/test-factories.ts';
import { renderReportCsv } from './report-csv.ts';
import { renderReportDocx } from './report-docx.ts';
import { renderReportHtml } from './report-html.tsx';
import { reportJson } from './report-json.ts';

const report = compileReport(
  compileInput({
    agency: { id: 1, name: '黔城镇人民政府', kind: 'town_gov' },
    items: [reportItem({ id: '1' }), reportItem({ id: '2', genre: 'normative_document', formedOn: '2024-02-01' })],
    requests: [
      reportRequest({ id: 'r1' }),
      reportRequest({ id: 'r2', applicantType: 'commercial_enterprise', outcome: 'withheld_third_party_rights' }),
      reportRequest({ id: 'r3', receivedOn: '2024-12-30', outcome: null, replyType: null, repliedOn: null, closedOn: null, dueOn: '2025-01-27' }),
    ],
    appeals: [reportAppeal({ id: 'a1' })],
    manual: manualInputs({ licensingDecisions: 12, narrative: { overview: '2024年，我镇认真落实政务公开<各项>要求。' } }),
  }),
);

/** The cells of the n-th table of a document.xml: text and properties. */
function cellsOf(xml: string, n: number): Array<{ text: string; gridSpan: number; vMerge: string | null }> {
  const table = xml.split('<w:tbl>')[n + 1]?.split('</w:tbl>')[0] ?? '';
  return [...table.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => {
    const body = m[1]!;
    return {
      text: [...body.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
      gridSpan: Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(body)?.[1] ?? 1),
      vMerge: /<w:vMerge w:val="(\w+)"\/>/.exec(body)?.[1] ?? (/<w:vMerge\/>/.test(body) ? 'continue' : null),
    };
  });
}

test('DOCX: a real Word document (A4, 宋体 as the East Asian font) whose tables carry the official merged header cells and verbatim labels', async () => {
  const bytes = await renderReportDocx(report);
  const zip = await JSZip.loadAsync(bytes);
  assert.ok(zip.file('[Content_Types].xml'), 'an OOXML package');
  const xml = await zip.file('word/document.xml')!.async('string');
  assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/);
  assert.match(xml, /w:eastAsia="宋体"/);
  assert.equal(xml.split('<w:tbl>').length - 1, 3, 'tables 二 (stacked), 三 and 四');
  assert.ok(xml.includes('黔城镇人民政府2024年政府信息公开工作年度报告'));
  assert.ok(xml.includes('2024年，我镇认真落实政务公开&lt;各项&gt;要求。'), 'text is escaped');

  const two = cellsOf(xml, 0);
  assert.deepEqual(two.filter((c) => c.text.startsWith('第二十条')).map((c) => [c.text, c.gridSpan]), [
    ['第二十条第（一）项', 4],
    ['第二十条第（五）项', 4],
    ['第二十条第（六）项', 4],
    ['第二十条第（八）项', 4],
  ]);
  assert.equal(two.find((c) => c.text === '本年处理决定数量')?.gridSpan, 3, 'a narrower clause widens its last column');
  assert.ok(['本年制发件数', '本年废止件数', '现行有效件数', '行政规范性文件', '行政许可', '本年收费金额（单位：万元）'].every((l) => two.some((c) => c.text === l)));

  const three = cellsOf(xml, 1);
  const at = (text: string) => three.find((c) => c.text === text);
  assert.deepEqual(at('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'), { text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', gridSpan: 3, vMerge: 'restart' });
  assert.equal(at('申请人情况')?.gridSpan, 7);
  assert.equal(at('法人或其他组织')?.gridSpan, 5);
  assert.equal(at('自然人')?.vMerge, 'restart');
  assert.equal(at('三、本年度办理结果')?.vMerge, 'restart');
  assert.equal(at('（三）不予公开')?.vMerge, 'restart');
  assert.equal(at('一、本年新收政府信息公开申请数量')?.gridSpan, 3);
  assert.equal(at('（七）总计')?.gridSpan, 2);
  // 三、本年度办理结果 spans 22 rows: 21 continuation cells below it, besides the groups' own.
  assert.ok(three.filter((c) => c.vMerge === 'continue').length >= 21 + 7 + 2 + 3);
  for (const row of findTable(report.tables, 'table3')!.rows) assert.ok(three.some((c) => c.text === row.label), row.label);
  assert.ok(three.some((c) => c.text === '3.危及“三安全一稳定”'));

  const four = cellsOf(xml, 2);
  assert.deepEqual(four.slice(0, 4).map((c) => [c.text, c.gridSpan, c.vMerge]), [
    ['行政复议', 5, 'restart'],
    ['行政诉讼', 10, null],
    ['', 5, 'continue'],
    ['未经复议直接起诉', 5, null],
  ]);
  assert.ok(four.some((c) => c.text === '复议后起诉'));
  assert.equal(four.filter((c) => c.text === '结果维持').length, 3);
});

test('CSV: table 三 as 25 rows × 7 values with the verbatim labels; fields quoted when needed', () => {
  const csv = renderReportCsv(report, 'table3');
  assert.ok(csv.startsWith('\uFEFF'));
  const lines = csv.slice(1).trimEnd().split('\r\n');
  assert.equal(lines[0], '表三 收到和处理政府信息公开申请情况');
  assert.equal(lines[1], '项目,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计');
  const rows = lines.slice(2).map((l) => l.split(','));
  assert.equal(rows.length, 25);
  assert.ok(rows.every((r) => r.length === 8));
  assert.deepEqual(rows[0], ['一、本年新收政府信息公开申请数量', '2', '1', '0', '0', '0', '0', '3']);
  assert.deepEqual(rows.at(-1), ['四、结转下年度继续办理', '1', '0', '0', '0', '0', '0', '1']);
  const all = renderReportCsv(report);
  assert.match(all, /表二 主动公开政府信息情况 第二十条第（一）项/);
  assert.match(all, /表四 政府信息公开行政复议、行政诉讼情况\r\n项目,行政复议-结果维持/);
});

test('HTML: one accessible page with the official tables as colspan/rowspan and escaped text', () => {
  const html = renderReportHtml(report, { note: '本报告已定稿' });
  assert.match(html, /^<!DOCTYPE html>\n<html lang="zh-CN">/);
  assert.match(html, /<h1>黔城镇人民政府2024年政府信息公开工作年度报告<\/h1>/);
  assert.match(html, /<th scope="colgroup" colspan="7">申请人情况<\/th>/);
  assert.match(html, /<th scope="rowgroup" rowspan="22">三、本年度办理结果<\/th>/);
  assert.match(html, /<caption>收到和处理政府信息公开申请情况<\/caption>/);
  assert.ok(html.includes('政务公开&lt;各项&gt;要求'));
  assert.equal((html.match(/<table/g) ?? []).length, 3);
});

test('JSON: agency, year, format, named figures, tables keyed with rows in official order, validation', () => {
  const json = reportJson(report, validateReport(report), { includeSubunits: true });
  assert.deepEqual([json.agency?.name, json.year, json.format], ['黔城镇人民政府', 2024, '2021']);
  assert.equal(json.figures['requests.received'], 3);
  const tables = json.tables as { table3: { rows: Array<{ label: string; values: number[] }> }; table2: { rows: unknown[] }; table4: { rows: unknown[] } };
  assert.equal(tables.table3.rows.length, 25);
  assert.ok(tables.table3.rows.every((r) => r.values.length === 7));
  assert.equal(tables.table2.rows.length, 6);
  assert.equal(tables.table4.rows.length, 1);
  assert.ok(json.validation.length > 5 && json.validation.every((f) => typeof f.passed === 'boolean' && f.message !== ''));
});
