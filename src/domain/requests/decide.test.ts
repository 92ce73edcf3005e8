import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { RoleGrant } from '../access/roles.ts';
import { createHolidayCalendar, parseHolidayData } from '../calendar/index.ts';
import { decide, type Decision } from './decide.ts';
import type { Actor, DecisionContext } from './decision-context.ts';
import { evolve } from './evolve.ts';
import { deadlineOf } from './reply-deadline.ts';
import type { RequestRecord } from './request.ts';
import type { RequestCommand } from './request-commands.ts';
import type { DisclosureRequestEvent } from './request-events.ts';
import type { RequestState } from './request-state.ts';

const calendar = createHolidayCalendar(
  parseHolidayData(JSON.parse(readFileSync(new URL('../../../resources/calendar/cn-holidays.json', import.meta.url), 'utf8'))),
);

const grant = (role: RoleGrant['role'], agencyPath = '/1/'): RoleGrant => ({ role, agencyId: 1, agencyPath });
const officer: Actor = { userId: 'officer-1', grants: [grant('officer')] };
const officer2: Actor = { userId: 'officer-2', grants: [grant('officer')] };
const approver: Actor = { userId: 'approver-1', grants: [grant('approver')] };
const officerAndApprover: Actor = { userId: 'both-1', grants: [grant('officer'), grant('approver')] };
const otherAgencyOfficer: Actor = { userId: 'officer-9', grants: [grant('officer', '/2/')] };
const applicant: Actor = { userId: 'citizen-1', grants: [] };

function record(overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id: 'R-1',
    agencyId: 4,
    agencyPath: '/1/4/',
    applicant: {
      type: 'natural_person',
      name: '张三',
      identity: { kind: '居民身份证', number: '430102199001011234' },
      contact: { phone: '13800000000', address: '青山镇红星村3组' },
    },
    informationSought: { description: '青山镇2024年农村危房改造补助资金发放名单' },
    formWanted: 'paper',
    deliveryMethod: 'post',
    channel: 'in_person',
    submission: { submittedOn: '2025-03-03' },
    ...overrides,
  };
}

function ctx(actor: Actor, today: string): DecisionContext {
  return { today, at: `${today}T02:00:00Z`, actor, calendar };
}

/** Applies a command and asserts it was accepted. */
function apply(state: RequestState | null, command: RequestCommand, actor: Actor, today: string): RequestState {
  const d = decide(state, command, ctx(actor, today));
  if (!d.ok) assert.fail(`${command.type} refused on ${today}: ${d.reason}`);
  return d.events.reduce<RequestState | null>((s, e) => evolve(s, e), state)!;
}

function accepted(d: Decision): { events: readonly DisclosureRequestEvent[]; warnings: readonly string[] } {
  if (!d.ok) return assert.fail(`refused: ${d.reason}`);
  return d;
}

function refusedWith(d: Decision, pattern: RegExp): void {
  assert.equal(d.ok, false, 'expected a refusal');
  if (!d.ok) assert.match(d.reason, pattern);
}

/** An in-person request received 2025-03-03 (Monday); 20 working days → 2025-03-31, 补正告知 by 2025-03-12. */
const received = (): RequestState => apply(null, { type: 'submit', record: record() }, officer, '2025-03-03');
/** The same request after 审查 began on 2025-03-04. */
const reviewed = (): RequestState => apply(received(), { type: 'start_review' }, officer, '2025-03-04');

// --- 收到申请之日（第三十一条）与登记 --------------------------------------------------------------

test('第三十一条（三）: an online request waits for confirmation; the receipt date is the day both sides confirm', () => {
  let s = apply(null, { type: 'submit', record: record({ channel: 'online', submission: {} }) }, applicant, '2025-03-03');
  assert.equal(s.status, 'awaiting_confirmation');
  assert.equal(s.receivedOn, null);
  assert.equal(s.record.applicantUserId, 'citizen-1');
  assert.equal(deadlineOf(s, calendar), null);
  s = apply(s, { type: 'confirm_receipt' }, officer, '2025-03-04');
  assert.equal(s.status, 'registered');
  assert.equal(s.receivedOn, '2025-03-04');
  assert.equal(deadlineOf(s, calendar)?.due, '2025-04-01');
});

