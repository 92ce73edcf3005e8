import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { RoleGrant } from '../access/roles.ts';
import { createHolidayCalendar, parseHolidayData } from '../calendar/index.ts';
import { decide } from './decide.ts';
import type { Actor } from './decision-context.ts';
import { evolve } from './evolve.ts';
import {
  clarificationNotice,
  consultationLetter,
  extensionNotice,
  feeNotice,
  formatDateZh,
  replyLetter,
  serviceReceipt,
  terminationNotice,
  type LetterContext,
} from './letters.ts';
import type { Outcome } from './outcomes.ts';
import type { RequestRecord } from './request.ts';
import type { RequestCommand } from './request-commands.ts';
import type { RequestState } from './request-state.ts';
import type { WithheldPart } from './withheld-parts.ts';

const calendar = createHolidayCalendar(
  parseHolidayData(JSON.parse(readFileSync(new URL('../../../resources/calendar/cn-holidays.json', import.meta.url), 'utf8'))),
);
const grant = (role: RoleGrant['role']): RoleGrant => ({ role, agencyId: 1, agencyPath: '/1/' });
const officer: Actor = { userId: 'officer-1', grants: [grant('officer')] };
const approver: Actor = { userId: 'approver-1', grants: [grant('approver')] };

const record: RequestRecord = {
  id: 'R-5', agencyId: 4, agencyPath: '/1/4/',
  applicant: { type: 'natural_person', name: '张三', identity: { kind: '居民身份证', number: '430102199001011234' }, contact: { phone: '13800000000', address: '青山镇红星村3组' } },
  informationSought: { description: '青山镇2024年农村危房改造补助资金发放名单' },
  formWanted: 'paper', deliveryMethod: 'post', channel: 'in_person', submission: { submittedOn: '2025-03-03' },
};
const letterCtx: LetterContext = {
  agencyName: '青山镇人民政府',
  reviewBodyName: '青山县人民政府',
  courtName: '青山县人民法院',
  dateOn: '2025-03-20',
  letterNumber: '青政信公〔2025〕12号',
  contact: '李老师，0731-1234567',
};

function apply(state: RequestState | null, command: RequestCommand, actor: Actor, today: string): RequestState {
  const d = decide(state, command, { today, at: `${today}T02:00:00Z`, actor, calendar });
  if (!d.ok) assert.fail(`${command.type}: ${d.reason}`);
  return d.events.reduce<RequestState | null>((s, e) => evolve(s, e), state)!;
}

const registered = () => apply(null, { type: 'submit', record }, officer, '2025-03-03');
const reviewed = () => apply(registered(), { type: 'start_review' }, officer, '2025-03-04');

function replied(outcome: Outcome, withheld: WithheldPart[] = []): RequestState {
  const drafted = apply(reviewed(), { type: 'draft_reply', outcome, withheld, summary: '处理情况说明。' }, officer, '2025-03-18');
  return apply(drafted, { type: 'approve_reply' }, approver, '2025-03-20');
}

const REMEDIES = '如对本答复不服，可以在收到本答复之日起60日内向青山县人民政府申请行政复议，或者在6个月内向青山县人民法院提起行政诉讼。';

const replies: [rule: string, outcome: Outcome, title: string, cites: string[]][] = [
  ['第三十六条第（一）（二）项 予以公开', 'disclosed', '政府信息公开申请答复书', ['第三十六条第（一）项', '第三十六条第（二）项']],
  ['第十四条 + 第三十六条第（三）项 不予公开·国家秘密', 'withheld_state_secret', '政府信息公开申请答复书', ['第十四条', '第三十六条第（三）项']],
  ['第十五条 + 第三十六条第（三）项 不予公开·第三方合法权益', 'withheld_third_party_rights', '政府信息公开申请答复书', ['第十五条', '第三十六条第（三）项']],
  ['第三十六条第（四）（五）项 本机关不掌握', 'unavailable_not_held', '政府信息公开申请答复书', ['第三十六条第（四）项']],
  ['第三十八条 需另行制作', 'unavailable_needs_creation', '政府信息公开申请答复书', ['第三十八条']],
  ['第三十九条第一款 信访举报投诉 → 告知书', 'not_processed_petition_complaint', '政府信息公开申请告知书', ['第三十九条第一款']],
  ['第三十六条第（六）项 重复申请 → 告知书', 'not_processed_repeat', '政府信息公开申请告知书', ['第三十六条第（六）项']],
];
for (const [rule, outcome, title, cites] of replies) {
  test(`replyLetter — ${rule}`, () => {
    const letter = replyLetter(replied(outcome), letterCtx)!;
    assert.equal(letter.title, title);
    assert.equal(letter.addressee, '张三');
    assert.equal(letter.letterNumber, '青政信公〔2025〕12号');
    assert.match(letter.paragraphs[0]!.text, /本机关于2025年3月3日收到您提出的政府信息公开申请，申请获取“青山镇2024年农村危房改造补助资金发放名单”/);
    for (const c of cites) assert.ok(letter.citations.some((x) => x.includes(c)), `${outcome} cites ${c}`);
    assert.ok(letter.citations.every((x) => !x.startsWith('条例')), 'citations name the regulations in full');
    assert.ok(letter.paragraphs.some((p) => p.text === REMEDIES), 'remedies paragraph');
  });
}

