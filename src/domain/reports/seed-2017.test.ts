// The seed report (/work/shared/seed: 黔城镇人民政府2017年政府信息公开工作年度报告, 2008-era narrative format),
// rebuilt from records: 43 公文 with 100% electronic full text, 152 SMS, about 400 printed materials, three
// requests (1 online + 2 by letter; 2 replied on time — one 已主动公开 (第三十六条（一）), one 同意公开; the
// third received late in December and carried into 2018), no reconsideration and no lawsuit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnnualReport } from './annual-report.ts';
import { compileReport } from './compile-report.ts';
import { findFigure, type FigureKey } from './figures.ts';
import type { DeliveryTally } from './report-input.ts';
import { manualInputs, openRequest, reportItem, reportRequest } from './test-factories.ts';
import { validateReport } from './validate-report.ts';

const agency = { id: 1, name: '黔城镇人民政府', kind: 'town_gov' as const };
const pad = (n: number) => String(n).padStart(2, '0');

const items = Array.from({ length: 43 }, (_, i) => {
  const day = `2017-${pad((i % 12) + 1)}-${pad((i % 27) + 1)}`;
  return reportItem({ id: `doc-${pad(i + 1)}`, genre: i % 5 === 0 ? 'public_notice' : 'notice', formedOn: day, publishedOn: day, hasElectronicFullText: true });
});
const deliveries: DeliveryTally[] = Array.from({ length: 8 }, (_, i) => ({ id: `sms-${String(i + 1)}`, channel: 'sms', sentOn: `2017-${pad(i + 3)}-15`, count: 19 }));
const requests = [
  reportRequest({ id: 'r1', channel: 'online', receivedOn: '2017-04-10', outcome: 'disclosed', replyType: 'already_public', repliedOn: '2017-04-20', dueOn: '2017-05-03', closedOn: '2017-04-20' }),
  reportRequest({ id: 'r2', channel: 'letter_registered', receivedOn: '2017-08-14', outcome: 'disclosed', replyType: 'provided', repliedOn: '2017-08-30', dueOn: '2017-09-04', closedOn: '2017-08-30' }),
  openRequest({ id: 'r3', channel: 'letter_ordinary', receivedOn: '2017-12-27', dueOn: '2018-01-18' }),
];
const manual = manualInputs({
  printedMaterials: 400,
  narrative: {
    overview: '2017年，我镇认真贯彻落实《中华人民共和国政府信息公开条例》，积极深化信息公开内容、创新信息公开形式、完善信息公开机制。',
    problems: '一些部门政府信息公开的意识有待进一步增强；部分政府信息公开工作人员的业务能力还有待提高。\n2018年本镇将加大主动公开力度，扎实推进依申请公开。',
  },
});

const report = compileReport({ agency, year: 2017, items, requests, appeals: [], deliveries, manual });
const v = (key: FigureKey) => findFigure(report.figures, key)?.value;
const sectionText = (r: AnnualReport, title: string) => r.sections.find((s) => s.title === title)?.paragraphs.map((p) => p.text).join('') ?? '';

test('seed 2017: the year defaults to the 2008 narrative format, seven parts, no tables', () => {
  assert.equal(report.format, '2008');
  assert.equal(report.tables.length, 0);
  assert.deepEqual(report.sections.map((s) => s.title), [
    '一、概述',
    '二、主动公开政府信息情况',
    '三、依申请公开政府信息情况',
    '四、复议、诉讼情况',
    '五、收费及减免情况',
    '六、机构、人员和经费情况',
    '七、存在的主要问题和改进措施',
  ]);
  assert.match(report.preface[0]?.text ?? '', /本年报所列数据的统计期限为2017年1月1日起至2017年12月31日止。/);
});

const figures: Array<[FigureKey, number | null, string]> = [
  ['proactive.documents', 43, '新增公文类信息43条'],
  ['proactive.documents_fulltext_rate', 1, '全文电子化率达100%'],
  ['channels.sms', 152, '短信消息152条'],
  ['channels.printed_materials', 400, '党政报刊读物400册（人工填报）'],
  ['requests.received', 3, '依申请公开总量3件'],
  ['requests.by_channel.online', 1, '网络申请1件'],
  ['requests.by_channel.letter', 2, '信函申请2件'],
  ['requests.replied_on_time', 2, '按时办结2件'],
  ['requests.reply.already_public', 1, '属于已主动公开范围1件'],
  ['requests.reply.provided', 1, '同意公开答复1件'],
  ['requests.carried_out', 1, '12月底收到的申请结转2018年'],
  ['appeals.reconsideration.total', 0, '行政复议案件0件'],
  ['appeals.litigation.total', 0, '行政诉讼0件'],
  ['fees.collected_yuan', 0, '未收取费用'],
];
for (const [key, expected, seed] of figures) {
  test(`seed 2017 figure ${key} = ${String(expected)} (${seed})`, () => {
    assert.equal(v(key), expected);
  });
}