test('第三十一条（一）: in person, the day of submission is the receipt date and the request is registered at once', () => {
  const s = received();
  assert.equal(s.status, 'registered');
  assert.equal(s.receivedOn, '2025-03-03');
  assert.equal(s.regime, '2019');
  assert.match(s.receiptBasis ?? '', /第三十一条第（一）项/);
  assert.equal(deadlineOf(s, calendar)?.due, '2025-03-31');
});

test('第三十一条（二）: a registered letter is received the day the agency signs for it', () => {
  const s = apply(
    null,
    { type: 'submit', record: record({ channel: 'letter_registered', submission: { signedForOn: '2025-03-05' } }) },
    officer,
    '2025-03-06',
  );
  assert.equal(s.receivedOn, '2025-03-05');
});

test('第三十一条（二）: an ordinary letter is received the day it is confirmed with the applicant', () => {
  let s = apply(
    null,
    { type: 'submit', record: record({ channel: 'letter_ordinary', submission: { arrivedOn: '2025-03-05' } }) },
    officer,
    '2025-03-05',
  );
  assert.equal(s.status, 'awaiting_confirmation');
  refusedWith(decide(s, { type: 'confirm_receipt', confirmedOn: '2025-03-04' }, ctx(officer, '2025-03-05')), /早于/);
  s = apply(s, { type: 'confirm_receipt', confirmedOn: '2025-03-05' }, officer, '2025-03-06');
  assert.equal(s.receivedOn, '2025-03-05');
});

test('第二十九条: applicants submit online themselves; letters, faxes and oral requests are entered by the office', () => {
  refusedWith(decide(null, { type: 'submit', record: record({ channel: 'letter_registered' }) }, ctx(applicant, '2025-03-03')), /互联网/);
  refusedWith(
    decide(null, { type: 'submit', record: record({ applicant: { ...record().applicant, contact: {} } }) }, ctx(officer, '2025-03-03')),
    /联系方式/,
  );
  const oral = accepted(decide(null, { type: 'submit', record: record({ channel: 'oral', submission: {} }) }, ctx(officer, '2025-03-03')));
  assert.ok(oral.warnings.some((w) => w.includes('代为填写')));
});

test('permissions: only the office of the agency (or above) handles; applicants and other agencies cannot', () => {
  const s = apply(null, { type: 'submit', record: record({ channel: 'online', submission: {} }) }, applicant, '2025-03-03');
  refusedWith(decide(s, { type: 'confirm_receipt' }, ctx(applicant, '2025-03-04')), /公开办工作人员/);
  refusedWith(decide(s, { type: 'confirm_receipt' }, ctx(otherAgencyOfficer, '2025-03-04')), /无此权限/);
  refusedWith(decide(s, { type: 'confirm_receipt' }, ctx(approver, '2025-03-04')), /无此权限/);
});

test('第四十五条: registration → review, with the missing 第二十九条 particulars as a hint for 补正', () => {
  const noId = apply(null, { type: 'submit', record: record({ applicant: { ...record().applicant, identity: null } }) }, officer, '2025-03-03');
  const d = accepted(decide(noId, { type: 'start_review' }, ctx(officer, '2025-03-04')));
  assert.ok(d.warnings.some((w) => w.includes('身份证明') && w.includes('第三十条')));
  assert.equal(evolve(noId, d.events[0]!).status, 'under_review');
});

// --- 补正（第三十条） ------------------------------------------------------------------------------

test('第三十条: a clarification within 7 working days restarts the period from the day the clarified request arrives', () => {
  let s = apply(received(), { type: 'start_review' }, officer, '2025-03-04');
  s = apply(s, { type: 'request_clarification', points: ['请说明所需信息的年份'], deadlineOn: '2025-03-20' }, officer, '2025-03-12');
  assert.equal(s.status, 'awaiting_clarification');
  assert.equal(s.clarification?.late, false);
  assert.equal(s.clarification?.noticeDueOn, '2025-03-12');
  s = apply(s, { type: 'receive_clarification' }, officer, '2025-03-13');
  assert.equal(s.status, 'under_review');
  assert.equal(deadlineOf(s, calendar)?.due, '2025-04-11');
});

test('第三十条“一次性告知”: a second clarification notice is refused', () => {
  let s = apply(received(), { type: 'request_clarification', points: ['补充文号'], deadlineOn: '2025-03-20' }, officer, '2025-03-05');
  s = apply(s, { type: 'receive_clarification' }, officer, '2025-03-10');
  refusedWith(decide(s, { type: 'request_clarification', points: ['再补充'], deadlineOn: '2025-03-25' }, ctx(officer, '2025-03-11')), /一次性/);
});

