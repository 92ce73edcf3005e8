/**
 * The decision function of disclosure on request (依申请公开): given the request's state, a command
 * and the context (today, the actor, the calendar), it returns the past-tense events to record or
 * refuses with a Chinese reason that cites the rule. Who may do what follows 条例第四条、第三十三条 and
 * the roles in `access/roles.ts`: the office (公开办, `request.handle`) handles; the head of the office
 * (`request.approve`) approves extensions and replies, and nobody approves a reply they drafted.
 */
import { can, type Permission } from '../access/roles.ts';
import {
  CONSULTED_PARTIES,
  CalendarInputError,
  REGIME_RULES,
  computeConsultationDeadline,
  computeFeePaymentDeadline,
  computeRequestDeadline,
  determineReceiptDate,
  isCalendarDate,
  parseCalendarDate,
  regimeFor,
  type ConsultedParty,
  type RequestDeadline,
} from '../calendar/index.ts';
import { FeeInputError, assessInformationProcessingFee } from '../fees/index.ts';
import { detectAbandonment } from './abandonment.ts';
import { allowsOnTheSpotReply, needsReceiptConfirmation, submissionChannelOf } from './channels.ts';
import type { DecisionContext } from './decision-context.ts';
import { isDeliveryMethod } from './delivery-methods.ts';
import { OUTCOME_DEFINITIONS, REPLY_TYPE_LABELS, isOutcome, isReplyType, outcomeLabelZh, type Outcome, type ReplyType } from './outcomes.ts';
import { checkRequestRecord, missingParticulars } from './request.ts';
import { REQUEST_COMMAND_LABELS, type RequestCommand, type RequestCommandType } from './request-commands.ts';
import { isConsultationResult, type DisclosureRequestEvent } from './request-events.ts';
import { openConsultation, type RequestState } from './request-state.ts';
import { clockEventsOf, deadlineOf } from './reply-deadline.ts';
import { REQUEST_STATUS_LABELS, isTerminal, type RequestStatus } from './statuses.ts';
import { checkWithheldParts } from './withheld-parts.ts';

