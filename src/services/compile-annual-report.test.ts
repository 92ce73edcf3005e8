import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { fixedClock } from '../../test/clock.ts';
import { testServices } from '../../test/services.ts';
import { findFigure, findTable, type FigureKey } from '../domain/reports/index.ts';
import { ConflictError, ForbiddenError, ValidationError } from './errors.ts';
import { actorOf } from './sign-in.ts';
import type { Actor } from './ports.ts';
import { normaliseReportJson, parseManualInputs, replyTypeOf } from './compile-annual-report.ts';

function itemForm(overrides: Record<string, unknown>): Record<string, unknown> {
  return { summary: '全文。', documentNumber: '', categoryCode: 'agriculture_forestry_water', disclosure: { attribute: 'proactive' }, hasElectronicFullText: true, ...overrides };
}

function letter(agencyId: number, name: string, description: string, type = 'natural_person') {
  return {
    agencyId,
    applicant: { type, name, contact: { phone: '13800000000', address: '湖南省洪江市黔城镇' } },
    informationSought: { description },
    formWanted: 'paper',
    deliveryMethod: 'post',
    channel: 'in_person',
  };
}

describeEachDialect('annual report service', (ctx) => {
  const clock = fixedClock('2024-01-02T02:00:00.000Z');
  const on = (date: string, hour = 10) => clock.set(`${date}T${String(hour - 8).padStart(2, '0')}:00:00.000Z`);
  let s: ReturnType<typeof testServices>;
  const actors: Record<string, Actor> = {};
  const ids: Record<string, number> = {};

  const reply = async (id: number, date: string, outcome: string, summary: string) => {
    on(date);
    await s.requests.command(actors.officer!, id, { type: 'draft_reply', outcome, summary } as never);
    await s.requests.command(actors.approver!, id, { type: 'approve_reply' });
  };

  test('setup: demo organisation (no demo content) and the shipped calendar', async () => {
    s = testServices(ctx.db, clock);
    await s.calendar.syncShipped();
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
    for (const login of ['officer', 'editor', 'reviewer', 'approver']) actors[login] = actorOf((await s.deps.uow.read.users.findByLogin(login))!);
    for (const a of await s.agencies.all()) ids[a.name] = a.id;
  });

  test('compiles 2024 from items, requests, appeals and deliveries recorded through the services; sub-units only for the 全镇 report', async () => {
    const town = ids['黔城镇人民政府']!;
    const publish = async (date: string, form: Record<string, unknown>) => {
      on(date);
      const d = await s.items.create(actors.editor!, town, itemForm({ bodyHtml: '<p>各村（社区）：请认真落实。</p>', formedOn: date, ...form }));
      await s.items.submit(actors.editor!, Number(d.id));
      await s.items.passReview(actors.reviewer!, Number(d.id));
      await s.items.approve(actors.approver!, Number(d.id));
      await s.items.publish(actors.editor!, Number(d.id));
      return Number(d.id);
    };
    const notice = await publish('2024-03-04', { title: '关于做好2024年春耕生产工作的通知', genre: 'notice', clause: null });
    await publish('2024-05-06', { title: '黔城镇集镇管理办法', documentNumber: '黔政发〔2024〕5号', genre: 'normative_document', clause: 'art20_1', validity: { effectiveOn: '2024-06-01', expiresOn: null, repealedOn: null } });

    on('2024-03-11');
    const online = await s.requests.submitOnline({ ...letter(town, '张晓梅', '黔城镇2024年春耕生产通知'), channel: undefined, applicant: { ...letter(town, '张晓梅', '').applicant, identity: { kind: '居民身份证', number: '431281199003071228' } }, formWanted: 'electronic', deliveryMethod: 'email' });
    await s.requests.command(actors.officer!, online.id, { type: 'confirm_receipt' });
    await reply(online.id, '2024-03-15', 'disclosed', '所申请信息已主动公开，告知获取的方式和途径（条例第三十六条第（一）项）。');
    on('2024-04-01');
    const partial = (await s.requests.register(actors.officer!, letter(town, '湖南某农业公司', '黔城镇2023年土地流转合同', 'commercial_enterprise'))).request.id;
    await reply(partial, '2024-04-12', 'unavailable_not_held', '经检索，本机关未制作该信息。');
    on('2024-06-03');
    const station = (await s.requests.register(actors.officer!, letter(ids['黔城镇财政所']!, '李四', '财政所2024年惠农补贴发放表'))).request.id;
    await reply(station, '2024-06-14', 'disclosed', '同意公开，提供补贴发放表。');
    on('2024-12-30');
    const open = (await s.requests.register(actors.officer!, letter(town, '王五', '黔城镇2024年第四季度财政收支情况'))).request.id;
    on('2025-01-20');
    await s.requests.recordAppeal(actors.officer!, { requestId: partial, kind: 'reconsideration', filedOn: '2024-05-10', body: '洪江市人民政府', result: 'upheld', closedOn: '2024-07-01' });
    await s.requests.recordAppeal(actors.officer!, { requestId: partial, kind: 'litigation_direct', filedOn: '2024-11-10', body: '洪江市人民法院', result: 'pending', closedOn: null });
    await s.deps.uow.transaction(async (repos) => {
      for (const [channel, sentAt] of [['sms', '2024-03-04T03:00:00.000Z'], ['sms', '2023-12-31T17:00:00.000Z'], ['village_wechat', '2024-03-05T03:00:00.000Z'], ['qq_group', '2024-03-05T03:00:00.000Z'], ['sms', '2024-12-31T16:30:00.000Z']] as const) {
        await repos.deliveries.insert({ agencyId: town, channel, itemId: notice, requestId: null, recipient: '13907451101', status: 'sent', sentAt, createdAt: sentAt });
      }
      await repos.deliveries.insert({ agencyId: town, channel: 'sms', itemId: notice, requestId: null, recipient: '13907451102', status: 'failed', sentAt: '2024-03-04T03:00:00.000Z', createdAt: '2024-03-04T03:00:00.000Z' });
    });

    const whole = await s.reports.compile(actors.officer!, { agencyId: town, year: 2024, includeSubunits: true });
    const v = (key: FigureKey) => findFigure(whole.report.figures ?? [], key)?.value;
    assert.equal(whole.report.format, '2021', 'a 2024 report defaults to the 2021 format');
    assert.equal(whole.frozen, false);
    assert.deepEqual(
      (['proactive.documents', 'proactive.normative.issued', 'proactive.normative.in_force', 'requests.received', 'requests.by_channel.online', 'requests.reply.already_public', 'requests.reply.provided', 'requests.carried_out', 'requests.replied_on_time', 'appeals.reconsideration.upheld', 'appeals.litigation_direct.pending', 'channels.sms', 'channels.wechat'] as const).map((k) => [k, v(k)]),
      [
        ['proactive.documents', 2],
        ['proactive.normative.issued', 1],
        ['proactive.normative.in_force', 1],
        ['requests.received', 4],
        ['requests.by_channel.online', 1],
        ['requests.reply.already_public', 1],
        ['requests.reply.provided', 1],
        ['requests.carried_out', 1],
        ['requests.replied_on_time', 3],
        ['appeals.reconsideration.upheld', 1],
        ['appeals.litigation_direct.pending', 1],
        // Sent in 2024 by Beijing time: 2023-12-31T17:00Z is 1 January; 2024-12-31T16:30Z is already 2025. Failed messages are not counted.
        ['channels.sms', 2],
        ['channels.wechat', 1],
      ],
    );
    assert.deepEqual(findFigure(whole.report.figures ?? [], 'requests.carried_out')?.recordIds, [String(open)]);
    const t3 = findTable(whole.report.tables, 'table3')!;
    assert.equal(t3.rows.length, 25);
    assert.deepEqual(t3.rows.find((r) => r.key === 'received')?.values, [3, 1, 0, 0, 0, 0, 4]);
    assert.ok(whole.valid, JSON.stringify(whole.findings.filter((f) => !f.passed)));

    const townOnly = await s.reports.compile(actors.officer!, { agencyId: town, year: 2024 });
    assert.equal(findFigure(townOnly.report.figures ?? [], 'requests.received')?.value, 3, 'the station’s request counts only in the 全镇 report');
    const old = await s.reports.compile(actors.officer!, { agencyId: town, year: 2024, includeSubunits: true, format: '2019' });
    assert.equal(findTable(old.report.tables, 'table3')?.rows.length, 23, 'the 2019 trial format on request');
    await assert.rejects(s.reports.compile(actors.editor!, { agencyId: town, year: 2024 }), ForbiddenError);
    await assert.rejects(s.reports.compile(actors.officer!, { agencyId: town, year: 2007 }), (e: unknown) => e instanceof ValidationError && /2008/.test(e.message));
  });

  test('draft → finalise (frozen, hash, audited) → publish; edits refused; a correction supersedes it', async () => {
    const town = ids['黔城镇人民政府']!;
    on('2025-01-15');
    await assert.rejects(s.reports.saveDraft(actors.officer!, { agencyId: town, year: 2024, includeSubunits: true }, { licensingDecisions: -1 }), (e: unknown) => e instanceof ValidationError && /不能为负数/.test(e.message));
    const draft = await s.reports.saveDraft(actors.officer!, { agencyId: town, year: 2024, includeSubunits: true }, { licensingDecisions: 12, staff: { fullTime: 1, partTime: 3 }, narrative: { overview: '2024年，我镇认真落实政务公开各项要求。' } });
    const id = draft.stored!.id;
    assert.equal(draft.stored!.status, 'draft');
    assert.equal(findFigure(draft.report.figures ?? [], 'proactive.licensing_decisions')?.value, 12);
    await assert.rejects(s.reports.publish(actors.officer!, id), (e: unknown) => e instanceof ConflictError && /尚未定稿/.test(e.message));

    on('2025-01-20');
    const final = await s.reports.finalise(actors.officer!, id);
    assert.equal(final.stored!.status, 'final');
    assert.match(final.stored!.contentHash ?? '', /^[0-9a-f]{64}$/);
    assert.equal(final.stored!.finalisedAt, '2025-01-20T02:00:00.000Z');
    assert.ok(s.reports.verifyHash(final.stored!));
    await assert.rejects(s.reports.saveDraft(actors.officer!, { agencyId: town, year: 2024 }, { licensingDecisions: 13 }), (e: unknown) => e instanceof ConflictError && /已于 2025-01-20 定稿，不能修改/.test(e.message));
    await assert.rejects(s.reports.finalise(actors.officer!, id), ConflictError);

    // A request recorded later does not change the frozen text.
    on('2025-02-03');
    const late = (await s.requests.register(actors.officer!, letter(town, '赵六', '补录的2024年申请'))).request.id;
    assert.ok(late > 0);
    const shown = await s.reports.compile(actors.officer!, { agencyId: town, year: 2024, includeSubunits: true });
    assert.equal(shown.frozen, true);
    assert.equal(JSON.stringify(shown.report), JSON.stringify(final.report));

    await s.reports.publish(actors.officer!, id);
    assert.deepEqual((await s.reports.publishedReports()).map((r) => r.id), [id]);

    await assert.rejects(s.reports.supersede(actors.officer!, id, ''), ValidationError);
    const correction = await s.reports.supersede(actors.officer!, id, '行政许可决定数量统计有误');
    assert.deepEqual([correction.status, correction.supersedesId, correction.manualInputs.licensingDecisions], ['draft', id, 12]);
    await assert.rejects(s.reports.supersede(actors.officer!, id, '再次更正'), ConflictError);
    await s.reports.saveDraft(actors.officer!, { agencyId: town, year: 2024 }, { ...correction.manualInputs, licensingDecisions: 13 });
    const corrected = await s.reports.finalise(actors.officer!, correction.id);
    assert.equal(findFigure(corrected.report.figures ?? [], 'proactive.licensing_decisions')?.value, 13);
    assert.equal(corrected.stored!.published, true, 'the correction of a published report takes its place');
    const original = (await s.deps.uow.read.reports.find(id))!;
    assert.equal(original.status, 'superseded');
    assert.equal(original.contentHash, final.stored!.contentHash, 'the original is kept, never edited');
    assert.deepEqual((await s.reports.publishedReports()).map((r) => r.id), [correction.id]);
    assert.equal((await s.reports.publishedReport(id))?.supersededBy?.id, correction.id);
    assert.deepEqual((await s.reports.list(actors.officer!, { agencyId: town, year: 2024 })).map((r) => [r.id, r.status]), [[correction.id, 'final'], [id, 'superseded']]);
    const trail = async (rid: number) => (await s.deps.uow.read.audit.forEntity('annual_report', rid)).map((e) => e.action).reverse();
    assert.deepEqual(await trail(id), ['create', 'finalise', 'publish', 'supersede']);
    assert.deepEqual(await trail(correction.id), ['create_correction', 'save_draft', 'finalise']);
    assert.deepEqual(await s.audit.verify(), { ok: true, checked: await s.audit.count() });
  });

  test('a past report imported as JSON gives the next year its 上年结转; an inconsistent carry-over blocks finalising', async () => {
    const village = ids['板桥村']!;
    const exported = {
      year: 2021,
      format: '2021',
      tables: { table3: { rows: [{ label: '四、结转下年度继续办理', values: [2, 0, 0, 0, 0, 0, 2] }, { label: '一、本年新收政府信息公开申请数量', values: [2, 0, 0, 0, 0, 0, 2] }] } },
      figures: { 'requests.received': 2 },
    };
    on('2025-03-01');
    const imported = await s.reports.importPast(actors.officer!, { agencyId: village, json: JSON.stringify(exported) });
    assert.deepEqual([imported.stored.status, imported.stored.origin, imported.stored.year], ['final', 'imported', 2021]);
    assert.ok(imported.notes.some((n) => /空白/.test(n)));
    await assert.rejects(s.reports.importPast(actors.officer!, { agencyId: village, json: exported }), ConflictError);
    await assert.rejects(s.reports.importPast(actors.officer!, { agencyId: village, json: '{"year":2020,"format":"2021","tables":[{"id":"table9","rows":[]}]}' }), (e: unknown) => e instanceof ValidationError && /table9/.test(e.message));

    const next = await s.reports.compile(actors.officer!, { agencyId: village, year: 2022 });
    const carried = findFigure(next.report.figures ?? [], 'requests.carried_in')!;
    assert.deepEqual([carried.value, carried.source], [2, 'previous_report']);
    assert.ok(next.findings.some((f) => f.rule === 'cross_year.carried_in' && f.passed));
    // Nothing on record closes them: 一 + 二 ≠ 三 + 四, an error that blocks finalising.
    assert.equal(next.valid, false);
    const draft = await s.reports.saveDraft(actors.officer!, { agencyId: village, year: 2022 }, {});
    await assert.rejects(s.reports.finalise(actors.officer!, draft.stored!.id), (e: unknown) => e instanceof ValidationError && /不能定稿/.test(e.message) && /第一项加第二项之和|一（0）加二（2）/.test(e.message));
    assert.equal((await s.deps.uow.read.reports.find(draft.stored!.id))!.status, 'draft');
  });
});