test('第三十条: a late clarification notice is allowed but flagged, and the period does not restart', () => {
  const d = accepted(
    decide(received(), { type: 'request_clarification', points: ['补充文号'], deadlineOn: '2025-03-25' }, ctx(officer, '2025-03-13')),
  );
  assert.ok(d.warnings.some((w) => w.includes('已逾期')));
  let s = d.events.reduce<RequestState>((st, e) => evolve(st, e), received());
  assert.equal(s.clarification?.late, true);
  s = apply(s, { type: 'receive_clarification' }, officer, '2025-03-17');
  assert.equal(deadlineOf(s, calendar)?.due, '2025-03-31');
});

test('第三十条: the notice must name what to clarify and a reasonable deadline after today', () => {
  refusedWith(decide(received(), { type: 'request_clarification', points: [' '], deadlineOn: '2025-03-20' }, ctx(officer, '2025-03-05')), /补正的事项/);
  refusedWith(decide(received(), { type: 'request_clarification', points: ['文号'], deadlineOn: '2025-03-05' }, ctx(officer, '2025-03-05')), /合理的补正期限/);
});

test('第三十条“无正当理由逾期不补正的，视为放弃申请”: a late clarification needs a recorded good reason', () => {
  const s = apply(received(), { type: 'request_clarification', points: ['补充文号'], deadlineOn: '2025-03-14' }, officer, '2025-03-05');
  refusedWith(decide(s, { type: 'receive_clarification', receivedOn: '2025-03-17' }, ctx(officer, '2025-03-17')), /正当理由/);
  const ok = apply(s, { type: 'receive_clarification', receivedOn: '2025-03-17', justification: '申请人住院，提供了医院证明' }, officer, '2025-03-17');
  assert.equal(ok.clarification?.justification, '申请人住院，提供了医院证明');
});

// --- 延期（第三十三条第二款） ---------------------------------------------------------------------

test('第三十三条“应当经政府信息公开工作机构负责人同意”: only the approver extends, once, up to 20 working days, before the deadline', () => {
  const s = apply(received(), { type: 'assign_to_unit', unitId: 'U-7', unitName: '镇财政所' }, officer, '2025-03-04');
  refusedWith(decide(s, { type: 'approve_extension', workdays: 20, reason: '需调取档案' }, ctx(officer, '2025-03-20')), /负责人/);
  refusedWith(decide(s, { type: 'approve_extension', workdays: 21, reason: '需调取档案' }, ctx(approver, '2025-03-20')), /1 至 20 个工作日/);
  refusedWith(decide(s, { type: 'approve_extension', workdays: 20, reason: '需调取档案' }, ctx(approver, '2025-04-01')), /已于 2025-03-31 届满/);
  const d = accepted(decide(s, { type: 'approve_extension', workdays: 20, reason: '需调取档案' }, ctx(approver, '2025-03-31')));
  const e = d.events[0]!;
  assert.equal(e.type, 'ExtensionApproved');
  if (e.type === 'ExtensionApproved') {
    assert.equal(e.dueBeforeOn, '2025-03-31');
    assert.equal(e.dueOn, '2025-04-28');
  }
  const extended = evolve(s, e);
  assert.equal(deadlineOf(extended, calendar)?.due, '2025-04-28');
  refusedWith(decide(extended, { type: 'approve_extension', workdays: 5, reason: '再延' }, ctx(approver, '2025-04-02')), /延长过一次/);
});

test('2008年条例第二十四条: a request received before 2019-05-15 may be extended by 15 working days at most', () => {
  const s = apply(null, { type: 'submit', record: record({ submission: { submittedOn: '2019-05-10' } }) }, officer, '2019-05-10');
  assert.equal(s.regime, '2008');
  refusedWith(decide(s, { type: 'approve_extension', workdays: 16, reason: '复杂' }, ctx(approver, '2019-05-20')), /1 至 15 个工作日/);
  const ok = apply(s, { type: 'approve_extension', workdays: 15, reason: '复杂' }, approver, '2019-05-20');
  assert.equal(deadlineOf(ok, calendar)?.due, '2019-06-24');
});

// --- 征求意见（第三十二条、第三十四条） ------------------------------------------------------------