test('seed 2017: figures trace back to their records', () => {
  assert.equal(findFigure(report.figures, 'proactive.documents')?.recordIds.length, 43);
  assert.deepEqual(findFigure(report.figures, 'requests.by_channel.letter')?.recordIds, ['r2', 'r3']);
  assert.deepEqual(findFigure(report.figures, 'requests.carried_out')?.recordIds, ['r3']);
  assert.equal(findFigure(report.figures, 'channels.sms')?.recordIds.length, 8);
  assert.equal(findFigure(report.figures, 'channels.printed_materials')?.source, 'manual');
});

const sentences: Array<[title: string, sentence: string]> = [
  ['二、主动公开政府信息情况', '2017年新增公文类信息43条，全文电子化率达100%。'],
  ['二、主动公开政府信息情况', '全年共分发党政报刊读物400册，短信消息152条。'],
  ['三、依申请公开政府信息情况', '全年共收到政府信息公开申请3件，其中网上申请1件，信函申请2件。'],
  ['三、依申请公开政府信息情况', '全年共答复政府信息公开申请2件，其中按时答复2件。'],
  ['三、依申请公开政府信息情况', '从办理结果看，属于已主动公开范围的1件，同意公开的1件。'],
  ['三、依申请公开政府信息情况', '截至年底尚在办理、结转下年度继续办理的申请1件。'],
  ['四、复议、诉讼情况', '本年度未发生政府信息公开行政复议和行政诉讼案件。'],
  ['五、收费及减免情况', '2017年度未收取任何费用。'],
];
for (const [title, sentence] of sentences) {
  test(`seed 2017 ${title}: “${sentence}”`, () => {
    assert.ok(sectionText(report, title).includes(sentence), sectionText(report, title));
  });
}

test('seed 2017: generated text names only the report year (the seed wrote “2016年度” in its section 四)', () => {
  const generated = [...report.preface, ...report.sections.flatMap((s) => s.paragraphs)].filter((p) => p.origin === 'generated');
  for (const p of generated) assert.ok(!p.text.includes('2016'), p.text);
  // Staff text keeps its own years (plans for 2018).
  assert.ok(sectionText(report, '七、存在的主要问题和改进措施').includes('2018年本镇'));
});

test('seed 2017: validation passes; the only warning is the empty 机构、人员和经费 part (the seed reported none)', () => {
  const failed = validateReport(report).filter((f) => !f.passed);
  assert.deepEqual(failed.map((f) => [f.rule, f.level, f.message]), [['sections.not_empty', 'warning', '“六、机构、人员和经费情况”没有内容，请补充。']]);
});

test('seed 2018: the December request is carried in from the records, and agrees with 2017 across the year', () => {
  const closed = requests.map((r) => (r.id === 'r3' ? { ...r, outcome: 'disclosed' as const, replyType: 'provided' as const, repliedOn: '2018-01-10', closedOn: '2018-01-10' } : r));
  const next = compileReport({ agency, year: 2018, items: [], requests: closed, appeals: [], deliveries: [], manual: manualInputs({ staff: { fullTime: 1, partTime: 2 } }) });
  assert.equal(findFigure(next.figures, 'requests.carried_in')?.value, 1);
  assert.deepEqual(findFigure(next.figures, 'requests.carried_in')?.recordIds, ['r3']);
  assert.ok(sectionText(next, '三、依申请公开政府信息情况').startsWith('全年未收到政府信息公开申请。上年结转申请1件。'));
  assert.ok(sectionText(next, '六、机构、人员和经费情况').includes('黔城镇人民政府政府信息公开工作配备专职工作人员1名、兼职工作人员2名。'));
  const findings = validateReport(next, { previous: report });
  assert.ok(findings.some((f) => f.rule === 'cross_year.carried_in' && f.passed));
  assert.deepEqual(findings.filter((f) => !f.passed && f.level === 'error'), []);
});
