import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countNormativeDocuments } from '../publishing/index.ts';
import { evolveAll, type DisclosureRequestEvent, type RequestRecord } from '../requests/index.ts';
import { compileReport } from './compile-report.ts';
import { FIGURE_KEYS, findFigure, type FigureKey } from './figures.ts';
import type { AnnualReport } from './annual-report.ts';
import { cellValue } from './report-table.ts';
import { toReportRequest } from './report-request.ts';
import { compileInput, manualInputs, openRequest, reportAppeal, reportItem, reportRequest } from './test-factories.ts';

const value = (report: AnnualReport, key: FigureKey) => findFigure(report.figures, key)?.value;
const ids = (report: AnnualReport, key: FigureKey) => findFigure(report.figures, key)?.recordIds;
const row = (report: AnnualReport, key: string) => report.tables.find((t) => t.id === 'table3')?.rows.find((r) => r.key === key)?.values;

const requests2024 = [
  reportRequest({ id: 'r-prev-open', receivedOn: '2023-12-20', channel: 'letter_registered', repliedOn: '2024-01-10', closedOn: '2024-01-10', dueOn: '2024-01-18' }),
  reportRequest({ id: 'r-prev-closed', receivedOn: '2023-05-01', repliedOn: '2023-05-20', closedOn: '2023-05-20' }),
  reportRequest({ id: 'r-a', applicantType: 'commercial_enterprise', replyType: 'already_public' }),
  reportRequest({ id: 'r-b', receivedOn: '2024-05-06', channel: 'letter_ordinary', outcome: 'withheld_third_party_rights', replyType: 'withheld', repliedOn: '2024-06-10', dueOn: '2024-06-03', closedOn: '2024-06-10' }),
  openRequest({ id: 'r-c', receivedOn: '2024-12-20', dueOn: '2025-01-17' }),
  reportRequest({ id: 'r-d', receivedOn: '2024-11-01', applicantType: 'legal_service_provider', channel: 'fax', outcome: 'other_fee_unpaid', replyType: null, repliedOn: null, closedOn: '2024-12-16' }),
  openRequest({ id: 'r-e', receivedOn: null }),
  openRequest({ id: 'r-f', receivedOn: '2025-01-03' }),
  reportRequest({ id: 'r-g', agencyId: 7, receivedOn: '2024-02-01', applicantType: 'research_institution', channel: 'oral', outcome: 'partially_disclosed', repliedOn: '2024-02-10', closedOn: '2024-02-10' }),
];