test('第三十二条: a third-party consultation has 15 working days and pauses the reply period', () => {
  let s = apply(received(), { type: 'start_review' }, officer, '2025-03-04');
  s = apply(s, { type: 'start_consultation', party: 'third_party', consultedName: '某建筑公司' }, officer, '2025-03-05');
  assert.equal(s.status, 'consulting');
  assert.equal(s.consultations[0]?.responseDueOn, '2025-03-26');
  assert.equal(deadlineOf(s, calendar, '2025-03-10')?.due, '2025-04-03');
  refusedWith(decide(s, { type: 'end_consultation', result: 'no_reply' }, ctx(officer, '2025-03-20')), /期限届满前/);
  const ended = accepted(decide(s, { type: 'end_consultation', result: 'objected' }, ctx(officer, '2025-03-12')));
  assert.ok(ended.warnings.some((w) => w.includes('第三十二条')));
  s = evolve(s, ended.events[0]!);
  assert.equal(s.status, 'in_progress');
  assert.equal(deadlineOf(s, calendar)?.due, '2025-04-08');
});

test('第三十四条“逾期未提出意见的视为同意公开”: silence of a co-authoring agency after 15 working days is consent', () => {
  let s = apply(reviewed(), { type: 'start_consultation', party: 'other_agency', consultedName: '县自然资源局' }, officer, '2025-03-05');
  refusedWith(decide(received(), { type: 'start_consultation', party: 'other_agency', consultedName: '县自然资源局' }, ctx(officer, '2025-03-05')), /不能征求意见/);
  s = apply(s, { type: 'end_consultation', result: 'no_reply' }, officer, '2025-03-27');
  assert.equal(s.consultations[0]?.deemedConsent, true);
});

// --- 答复与审核（职责分离） ------------------------------------------------------------------------

test('separation of duties: the drafter cannot approve their own reply, even holding the approver role', () => {
  let s = apply(received(), { type: 'assign_to_unit', unitId: 'U-7', unitName: '镇财政所' }, officer, '2025-03-04');
  s = apply(s, { type: 'draft_reply', outcome: 'disclosed', summary: '提供名单一份' }, officerAndApprover, '2025-03-20');
  assert.equal(s.status, 'under_approval');
  refusedWith(decide(s, { type: 'approve_reply' }, ctx(officerAndApprover, '2025-03-21')), /职责分离/);
  refusedWith(decide(s, { type: 'approve_reply' }, ctx(officer2, '2025-03-21')), /负责人/);
  s = apply(s, { type: 'approve_reply' }, approver, '2025-03-21');
  assert.equal(s.status, 'replied');
  assert.equal(s.outcome, 'disclosed');
  assert.equal(s.reply?.late, false);
  assert.equal(s.reply?.approvedBy, 'approver-1');
});

test('第三十三条: a reply approved after the deadline is made but marked late', () => {
  const s = apply(received(), { type: 'draft_reply', outcome: 'unavailable_not_held', summary: '经检索，本机关未制作或获取该信息' }, officer, '2025-03-28');
  const d = accepted(decide(s, { type: 'approve_reply' }, ctx(approver, '2025-04-01')));
  const replied = d.events.find((e) => e.type === 'Replied');
  assert.equal(replied?.type === 'Replied' && replied.late, true);
  assert.ok(d.warnings.some((w) => w.includes('逾期答复')));
});

test('approver may return a draft, which goes back to 办理中', () => {
  let s = apply(received(), { type: 'draft_reply', outcome: 'disclosed', summary: '提供' }, officer, '2025-03-10');
  refusedWith(decide(s, { type: 'return_draft', reason: '' }, ctx(approver, '2025-03-11')), /理由/);
  s = apply(s, { type: 'return_draft', reason: '请核对第三方信息' }, approver, '2025-03-11');
  assert.equal(s.status, 'in_progress');
  assert.equal(s.draft, null);
});