/** The answer of `decide`: events to record (with warnings for the clerk), or a refusal. */
export type Decision =
  | { readonly ok: true; readonly events: readonly DisclosureRequestEvent[]; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/** Who may issue a command: the office, the head of the office, the applicant (or the office), or anyone. */
type Authority = Permission | 'applicant_or_office';

const AUTHORITY: Readonly<Record<Exclude<RequestCommandType, 'submit'>, Authority>> = {
  confirm_receipt: 'request.handle',
  start_review: 'request.handle',
  request_clarification: 'request.handle',
  receive_clarification: 'request.handle',
  assign_to_unit: 'request.handle',
  start_consultation: 'request.handle',
  end_consultation: 'request.handle',
  send_fee_notice: 'request.handle',
  record_fee_payment: 'request.handle',
  // 减免 forgoes a charge the office has assessed: a decision for the head of the office (judgement call, 109号 text unverified).
  waive_fee: 'request.approve',
  // 条例第三十三条第二款：延长答复期限“应当经政府信息公开工作机构负责人同意”
  approve_extension: 'request.approve',
  draft_reply: 'request.handle',
  return_draft: 'request.approve',
  approve_reply: 'request.approve',
  reply_on_the_spot: 'request.handle',
  deliver: 'request.handle',
  archive: 'request.handle',
  withdraw: 'applicant_or_office',
  abandon: 'request.handle',
};

const OPEN_AFTER_RECEIPT: readonly RequestStatus[] = ['registered', 'under_review', 'in_progress'];

const ALLOWED_IN: Readonly<Record<Exclude<RequestCommandType, 'submit'>, readonly RequestStatus[]>> = {
  confirm_receipt: ['awaiting_confirmation'],
  start_review: ['registered'],
  request_clarification: OPEN_AFTER_RECEIPT,
  receive_clarification: ['awaiting_clarification'],
  assign_to_unit: OPEN_AFTER_RECEIPT,
  start_consultation: ['under_review', 'in_progress'],
  end_consultation: ['consulting'],
  send_fee_notice: ['under_review', 'in_progress'],
  record_fee_payment: ['awaiting_fee'],
  waive_fee: ['awaiting_fee'],
  approve_extension: ['registered', 'under_review', 'in_progress', 'consulting', 'awaiting_fee', 'under_approval'],
  draft_reply: OPEN_AFTER_RECEIPT,
  return_draft: ['under_approval'],
  approve_reply: ['under_approval'],
  reply_on_the_spot: ['registered', 'under_review'],
  deliver: ['replied'],
  archive: ['delivered', 'withdrawn', 'closed_no_action'],
  // 撤回：答复作出之前的任何时候
  withdraw: [
    'awaiting_confirmation',
    'registered',
    'under_review',
    'awaiting_clarification',
    'in_progress',
    'consulting',
    'awaiting_fee',
    'under_approval',
  ],
  abandon: ['awaiting_clarification', 'awaiting_fee'],
};

/** Outcomes that may be given on the spot without the approval step: nothing is refused on the spot (judgement call). */
export const ON_THE_SPOT_OUTCOMES: readonly Outcome[] = ['disclosed', 'unavailable_not_held', 'not_processed_publication'];

/** Outcomes only the abandonment rule may record (table 三 （六）1、2). */
const ABANDONMENT_OUTCOMES: readonly Outcome[] = ['other_clarification_overdue', 'other_fee_unpaid'];

class Refusal extends Error {}

function refuse(reason: string): never {
  throw new Refusal(reason);
}

function blank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

function dateOrToday(value: string | undefined, ctx: DecisionContext, label: string): string {
  if (value === undefined) return ctx.today;
  if (!isCalendarDate(value)) refuse(`${label}“${String(value)}”不是有效日期（YYYY-MM-DD）。`);
  if (value > ctx.today) refuse(`${label} ${value} 晚于今天 ${ctx.today}，不能登记尚未发生的事实。`);
  return value;
}

function currentDeadline(state: RequestState, ctx: DecisionContext): RequestDeadline {
  const d = deadlineOf(state, ctx.calendar, ctx.today);
  if (d === null) refuse('尚未确定收到申请之日，无法计算答复期限。');
  return d;
}

function stamp(ctx: DecisionContext): { at: string; by: string } {
  return { at: ctx.at, by: ctx.actor.userId };
}

type Ok = { events: DisclosureRequestEvent[]; warnings: string[] };

function ok(events: DisclosureRequestEvent[], warnings: string[] = []): Ok {
  return { events, warnings };
}

/** Decides a command against a request's state (null before submission) in a context; never throws for bad input. */
export function decide(state: RequestState | null, command: RequestCommand, ctx: DecisionContext): Decision {
  try {
    parseCalendarDate(ctx?.today, '今天的日期');
    const { events, warnings } = decideOrRefuse(state, command, ctx);
    return { ok: true, events, warnings };
  } catch (e) {
    if (e instanceof Refusal || e instanceof CalendarInputError || e instanceof FeeInputError) return { ok: false, reason: e.message };
    throw e;
  }
}

function decideOrRefuse(state: RequestState | null, command: RequestCommand, ctx: DecisionContext): Ok {
  const type = command?.type;
  if (type === 'submit') {
    if (state !== null) refuse('该申请已经提交，不能重复提交。');
    return submit(command.record, ctx);
  }
  if (!(type in AUTHORITY)) refuse(`未知的办理操作“${String(type)}”。`);
  if (state === null) refuse('申请不存在：请先提交申请。');
  const label = REQUEST_COMMAND_LABELS[type];
  authorise(state, type, ctx);
  if (state.status === 'archived') refuse('本申请已归档，不能再办理。');
  if (isTerminal(state.status) && type !== 'archive') {
    refuse(`本申请${REQUEST_STATUS_LABELS[state.status]}，除归档外不能再办理（当前操作：${label}）。`);
  }
  if (!ALLOWED_IN[type].includes(state.status)) {
    refuse(`当前状态为“${REQUEST_STATUS_LABELS[state.status]}”，不能${label}。`);
  }
  return handle(state, command as Exclude<RequestCommand, { type: 'submit' }>, ctx);
}

function authorise(state: RequestState, type: Exclude<RequestCommandType, 'submit'>, ctx: DecisionContext): void {
  const authority = AUTHORITY[type];
  const grants = ctx.actor?.grants ?? [];
  const path = state.record.agencyPath;
  const label = REQUEST_COMMAND_LABELS[type];
  if (authority === 'applicant_or_office') {
    const isApplicant = state.record.applicantUserId !== undefined && state.record.applicantUserId === ctx.actor.userId;
    if (!isApplicant && !can(grants, 'request.handle', path)) refuse(`只有申请人本人或公开办工作人员可以${label}。`);
    return;
  }
  if (!can(grants, authority, path)) {
    refuse(
      authority === 'request.approve'
        ? `${label}须经政府信息公开工作机构负责人（分管领导）同意（条例第三十三条第二款）；当前用户无此权限。`
        : `只有本机关公开办工作人员可以${label}；当前用户无此权限。`,
    );
  }
}

function submit(record: RequestState['record'], ctx: DecisionContext): Ok {
  const problems = checkRequestRecord(record);
  if (problems.length > 0) refuse(`申请不完整：${problems.join('')}`);
  const isOffice = can(ctx.actor?.grants ?? [], 'request.handle', record.agencyPath);
  if (!isOffice) {
    // 条例第二十九条：“采用包括信件、数据电文在内的书面形式”；申请人自行提交即互联网渠道（数据电文）。
    if (record.channel !== 'online') refuse('申请人只能通过互联网渠道在线提交；信件、传真、当面和口头申请由公开办工作人员登记。');
    const own = { ...record, applicantUserId: ctx.actor.userId, submission: { submittedOn: ctx.today } };
    return ok([{ type: 'Submitted', ...stamp(ctx), record: own, submittedOn: ctx.today }], [
      '条例第三十一条第（三）项：通过互联网渠道提交的，以双方确认之日为收到申请之日；请等待公开办确认。',
    ]);
  }
  // 当面、口头申请由工作人员当场登记：未填提交日期的，以今天为提交之日（条例第三十一条第（一）项）。
  const present = record.channel === 'in_person' || record.channel === 'oral';
  const s = present && record.submission.submittedOn === undefined ? { ...record.submission, submittedOn: ctx.today } : record.submission;
  const submittedOn = s.submittedOn ?? s.signedForOn ?? s.arrivedOn ?? ctx.today;
  for (const [value, label] of [[s.submittedOn, '提交日期'], [s.signedForOn, '签收日期'], [s.arrivedOn, '信件到达日期']] as const) {
    if (value !== undefined && value > ctx.today) refuse(`${label} ${value} 晚于今天 ${ctx.today}。`);
  }
  const submitted: DisclosureRequestEvent = { type: 'Submitted', ...stamp(ctx), record: { ...record, submission: s }, submittedOn };
  if (needsReceiptConfirmation(record.channel)) {
    return ok([submitted], ['条例第三十一条：平常信函、互联网渠道和传真提交的申请，以确认之日为收到申请之日；请与申请人确认后登记。']);
  }
  const receipt = determineReceiptDate({ channel: submissionChannelOf(record.channel), ...s });
  const warnings =
    record.channel === 'oral' ? ['条例第二十九条：口头提出的，由公开办代为填写申请，请由申请人签字确认。'] : [];
  return ok(
    [
      submitted,
      { type: 'Registered', ...stamp(ctx), receivedOn: receipt.receivedOn, receiptBasis: receipt.basis, regime: regimeFor(receipt.receivedOn) },
    ],
    warnings,
  );
}

function handle(state: RequestState, command: Exclude<RequestCommand, { type: 'submit' }>, ctx: DecisionContext): Ok {
  const by = stamp(ctx);
  switch (command.type) {
    case 'confirm_receipt': {
      const confirmedOn = dateOrToday(command.confirmedOn, ctx, '确认日期');
      const s = state.record.submission;
      const receipt = determineReceiptDate({ channel: submissionChannelOf(state.record.channel), ...s, confirmedOn });
      return ok([
        { type: 'ReceiptConfirmed', ...by, confirmedOn },
        { type: 'Registered', ...by, receivedOn: receipt.receivedOn, receiptBasis: receipt.basis, regime: regimeFor(receipt.receivedOn) },
      ]);
    }
    case 'start_review': {
      const missing = missingParticulars(state.record);
      return ok(
        [{ type: 'ReviewStarted', ...by }],
        missing.length > 0 ? [`申请缺少：${missing.join('；')}。如需补正，应自收到申请之日起7个工作日内一次性告知（条例第三十条）。`] : [],
      );
    }
    case 'request_clarification':
      return requestClarification(state, command, ctx);
    case 'receive_clarification': {
      const c = state.clarification;
      if (c === null) refuse('没有补正告知。');
      const receivedOn = dateOrToday(command.receivedOn, ctx, '收到补正日期');
      if (receivedOn < c.sentOn) refuse(`收到补正日期 ${receivedOn} 早于补正告知日期 ${c.sentOn}。`);
      const afterDeadline = receivedOn > c.deadlineOn;
      if (afterDeadline && blank(command.justification)) {
        refuse(
          `补正期限已于 ${c.deadlineOn} 届满。条例第三十条：“申请人无正当理由逾期不补正的，视为放弃申请”——逾期收到的补正须记录正当理由，否则应按视为放弃申请终止。`,
        );
      }
      const warnings = c.late
        ? [`补正告知晚于第三十条规定的期限（最迟 ${c.noticeDueOn}）发出，答复期限不因收到补正而重新计算。`]
        : [];
      return ok(
        [{ type: 'ClarificationReceived', ...by, receivedOn, afterDeadline, justification: afterDeadline ? command.justification!.trim() : null }],
        warnings,
      );
    }
    case 'assign_to_unit':
      if (blank(command.unitId) || blank(command.unitName)) refuse('请指定承办单位。');
      return ok([{ type: 'AssignedToUnit', ...by, unitId: command.unitId, unitName: command.unitName.trim(), assignedOn: ctx.today }]);
    case 'start_consultation':
      return startConsultation(command, ctx);
    case 'end_consultation':
      return endConsultation(state, command.result, ctx);
    case 'send_fee_notice':
      return sendFeeNotice(state, command, ctx);
    case 'record_fee_payment': {
      const fee = state.fee;
      if (fee === null) refuse('没有收费通知。');
      const paidOn = dateOrToday(command.paidOn, ctx, '缴费日期');
      if (paidOn < fee.sentOn) refuse(`缴费日期 ${paidOn} 早于收费通知发出日期 ${fee.sentOn}。`);
      const dueOn = computeFeePaymentDeadline(ctx.calendar, fee.noticeReceivedOn).due;
      if (paidOn > dueOn) {
        refuse(`缴费期限已于 ${dueOn} 届满。109号办法（四川转述）：“逾期未缴纳的视为放弃申请”——应按视为放弃申请终止。`);
      }
      return ok([{ type: 'FeePaid', ...by, paidOn }]);
    }
    case 'waive_fee':
      if (blank(command.reason)) refuse('请说明减免信息处理费的理由。');
      return ok([{ type: 'FeeWaived', ...by, waivedOn: ctx.today, reason: command.reason.trim() }]);
    case 'approve_extension':
      return approveExtension(state, command, ctx);
    case 'draft_reply':
      return draftReply(state, command, ctx);
    case 'return_draft':
      if (blank(command.reason)) refuse('退回答复稿须说明理由。');
      return ok([{ type: 'ReplyReturned', ...by, reason: command.reason.trim(), returnedOn: ctx.today }]);
    case 'approve_reply': {
      const draft = state.draft;
      if (draft === null) refuse('没有待审核的答复稿。');
      if (draft.draftedBy === ctx.actor.userId) {
        refuse('职责分离：拟写答复的人员不能审核同意自己拟写的答复，请由其他有审核权限的负责人审核。');
      }
      const d = currentDeadline(state, ctx);
      const late = ctx.today > d.due;
      return ok(
        [
          { type: 'ReplyApproved', ...by, approvedOn: ctx.today },
          {
            type: 'Replied',
            ...by,
            outcome: draft.outcome,
            replyType: draft.replyType,
            withheld: draft.withheld,
            summary: draft.summary,
            repliedOn: ctx.today,
            onTheSpot: false,
            dueOn: d.due,
            late,
          },
        ],
        late ? [`答复期限已于 ${d.due} 届满，本答复为逾期答复。`] : [],
      );
    }
    case 'reply_on_the_spot':
      return replyOnTheSpot(state, command, ctx);
    case 'deliver': {
      const reply = state.reply;
      if (reply === null) refuse('尚未作出答复。');
      if (!isDeliveryMethod(command.method) || command.method === 'on_the_spot') refuse(`送达方式“${String(command.method)}”无效。`);
      const deliveredOn = dateOrToday(command.deliveredOn, ctx, '送达日期');
      if (deliveredOn < reply.repliedOn) refuse(`送达日期 ${deliveredOn} 早于答复日期 ${reply.repliedOn}。`);
      if (blank(command.proof)) refuse('请登记送达凭证（送达回证、邮件回执号或电子送达记录）。');
      if (command.signedBy !== undefined && blank(command.signedBy)) refuse('请填写送达回证上的签收人。');
      if (command.scan !== undefined && (blank(command.scan.fileId) || blank(command.scan.fileName))) refuse('送达回证扫描件无效。');
      return ok([
        {
          type: 'Delivered',
          ...by,
          method: command.method,
          deliveredOn,
          proof: command.proof.trim(),
          ...(command.signedBy !== undefined && { signedBy: command.signedBy.trim() }),
          ...(command.scan !== undefined && { scan: { fileId: command.scan.fileId, fileName: command.scan.fileName } }),
        },
      ]);
    }
    case 'archive':
      // 条例第四十五条：“建立健全政府信息公开申请登记、审核、办理、答复、归档的工作制度”
      return ok([{ type: 'Archived', ...by, archivedOn: ctx.today }]);
    case 'withdraw':
      return ok([{ type: 'Withdrawn', ...by, withdrawnOn: ctx.today, reason: blank(command.reason) ? null : command.reason!.trim() }]);
    case 'abandon': {
      const event = detectAbandonment(state, ctx);
      if (event === null) refuse('补正期限或缴费期限尚未届满，不能按视为放弃申请终止。');
      return ok([{ ...event, by: ctx.actor.userId }]);
    }
    default: {
      const unreachable: never = command;
      return refuse(`未知的办理操作“${String((unreachable as { type?: unknown }).type)}”。`);
    }
  }
}

function requestClarification(
  state: RequestState,
  command: Extract<RequestCommand, { type: 'request_clarification' }>,
  ctx: DecisionContext,
): Ok {
  // 条例第三十条：“自收到申请之日起7个工作日内一次性告知申请人作出补正”
  if (state.clarification !== null) refuse('补正只能告知一次（条例第三十条：“一次性告知申请人作出补正”），已于 ' + state.clarification.sentOn + ' 告知。');
  const points = Array.isArray(command.points) ? command.points.filter((p) => !blank(p)).map((p) => p.trim()) : [];
  if (points.length === 0) refuse('补正告知应当“说明需要补正的事项”（条例第三十条），请列出至少一项。');
  if (!isCalendarDate(command.deadlineOn)) refuse(`补正期限“${String(command.deadlineOn)}”不是有效日期（YYYY-MM-DD）。`);
  if (command.deadlineOn <= ctx.today) refuse('补正告知应当说明“合理的补正期限”（条例第三十条），期限须晚于今天。');
  const d = currentDeadline(state, ctx);
  const noticeDueOn = d.clarificationNoticeDue;
  const late = noticeDueOn !== null && ctx.today > noticeDueOn;
  return ok(
    [
      {
        type: 'ClarificationRequested',
        ...stamp(ctx),
        points,
        deadlineOn: command.deadlineOn,
        sentOn: ctx.today,
        noticeDueOn,
        late,
      },
    ],
    late
      ? [`补正告知应于 ${noticeDueOn} 前发出（条例第三十条“自收到申请之日起7个工作日内”），现已逾期：答复期限不因补正重新计算，仍为 ${d.due}。`]
      : [],
  );
}

function startConsultation(command: Extract<RequestCommand, { type: 'start_consultation' }>, ctx: DecisionContext): Ok {
  if (!(CONSULTED_PARTIES as readonly string[]).includes(command.party)) {
    refuse(`被征求意见方“${String(command.party)}”无效，应为第三方（第三十二条）或其他机关（第三十四条）。`);
  }
  if (blank(command.consultedName)) refuse('请填写被征求意见的第三方或机关名称。');
  const letterReceivedOn = command.letterReceivedOn ?? ctx.today;
  if (!isCalendarDate(letterReceivedOn) || letterReceivedOn < ctx.today) {
    refuse(`收到征求意见书日期“${String(letterReceivedOn)}”无效：不能早于发出之日 ${ctx.today}。`);
  }
  const party: ConsultedParty = command.party;
  const due = computeConsultationDeadline(ctx.calendar, party, letterReceivedOn).due;
  return ok(
    [
      {
        type: 'ConsultationStarted',
        ...stamp(ctx),
        party,
        consultedName: command.consultedName.trim(),
        startedOn: ctx.today,
        letterReceivedOn,
        responseDueOn: due,
      },
    ],
    // 条例第三十三条第三款：“行政机关征求第三方和其他机关意见所需时间不计算在前款规定的期限内”
    ['征求意见期间不计入答复期限（条例第三十三条第三款）。'],
  );
}

function endConsultation(state: RequestState, result: unknown, ctx: DecisionContext): Ok {
  if (!isConsultationResult(result)) refuse(`征求意见结果“${String(result)}”无效。`);
  const open = openConsultation(state);
  if (open === null) refuse('没有进行中的征求意见。');
  if (result === 'no_reply' && ctx.today <= open.responseDueOn) {
    refuse(`提出意见的期限至 ${open.responseDueOn} 届满（条例第三十二条、第三十四条：15个工作日），期限届满前不能按逾期未提出意见处理。`);
  }
  // 条例第三十四条：被征求意见机关“逾期未提出意见的视为同意公开”
  const deemedConsent = result === 'no_reply' && open.party === 'other_agency';
  const warnings: string[] = [];
  if (open.party === 'third_party' && result === 'objected') {
    warnings.push(
      '条例第三十二条：“第三方不同意公开且有合理理由的，行政机关不予公开。行政机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知第三方。”',
    );
  }
  if (open.party === 'third_party' && result === 'no_reply') {
    warnings.push('条例第三十二条：“第三方逾期未提出意见的，由行政机关依照本条例的规定决定是否公开。”');
  }
  return ok([{ type: 'ConsultationEnded', ...stamp(ctx), endedOn: ctx.today, result, deemedConsent }], warnings);
}

function sendFeeNotice(state: RequestState, command: Extract<RequestCommand, { type: 'send_fee_notice' }>, ctx: DecisionContext): Ok {
  // 109号第三条：“不得同时按照两种标准重复计算”——每件申请只发一次收费通知。
  if (state.fee !== null) refuse('本申请已发出过收费通知，同一申请只能按一种标准计收一次信息处理费（国办函〔2020〕109号第三条）。');
  if (state.regime === '2008') {
    refuse('适用2008年条例的申请不收取信息处理费（2008年条例第二十七条只允许收取检索、复制、邮寄等成本费用）。');
  }
  const fee = assessInformationProcessingFee(command.fee);
  if (fee.amount === 0) refuse('按所选标准计算的信息处理费为0元，无需发出收费通知。');
  const d = currentDeadline(state, ctx);
  // 四川省财政厅、发展改革委转述109号办法：“应当在政府信息公开申请处理期限内……向申请人发出收费通知”
  if (ctx.today > d.due) refuse(`收费通知应当在答复期限内发出；本申请的答复期限已于 ${d.due} 届满。`);
  const noticeReceivedOn = command.noticeReceivedOn ?? ctx.today;
  if (!isCalendarDate(noticeReceivedOn) || noticeReceivedOn < ctx.today) {
    refuse(`申请人收到收费通知的日期“${String(noticeReceivedOn)}”无效：不能早于发出之日 ${ctx.today}。`);
  }
  const paymentDueOn = computeFeePaymentDeadline(ctx.calendar, noticeReceivedOn).due;
  return ok(
    [{ type: 'FeeNoticeSent', ...stamp(ctx), fee, sentOn: ctx.today, noticeReceivedOn, paymentDueOn }],
    ['条例第四十二条：只有申请数量、频次明显超过合理范围的，才可以收取信息处理费。自发出收费通知至缴费之日，答复期限暂停计算。'],
  );
}

function approveExtension(
  state: RequestState,
  command: Extract<RequestCommand, { type: 'approve_extension' }>,
  ctx: DecisionContext,
): Ok {
  if (state.regime === null) refuse('尚未确定收到申请之日。');
  const rules = REGIME_RULES[state.regime];
  if (state.extension !== null) refuse(`答复期限已于 ${state.extension.approvedOn} 延长过一次，不能再次延长（${rules.extensionArticle}）。`);
  const w = command.workdays;
  if (typeof w !== 'number' || !Number.isInteger(w) || w < 1 || w > rules.maxExtensionWorkdays) {
    refuse(`延长的期限应为 1 至 ${rules.maxExtensionWorkdays} 个工作日（${rules.extensionArticle}）。`);
  }
  if (blank(command.reason)) refuse('请说明延期答复的理由。');
  const d = currentDeadline(state, ctx);
  if (ctx.today > d.due) refuse(`答复期限已于 ${d.due} 届满，不能再延长；延期须在期限届满前经负责人同意并告知申请人。`);
  const extended = computeRequestDeadline(ctx.calendar, {
    received: d.received,
    events: [...clockEventsOf(state, ctx.today), { type: 'extended', workdays: w }],
  });
  return ok(
    [
      {
        type: 'ExtensionApproved',
        ...stamp(ctx),
        workdays: w,
        reason: command.reason.trim(),
        approvedOn: ctx.today,
        dueBeforeOn: d.due,
        dueOn: extended.due,
      },
    ],
    [`${rules.extensionArticle}。请向申请人发出延期答复告知书。`],
  );
}

/**
 * The item of 第三十六条 a reply answers under. For （一）予以公开 it is （一）“已经主动公开的，告知申请人获取该政府
 * 信息的方式、途径” or （二）“可以公开的，向申请人提供该政府信息”: the annual report counts them apart. A stated
 * type must be one the outcome allows; an outcome with a single type gets it; otherwise it stays unstated (null).
 */
function resolveReplyType(outcome: Outcome, replyType: unknown): { replyType: ReplyType | null; warnings: string[] } {
  const allowed = OUTCOME_DEFINITIONS[outcome].replyTypes;
  if (replyType === undefined || replyType === null || replyType === '') {
    if (allowed.length === 1) return { replyType: allowed[0]!, warnings: [] };
    const warnings =
      outcome === 'disclosed'
        ? ['未注明答复属于条例第三十六条第（一）项（已主动公开）还是第（二）项（同意公开）；年度报告将按答复内容推断。']
        : [];
    return { replyType: null, warnings };
  }
  if (!isReplyType(replyType) || !allowed.includes(replyType)) {
    const options = allowed.map((t) => REPLY_TYPE_LABELS[t]).join('或');
    refuse(
      allowed.length === 0
        ? `办理结果为“${outcomeLabelZh(outcome)}”时不适用条例第三十六条的答复类型。`
        : `答复类型“${String(replyType)}”与办理结果“${outcomeLabelZh(outcome)}”不符，应为${options}。`,
    );
  }
  return { replyType, warnings: [] };
}

function checkReplyContent(state: RequestState, outcome: unknown, withheld: unknown, summary: unknown): string[] {
  if (!isOutcome(outcome)) refuse(`办理结果“${String(outcome)}”无效。`);
  if (ABANDONMENT_OUTCOMES.includes(outcome)) {
    refuse(`“${outcomeLabelZh(outcome)}”只能在补正或缴费期限届满后由系统按视为放弃申请记录，不能作为答复拟写。`);
  }
  if (blank(summary)) refuse('请填写答复内容摘要。');
  const parts = withheld === undefined ? [] : withheld;
  if (!Array.isArray(parts)) refuse('不予公开内容应为列表。');
  const def = OUTCOME_DEFINITIONS[outcome];
  if (def.requiresWithheldParts) {
    if (parts.length === 0) {
      refuse('部分公开的，应当记录不予公开的内容并说明理由（条例第三十七条：“对不予公开的内容说明理由”）。');
    }
    const problems = checkWithheldParts(parts);
    if (problems.length > 0) refuse(problems.join(''));
  } else if (parts.length > 0) {
    refuse(`办理结果为“${outcomeLabelZh(outcome)}”时不应列出不予公开的部分内容；区分处理的应选择“部分公开”（条例第三十七条）。`);
  }
  if (outcome === 'unavailable_unclear_after_clarification' && state.clarification?.receivedOn == null) {
    refuse('“补正后申请内容仍不明确”须先告知补正并收到补正（条例第三十条）。');
  }
  const warnings: string[] = [];
  const objected = state.consultations.some((c) => c.party === 'third_party' && c.result === 'objected');
  if (objected && (outcome === 'disclosed' || outcome === 'partially_disclosed')) {
    warnings.push('第三方不同意公开而决定公开的，应当将决定公开的政府信息内容和理由书面告知第三方（条例第三十二条）。');
  }
  return warnings;
}

function draftReply(state: RequestState, command: Extract<RequestCommand, { type: 'draft_reply' }>, ctx: DecisionContext): Ok {
  const warnings = checkReplyContent(state, command.outcome, command.withheld, command.summary);
  const resolved = resolveReplyType(command.outcome, command.replyType);
  warnings.push(...resolved.warnings);
  return ok(
    [
      {
        type: 'ReplyDrafted',
        ...stamp(ctx),
        outcome: command.outcome,
        replyType: resolved.replyType,
        withheld: command.withheld ?? [],
        summary: command.summary.trim(),
        draftedOn: ctx.today,
      },
    ],
    warnings,
  );
}

function replyOnTheSpot(state: RequestState, command: Extract<RequestCommand, { type: 'reply_on_the_spot' }>, ctx: DecisionContext): Ok {
  // 条例第三十三条第一款：“行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复”
  if (!allowsOnTheSpotReply(state.record.channel)) refuse('只有当面提交或口头提出的申请才能当场答复（条例第三十三条第一款）。');
  if (state.receivedOn !== ctx.today) refuse(`当场答复只能在收到申请之日（${String(state.receivedOn)}）作出。`);
  if (!isOutcome(command.outcome) || !ON_THE_SPOT_OUTCOMES.includes(command.outcome)) {
    refuse(`当场答复仅限：${ON_THE_SPOT_OUTCOMES.map(outcomeLabelZh).join('、')}；其他结果须拟写答复并经审核。`);
  }
  const warnings = checkReplyContent(state, command.outcome, undefined, command.summary);
  const resolved = resolveReplyType(command.outcome, command.replyType);
  warnings.push(...resolved.warnings);
  if (blank(command.proof)) refuse('当场答复须由申请人签收，请登记签收凭证。');
  const d = currentDeadline(state, ctx);
  const by = stamp(ctx);
  return ok(
    [
      {
        type: 'Replied',
        ...by,
        outcome: command.outcome,
        replyType: resolved.replyType,
        withheld: [],
        summary: command.summary.trim(),
        repliedOn: ctx.today,
        onTheSpot: true,
        dueOn: d.due,
        late: false,
      },
      { type: 'Delivered', ...by, method: 'on_the_spot', deliveredOn: ctx.today, proof: command.proof.trim() },
    ],
    warnings,
  );
}
