import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { fixedClock } from '../../test/clock.ts';
import { testServices } from '../../test/services.ts';
import { SYSTEM_ACTOR } from './access-control.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { actorOf } from './sign-in.ts';
import type { Actor } from './ports.ts';

const TRACKING_FAILED = '申请编号或查询码不正确，请核对后重新输入。';

interface FormOptions {
  name?: string;
  idNumber?: string | null;
  description?: string;
  email?: string | null;
}

function applicant(o: FormOptions) {
  return {
    type: 'natural_person',
    name: o.name ?? '张晓梅',
    identity: o.idNumber === null ? null : { kind: '居民身份证', number: o.idNumber ?? '431281199003071228' },
    contact: { ...(o.email !== null && { email: o.email ?? 'zhangxm@example.com' }), phone: '13800000000', address: '湖南省洪江市黔城镇沅江路1号' },
  };
}

function onlineForm(agencyId: number, o: FormOptions = {}) {
  return {
    agencyId,
    applicant: applicant(o),
    informationSought: { description: o.description ?? '黔城镇2025年农村危房改造补助对象名单及补助标准' },
    formWanted: 'electronic',
    deliveryMethod: 'email',
  };
}

function letterForm(agencyId: number, o: FormOptions & { channel?: string; submission?: Record<string, string> } = {}) {
  return { ...onlineForm(agencyId, o), channel: o.channel ?? 'in_person', submission: o.submission ?? {}, deliveryMethod: 'post' };
}