test('第三十七条: a partial disclosure must list what was withheld, on which ground and why', () => {
  const s = received();
  refusedWith(decide(s, { type: 'draft_reply', outcome: 'partially_disclosed', summary: '部分公开' }, ctx(officer, '2025-03-10')), /第三十七条/);
  refusedWith(
    decide(
      s,
      { type: 'draft_reply', outcome: 'partially_disclosed', summary: '部分公开', withheld: [{ description: '身份证号码', ground: 'withheld_third_party_rights', reason: '' }] },
      ctx(officer, '2025-03-10'),
    ),
    /说明理由/,
  );
  refusedWith(
    decide(
      s,
      { type: 'draft_reply', outcome: 'disclosed', summary: '公开', withheld: [{ description: '身份证号码', ground: 'withheld_third_party_rights', reason: '个人隐私' }] },
      ctx(officer, '2025-03-10'),
    ),
    /部分公开/,
  );
  const ok = apply(
    s,
    {
      type: 'draft_reply',
      outcome: 'partially_disclosed',
      summary: '提供名单，隐去身份证号码',
      withheld: [{ description: '名单中的身份证号码', ground: 'withheld_third_party_rights', reason: '属于个人隐私，公开会损害第三方合法权益' }],
    },
    officer,
    '2025-03-10',
  );
  assert.equal(ok.draft?.withheld.length, 1);
});

test('表三（六）1、2 are recorded only by the abandonment rule; （四）3 needs a clarification received first (第三十条)', () => {
  refusedWith(decide(received(), { type: 'draft_reply', outcome: 'other_fee_unpaid', summary: '未缴费' }, ctx(officer, '2025-03-10')), /视为放弃申请/);
  refusedWith(
    decide(received(), { type: 'draft_reply', outcome: 'unavailable_unclear_after_clarification', summary: '仍不明确' }, ctx(officer, '2025-03-10')),
    /先告知补正/,
  );
});

// --- 当场答复（第三十三条第一款） ------------------------------------------------------------------

test('第三十三条“能够当场答复的，应当当场予以答复”: in person, the same day, replied and handed over at once', () => {
  const s = apply(received(), { type: 'reply_on_the_spot', outcome: 'disclosed', summary: '该信息已在政府网站主动公开，告知获取途径', proof: '申请人当场签收' }, officer, '2025-03-03');
  assert.equal(s.status, 'delivered');
  assert.equal(s.reply?.onTheSpot, true);
  assert.equal(s.delivery?.method, 'on_the_spot');
  refusedWith(decide(received(), { type: 'reply_on_the_spot', outcome: 'disclosed', summary: '已公开', proof: '签收' }, ctx(officer, '2025-03-04')), /收到申请之日/);
  refusedWith(
    decide(received(), { type: 'reply_on_the_spot', outcome: 'withheld_state_secret', summary: '涉密', proof: '签收' }, ctx(officer, '2025-03-03')),
    /当场答复仅限/,
  );
  const online = apply(
    apply(null, { type: 'submit', record: record({ channel: 'online', submission: {} }) }, applicant, '2025-03-03'),
    { type: 'confirm_receipt' },
    officer,
    '2025-03-03',
  );
  refusedWith(decide(online, { type: 'reply_on_the_spot', outcome: 'disclosed', summary: '已公开', proof: '签收' }, ctx(officer, '2025-03-03')), /当面/);
});

// --- 送达、归档、撤回、终止 --------------------------------------------------------------------------

test('送达 needs proof and cannot precede the reply; then 归档 (第四十五条)', () => {
  let s = apply(received(), { type: 'draft_reply', outcome: 'disclosed', summary: '提供' }, officer, '2025-03-10');
  s = apply(s, { type: 'approve_reply' }, approver, '2025-03-11');
  refusedWith(decide(s, { type: 'deliver', method: 'post', proof: ' ' }, ctx(officer, '2025-03-12')), /送达凭证/);
  refusedWith(decide(s, { type: 'deliver', method: 'post', deliveredOn: '2025-03-10', proof: 'EMS1234' }, ctx(officer, '2025-03-12')), /早于答复日期/);
  refusedWith(decide(s, { type: 'deliver', method: 'post', deliveredOn: '2025-03-13', proof: 'EMS1234' }, ctx(officer, '2025-03-12')), /尚未发生/);
  refusedWith(decide(s, { type: 'archive' }, ctx(officer, '2025-03-12')), /不能归档/);
  s = apply(s, { type: 'deliver', method: 'post', proof: 'EMS1234567890' }, officer, '2025-03-14');
  assert.equal(s.status, 'delivered');
  refusedWith(decide(s, { type: 'approve_extension', workdays: 5, reason: 'x' }, ctx(approver, '2025-03-14')), /除归档外/);
  s = apply(s, { type: 'archive' }, officer, '2025-03-15');
  assert.equal(s.status, 'archived');
  refusedWith(decide(s, { type: 'archive' }, ctx(officer, '2025-03-16')), /已归档/);
});

