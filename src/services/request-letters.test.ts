import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { fixedClock } from '../../test/clock.ts';
import { testServices } from '../../test/services.ts';
import { builtInLetterTemplate } from '../domain/requests/index.ts';
import { createScheduledJobs } from '../jobs/scheduled-jobs.ts';
import { replyTypeOf } from './compile-annual-report.ts';
import { ConflictError, ForbiddenError, ValidationError } from './errors.ts';
import { actorOf } from './sign-in.ts';
import type { Actor } from './ports.ts';

function letterForm(agencyId: number, o: { name: string; idNumber: string; description: string; channel?: string }) {
  return {
    agencyId,
    applicant: { type: 'natural_person', name: o.name, identity: { kind: '居民身份证', number: o.idNumber }, contact: { phone: '13800000000', address: '湖南省洪江市黔城镇沅江路1号' } },
    informationSought: { description: o.description },
    formWanted: 'paper',
    deliveryMethod: 'post',
    channel: o.channel ?? 'in_person',
    submission: {},
  };
}

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describeEachDialect('request letters, templates, delivery, fees, suggestions', (ctx) => {
  const clock = fixedClock('2026-03-02T02:00:00.000Z');
  const on = (date: string) => clock.set(`${date}T02:00:00.000Z`);
  let s: ReturnType<typeof testServices>;
  const actors: Record<string, Actor> = {};
  let townId = 0;
  let stationId = 0;

  test('setup', async () => {
    s = testServices(ctx.db, clock);
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026' });
    await s.calendar.syncShipped();
    for (const login of ['editor', 'approver', 'officer', 'admin']) actors[login] = actorOf((await s.deps.uow.read.users.findByLogin(login))!);
    const agencies = await s.agencies.all();
    townId = agencies.find((a) => a.name === '黔城镇人民政府')!.id;
    stationId = agencies.find((a) => a.name === '黔城镇财政所')!.id;
  });

  test('templates: saved per agency as versions, inherited by units, refused when invalid, reset to the built-in one; all audited', async () => {
    on('2026-03-02');
    const officer = actors.officer!;
    const key = 'reply.disclosed';
    const before = await s.letterTemplates.get(officer, stationId, key);
    assert.equal(before.source.kind, 'built_in');
    await assert.rejects(s.letterTemplates.save(officer, townId, key, { title: '答复书', body: '{{申请人}}：已办。{{电话}}' }), (e: unknown) => e instanceof ValidationError && /未知的占位符：\{\{电话\}\}/.test(e.message) && /\{\{法律依据\}\}/.test(e.message) && /\{\{救济途径\}\}/.test(e.message));
    assert.deepEqual(await s.deps.uow.read.letterTemplates.history(townId, key), [], 'nothing saved on a refusal');
    await assert.rejects(s.letterTemplates.save(actors.editor!, townId, key, { title: '答复书', body: builtInLetterTemplate(key).body }), ForbiddenError);
    await assert.rejects(s.letterTemplates.save(actors.approver!, townId, key, { title: '答复书', body: builtInLetterTemplate(key).body }), ForbiddenError, 'the approver reads but does not edit');
    const body = `{{申请人}}：\n你于{{收到申请日期}}申请的“{{所需信息}}”，黔城镇人民政府答复如下：{{答复要点}}\n依据：{{法律依据}}。\n{{救济途径}}`;
    const v1 = await s.letterTemplates.save(officer, townId, key, { title: '黔城镇政府信息公开答复书', body });
    const v2 = await s.letterTemplates.save(officer, townId, key, { title: '黔城镇政府信息公开答复书（第二版）', body });
    assert.deepEqual([v1.version, v2.version], [1, 2]);
    const atStation = await s.letterTemplates.get(officer, stationId, key);
    assert.equal(atStation.source.kind, 'inherited');
    assert.equal(atStation.source.kind === 'inherited' && atStation.source.agencyName, '黔城镇人民政府');
    assert.equal(atStation.template.title, '黔城镇政府信息公开答复书（第二版）');
    const preview = await s.letterTemplates.preview(officer, townId, key, { title: 'T', body });
    assert.deepEqual(preview.problems, []);
    assert.match(preview.letter!.paragraphs.map((p) => p.text).join(''), /张三（示例）.*洪江市人民政府申请行政复议/);

    // A request of the station gets the town's wording.
    const { request } = await s.requests.register(officer, letterForm(stationId, { name: '田七', idNumber: '431281199505050056', description: '黔城镇财政所2025年惠民补贴发放表' }));
    await s.requests.command(officer, request.id, { type: 'draft_reply', outcome: 'disclosed', replyType: 'provided', summary: '同意公开，提供发放表。' });
    on('2026-03-03');
    await s.requests.command(actors.approver!, request.id, { type: 'approve_reply' });
    const letter = await s.requests.letter(officer, request.id, 'reply');
    assert.equal(letter.title, '黔城镇政府信息公开答复书（第二版）');
    assert.match(letter.paragraphs[1]!.text, /黔城镇人民政府答复如下：同意公开，提供发放表。/);
    assert.match(letter.paragraphs[2]!.text, /第三十六条第（二）项/);
    assert.doesNotMatch(letter.paragraphs[2]!.text, /第三十六条第（一）项/, '36(二) stated: only that item is cited');

    const reset = await s.letterTemplates.reset(officer, townId, key);
    assert.equal(reset.isReset, true);
    assert.equal((await s.letterTemplates.get(officer, stationId, key)).source.kind, 'built_in');
    assert.equal((await s.requests.letter(officer, request.id, 'reply')).title, '政府信息公开申请答复书');
    await assert.rejects(s.letterTemplates.reset(officer, townId, key), /没有自己的模板/);
    assert.equal((await s.deps.uow.read.letterTemplates.history(townId, key)).length, 3, 'every version is kept');
    const audit = (await s.deps.uow.read.audit.forEntity('letter_template', townId)).map((e) => e.action).reverse();
    assert.deepEqual(audit, ['save', 'save', 'reset']);
    await assert.rejects(s.letterTemplates.get(officer, townId, 'reply.other_other'), /没有这种文书模板/);
  });

  test('送达回证: generated for a reply, its return recorded (date, signer, method, scan) as the delivery proof', async () => {
    on('2026-03-04');
    const officer = actors.officer!;
    const { request } = await s.requests.register(officer, letterForm(townId, { name: '罗八', idNumber: '431281199606060069', description: '黔城镇2025年农村公路养护经费使用情况' }));
    await s.requests.command(officer, request.id, { type: 'draft_reply', outcome: 'disclosed', replyType: 'provided', summary: '同意公开。' });
    await s.requests.command(actors.approver!, request.id, { type: 'approve_reply' });
    const blank = await s.requests.letter(officer, request.id, 'service_receipt');
    assert.equal(blank.fields.find((f) => f.label === '送达文书名称')?.value, '政府信息公开申请答复书');
    assert.equal(blank.fields.find((f) => f.label === '受送达人签收')?.value, '');
    on('2026-03-09');
    await assert.rejects(s.requests.recordDelivery(officer, request.id, { method: 'post', deliveredOn: '2026-03-06', signedBy: '罗八' }, { name: '回证.txt', bytes: new TextEncoder().encode('not a scan') }), ValidationError);
    assert.equal((await s.deps.uow.read.requests.find(request.id))!.state.status, 'replied', 'nothing recorded on a bad scan');
    await s.requests.recordDelivery(officer, request.id, { method: 'post', deliveredOn: '2026-03-06', signedBy: '罗八' }, { name: '送达回证.pdf', bytes: PDF });
    const stored = (await s.deps.uow.read.requests.find(request.id))!;
    assert.deepEqual([stored.state.status, stored.state.delivery?.deliveredOn, stored.state.delivery?.signedBy, stored.state.delivery?.proof], ['delivered', '2026-03-06', '罗八', '送达回证已寄回，签收人：罗八']);
    const scan = await s.requests.deliveryScan(officer, request.id);
    assert.equal(scan.fileName, '送达回证.pdf');
    assert.deepEqual(scan.bytes, PDF);
    const filled = await s.requests.letter(officer, request.id, 'service_receipt');
    assert.deepEqual(['送达日期', '受送达人签收', '送达方式'].map((l) => filled.fields.find((f) => f.label === l)?.value), ['2026年3月6日', '罗八', '邮寄']);
    const events = await s.deps.uow.read.requests.events(request.id);
    const delivered = events.find((e) => e.type === 'Delivered');
    assert.equal(delivered?.type === 'Delivered' && delivered.scan?.fileName, '送达回证.pdf', 'the scan is part of the stored event');
  });

  test('fees: per piece counted per applicant per calendar month, per page by tiers, never both; shown before the notice', async () => {
    on('2026-03-10');
    const officer = actors.officer!;
    const person = { name: '钱多', idNumber: '431281198707070077' };
    const first = await s.requests.register(officer, letterForm(townId, { ...person, description: '黔城镇2025年第一季度会议纪要' }));
    const second = await s.requests.register(officer, letterForm(townId, { ...person, description: '黔城镇2025年第二季度会议纪要' }));
    // The first request counts 12 pieces (一事一申请) in March: the second starts at the 13th.
    await s.requests.command(officer, first.request.id, { type: 'start_review' });
    await s.requests.command(officer, first.request.id, { type: 'send_fee_notice', fee: { basis: 'per_piece', pieces: 12 } });
    const fee = await s.requests.previewFee(officer, second.request.id, { basis: 'per_piece', pieces: '20' });
    assert.equal(fee.piecesEarlierInMonth, 12);
    assert.equal(fee.amount, 18 * 100 + 2 * 200, '13th–30th at 100元, 31st–32nd at 200元 (109号第四条)');
    assert.deepEqual(fee.bands.map((b) => [b.from, b.to, b.unitPrice]), [[13, 30, 100], [31, 32, 200]]);
    const pages = await s.requests.previewFee(officer, second.request.id, { basis: 'per_page', pages: '101' });
    assert.equal(pages.amount, 720);
    await assert.rejects(s.requests.previewFee(officer, second.request.id, { basis: 'per_page', pages: '101', pieces: '3' }), /不得同时按照两种标准重复计算/);
    await assert.rejects(s.requests.previewFee(officer, second.request.id, { basis: 'per_page', pages: '-1' }), ValidationError);
    await assert.rejects(s.requests.previewFee(officer, second.request.id, {}), /请选择计收方式/);
    await assert.rejects(s.requests.previewFee(actors.approver!, second.request.id, { basis: 'per_page', pages: '40' }), ForbiddenError);
    assert.equal((await s.deps.uow.read.requests.find(second.request.id))!.state.fee, null, 'a preview sends nothing');
  });

  test('the daily job refreshes the stored due date of paused cases (consultation), once a day, audited', async () => {
    on('2026-03-16');
    const officer = actors.officer!;
    const { request } = await s.requests.register(officer, letterForm(townId, { name: '孙九', idNumber: '431281199707070098', description: '黔城镇2025年土地征收补偿方案' }));
    await s.requests.command(officer, request.id, { type: 'start_review' });
    await s.requests.command(officer, request.id, { type: 'start_consultation', party: 'third_party', consultedName: '某公司' });
    const before = (await s.deps.uow.read.requests.find(request.id))!.dueOn!;
    const jobs = createScheduledJobs(s);
    on('2026-03-20');
    const first = await jobs.runOnce();
    assert.ok(first.deadlinesRefreshed >= 1);
    const after = (await s.deps.uow.read.requests.find(request.id))!.dueOn!;
    assert.ok(after > before, `the pause moves the due date on: ${before} → ${after}`);
    const d = await s.requests.get(officer, request.id);
    assert.equal(after, d.deadline!.due, 'stored = computed today');
    assert.equal((await jobs.runOnce()).deadlinesRefreshed, 0, 'not twice on the same day');
    assert.ok((await s.deps.uow.read.audit.forEntity('request', request.id)).some((e) => e.action === 'refresh_deadline'));
    assert.deepEqual(await s.requests.refreshPausedDeadlines(), [], 'nothing to change on a second pass');
  });

  test('第四十四条: clusters of several applicants; 转为主动公开 drafts an item and marks them handled; 不予采纳 needs a reason', async () => {
    on('2026-04-01');
    const officer = actors.officer!;
    for (const [name, idNumber] of [['周一', '431281199101010015'], ['吴二', '431281199202020028'], ['郑三', '431281199303030030']] as const) {
      await s.requests.register(officer, letterForm(townId, { name, idNumber, description: '黔城镇2026年城乡居民最低生活保障资金发放名册' }));
    }
    for (const [name, idNumber] of [['王五', '431281199404040043'], ['赵六', '431281199404040051'], ['钱七', '43128119940404006X']] as const) {
      await s.requests.register(officer, letterForm(townId, { name, idNumber, description: '黔城镇2026年春季森林防火巡查安排' }));
    }
    const list = await s.suggestions.list(officer);
    const relief = list.find((g) => g.example.includes('最低生活保障'))!;
    const fire = list.find((g) => g.example.includes('森林防火'))!;
    assert.equal(relief.applicantCount, 3);
    assert.equal(relief.requests.length, 3);
    await assert.rejects(s.suggestions.publish(actors.editor!, relief.requestIds), ForbiddenError);
    await assert.rejects(s.suggestions.publish(officer, relief.requestIds.slice(0, 2)), ConflictError, 'a cluster that is not the current one');
    // A double submit: both pass the first check, only one decides (the other is refused inside its transaction).
    const both = await Promise.allSettled([s.suggestions.publish(officer, relief.requestIds), s.suggestions.publish(officer, relief.requestIds)]);
    const done = both.filter((r) => r.status === 'fulfilled');
    assert.equal(done.length, 1, 'one draft item, one decision');
    assert.ok(both.some((r) => r.status === 'rejected' && r.reason instanceof ConflictError));
    const { itemId, decision } = done[0]!.value;
    assert.equal(decision.decision, 'published');
    const item = (await s.deps.uow.read.items.latest(itemId))!;
    assert.equal(item.status, 'draft');
    assert.match(item.title, /最低生活保障资金发放名册/);
    assert.match(item.summary, /3个申请人/);
    assert.ok((await s.deps.uow.read.audit.forEntity('item', itemId)).some((e) => e.action === 'create'));
    assert.equal((await s.suggestions.list(officer)).some((g) => g.example.includes('最低生活保障')), false, 'handled');
    await assert.rejects(s.suggestions.dismiss(officer, fire.requestIds, ''), /理由/);
    await s.suggestions.dismiss(officer, fire.requestIds, '属于内部工作安排，不适宜主动公开');
    assert.equal((await s.suggestions.list(officer)).some((g) => g.example.includes('森林防火')), false);
    const decisions = await s.suggestions.decisions(officer);
    assert.deepEqual(decisions.slice(0, 2).map((d) => d.decision), ['dismissed', 'published']);
    assert.deepEqual((await s.deps.uow.read.audit.forEntity('request_suggestion', decision.id)).map((e) => e.action), ['publish']);
    // A new applicant later: the cluster comes back with the new request.
    await s.requests.register(officer, letterForm(townId, { name: '冯十', idNumber: '431281199808080017', description: '黔城镇2026年城乡居民最低生活保障资金发放名册' }));
    assert.equal((await s.suggestions.list(officer)).find((g) => g.example.includes('最低生活保障'))?.applicantCount, 4);
  });

  test('第三十六条（一）/（二）: the annual report reads the recorded item; the demo 2017 replies are recorded right', async () => {
    const { items } = await s.deps.uow.read.requests.list({ receivedFrom: '2017-01-01', receivedTo: '2017-12-31', limit: 10 });
    const byName = new Map(items.map((r) => [r.state.record.applicant.name, r.state]));
    assert.equal(byName.get('杨建华')?.reply?.replyType, 'already_public');
    assert.equal(byName.get('向春梅')?.reply?.replyType, 'provided');
    assert.equal(replyTypeOf(byName.get('杨建华')!), 'already_public');
    assert.equal(replyTypeOf(byName.get('向春梅')!), 'provided');
    // Recorded beats the words: a 36(二) reply whose summary mentions 已主动公开 is still 同意公开.
    const state = byName.get('向春梅')!;
    assert.equal(replyTypeOf({ ...state, reply: { ...state.reply!, summary: '部分已主动公开，其余同意公开' } }), 'provided');
    assert.equal(replyTypeOf({ ...state, reply: { ...state.reply!, replyType: null, summary: '该信息已主动公开' } }), 'already_public', 'unstated: inferred from the text');
  });
});
