import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describeEachDialect } from '../../test/databases.ts';
import { fixedClock } from '../../test/clock.ts';
import { testServices } from '../../test/services.ts';
import { findFigure } from '../domain/reports/index.ts';
import { renderAssessmentDocx } from '../documents/assessment-docx.ts';
import { renderAssessmentXlsx } from '../documents/assessment-xlsx.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { actorOf } from './sign-in.ts';
import type { Actor } from './ports.ts';

// A rubric with custom weights: only three indicators, 40 + 40 + 20.
const RUBRIC = {
  name: '财政所与村考核',
  indicators: [
    { indicator: 'on_time_publication_rate', weight: 40, rule: { kind: 'ratio', full: 100, zero: 0 } },
    { indicator: 'on_time_reply_rate', weight: 40, rule: { kind: 'ratio', full: 100, zero: 0 } },
    { indicator: 'overdue_requests', weight: 20, rule: { kind: 'deduct', each: 10 } },
  ],
  periods: [
    { label: '2025年度', fromOn: '2025-01-01', toOn: '2025-12-31' },
    { label: '2025年上半年', fromOn: '2025-01-01', toOn: '2025-06-30' },
  ],
};
const YEAR = '2025-01-01~2025-12-31';

describeEachDialect('assessment, trends and request statistics', (ctx) => {
  const clock = fixedClock('2025-01-02T02:00:00.000Z');
  const on = (date: string) => clock.set(`${date}T02:00:00.000Z`);
  let s: ReturnType<typeof testServices>;
  const actors: Record<string, Actor> = {};
  const ids: Record<string, number> = {};
  const made: Record<string, number> = {};
  let rubricId = 0;

  const publish = async (agencyId: number, title: string, formedOn: string, publishedOn: string) => {
    on(formedOn);
    const d = await s.items.create(actors.editor!, agencyId, { title, summary: `${title}的主要内容。`, documentNumber: '', categoryCode: 'finance_audit', genre: 'notice', clause: null, bodyHtml: '<p>正文。</p>', formedOn, disclosure: { attribute: 'proactive' }, hasElectronicFullText: true });
    await s.items.submit(actors.editor!, Number(d.id));
    await s.items.passReview(actors.reviewer!, Number(d.id));
    await s.items.approve(actors.approver!, Number(d.id));
    on(publishedOn);
    await s.items.publish(actors.editor!, Number(d.id));
    return Number(d.id);
  };
  const request = async (agencyId: number, name: string, receivedOn: string, repliedOn: string | null) => {
    on(receivedOn);
    const id = (
      await s.requests.register(actors.officer!, {
        agencyId,
        applicant: { type: 'natural_person', name, contact: { phone: '13800000000', address: '湖南省洪江市黔城镇' } },
        informationSought: { description: `${name}申请公开的补贴发放名单` },
        formWanted: 'paper',
        deliveryMethod: 'post',
        channel: 'in_person',
      })
    ).request.id;
    if (repliedOn) {
      on(repliedOn);
      await s.requests.command(actors.officer!, id, { type: 'draft_reply', outcome: 'disclosed', summary: '同意公开，提供发放名单。' } as never);
      await s.requests.command(actors.approver!, id, { type: 'approve_reply' });
    }
    return id;
  };

  test('setup: demo organisation and records of two units in 2025', async () => {
    s = testServices(ctx.db, clock);
    await s.calendar.syncShipped();
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
    for (const login of ['officer', 'editor', 'reviewer', 'approver']) actors[login] = actorOf((await s.deps.uow.read.users.findByLogin(login))!);
    for (const a of await s.agencies.all()) ids[a.name] = a.id;
    const finance = ids['黔城镇财政所']!;
    const village = ids['板桥村']!;
    assert.ok(finance && village);
    made.a1 = await publish(finance, '财政所2025年第一季度惠农补贴发放情况', '2025-03-03', '2025-03-05');
    // 条例第二十六条: formed 3 March, due 31 March (20 working days); published 30 April — late.
    made.a2 = await publish(finance, '财政所2024年部门决算', '2025-03-03', '2025-04-30');
    made.b1 = await publish(village, '板桥村2025年村务收支明细', '2025-05-06', '2025-05-08');
    made.ra = await request(finance, '张晓梅', '2025-03-03', '2025-03-10');
    // Received 3 June, due 2 July; replied 10 July — late, and counted among the overdue requests.
    made.rb = await request(village, '李四', '2025-06-03', '2025-07-10');
    on('2026-01-15');
  });

  test('a rubric is validated, saved as version 1 and audited; only the office may keep one', async () => {
    const town = ids['黔城镇人民政府']!;
    await assert.rejects(
      s.assessment.createRubric(actors.officer!, town, { ...RUBRIC, indicators: RUBRIC.indicators.slice(0, 2) }),
      (e: unknown) => e instanceof ValidationError && e.fieldErrors.indicators === '各项指标分值之和应为 100 分（现为 80 分）',
    );
    await assert.rejects(
      s.assessment.createRubric(actors.officer!, town, { ...RUBRIC, periods: [{ label: '2025年度', fromOn: '2025-01-01', toOn: '2025-13-01' }] }),
      (e: unknown) => e instanceof ValidationError && /截止日期不是有效日期/.test(e.fieldErrors['periods.0.toOn'] ?? ''),
    );
    await assert.rejects(s.assessment.createRubric(actors.editor!, town, RUBRIC), ForbiddenError);
    await assert.rejects(s.assessment.createRubric(actors.officer!, ids['洪江市人民政府']!, RUBRIC), ForbiddenError, 'the town’s office cannot assess for the city');
    const stored = await s.assessment.createRubric(actors.officer!, town, RUBRIC);
    rubricId = stored.id;
    assert.equal(stored.version, 1);
    const { rubrics, agencies } = await s.assessment.overview(actors.officer!);
    assert.deepEqual(rubrics.map((r) => r.name), ['财政所与村考核']);
    assert.ok(agencies.some((a) => a.id === town));
    const audit = await s.deps.uow.read.audit.forEntity('assessment_rubric', rubricId);
    assert.deepEqual(audit.map((e) => e.action), ['create']);
  });

  test('units are scored from their records with the custom weights, with the records behind every figure, and ranked', async () => {
    const result = await s.assessment.scorePeriod(actors.officer!, rubricId, YEAR);
    assert.equal(result.asOn, '2025-12-31');
    assert.equal(result.units.length, 21, 'the town’s 6 stations and 15 villages');
    const finance = result.units.find((u) => u.unitName === '黔城镇财政所')!;
    const village = result.units.find((u) => u.unitName === '板桥村')!;
    // 财政所: 1 of 2 items on time → 50 % of 40 = 20; its reply on time → 40; no overdue request → 20.
    assert.deepEqual(finance.indicators.map((i) => [i.indicator, i.measure, i.points]), [
      ['on_time_publication_rate', 50, 20],
      ['on_time_reply_rate', 100, 40],
      ['overdue_requests', 0, 20],
    ]);
    assert.equal(finance.total, 80);
    // 板桥村: its item on time → 40; its one reply late → 0; one overdue request → 20 − 10.
    assert.equal(village.total, 50);
    assert.ok(finance.rank < village.rank);
    const pub = finance.indicators[0]!;
    assert.deepEqual(pub.records.map((r) => [r.kind, Number(r.id), r.adverse]), [['item', made.a1, false], ['item', made.a2, true]]);
    assert.match(pub.evidence[0]!.text, /应于 2025-03-31 前公开，2025-04-30 才公开/);
    assert.deepEqual(village.indicators[2]!.evidence.map((r) => [r.kind, Number(r.id)]), [['request', made.rb]]);
    // The first half-year: the village's late reply falls in July, outside it.
    const half = await s.assessment.scorePeriod(actors.officer!, rubricId, '2025-01-01~2025-06-30');
    assert.equal(half.units.find((u) => u.unitName === '板桥村')!.indicators[1]!.measure, null);
    await assert.rejects(s.assessment.scorePeriod(actors.officer!, rubricId, '2024-01-01~2024-12-31'), NotFoundError);
    await assert.rejects(s.assessment.scorePeriod(actors.approver!, rubricId, YEAR), ForbiddenError);

    // The annual report can quote the result: one sentence per period of the report year, from the same scores.
    const quote = await s.assessment.quoteForReport(actors.officer!, ids['黔城镇人民政府']!, 2025);
    assert.ok(quote);
    assert.match(quote, /按照《财政所与村考核（2025年度）》，黔城镇人民政府对21个单位2025-01-01至2025-12-31的政务公开工作进行了考核（满分100分），平均得分/);
    const best = result.units.filter((u) => u.rank === 1);
    assert.ok(quote.includes(`${best.length <= 3 ? best.map((u) => u.unitName).join('、') : `${best.length}个单位并列`}得分最高（${best[0]!.total}分）`));
    assert.match(quote, /按照《财政所与村考核（2025年上半年）》/, 'and the half-year period');
    assert.equal(await s.assessment.quoteForReport(actors.officer!, ids['黔城镇人民政府']!, 2019), null, 'no period in 2019');
  });

  test('a change is a new version with its reason; a stale form is refused; earlier versions can still be scored', async () => {
    await assert.rejects(s.assessment.updateRubric(actors.officer!, rubricId, 1, RUBRIC, ''), (e: unknown) => e instanceof ValidationError && /请填写修改理由/.test(e.fieldErrors.reason ?? ''));
    const changed = { ...RUBRIC, indicators: [{ ...RUBRIC.indicators[0]!, weight: 60 }, { ...RUBRIC.indicators[1]!, weight: 20 }, RUBRIC.indicators[2]!] };
    const saved = await s.assessment.updateRubric(actors.officer!, rubricId, 1, changed, '加重主动公开及时率的分值');
    assert.equal(saved.version, 2);
    await assert.rejects(s.assessment.updateRubric(actors.officer!, rubricId, 1, changed, '另一人的修改'), ConflictError);
    const { versions } = await s.assessment.rubric(actors.officer!, rubricId);
    assert.deepEqual(versions.map((v) => [v.version, v.reason]), [[2, '加重主动公开及时率的分值'], [1, '新建']]);
    const now = await s.assessment.scorePeriod(actors.officer!, rubricId, YEAR);
    assert.equal(now.units.find((u) => u.unitName === '黔城镇财政所')!.total, 30 + 20 + 20);
    const before = await s.assessment.scorePeriod(actors.officer!, rubricId, YEAR, { version: 1 });
    assert.equal(before.units.find((u) => u.unitName === '黔城镇财政所')!.total, 80);
    const audit = await s.deps.uow.read.audit.forEntity('assessment_rubric', rubricId);
    assert.equal(audit[0]!.action, 'update');
  });

  test('comments are stored per unit and period, audited, and limited to the units assessed', async () => {
    const finance = ids['黔城镇财政所']!;
    await s.assessment.saveComment(actors.officer!, rubricId, YEAR, finance, '  决算公开超期，请加强发布审核。 ');
    const result = await s.assessment.scorePeriod(actors.officer!, rubricId, YEAR);
    assert.equal(result.units.find((u) => u.unitId === finance)!.comment, '决算公开超期，请加强发布审核。');
    const half = await s.assessment.scorePeriod(actors.officer!, rubricId, '2025-01-01~2025-06-30');
    assert.equal(half.units.find((u) => u.unitId === finance)!.comment, '', 'a comment belongs to its period');
    await assert.rejects(s.assessment.saveComment(actors.officer!, rubricId, YEAR, ids['黔城镇人民政府']!, '本级'), ValidationError);
    await assert.rejects(s.assessment.saveComment(actors.officer!, rubricId, YEAR, finance, '长'.repeat(2001)), ValidationError);
    await assert.rejects(s.assessment.saveComment(actors.editor!, rubricId, YEAR, finance, '越权'), ForbiddenError);
    const audit = await s.deps.uow.read.audit.forEntity('assessment_rubric', rubricId);
    assert.equal(audit[0]!.action, 'comment');
    assert.match(JSON.stringify(audit[0]!.change), /决算公开超期/);
    await s.assessment.saveComment(actors.officer!, rubricId, YEAR, finance, '');
    assert.equal((await s.deps.uow.read.assessments.comments(rubricId, YEAR)).length, 0, 'an empty comment removes it');
    await s.assessment.saveComment(actors.officer!, rubricId, YEAR, finance, '决算公开超期，请加强发布审核。');
  });

  test('the Word and Excel exports read back with the same scores, records and comments', async () => {
    const result = await s.assessment.scorePeriod(actors.officer!, rubricId, YEAR, { version: 1 });
    const docx = await renderAssessmentDocx(result);
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    assert.match(text, /黔城镇人民政府财政所与村考核（2025年度）考核结果/);
    assert.match(text, /考核细则第 1 版/);
    assert.match(text, /黔城镇财政所\u300080 分（满分 100 分）/);
    assert.match(text, /应于 2025-03-31 前公开，2025-04-30 才公开/);
    assert.match(text, /评语：决算公开超期，请加强发布审核。/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderAssessmentXlsx(result)) as unknown as ArrayBuffer);
    assert.deepEqual(book.worksheets.map((w) => w.name), ['排名', '得分明细', '依据记录', '考核细则']);
    const ranking = book.getWorksheet('排名')!;
    const rows = ranking.getSheetValues().slice(2) as unknown[][];
    assert.equal(rows.length, 21);
    const financeRow = rows.find((r) => r[2] === '黔城镇财政所')!;
    assert.deepEqual(financeRow.slice(3, 7), [80, 20, 40, 20], 'total and points are numbers');
    assert.equal(financeRow[7], '决算公开超期，请加强发布审核。');
    const evidence = (book.getWorksheet('依据记录')!.getSheetValues().slice(2) as unknown[][]).filter((r) => r[1] === '黔城镇财政所');
    assert.ok(evidence.some((r) => /2025-04-30 才公开/.test(String(r[5])) && r[6] === '是'));
    assert.deepEqual((book.getWorksheet('考核细则')!.getSheetValues().slice(2) as unknown[][]).map((r) => r[2]), [40, 40, 20]);
  });

  test('trends: items by unit counted in SQL by first publication, requests by channel, on-time rate, mean working days', async () => {
    const view = await s.trends(actors.officer!, { granularity: 'month', year: 2025 });
    const row = (key: string) => view.itemsByUnit.rows.find((r) => r.key === key)?.values;
    assert.deepEqual(row(String(ids['黔城镇财政所'])), [0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(row(String(ids['板桥村'])), [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(view.itemsByCategory.rows.map((r) => [r.label, r.values.reduce((a, b) => a + b, 0)]), [['财政、金融、审计', 3]]);
    const month = (m: number) => view.requests[m - 1]!;
    assert.equal(month(3).received.in_person, 1);
    assert.deepEqual([month(3).onTimeRate, month(3).averageWorkdays], [100, 5], '3 → 10 March 2025: five working days');
    assert.deepEqual([month(7).replied, month(7).onTimeRate], [1, 0]);
    assert.equal(month(7).closed.disclosed, 1);
    const years = await s.trends(actors.officer!, { granularity: 'year', year: 2026 });
    assert.deepEqual(years.periods, ['2025', '2026']);
    assert.equal(years.requests[0]!.onTimeRate, 50);
    const one = await s.trends(actors.approver!, { granularity: 'month', year: 2025, unitId: ids['板桥村']! });
    assert.deepEqual(one.itemsByUnit.rows.map((r) => r.key), [String(ids['板桥村'])], 'narrowed to one unit');
    await assert.rejects(s.trends(actors.editor!, { granularity: 'month', year: 2025 }), ForbiddenError);
    await assert.rejects(s.trends(actors.officer!, { granularity: 'month', year: 2031 }), ValidationError);
    await assert.rejects(s.trends(actors.officer!, { granularity: 'month', year: 2025, unitId: ids['洪江市人民政府']! }), ValidationError);
  });

  test('public statistics: counts per agency as the annual report’s table 三 counts them, and nothing personal', async () => {
    const town = ids['黔城镇人民政府']!;
    const stats = await s.requestStatistics(town, { year: 2025 });
    assert.deepEqual(stats.years, [2025]);
    assert.equal(stats.total!.received, 2);
    assert.deepEqual(stats.rows.map((r) => [r.agency.name, r.stats.received, r.stats.closed]), [['黔城镇财政所', 1, 1], ['板桥村', 1, 1]]);
    assert.equal(stats.total!.byChannel.in_person, 2);
    assert.equal(stats.total!.byOutcome.disclosed, 2);
    assert.deepEqual([stats.total!.replied, stats.total!.repliedOnTime], [2, 1]);
    const report = await s.reports.compile(actors.officer!, { agencyId: town, year: 2025, includeSubunits: true });
    assert.equal(findFigure(report.report.figures ?? [], 'requests.received')?.value, stats.total!.received, 'the page and the 全镇 annual report agree');
    const text = JSON.stringify(stats);
    for (const secret of ['张晓梅', '李四', '补贴发放名单', '13800000000']) assert.ok(!text.includes(secret), secret);
    await assert.rejects(s.requestStatistics(town, { year: 2019 }), NotFoundError);
    const latest = await s.requestStatistics(town, {});
    assert.equal(latest.year, 2025);
  });
});