test('撤回: the applicant may withdraw at any time before the reply; counted as 表三（六）3.其他', () => {
  const online = apply(null, { type: 'submit', record: record({ channel: 'online', submission: {} }) }, applicant, '2025-03-03');
  const s = apply(online, { type: 'withdraw', reason: '已通过其他途径获取' }, applicant, '2025-03-04');
  assert.equal(s.status, 'withdrawn');
  assert.equal(s.outcome, 'other_other');
  refusedWith(decide(s, { type: 'draft_reply', outcome: 'disclosed', summary: '提供' }, ctx(officer, '2025-03-05')), /除归档外/);
  assert.equal(apply(s, { type: 'archive' }, officer, '2025-03-05').status, 'archived');
  refusedWith(decide(online, { type: 'withdraw' }, ctx({ userId: 'stranger', grants: [] }, '2025-03-04')), /申请人本人/);
  let replied = apply(received(), { type: 'draft_reply', outcome: 'disclosed', summary: '提供' }, officer, '2025-03-10');
  replied = apply(replied, { type: 'approve_reply' }, approver, '2025-03-11');
  refusedWith(decide(replied, { type: 'withdraw' }, ctx(officer, '2025-03-12')), /不能撤回申请/);
});

// --- 信息处理费（条例第四十二条、109号） ------------------------------------------------------------

test('109号: a fee notice pauses the period until payment; one fee per request, on one standard', () => {
  let s = apply(received(), { type: 'start_review' }, officer, '2025-03-04');
  refusedWith(decide(s, { type: 'send_fee_notice', fee: { basis: 'per_page', pages: 30 } }, ctx(officer, '2025-03-05')), /0元/);
  const d = accepted(decide(s, { type: 'send_fee_notice', fee: { basis: 'per_page', pages: 120 } }, ctx(officer, '2025-03-05')));
  const notice = d.events[0]!;
  assert.equal(notice.type === 'FeeNoticeSent' && notice.fee.amount, 1100);
  assert.equal(notice.type === 'FeeNoticeSent' && notice.paymentDueOn, '2025-04-02');
  s = evolve(s, notice);
  assert.equal(s.status, 'awaiting_fee');
  s = apply(s, { type: 'record_fee_payment' }, officer, '2025-03-10');
  assert.equal(s.status, 'in_progress');
  assert.equal(deadlineOf(s, calendar)?.due, '2025-04-03');
  refusedWith(decide(s, { type: 'send_fee_notice', fee: { basis: 'per_piece', piecesEarlierInMonth: 40, pieces: 1 } }, ctx(officer, '2025-03-11')), /109号第三条/);
});

test('109号: payment after the 20-working-day deadline is refused — the request is treated as abandoned', () => {
  const s = apply(reviewed(), { type: 'send_fee_notice', fee: { basis: 'per_page', pages: 120 } }, officer, '2025-03-05');
  refusedWith(decide(s, { type: 'record_fee_payment', paidOn: '2025-04-03' }, ctx(officer, '2025-04-03')), /视为放弃申请/);
  refusedWith(decide(s, { type: 'abandon' }, ctx(officer, '2025-04-02')), /尚未届满/);
  const closed = apply(s, { type: 'abandon' }, officer, '2025-04-03');
  assert.equal(closed.status, 'closed_no_action');
  assert.equal(closed.outcome, 'other_fee_unpaid');
});

test('减免 is decided by the head of the office (judgement call)', () => {
  const s = apply(reviewed(), { type: 'send_fee_notice', fee: { basis: 'per_page', pages: 120 } }, officer, '2025-03-05');
  refusedWith(decide(s, { type: 'waive_fee', reason: '申请人经济困难' }, ctx(officer, '2025-03-06')), /负责人/);
  assert.equal(apply(s, { type: 'waive_fee', reason: '申请人经济困难' }, approver, '2025-03-06').fee?.waivedOn, '2025-03-06');
});

test('2008年条例第二十七条: no information-processing fee for requests under the 2008 regulations', () => {
  const s = apply(apply(null, { type: 'submit', record: record({ submission: { submittedOn: '2019-05-10' } }) }, officer, '2019-05-10'), { type: 'start_review' }, officer, '2019-05-10');
  refusedWith(decide(s, { type: 'send_fee_notice', fee: { basis: 'per_page', pages: 120 } }, ctx(officer, '2019-05-13')), /2008年条例/);
});