describeEachDialect('disclosure requests', (ctx) => {
  const clock = fixedClock('2026-01-26T02:00:00.000Z');
  /** Sets the clock to 10:00 Beijing time on a date. */
  const on = (date: string) => clock.set(`${date}T02:00:00.000Z`);
  let s: ReturnType<typeof testServices>;
  const actors: Record<string, Actor> = {};
  let townId = 0;
  let journeyId = 0;

  const auditActions = async (id: number) => (await s.deps.uow.read.audit.forEntity('request', id)).map((e) => e.action).reverse();
  const templates = async (id: number) => (await s.deps.uow.read.outbox.forRequest(id)).map((m) => m.template);

  test('setup: demo organisation and the shipped calendar', async () => {
    s = testServices(ctx.db, clock);
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026' });
    await s.calendar.syncShipped();
    for (const login of ['editor', 'reviewer', 'approver', 'officer', 'admin']) actors[login] = actorOf((await s.deps.uow.read.users.findByLogin(login))!);
    townId = (await s.agencies.all()).find((a) => a.name === '黔城镇人民政府')!.id;
  });

  test('online → confirmed → clarification → clarified online → 部分公开 approved → delivered → archived, due dates across the Spring Festival', async () => {
    on('2026-01-26');
    const submitted = await s.requests.submitOnline(onlineForm(townId));
    const id = submitted.id;
    journeyId = id;
    assert.match(submitted.trackingNumber, /^YSQ-2026-\d{6}$/);
    assert.match(submitted.queryCode, /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    assert.equal(submitted.statusLabel, '待确认');
    assert.equal((await s.deps.uow.read.requests.find(id))!.dueOn, null, '条例第三十一条第（三）项: no receipt date before both sides confirm');
    const row = await ctx.db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.query_code_hash.length, 64);
    assert.ok(!JSON.stringify(row).includes(submitted.queryCode.replaceAll('-', '')), 'the query code itself is stored nowhere');
    assert.ok(!JSON.stringify(await ctx.db.selectFrom('outbox_messages').selectAll().execute()).includes(submitted.queryCode), 'nor sent by the outbox');

    on('2026-01-27');
    const confirmed = await s.requests.command(actors.officer!, id, { type: 'confirm_receipt' });
    assert.equal(confirmed.request.state.status, 'registered');
    assert.equal(confirmed.request.state.receivedOn, '2026-01-27');
    // 条例第三十三条: 20 working days; the Spring Festival 02-15…02-23 is off, 02-14 and 02-28 are worked.
    assert.equal(confirmed.request.dueOn, '2026-03-02');
    assert.equal(confirmed.request.provisional, false);
    await s.requests.command(actors.officer!, id, { type: 'start_review' });

    on('2026-01-29');
    const asked = await s.requests.command(actors.officer!, id, { type: 'request_clarification', points: ['请说明所需名单的村（社区）范围'], deadlineOn: '2026-02-10' });
    assert.equal(asked.request.state.status, 'awaiting_clarification');
    const tracked = await s.requests.track(submitted.trackingNumber, submitted.queryCode);
    assert.equal(tracked.statusLabel, '补正中');
    assert.deepEqual(tracked.clarification, { points: ['请说明所需名单的村（社区）范围'], deadlineOn: '2026-02-10' });
    assert.deepEqual(tracked.letters.map((l) => [l.kind, l.dateOn]), [['clarification_notice', '2026-01-29']]);

    on('2026-02-05');
    // The applicant types the code in lower case with spaces: still accepted.
    const typed = submitted.queryCode.toLowerCase().replaceAll('-', ' ');
    const clarified = await s.requests.clarifyOnline(submitted.trackingNumber, typed, '板桥村、三江村两个村的名单。');
    assert.equal(clarified.status, 'under_review');
    // 条例第三十条: the period runs anew from the day the clarified request arrives — again across the Spring Festival.
    assert.equal(clarified.dueOn, '2026-03-11');

    on('2026-03-05');
    const withheld = [{ description: '名单中的身份证号码和银行账号', ground: 'withheld_third_party_rights', reason: '属于个人隐私，公开会对第三方合法权益造成损害' }] as const;
    await s.requests.command(actors.officer!, id, { type: 'draft_reply', outcome: 'partially_disclosed', withheld, summary: '提供补助对象名单（已隐去个人身份信息）和补助标准。' });
    await assert.rejects(s.requests.command(actors.officer!, id, { type: 'approve_reply' }), ForbiddenError, 'the office drafts; the head approves');
    const replied = await s.requests.command(actors.approver!, id, { type: 'approve_reply' });
    assert.equal(replied.request.state.status, 'replied');
    assert.equal(replied.request.state.outcome, 'partially_disclosed');
    assert.deepEqual(replied.request.state.reply?.withheld, withheld);
    assert.equal(replied.request.state.reply?.late, false);
    assert.equal(replied.request.closedOn, '2026-03-05');

    on('2026-03-06');
    await s.requests.command(actors.officer!, id, { type: 'deliver', method: 'email', proof: '电子邮件发送回执 20260306-001' });
    const archived = await s.requests.command(actors.officer!, id, { type: 'archive' });
    assert.equal(archived.request.state.status, 'archived');
    assert.equal(archived.request.dueOn, '2026-03-11', 'the due date of the reply stays');

    assert.deepEqual(await auditActions(id), [
      'submit_online', 'confirm_receipt', 'start_review', 'request_clarification', 'clarify_online', 'draft_reply', 'approve_reply', 'deliver', 'archive',
    ]);
    const entries = await s.deps.uow.read.audit.forEntity('request', id);
    assert.match(entries.at(-1)!.actorLabel, /申请人（申请编号 YSQ-2026-/);
    assert.deepEqual(await templates(id), ['request_submitted', 'request_received', 'clarification_requested', 'clarification_received', 'request_replied']);
    const messages = await s.deps.uow.read.outbox.forRequest(id);
    assert.ok(messages.every((m) => m.channel === 'email' && m.recipient === 'zhangxm@example.com' && m.status === 'queued'));
    assert.equal(messages[1]!.payload.dueOn, '2026-03-02');
    assert.equal(messages[4]!.payload.outcomeLabel, '部分公开');

    const events = (await s.requests.get(actors.approver!, id)).events;
    assert.deepEqual(events.map((e) => e.type), [
      'Submitted', 'ReceiptConfirmed', 'Registered', 'ReviewStarted', 'ClarificationRequested', 'ClarificationReceived', 'ReplyDrafted', 'ReplyApproved', 'Replied', 'Delivered', 'Archived',
    ]);
    assert.equal(events[5]!.by, `applicant:${submitted.trackingNumber}`);
    assert.deepEqual(archived.request.notes.map((n) => [n.kind, n.text]), [['applicant_clarification', '板桥村、三江村两个村的名单。']]);

    const final = await s.requests.track(submitted.trackingNumber, submitted.queryCode);
    assert.equal(final.outcomeLabel, '部分公开');
    assert.deepEqual(final.letters.map((l) => [l.title, l.dateOn]), [['政府信息公开申请补正告知书', '2026-01-29'], ['政府信息公开申请答复书', '2026-03-05']]);

    // The same applicant asks again for the same information: flagged as a repeat (条例第三十六条第（六）项), not refused.
    on('2026-03-20');
    const again = await s.requests.submitOnline(onlineForm(townId, { description: '请公开黔城镇2025年农村危房改造补助对象名单及补助标准' }));
    assert.equal('repeats' in again, false, 'the public is not told about other requests of an ID number');
    const notes = (await s.requests.get(actors.officer!, again.id)).request.notes;
    assert.deepEqual(notes.map((n) => [n.kind, (n.data as { trackingNumber: string; kind: string }).trackingNumber, (n.data as { kind: string }).kind]), [
      ['possible_repeat', submitted.trackingNumber, 'repeat_after_reply'],
    ]);
    assert.match(notes[0]!.text, /条例第三十六条第（六）项/);
    const other = await s.requests.submitOnline(onlineForm(townId, { idNumber: '431281198506120023', name: '李四' }));
    assert.deepEqual((await s.requests.get(actors.officer!, other.id)).request.notes, [], 'another applicant is no repeat');
    // Staff registering see the flags at once.
    const registered = await s.requests.register(actors.officer!, letterForm(townId, { description: '黔城镇2025年农村危房改造补助对象名单' }));
    assert.deepEqual(registered.repeats.map((r) => r.kind).sort(), ['duplicate_pending', 'repeat_after_reply']);
  });

  test('the tracking page reveals nothing for a wrong code or an unknown number', async () => {
    on('2026-03-23');
    const { trackingNumber, queryCode, id } = await s.requests.submitOnline(onlineForm(townId, { description: '黔城镇2026年河道采砂许可情况' }));
    const refused = (e: unknown) => e instanceof NotFoundError && e.message === TRACKING_FAILED && Object.keys(e).every((k) => k === 'status' || k === 'name');
    await assert.rejects(s.requests.track(trackingNumber, 'AAAA-BBBB-CCCC'), refused);
    await assert.rejects(s.requests.track(trackingNumber, ''), refused);
    await assert.rejects(s.requests.track('YSQ-2026-999999', queryCode), refused);
    await assert.rejects(s.requests.track('', ''), refused);
    // Another request's valid code opens only that request.
    const first = await s.requests.submitOnline(onlineForm(townId, { description: '黔城镇2026年集镇供水价格' }));
    await assert.rejects(s.requests.track(trackingNumber, first.queryCode), refused);
    await assert.rejects(s.requests.clarifyOnline(trackingNumber, 'AAAA-BBBB-CCCC', '补正内容'), refused);
    assert.equal((await s.requests.track(trackingNumber.toLowerCase(), queryCode)).trackingNumber, trackingNumber);
    assert.equal((await s.deps.uow.read.requests.find(id))!.state.version, 1, 'nothing changed');
  });

  test('109号第四条: the 11th piece of an applicant in a calendar month costs 100元; other months and applicants do not count', async () => {
    const ID = '431281197809113512';
    on('2026-10-30');
    await s.requests.register(actors.officer!, letterForm(townId, { idNumber: ID, name: '王五', description: '十月份的申请' }));
    await s.requests.register(actors.officer!, letterForm(townId, { idNumber: '431281197001010019', name: '赵六', description: '别人的申请' }));
    on('2026-11-02');
    await s.requests.register(actors.officer!, letterForm(townId, { idNumber: '431281197001010019', name: '赵六', description: '别人的十一月申请' }));
    const mine: number[] = [];
    for (let i = 1; i <= 11; i++) {
      const r = await s.requests.register(actors.officer!, letterForm(townId, { idNumber: ID, name: '王五', description: `第${i}件：黔城镇2026年第${i}号村级公益事业一事一议项目资料` }));
      assert.equal(r.request.state.receivedOn, '2026-11-02', '条例第三十一条第（一）项: in person, received on submission');
      mine.push(r.request.id);
    }
    const eleventh = mine.at(-1)!;
    await s.requests.command(actors.officer!, eleventh, { type: 'start_review' });
    const noticed = await s.requests.command(actors.officer!, eleventh, { type: 'send_fee_notice', fee: { basis: 'per_piece' } });
    assert.equal(noticed.request.state.status, 'awaiting_fee');
    assert.equal(noticed.request.state.fee?.assessment.piecesEarlierInMonth, 10);
    assert.equal(noticed.request.state.fee?.assessment.amount, 100);
    assert.deepEqual(await templates(eleventh), ['request_received', 'fee_notice']);

    // A later request of the same month, split into 2 pieces: pieces 12–13 of the month.
    on('2026-11-03');
    const twelfth = (await s.requests.register(actors.officer!, letterForm(townId, { idNumber: ID, name: '王五', description: '黔城镇2026年小型水利设施维修资金' }))).request.id;
    await s.requests.command(actors.officer!, twelfth, { type: 'start_review' });
    const split = await s.requests.command(actors.officer!, twelfth, { type: 'send_fee_notice', fee: { basis: 'per_piece', pieces: 2 } });
    assert.equal(split.request.state.fee?.assessment.piecesEarlierInMonth, 11);
    assert.equal(split.request.state.fee?.assessment.amount, 200);
    assert.equal(split.request.pieces, 2);

    const paid = await s.requests.command(actors.officer!, eleventh, { type: 'record_fee_payment' });
    assert.equal(paid.request.state.status, 'in_progress');

    // Per piece needs the applicant's identity to count the month.
    const anonymous = (await s.requests.register(actors.officer!, letterForm(townId, { idNumber: null, name: '匿名', description: '黔城镇垃圾清运合同' }))).request.id;
    await s.requests.command(actors.officer!, anonymous, { type: 'start_review' });
    await assert.rejects(s.requests.command(actors.officer!, anonymous, { type: 'send_fee_notice', fee: { basis: 'per_piece' } }), /身份证明/);
  });

  test('条例第三十条: the request is closed as abandoned the day after the clarification deadline, by the system', async () => {
    on('2026-04-01');
    const r = await s.requests.register(actors.officer!, letterForm(townId, { name: '钱七', idNumber: '431281196605050500', description: '有关情况' }));
    const id = r.request.id;
    await s.requests.command(actors.officer!, id, { type: 'start_review' });
    await s.requests.command(actors.officer!, id, { type: 'request_clarification', points: ['请明确所需政府信息的名称或者特征性描述'], deadlineOn: '2026-04-10' });
    assert.equal((await s.requests.closeAbandoned(new Date('2026-04-10T15:00:00.000Z'))).length, 0, 'still the last day in Beijing at 23:00');
    const closed = await s.requests.closeAbandoned(new Date('2026-04-10T16:00:00.000Z'));
    assert.deepEqual(closed.map((c) => [c.id, c.reason]), [[id, 'clarification_overdue']]);
    const after = (await s.deps.uow.read.requests.find(id))!;
    assert.equal(after.state.status, 'closed_no_action');
    assert.equal(after.state.outcome, 'other_clarification_overdue');
    assert.equal(after.closedOn, '2026-04-11');
    const last = (await s.deps.uow.read.audit.forEntity('request', id))[0]!;
    assert.deepEqual([last.action, last.actorLabel], ['abandon', '系统']);
    assert.equal((await s.requests.get(actors.officer!, id)).events.at(-1)!.by, null);
    assert.deepEqual(await templates(id), ['request_received', 'clarification_requested', 'request_closed']);
    assert.deepEqual(await s.requests.closeAbandoned(new Date('2026-04-12T02:00:00.000Z')), [], 'only once');
    await assert.rejects(s.requests.command(actors.officer!, id, { type: 'receive_clarification' }), ValidationError);
  });

  test('条例第三十一条: the receipt date by channel when the office registers a request', async () => {
    on('2026-05-08');
    const registered = await s.requests.register(actors.officer!, letterForm(townId, { channel: 'letter_registered', submission: { signedForOn: '2026-05-06' }, description: '黔城镇2026年度部门预算' }));
    assert.deepEqual([registered.request.state.status, registered.request.state.receivedOn], ['registered', '2026-05-06'], '（二）: the day the agency signed for it');
    const ordinary = await s.requests.register(actors.officer!, letterForm(townId, { channel: 'letter_ordinary', submission: { arrivedOn: '2026-05-07' }, description: '黔城镇2026年度部门决算' }));
    assert.deepEqual([ordinary.request.state.status, ordinary.request.dueOn], ['awaiting_confirmation', null], '（二）: an ordinary letter waits for confirmation');
    const confirmed = await s.requests.command(actors.officer!, ordinary.request.id, { type: 'confirm_receipt', confirmedOn: '2026-05-08' });
    assert.equal(confirmed.request.state.receivedOn, '2026-05-08');
    assert.ok(confirmed.warnings.length === 0);
    await assert.rejects(
      s.requests.register(actors.officer!, letterForm(townId, { channel: 'letter_registered', description: '缺少签收日期的挂号信' })),
      (e: unknown) => e instanceof ValidationError && /签收日期/.test(e.message),
    );
    await assert.rejects(
      s.requests.register(actors.officer!, { ...letterForm(townId), applicant: { ...applicant({}), name: '', contact: {} } }),
      (e: unknown) => e instanceof ValidationError && /申请人/.test(e.message),
    );
  });

  test('permissions: an editor cannot handle requests; an officer cannot approve an extension; queues by due date', async () => {
    on('2026-06-01');
    const letter = letterForm(townId, { name: '孙八', idNumber: '431281199212120014', description: '黔城镇2026年防汛物资储备清单' });
    await assert.rejects(s.requests.register(actors.editor!, letter), ForbiddenError);
    const { request } = await s.requests.register(actors.officer!, letter);
    const id = request.id;
    // 20 working days from 06-01, the Dragon Boat Festival (06-19) off.
    assert.equal(request.dueOn, '2026-06-30');
    await assert.rejects(s.requests.command(actors.editor!, id, { type: 'start_review' }), ForbiddenError);
    await assert.rejects(s.requests.listForStaff(actors.editor!), ForbiddenError);
    await assert.rejects(s.requests.get(actors.editor!, id), ForbiddenError);
    await s.requests.command(actors.officer!, id, { type: 'start_review' });

    on('2026-06-26');
    const ids = async (actor: Actor, filter: Parameters<typeof s.requests.listForStaff>[1]) => (await s.requests.listForStaff(actor, { ...filter, limit: 500 })).items.map((r) => r.id);
    assert.ok((await ids(actors.officer!, { dueWithin: 'soon' })).includes(id), 'due within 3 working days');
    assert.ok((await ids(actors.approver!, { dueWithin: 'week' })).includes(id), 'approvers see the queue too');
    assert.ok(!(await ids(actors.officer!, { dueWithin: 'overdue' })).includes(id));
    assert.ok((await ids(actors.officer!, { status: 'under_review' })).includes(id));

    // 条例第三十三条第二款: an extension needs the head of the office.
    await assert.rejects(
      s.requests.command(actors.officer!, id, { type: 'approve_extension', workdays: 15, reason: '需要调取档案' }),
      (e: unknown) => e instanceof ForbiddenError && /负责人/.test(e.message),
    );
    const extended = await s.requests.command(actors.approver!, id, { type: 'approve_extension', workdays: 15, reason: '需要到档案馆调取档案' });
    assert.equal(extended.request.dueOn, '2026-07-21');
    assert.equal((await s.deps.uow.read.outbox.forRequest(id)).at(-1)?.template, 'request_extended');
    await assert.rejects(s.requests.command(actors.approver!, id, { type: 'approve_extension', workdays: 5, reason: '再延' }), ValidationError, 'only once');

    on('2026-07-22');
    assert.ok((await ids(actors.officer!, { dueWithin: 'overdue' })).includes(id));
    await assert.rejects(s.requests.listForStaff(actors.officer!, { status: 'nonsense' }), ValidationError);
  });

  test('reconsideration and litigation register; proactive-disclosure suggestions (条例第四十四条)', async () => {
    on('2026-07-01');
    const appeal = await s.requests.recordAppeal(actors.officer!, { requestId: journeyId, kind: 'reconsideration', filedOn: '2026-04-20', body: '洪江市人民政府', note: '申请人认为隐去的内容应当公开' });
    assert.equal(appeal.agencyId, townId);
    assert.equal(appeal.result, 'pending');
    await assert.rejects(s.requests.recordAppeal(actors.editor!, { requestId: journeyId, kind: 'reconsideration', filedOn: '2026-04-20', body: '洪江市人民政府' }), ForbiddenError);
    await assert.rejects(s.requests.updateAppeal(actors.officer!, appeal.id, { requestId: journeyId, kind: 'reconsideration', filedOn: '2026-04-20', body: '洪江市人民政府', result: 'upheld' }), /审结日期/);
    const closed = await s.requests.updateAppeal(actors.officer!, appeal.id, { requestId: journeyId, kind: 'reconsideration', filedOn: '2026-04-20', body: '洪江市人民政府', result: 'upheld', closedOn: '2026-06-15' });
    assert.deepEqual([closed.result, closed.closedOn], ['upheld', '2026-06-15']);
    assert.deepEqual((await s.requests.listAppeals(actors.approver!, { year: 2026 })).map((a) => a.id), [appeal.id]);
    assert.deepEqual(await s.requests.listAppeals(actors.officer!, { year: 2025 }), []);
    await assert.rejects(s.requests.listAppeals(actors.editor!, { year: 2026 }), ForbiddenError);
    assert.deepEqual((await s.deps.uow.read.audit.forEntity('appeal', appeal.id)).map((e) => e.action).reverse(), ['create', 'update']);

    const people = [['周一', '431281199101010015'], ['吴二', '431281199202020028'], ['郑三', '431281199303030030']] as const;
    for (const [name, idNumber] of people) {
      await s.requests.register(actors.officer!, letterForm(townId, { name, idNumber, description: '黔城镇2026年城乡居民最低生活保障资金发放名册' }));
    }
    const suggestions = await s.requests.proactiveSuggestions(actors.officer!);
    const group = suggestions.find((g) => g.example.includes('最低生活保障'));
    assert.ok(group, 'three applicants asking for the same information');
    assert.equal(group.applicantCount, 3);
    assert.equal(group.agencyId, townId);
    assert.equal(group.requestIds.length, 3);
    assert.ok(group.trackingNumbers.every((n) => /^YSQ-2026-/.test(n)));
    await assert.rejects(s.requests.proactiveSuggestions(actors.editor!), ForbiddenError);
  });

  test('条例第二十九条: the portal requires the identity document; numbers are checked by kind, telephone by shape; nothing is stored when refused', async () => {
    on('2026-07-01');
    const stored = async () => ({
      requests: (await ctx.db.selectFrom('requests').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n,
      audit: await s.audit.count(),
    });
    const refused = async (form: unknown, field: string, message: RegExp, register = false) => {
      const before = await stored();
      await assert.rejects(register ? s.requests.register(actors.officer!, form) : s.requests.submitOnline(form), (e: unknown) => {
        assert.ok(e instanceof ValidationError, String(e));
        assert.match(e.fieldErrors[field] ?? '', message, `${field}: ${JSON.stringify(e.fieldErrors)}`);
        return true;
      });
      assert.deepEqual(await stored(), before, 'nothing stored, nothing audited');
    };
    const withIdentity = (identity: unknown, type = 'natural_person') => ({ ...onlineForm(townId), applicant: { ...applicant({}), type, identity } });
    await refused(onlineForm(townId, { idNumber: null }), 'applicant.identity.number', /请填写证件号码/);
    await refused(withIdentity({ kind: '居民身份证', number: '  ' }), 'applicant.identity.number', /请填写证件号码/);
    await refused(withIdentity({ kind: '居民身份证', number: '431281199003071226' }), 'applicant.identity.number', /校验位不正确/);
    await refused(withIdentity({ kind: '居民身份证', number: '431281203001010017' }), 'applicant.identity.number', /出生日期/);
    await refused(withIdentity({ kind: '驾驶证', number: 'X123' }), 'applicant.identity.kind', /身份证明类型/);
    await refused(withIdentity({ kind: '统一社会信用代码', number: '91430100MA4L00000F' }), 'applicant.identity.kind', /自然人/);
    await refused(withIdentity({ kind: '居民身份证', number: '431281199003071228' }, 'commercial_enterprise'), 'applicant.identity.kind', /统一社会信用代码/);
    await refused({ ...onlineForm(townId), applicant: { ...applicant({}), contact: { phone: '7731502' } } }, 'applicant.contact.phone', /区号/);
    await refused({ ...onlineForm(townId), applicant: { ...applicant({}), contact: { phone: '13800000000', postcode: '4181' } } }, 'applicant.contact.postcode', /6位数字/);
    await refused({ ...onlineForm(townId), applicant: { ...applicant({}), contact: {} } }, 'applicant.contact', /联系方式/);
    await refused({ ...onlineForm(townId), informationSought: { description: '' } }, 'informationSought.description', /名称或者特征性描述/);
    // The office registers letters as they come (a missing document is a matter for 补正), but a number given is checked.
    await refused(letterForm(townId, { idNumber: '431281199003071226' }), 'applicant.identity.number', /校验位不正确/, true);

    // Typed with spaces, in full-width digits, a lower-case x: accepted and stored normalised.
    const accepted = await s.requests.submitOnline({
      ...withIdentity({ kind: '居民身份证', number: '１１０１０５ １９４９１２３１ 002x' }),
      applicant: { ...applicant({}), identity: { kind: '居民身份证', number: '１１０１０５ １９４９１２３１ 002x' }, contact: { phone: '0745 - 7731502-803', postcode: '418100' } },
    });
    const record = (await s.deps.uow.read.requests.find(accepted.id))!.state.record;
    assert.deepEqual(record.applicant.identity, { kind: '居民身份证', number: '11010519491231002X' });
    assert.equal(record.applicant.contact.phone, '0745-7731502-803');
    const company = await s.requests.submitOnline(withIdentity({ kind: '统一社会信用代码', number: '91430100ma4l00000f' }, 'commercial_enterprise'));
    assert.deepEqual((await s.deps.uow.read.requests.find(company.id))!.state.record.applicant.identity, { kind: '统一社会信用代码', number: '91430100MA4L00000F' });
    const letter = await s.requests.register(actors.officer!, letterForm(townId, { idNumber: null, description: '未附身份证明的来信' }));
    assert.equal(letter.request.state.record.applicant.identity, null);
  });

  test('importing the 2027 notice recomputes a provisional deadline that runs into 2027, with a note and an audit entry', async () => {
    on('2026-12-21');
    const { request, trackingNumber, queryCode } = await s.requests.register(actors.officer!, letterForm(townId, { name: '冯九', idNumber: '43128119880808008X', description: '黔城镇2026年冬季森林防火检查记录' }));
    // No 2027 notice yet: weekends only in January, and provisional.
    assert.equal(request.dueOn, '2027-01-18');
    assert.equal(request.provisional, true);
    const year2027 = {
      year: 2027,
      notices: [{ title: '国务院办公厅关于2027年部分节假日安排的通知', url: 'https://www.gov.cn/zhengce/zhengceku/2027.htm' }],
      holidays: [
        { name: '元旦', offDays: ['2027-01-01', '2027-01-02', '2027-01-03'], makeupWorkdays: [] },
        { name: '春节', offDays: ['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'], makeupWorkdays: ['2027-02-13', '2027-02-14'] },
      ],
      sources: ['测试数据（非真实安排）'],
    };
    const saved = await s.calendar.importFile(SYSTEM_ACTOR, JSON.stringify(year2027), { reason: '国务院办公厅发布2027年节假日安排', system: true });
    assert.deepEqual(saved.saved, [2027]);
    const after = (await s.deps.uow.read.requests.find(request.id))!;
    // 2027-01-01 is now a day off: one working day later, and final.
    assert.equal(after.dueOn, '2027-01-19');
    assert.equal(after.provisional, false);
    assert.equal(after.notes.at(-1)?.kind, 'deadline_recomputed');
    assert.match(after.notes.at(-1)!.text, /2027年节假日安排已更新：答复期限由 2027-01-18（暂定） 调整为 2027-01-19/);
    const last = (await s.deps.uow.read.audit.forEntity('request', request.id))[0]!;
    assert.deepEqual([last.action, last.actorLabel], ['recompute_deadline', '系统']);
    assert.deepEqual((await s.requests.track(trackingNumber, queryCode)).dueOn, '2027-01-19');
    // Closed requests are left alone; a second run changes nothing.
    const journey = (await s.deps.uow.read.requests.find(journeyId))!;
    assert.equal(journey.notes.some((n) => n.kind === 'deadline_recomputed'), false);
    assert.deepEqual(await s.requests.recomputeDeadlines([2027]), []);
    assert.deepEqual(await s.audit.verify(), { ok: true, checked: await s.audit.count() });
  });
});

describeEachDialect('released documents of a request', (ctx) => {
  test('a document is stored, scanned and listed; justification is audited; nothing can be added after the reply', async () => {
    const s = testServices(ctx.db, fixedClock('2026-11-26T02:00:00.000Z'));
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
    const officer = actorOf((await s.deps.uow.read.users.findByLogin('officer'))!);
    const town = (await s.agencies.all()).find((a) => a.name === '黔城镇人民政府')!;
    const { request } = await s.requests.register(officer, {
      agencyId: town.id, channel: 'in_person', submission: { submittedOn: '2026-11-25' },
      applicant: { type: 'natural_person', name: '钱七', identity: { kind: '居民身份证', number: '11010519491231002X' }, contact: { phone: '13700000000' } },
      informationSought: { description: '村道维修资金使用情况' }, formWanted: 'electronic', deliveryMethod: 'online',
    });
    await s.requests.command(officer, request.id, { type: 'start_review' });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('明细').addRow(['李四', '43128119900307121X', '1200']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    await assert.rejects(s.requests.addDocument(officer, request.id, { name: 'x.txt', bytes: new TextEncoder().encode('纯文本') }), /附件只接受/);
    const doc = await s.requests.addDocument(officer, request.id, { name: '明细.xlsx', bytes });
    assert.deepEqual(doc.findings.filter((f) => f.severity === 'block').map((f) => f.masked), ['431***********121X']);
    await s.requests.justifyDocumentFinding(officer, request.id, doc.id, doc.findings[0]!.id, '第三方书面同意');
    const [listed] = await s.requests.documents(officer, request.id);
    assert.equal(listed!.decisions[0]!.reason, '第三方书面同意');
    const audit = await s.deps.uow.read.audit.forEntity('request', request.id);
    assert.ok(audit.some((e) => e.action === 'justify_document_finding'));
    await s.requests.command(officer, request.id, { type: 'draft_reply', outcome: 'disclosed', summary: '予以公开' });
    const approver = actorOf((await s.deps.uow.read.users.findByLogin('approver'))!);
    await s.requests.command(approver, request.id, { type: 'approve_reply' });
    await assert.rejects(s.requests.addDocument(officer, request.id, { name: '晚了.xlsx', bytes }), /不能再添加/);
  });
});

describeEachDialect('an online application posted twice', (ctx) => {
  test('the same form token files one request, also when two posts race; every answer is the first request’s number and code', async () => {
    const clock = fixedClock('2026-11-26T02:00:00.000Z');
    const s = testServices(ctx.db, clock);
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
    const town = (await s.agencies.all()).find((a) => a.name === '黔城镇人民政府')!;
    const count = async () => Number((await ctx.db.selectFrom('requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();

    const key = 'Qp3v8mX1oZ7kL2sT9wR4yU6iE0aD5fG8hJ1kL3zX';
    const first = await s.requests.submitOnline(onlineForm(town.id), { submissionKey: key });
    assert.equal(first.repeated, false);
    const again = await s.requests.submitOnline(onlineForm(town.id), { submissionKey: key });
    assert.equal(again.repeated, true);
    assert.equal(again.trackingNumber, first.trackingNumber);
    assert.equal(again.queryCode, first.queryCode, 'the confirmation shows the same code again');
    assert.equal(await count(), before + 1, 'one request filed, not two (the annual report counts it once)');
    assert.equal((await s.requests.track(first.trackingNumber, first.queryCode)).trackingNumber, first.trackingNumber);
    const audit = await s.deps.uow.read.audit.forEntity('request', first.id);
    assert.equal(audit.filter((e) => e.action === 'submit_online').length, 1);

    // Two posts of one form at the same moment: the unique index decides, both get the one request.
    const raced = await Promise.all([0, 1, 2].map(() => s.requests.submitOnline(onlineForm(town.id), { submissionKey: 'Zz9' + key.slice(3) })));
    assert.equal(new Set(raced.map((r) => r.trackingNumber)).size, 1);
    assert.equal(new Set(raced.map((r) => r.queryCode)).size, 1);
    assert.equal(raced.filter((r) => !r.repeated).length, 1);
    assert.equal(await count(), before + 2);

    // The receipt is found again by the token for a while (the confirmation page after the redirect), then no more.
    const receipt = await s.requests.submissionReceipt(key);
    assert.equal(receipt?.trackingNumber, first.trackingNumber);
    assert.equal(receipt?.queryCode, first.queryCode);
    assert.equal(await s.requests.submissionReceipt('x' + key.slice(1)), undefined);
    clock.set('2026-11-26T03:30:00.000Z');
    assert.equal(await s.requests.submissionReceipt(key), undefined, 'an old token shows nothing');
    const other = await s.requests.submitOnline(onlineForm(town.id), { submissionKey: 'y' + key.slice(1) });
    assert.notEqual(other.trackingNumber, first.trackingNumber, 'another form is another request');
    assert.notEqual(other.queryCode, first.queryCode);
  });
});