test('replyLetter — 第三十七条 部分公开 lists each withheld part with its ground and reason', () => {
  const letter = replyLetter(
    replied('partially_disclosed', [{ description: '名单中的身份证号码', ground: 'withheld_third_party_rights', reason: '属于个人隐私' }]),
    letterCtx,
  )!;
  const legal = letter.paragraphs.find((p) => p.items !== undefined)!;
  assert.match(legal.text, /第三十七条/);
  assert.deepEqual(legal.items, ['名单中的身份证号码：保护第三方合法权益（条例第十五条），属于个人隐私']);
});

test('replyLetter previews a draft under approval; null before any draft', () => {
  assert.equal(replyLetter(reviewed(), letterCtx), null);
  const draft = apply(reviewed(), { type: 'draft_reply', outcome: 'disclosed', summary: '提供。' }, officer, '2025-03-18');
  assert.equal(replyLetter(draft, letterCtx)?.title, '政府信息公开申请答复书');
});

test('补正告知书 (第三十条): the points as items, the deadline, and the consequence of not clarifying; no remedies', () => {
  const s = apply(reviewed(), { type: 'request_clarification', points: ['请明确年份', '请提供身份证明'], deadlineOn: '2025-03-20' }, officer, '2025-03-05');
  const letter = clarificationNotice(s, letterCtx)!;
  assert.equal(letter.title, '政府信息公开申请补正告知书');
  assert.deepEqual(letter.paragraphs[1]!.items, ['请明确年份', '请提供身份证明']);
  assert.ok(letter.paragraphs.some((p) => p.text.includes('请于2025年3月20日前')));
  assert.ok(letter.paragraphs.some((p) => p.text.includes('视为放弃申请')));
  assert.ok(!letter.paragraphs.some((p) => p.text.includes('行政复议')));
});

test('延期答复告知书 (第三十三条第二款): the head of the office agreed, the workdays and the new date', () => {
  const s = apply(reviewed(), { type: 'approve_extension', workdays: 20, reason: '需要调取多个年度档案' }, approver, '2025-03-28');
  const letter = extensionNotice(s, letterCtx)!;
  const text = letter.paragraphs.map((p) => p.text).join('');
  assert.match(text, /因需要调取多个年度档案/);
  assert.match(text, /《中华人民共和国政府信息公开条例》第三十三条第二款“需要延长答复期限的/);
  assert.match(text, /延长20个工作日，延长后的答复期限至2025年4月28日/);
});

test('征求意见书: 第三十二条 for a third party (the agency decides on silence), 第三十四条 for an agency (silence is consent)', () => {
  const third = apply(reviewed(), { type: 'start_consultation', party: 'third_party', consultedName: '某建筑有限公司' }, officer, '2025-03-05');
  const t = consultationLetter(third, letterCtx)!;
  assert.equal(t.addressee, '某建筑有限公司');
  assert.match(t.paragraphs.map((p) => p.text).join(''), /第三十二条.*2025年3月26日前.*决定是否公开/);
  const agency = apply(reviewed(), { type: 'start_consultation', party: 'other_agency', consultedName: '青山县自然资源局' }, officer, '2025-03-05');
  assert.match(consultationLetter(agency, letterCtx)!.paragraphs.map((p) => p.text).join(''), /第三十四条.*视为同意公开/);
});

test('收费通知书 (109号): basis, breakdown, payment deadline and remedies', () => {
  const s = apply(reviewed(), { type: 'send_fee_notice', fee: { basis: 'per_page', pages: 120 } }, officer, '2025-03-05');
  const letter = feeNotice(s, { ...letterCtx, paymentInstructions: '通过非税收入缴款码缴纳' })!;
  const breakdown = letter.paragraphs.find((p) => p.text.startsWith('计费明细'))!;
  assert.match(breakdown.text, /应缴信息处理费1100元/);
  assert.equal(breakdown.items?.length, 3);
  assert.ok(letter.paragraphs.some((p) => p.text.includes('2025年4月2日前') && p.text.includes('非税收入缴款码')));
  assert.ok(letter.paragraphs.some((p) => p.text.startsWith('如对本收费决定不服')));
});

test('终止处理告知书: 表三（六）1 after a missed clarification deadline, citing 第三十条', () => {
  const asked = apply(reviewed(), { type: 'request_clarification', points: ['请明确年份'], deadlineOn: '2025-03-14' }, officer, '2025-03-05');
  const closed = apply(asked, { type: 'abandon' }, officer, '2025-03-17');
  const letter = terminationNotice(closed, letterCtx)!;
  assert.match(letter.paragraphs.map((p) => p.text).join(''), /2025年3月14日届满.*第三十条.*视为您放弃申请/);
  assert.equal(terminationNotice(reviewed(), letterCtx), null);
});

test('送达回证: the recorded delivery fills the form', () => {
  const done = apply(replied('disclosed'), { type: 'deliver', method: 'post', proof: 'EMS1234567890' }, officer, '2025-03-24');
  const form = serviceReceipt(done, '政府信息公开申请答复书', letterCtx);
  const field = (label: string) => form.fields.find((f) => f.label === label)?.value;
  assert.equal(field('送达方式'), '邮寄');
  assert.equal(field('送达日期'), '2025年3月24日');
  assert.equal(field('备注'), 'EMS1234567890');
  assert.equal(formatDateZh('2025-10-01'), '2025年10月1日');
});