test('表三 from records: 新收 by receipt date, 上年结转 = received earlier and open on 1 January, 结转 = open on 31 December', () => {
  const report = compileReport(compileInput({ requests: requests2024 }));
  assert.equal(report.format, '2021');
  assert.deepEqual(row(report, 'received'), [2, 1, 1, 0, 1, 0, 5]);
  assert.deepEqual(row(report, 'carried_in'), [1, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(row(report, 'disclosed'), [1, 1, 0, 0, 0, 0, 2]);
  assert.deepEqual(row(report, 'partially_disclosed'), [0, 0, 1, 0, 0, 0, 1]);
  assert.deepEqual(row(report, 'withheld_third_party_rights'), [1, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(row(report, 'other_fee_unpaid'), [0, 0, 0, 0, 1, 0, 1]);
  assert.deepEqual(row(report, 'total'), [2, 1, 1, 0, 1, 0, 5]);
  assert.deepEqual(row(report, 'carried_out'), [1, 0, 0, 0, 0, 0, 1]);
});

test('traceability: each figure carries the ids of the requests behind it', () => {
  const report = compileReport(compileInput({ requests: requests2024 }));
  assert.deepEqual(ids(report, 'requests.received'), ['r-a', 'r-b', 'r-c', 'r-d', 'r-g']);
  assert.deepEqual(ids(report, 'requests.carried_in'), ['r-prev-open']);
  assert.deepEqual(ids(report, 'requests.carried_out'), ['r-c']);
  assert.deepEqual(ids(report, 'requests.by_outcome.disclosed'), ['r-a', 'r-prev-open']);
  assert.deepEqual(ids(report, 'requests.reply.already_public'), ['r-a']);
  assert.deepEqual(ids(report, 'requests.reply.provided'), ['r-prev-open']);
  assert.equal(findFigure(report.figures, 'requests.received')?.source, 'requests');
  assert.deepEqual(findFigure(report.figures, 'requests.received')?.cell, { table: 'table3', row: 'received', column: 'total' });
});

test('narrative counts: by channel group (信函 = 挂号信 + 平常信函; 口头 = 当面), replies on time and late', () => {
  const report = compileReport(compileInput({ requests: requests2024 }));
  assert.deepEqual(ids(report, 'requests.by_channel.online'), ['r-a', 'r-c']);
  assert.deepEqual(ids(report, 'requests.by_channel.letter'), ['r-b']);
  assert.deepEqual(ids(report, 'requests.by_channel.fax'), ['r-d']);
  assert.deepEqual(ids(report, 'requests.by_channel.in_person'), ['r-g']);
  assert.deepEqual(ids(report, 'requests.replied'), ['r-a', 'r-b', 'r-g', 'r-prev-open']);
  assert.deepEqual(ids(report, 'requests.replied_late'), ['r-b']);
  assert.equal(value(report, 'requests.on_time_rate'), 0.75);
});

test('sub-units: the compiler folds whatever records it is given and records which agencies were included', () => {
  const report = compileReport(compileInput({ requests: requests2024, deliveries: [{ id: 'd', agencyId: 9, channel: 'sms', sentOn: '2024-01-01', count: 1 }] }));
  assert.deepEqual(report.includedAgencyIds, [1, 7, 9]);
});

test('anomalies: a request closed without an outcome is reported, not silently dropped', () => {
  const report = compileReport(compileInput({ requests: [reportRequest({ id: 'x', outcome: null })] }));
  assert.deepEqual(report.anomalies.map((a) => [a.recordId, a.reason]), [['x', 'closed_without_outcome']]);
});

test('上年结转 from the previous report when no earlier request is on record (a year before installation)', () => {
  const previous = compileReport(compileInput({ year: 2023, requests: [openRequest({ id: 'old', receivedOn: '2023-12-28', applicantType: 'research_institution' })] }));
  assert.deepEqual(row(previous, 'carried_out'), [0, 0, 1, 0, 0, 0, 1]);
  const withoutRecords = compileReport(compileInput({ previousReport: { year: 2023, format: '2021', tables: previous.tables } }));
  assert.deepEqual(row(withoutRecords, 'carried_in'), [0, 0, 1, 0, 0, 0, 1]);
  assert.equal(findFigure(withoutRecords.figures, 'requests.carried_in')?.source, 'previous_report');
  assert.equal(value(withoutRecords, 'requests.carried_in.research_institution'), 1);
  // When the earlier request is on record, the records decide.
  const withRecords = compileReport(
    compileInput({ previousReport: previous, requests: [openRequest({ id: 'old', receivedOn: '2023-12-28', applicantType: 'research_institution', closedOn: '2024-01-05', outcome: 'disclosed' })] }),
  );
  assert.equal(findFigure(withRecords.figures, 'requests.carried_in')?.source, 'requests');
  assert.deepEqual(ids(withRecords, 'requests.carried_in'), ['old']);
});

test('2019 trial format: the three （六） outcomes fold into the single （六）其他处理 row', () => {
  const requests = [
    reportRequest({ id: 'w', outcome: 'other_other', replyType: null }),
    reportRequest({ id: 'f', outcome: 'other_fee_unpaid', replyType: null }),
  ];
  const report = compileReport(compileInput({ year: 2020, requests: requests.map((r) => ({ ...r, receivedOn: '2020-03-01', repliedOn: null, closedOn: '2020-03-10' })) }));
  assert.equal(report.format, '2019');
  assert.deepEqual(row(report, 'other'), [2, 0, 0, 0, 0, 0, 2]);
  assert.deepEqual(findFigure(report.figures, 'requests.by_outcome_group.other')?.cell, { table: 'table3', row: 'other', column: 'total' });
  assert.equal(findFigure(report.figures, 'requests.by_outcome.other_other')?.cell, null);
});

const normativeItems = [
  reportItem({ id: 'n-issued', genre: 'normative_document', formedOn: '2024-04-01', publishedOn: '2024-04-03', validity: { effectiveOn: '2024-05-01', expiresOn: null, repealedOn: null } }),
  reportItem({ id: 'n-old', genre: 'normative_document', formedOn: '2021-04-01', publishedOn: '2021-04-03', validity: { effectiveOn: null, expiresOn: null, repealedOn: '2024-09-01' } }),
  reportItem({ id: 'n-lapsed', genre: 'normative_document', formedOn: '2019-01-01', publishedOn: '2019-01-03', validity: { effectiveOn: null, expiresOn: '2024-02-29', repealedOn: null } }),
  reportItem({ id: 'n-live', genre: 'normative_document', formedOn: '2022-01-01', publishedOn: '2022-01-03', validity: { effectiveOn: null, expiresOn: null, repealedOn: null } }),
  reportItem({ id: 'n-withdrawn', genre: 'normative_document', status: 'withdrawn', formedOn: '2024-01-01', publishedOn: '2024-01-03', validity: null }),
  reportItem({ id: 'reg', genre: 'regulation', formedOn: '2024-06-01', publishedOn: '2024-06-05', validity: null }),
];

test('表二 第二十条第（一）项: ids per measure, and the counts agree with the publishing domain’s countNormativeDocuments', () => {
  const report = compileReport(compileInput({ items: normativeItems }));
  assert.deepEqual(ids(report, 'proactive.normative.issued'), ['n-issued']);
  assert.deepEqual(ids(report, 'proactive.normative.repealed'), ['n-lapsed', 'n-old']);
  assert.deepEqual(ids(report, 'proactive.normative.in_force'), ['n-issued', 'n-live']);
  const counts = countNormativeDocuments(normativeItems, 2024);
  assert.deepEqual(
    [value(report, 'proactive.normative.issued'), value(report, 'proactive.normative.repealed'), value(report, 'proactive.normative.in_force')],
    [counts.normative_document.issued, counts.normative_document.ceased, counts.normative_document.inForce],
  );
  assert.deepEqual(
    [value(report, 'proactive.regulations.issued'), value(report, 'proactive.regulations.in_force')],
    [counts.regulation.issued, counts.regulation.inForce],
  );
  assert.equal(cellValue(report.tables, { table: 'table2_clause20_1', row: 'normative_document', column: 'repealed' }), 2);
});

test('表二 in the 2019 format: 本年新制作 = formed, 本年新公开 = first published, 对外公开总数量 = published by year end', () => {
  const items = normativeItems.map((i) => ({ ...i, formedOn: i.formedOn.replace('2024', '2020'), publishedOn: i.publishedOn?.replace('2024', '2020') ?? null, validity: null }));
  const report = compileReport(compileInput({ year: 2020, items }));
  const t = report.tables.find((x) => x.id === 'table2_clause20_1');
  assert.deepEqual(t?.rows.find((r) => r.key === 'normative_document')?.values, [1, 1, 2]);
});

test('表二 manual rows: 行政许可、行政处罚、行政强制 本年处理决定数量 and 行政事业性收费 万元 go where 30号 prints them', () => {
  const manual = manualInputs({ licensingDecisions: 12, penaltyDecisions: 3, enforcementDecisions: 1, feesCollectedWanYuan: 2.35 });
  const report = compileReport(compileInput({ manual }));
  assert.equal(cellValue(report.tables, { table: 'table2_clause20_5', row: 'licensing', column: 'decisions' }), 12);
  assert.equal(cellValue(report.tables, { table: 'table2_clause20_6', row: 'penalty', column: 'decisions' }), 3);
  assert.equal(cellValue(report.tables, { table: 'table2_clause20_8', row: 'administrative_fees', column: 'amount' }), 2.35);
  assert.equal(findFigure(report.figures, 'proactive.licensing_decisions')?.source, 'manual');
});

test('表四: concluded in the year with its result; open on 31 December as 尚未审结; concluded earlier not at all', () => {
  const appeals = [
    reportAppeal({ id: 'a-upheld' }),
    reportAppeal({ id: 'a-corrected-from-2023', filedOn: '2023-11-01', result: 'corrected', closedOn: '2024-02-01' }),
    reportAppeal({ id: 'a-pending', filedOn: '2024-12-01', result: 'pending', closedOn: null }),
    reportAppeal({ id: 'a-decided-2025', filedOn: '2024-10-01', result: 'upheld', closedOn: '2025-01-20' }),
    reportAppeal({ id: 'a-2023', filedOn: '2023-01-01', closedOn: '2023-03-01' }),
    reportAppeal({ id: 'l-direct', kind: 'litigation_direct', result: 'other' }),
    reportAppeal({ id: 'l-after', kind: 'litigation_after_reconsideration', result: 'corrected' }),
  ];
  const report = compileReport(compileInput({ appeals }));
  const cases = report.tables.find((t) => t.id === 'table4')?.rows[0]?.values;
  assert.deepEqual(cases, [1, 1, 0, 2, 4, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1]);
  assert.deepEqual(ids(report, 'appeals.reconsideration.pending'), ['a-decided-2025', 'a-pending']);
  assert.equal(value(report, 'appeals.litigation.total'), 2);
  assert.equal(value(report, 'appeals.litigation.corrected'), 1);
});

test('deliveries: summed per channel within the year, with the tally ids', () => {
  const deliveries = [
    { id: 's1', channel: 'sms' as const, sentOn: '2024-02-01', count: 100 },
    { id: 's2', channel: 'sms' as const, sentOn: '2024-09-01', count: 52 },
    { id: 's0', channel: 'sms' as const, sentOn: '2023-12-31', count: 7 },
    { id: 'w1', channel: 'wechat' as const, sentOn: '2024-09-01', count: 1 },
  ];
  const report = compileReport(compileInput({ deliveries }));
  assert.equal(value(report, 'channels.sms'), 152);
  assert.deepEqual(ids(report, 'channels.sms'), ['s1', 's2']);
  assert.equal(value(report, 'channels.wechat'), 1);
});

test('2021 format: parts in order with their tables; 总体情况 summary and 六 fee sentence quote the figures', () => {
  const report = compileReport(compileInput({ requests: requests2024, manual: manualInputs({ narrative: { overview: '本机关高度重视政务公开工作。', problems: '公开意识有待增强。' } }) }));
  assert.deepEqual(report.sections.map((s) => [s.title, s.tableIds.length]), [
    ['一、总体情况', 0],
    ['二、主动公开政府信息情况', 4],
    ['三、收到和处理政府信息公开申请情况', 1],
    ['四、政府信息公开行政复议、行政诉讼情况', 1],
    ['五、存在的主要问题及改进情况', 0],
    ['六、其他需要报告的事项', 0],
  ]);
  const overview = report.sections[0]?.paragraphs.map((p) => p.text) ?? [];
  assert.equal(overview[0], '本机关高度重视政务公开工作。');
  assert.ok(overview.includes('本年度新收政府信息公开申请5件，上年结转1件，办结5件，结转下年度继续办理1件。'));
  assert.ok(overview.includes('本年度未发生政府信息公开行政复议和行政诉讼案件。'));
  assert.equal(report.sections[5]?.paragraphs[0]?.text, '依据《政府信息公开信息处理费管理办法》规定，本年度未收取信息处理费。');
  assert.match(report.preface[0]?.text ?? '', /统计期限为2024年1月1日起至2024年12月31日止/);
});

test('toReportRequest: the request domain’s state maps to the report’s view (outcome = row, closed on the reply)', () => {
  const record: RequestRecord = {
    id: 'R-1',
    agencyId: 4,
    agencyPath: '/1/4/',
    applicant: { type: 'commercial_enterprise', name: '某公司', identity: null, contact: {} },
    informationSought: { description: '某批复' },
    formWanted: 'electronic',
    deliveryMethod: 'email',
    channel: 'letter_registered',
    submission: { signedForOn: '2024-03-04' },
  };
  const at = '2024-03-04T02:00:00Z';
  const events: DisclosureRequestEvent[] = [
    { type: 'Submitted', at, by: null, record, submittedOn: '2024-03-04' },
    { type: 'Registered', at, by: 'o', receivedOn: '2024-03-04', receiptBasis: '条例第三十一条第（二）项', regime: '2019' },
    { type: 'Replied', at, by: 'o', outcome: 'not_processed_repeat', withheld: [], summary: '重复申请', repliedOn: '2024-03-20', onTheSpot: false, dueOn: '2024-04-01', late: false },
  ];
  const state = evolveAll(events);
  assert.ok(state !== null);
  const r = toReportRequest(state, null);
  assert.deepEqual(
    [r.receivedOn, r.applicantType, r.channel, r.outcome, r.repliedOn, r.dueOn, r.closedOn],
    ['2024-03-04', 'commercial_enterprise', 'letter_registered', 'not_processed_repeat', '2024-03-20', '2024-04-01', '2024-03-20'],
  );
});

test('figure keys: the compiler produces exactly FIGURE_KEYS, in order, in every format', () => {
  for (const year of [2017, 2020, 2024]) assert.deepEqual(compileReport(compileInput({ year })).figures.map((f) => f.key), FIGURE_KEYS);
});

test('a previous report whose table 三 is wholly blank says nothing about 上年结转', () => {
  const blank = compileReport(compileInput({ year: 2023 }));
  const tables = blank.tables.map((t) => (t.id === 'table3' ? { ...t, rows: t.rows.map((r) => ({ ...r, values: r.values.map(() => null) })) } : t));
  const report = compileReport(compileInput({ previousReport: { year: 2023, format: '2021', tables } }));
  assert.equal(findFigure(report.figures, 'requests.carried_in')?.source, 'requests');
});
