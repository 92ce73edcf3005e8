import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileReport, importReportTables, readReportDocument, type ReportSnapshot } from '../domain/reports/index.ts';
import { compileInput, manualInputs, openRequest, reportAppeal, reportItem, reportRequest } from '../domain/reports/test-factories.ts';
import { renderReportDocx } from './report-docx.ts';
import { renderReportHtml } from './report-html.tsx';
import { readHtmlTables, readReportDocumentContent } from './report-document-reader.ts';

function compiled(format: '2019' | '2021', year: number): ReportSnapshot {
  const on = (d: string) => `${String(year)}-${d}`;
  return compileReport(
    compileInput({
      year,
      format,
      agency: { id: 1, name: '黔城镇人民政府', kind: 'town_gov' },
      items: [reportItem({ id: '1', publishedOn: on('03-05') }), reportItem({ id: '2', genre: 'normative_document', formedOn: on('02-01'), publishedOn: on('02-03') })],
      requests: [
        reportRequest({ id: 'r1', receivedOn: on('03-01'), repliedOn: on('03-20'), closedOn: on('03-20'), dueOn: on('03-29') }),
        reportRequest({ id: 'r2', receivedOn: on('04-01'), applicantType: 'commercial_enterprise', outcome: 'withheld_third_party_rights', repliedOn: on('04-20'), closedOn: on('04-20'), dueOn: on('04-29') }),
        reportRequest({ id: 'r3', receivedOn: on('05-01'), applicantType: 'legal_service_provider', outcome: 'unavailable_not_held', repliedOn: on('05-20'), closedOn: on('05-20'), dueOn: on('05-29') }),
        openRequest({ id: 'r4', receivedOn: on('12-30'), applicantType: 'research_institution', dueOn: `${String(year + 1)}-01-27` }),
      ],
      appeals: [reportAppeal({ id: 'a1', filedOn: on('04-01'), closedOn: on('06-01') }), reportAppeal({ id: 'a2', kind: 'litigation_direct', result: 'pending', filedOn: on('09-01'), closedOn: null })],
      manual: manualInputs({ licensingDecisions: 12, penaltyDecisions: 3, enforcementDecisions: 1, feesCollectedWanYuan: 2.5 }),
    }),
  );
}

const valuesOf = (report: ReportSnapshot) => report.tables.map((t) => [t.id, t.rows.map((r) => [r.key, r.values])]);

/** Reads a document's content into a snapshot the way the service does. */
function roundTrip(content: Parameters<typeof readReportDocument>[0]): ReportSnapshot {
  const reading = readReportDocument(content);
  assert.ok(reading.ok, reading.ok ? '' : reading.problems.join('；'));
  const imported = importReportTables(reading.json);
  assert.ok(imported.ok, imported.ok ? '' : imported.problems.join('；'));
  assert.deepEqual(imported.blanks, [], 'every official cell was read');
  return imported.report;
}

test('HTML import: the project’s own 2021 export round-trips every figure of tables 二、三、四, and the year and format are recognised', () => {
  const report = compiled('2021', 2024);
  const back = roundTrip(readHtmlTables(renderReportHtml(report)));
  assert.equal(back.year, 2024);
  assert.equal(back.format, '2021');
  assert.deepEqual(valuesOf(back), valuesOf(report));
  const row = (key: string) => back.tables.find((t) => t.id === 'table3')?.rows.find((r) => r.key === key)?.values;
  assert.deepEqual(row('carried_out'), [0, 0, 1, 0, 0, 0, 1], '结转下年度 is what next year carries in');
});

test('DOCX import: the project’s own Word export, read through mammoth, round-trips the same figures', async () => {
  const report = compiled('2021', 2023);
  const back = roundTrip(await readReportDocumentContent(await renderReportDocx(report)));
  assert.equal(back.year, 2023);
  assert.deepEqual(valuesOf(back), valuesOf(report));
});

test('the 2019 trial format (其他对外管理服务事项, 政府集中采购, one （六）其他处理 row) is recognised from its columns and round-trips', async () => {
  const report = compiled('2019', 2020);
  const back = roundTrip(await readReportDocumentContent(await renderReportDocx(report)));
  assert.equal(back.format, '2019');
  assert.deepEqual(valuesOf(back), valuesOf(report));
});

test('errors in Chinese: a missing table is named; a cell that is not a number is named with its row and column', () => {
  const html = renderReportHtml(compiled('2021', 2024));
  const withoutThree = html.replace(/<table data-tables="table3">[\s\S]*?<\/table>/, '');
  const missing = readReportDocument(readHtmlTables(withoutThree));
  assert.equal(missing.ok, false);
  assert.match(missing.ok ? '' : missing.problems.join(''), /找不到表三“收到和处理政府信息公开申请情况”/);

  const withoutFour = readReportDocument(readHtmlTables(html.replace(/<table data-tables="table4">[\s\S]*?<\/table>/, '')));
  assert.match(withoutFour.ok ? '' : withoutFour.problems.join(''), /找不到表四/);
  const withoutTwo = readReportDocument(readHtmlTables(html.replace(/<table data-tables="table2_[^"]*">[\s\S]*?<\/table>/, '')));
  assert.match(withoutTwo.ok ? '' : withoutTwo.problems.join(''), /找不到表二/);

  const badCell = html.replace(/(一、本年新收政府信息公开申请数量<\/th><td>)1(<\/td>)/, '$1一件$2');
  assert.notEqual(badCell, html, 'the fixture changed a cell');
  const reading = readReportDocument(readHtmlTables(badCell));
  assert.ok(reading.ok);
  const imported = importReportTables(reading.json);
  assert.equal(imported.ok, false);
  assert.match(imported.ok ? '' : imported.problems.join(''), /行“一、本年新收政府信息公开申请数量”列“自然人”的值“一件”不是数字/);

  const noYear = readReportDocument(readHtmlTables(html.replace(/2024年政府信息公开工作年度报告/g, '政府信息公开工作报告')));
  assert.match(noYear.ok ? '' : noYear.problems.join(''), /找不到报告年度/);
  assert.equal(readReportDocument(readHtmlTables(html.replace(/2024年政府信息公开工作年度报告/g, '政府信息公开工作报告')), { year: 2024 }).ok, true, 'unless the year is given');
});