test('manual inputs: defaults, Chinese errors; 第三十六条（一） read from the reply; exported JSON normalised for import', () => {
  assert.deepEqual(parseManualInputs({}), { licensingDecisions: 0, penaltyDecisions: 0, enforcementDecisions: 0, feesCollectedWanYuan: 0, staff: null, funding: null, printedMaterials: null, narrative: {} });
  assert.equal(parseManualInputs({ printedMaterials: '400', funding: '' }).printedMaterials, 400);
  assert.throws(() => parseManualInputs({ penaltyDecisions: 1.5 }), /行政处罚本年处理决定数量应为整数/);
  const state = (outcome: string, summary: string) => ({ outcome, reply: { summary } }) as never;
  assert.equal(replyTypeOf(state('disclosed', '该信息已主动公开，请在门户网站查阅。')), 'already_public');
  assert.equal(replyTypeOf(state('disclosed', '同意公开，提供复印件。')), 'provided');
  assert.equal(replyTypeOf(state('partially_disclosed', '已主动公开部分')), null);
  const normalised = normaliseReportJson({ year: 2021, tables: { table2: { parts: [{ id: 'table2_clause20_5', rows: [{ label: '行政许可', values: [3] }] }] }, table4: { rows: [{ key: 'cases', values: new Array(15).fill(0) }] } }, figures: { 'requests.received': 2, nonsense: 1 } }) as { tables: Array<{ id: string }>; figures: Array<{ key: string; unit: string }> };
  assert.deepEqual(normalised.tables.map((t) => t.id), ['table2_clause20_5', 'table4']);
  assert.deepEqual(normalised.figures.map((f) => [f.key, f.unit]), [['requests.received', 'count']]);
});