// --- robustness ----------------------------------------------------------------------------------

test('decide refuses rather than throws on malformed input', () => {
  refusedWith(decide(null, { type: 'start_review' }, ctx(officer, '2025-03-04')), /请先提交/);
  refusedWith(decide(received(), { type: 'submit', record: record() }, ctx(officer, '2025-03-04')), /已经提交/);
  refusedWith(decide(received(), { type: 'start_review' }, ctx(officer, '2025-13-40')), /不是有效日期/);
  refusedWith(decide(received(), { type: 'fly' } as unknown as RequestCommand, ctx(officer, '2025-03-04')), /未知的办理操作/);
  refusedWith(decide(null, { type: 'submit', record: record({ submission: { submittedOn: '2025-03-09' } }) }, ctx(officer, '2025-03-04')), /晚于今天/);
});

// --- 第三十六条（一）已主动公开 / （二）同意公开 ------------------------------------------------------------

test('第三十六条（一）/（二）: the reply records which item 予以公开 answers under, through approval and on the spot', () => {
  let s = apply(received(), { type: 'draft_reply', outcome: 'disclosed', replyType: 'already_public', summary: '该信息已在门户网站公开' }, officer, '2025-03-10');
  assert.equal(s.draft?.replyType, 'already_public');
  s = apply(s, { type: 'approve_reply' }, approver, '2025-03-11');
  assert.equal(s.reply?.replyType, 'already_public');
  const spot = apply(received(), { type: 'reply_on_the_spot', outcome: 'disclosed', replyType: 'provided', summary: '当场提供', proof: '申请人当场签收' }, officer, '2025-03-03');
  assert.equal(spot.reply?.replyType, 'provided');
});

test('第三十六条: a reply type that does not fit the outcome is refused; a single-type outcome gets its type; 予以公开 unstated is warned about', () => {
  refusedWith(decide(received(), { type: 'draft_reply', outcome: 'disclosed', replyType: 'withheld', summary: '提供' }, ctx(officer, '2025-03-10')), /答复类型.*不符.*第三十六条第（一）项.*第三十六条第（二）项/);
  refusedWith(decide(received(), { type: 'draft_reply', outcome: 'unavailable_needs_creation', replyType: 'provided', summary: '需加工' }, ctx(officer, '2025-03-10')), /不适用条例第三十六条的答复类型/);
  refusedWith(decide(received(), { type: 'draft_reply', outcome: 'disclosed', replyType: 'nonsense' as never, summary: '提供' }, ctx(officer, '2025-03-10')), /答复类型/);
  const repeat = apply(received(), { type: 'draft_reply', outcome: 'not_processed_repeat', summary: '重复申请' }, officer, '2025-03-10');
  assert.equal(repeat.draft?.replyType, 'repeat', '（五）2 重复申请 is 第三十六条第（六）项');
  const unstated = accepted(decide(received(), { type: 'draft_reply', outcome: 'disclosed', summary: '提供' }, ctx(officer, '2025-03-10')));
  assert.ok(unstated.warnings.some((w) => w.includes('第三十六条第（一）项') && w.includes('推断')));
  const drafted = unstated.events[0]!;
  assert.equal(drafted.type === 'ReplyDrafted' && drafted.replyType, null);
});

test('送达: a returned 送达回证 records its signer and scan; a blank signer is refused', () => {
  const s = apply(apply(received(), { type: 'draft_reply', outcome: 'disclosed', replyType: 'provided', summary: '提供' }, officer, '2025-03-10'), { type: 'approve_reply' }, approver, '2025-03-11');
  refusedWith(decide(s, { type: 'deliver', method: 'post', proof: '送达回证', signedBy: ' ' }, ctx(officer, '2025-03-12')), /签收人/);
  const done = apply(s, { type: 'deliver', method: 'post', proof: '送达回证已寄回', signedBy: '张三', scan: { fileId: 'abc', fileName: '回证.pdf' } }, officer, '2025-03-14');
  assert.deepEqual([done.delivery?.signedBy, done.delivery?.scan?.fileName, done.delivery?.deliveredOn], ['张三', '回证.pdf', '2025-03-14']);
});
