/**
 * Use cases of disclosure on request (依申请公开): online submission by the applicant and
 * registration by the office, every handling command of the domain, the applicant's tracking page
 * and online clarification, the staff queues by stored due date, the daily abandonment check, the
 * recomputation of open deadlines when the holiday calendar changes, the register of
 * reconsideration and litigation, and suggestions for proactive disclosure (条例第四十四条).
 * Each change loads the request, asks the domain (`decide`), folds the events (`evolve`), stores
 * state, events, the clock's due date and the notices to the applicant, and writes the audit log —
 * in one transaction.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { can, scopesFor, type Permission, type RoleGrant } from '../domain/access/roles.ts';
import { addWorkdays, isCalendarDate, type HolidayCalendar, type RequestDeadline } from '../domain/calendar/index.ts';
import {
  ABANDONMENT_REASON_LABELS,
  APPLICANT_TYPES,
  INFORMATION_FORMS,
  IDENTITY_DOCUMENT_KINDS,
  INTAKE_CHANNELS,
  REQUESTED_DELIVERY_METHODS,
  REQUEST_STATUSES,
  REQUEST_STATUS_LABELS,
  checkIdentityKindFor,
  checkIdentityNumber,
  checkPhoneNumber,
  checkPostcode,
  checkRequestRecord,
  clarificationNotice,
  consultationLetter,
  deadlineOf,
  decide,
  evolve,
  extensionNotice,
  feeNotice,
  findAbandonments,
  findRepeats,
  isApplicantType,
  isIdentityDocumentKind,
  isOpen,
  isRequestCommandType,
  isRequestStatus,
  normaliseIdentityNumber,
  normalisePhoneNumber,
  outcomeLabelZh,
  replyLetter,
  serviceReceipt,
  suggestProactiveDisclosure,
  terminationNotice,
  type Actor as DomainActor,
  type DecisionContext,
  type DisclosureRequestEvent,
  type IntakeChannel,
  type Letter,
  type LetterContext,
  type LetterKind,
  type LetterTemplateLookup,
  type RepeatMatch,
  type RequestCommand,
  type RequestRecord,
  type RequestState,
  type RequestStatus,
  type SimilarityItem,
} from '../domain/requests/index.ts';
import { scanText, unreadableFinding } from '../domain/privacy/index.ts';
import { FeeInputError, assessInformationProcessingFee, type FeeAssessment } from '../domain/fees/index.ts';
import { scanOptionsFor } from './manage-agencies.ts';
import { letterTemplateLookupFor, remedyBodiesOf } from './manage-letter-templates.ts';
import { requireAnyPermission, requirePermission, SYSTEM_ACTOR } from './access-control.ts';
import { chinaDateOf, shiftDate } from './china-time.ts';
import { ConflictError, ForbiddenError, NotFoundError, ServiceError, ValidationError, validationErrorFrom } from './errors.ts';
import type { CalendarService } from './manage-calendar.ts';
import type {
  Actor,
  Appeal,
  AppealKind,
  AppealResult,
  CaseNote,
  Clock,
  OutboxMessage,
  Repositories,
  StoredRequest,
  UnitOfWork,
} from './ports.ts';
import { DuplicateKeyError, type FileStore, type RequestDocument, type TextExtractor } from './ports.ts';

export interface RequestServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
  calendar: CalendarService;
  /** Where released documents are stored and how their text is read (optional: without, documents cannot be added). */
  files?: FileStore;
  extractText?: TextExtractor;
}

/** Statuses in which documents to release may be added or justified (before the reply is approved). */
const DOCUMENT_EDITABLE: readonly RequestStatus[] = ['under_review', 'in_progress', 'consulting', 'under_approval'];
/** Outcomes under which documents go to the applicant. */
const RELEASING_OUTCOMES = ['disclosed', 'partially_disclosed'];

// --- vocabularies of the shell -----------------------------------------------------------------

/** 行政复议, 直接起诉, 复议后起诉 (the column groups of table 四). */
export const APPEAL_KINDS = ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'] as const satisfies readonly AppealKind[];
/** 结果维持, 结果纠正, 其他结果, 尚未审结. */
export const APPEAL_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const satisfies readonly AppealResult[];

/** Statuses in which the agency still owes a reply. */
export const OPEN_REQUEST_STATUSES: readonly RequestStatus[] = REQUEST_STATUSES.filter(isOpen);
/** Statuses in which the reply clock runs (not paused, not waiting for the applicant): the due-date queues. */
const CLOCK_RUNNING: readonly RequestStatus[] = ['registered', 'under_review', 'in_progress', 'under_approval'];
/** Statuses in which the reply clock is paused and the due date moves on daily (consultation, fee notice). */
const PAUSED: readonly RequestStatus[] = ['consulting', 'awaiting_fee'];
/** Statuses the abandonment check looks at (条例第三十条; 109号). */
const MAY_BE_ABANDONED: readonly RequestStatus[] = ['awaiting_clarification', 'awaiting_fee'];

/** The staff queues by stored due date. */
export const DUE_WITHIN = ['overdue', 'soon', 'week'] as const;
export type DueWithin = (typeof DUE_WITHIN)[number];
/** “即将到期”: due within this many working days from today. */
const SOON_WORKDAYS = 3;
/** “本周到期”: due within this many calendar days from today. */
const WEEK_DAYS = 7;

/** The same answer for an unknown number and a wrong code: the tracking page reveals nothing else. */
const TRACKING_FAILED = '申请编号或查询码不正确，请核对后重新输入。';

// --- input --------------------------------------------------------------------------------------

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = (max: number, label: string) => z.preprocess(blankToUndefined, z.string().trim().max(max, `${label}不超过 ${max} 个字`).optional());
const calendarDate = (label: string) => z.string().trim().refine(isCalendarDate, `${label}不是有效日期（YYYY-MM-DD）`);
const optionalDate = (label: string) => z.preprocess(blankToUndefined, calendarDate(label).optional());

const identityNumber = z
  .string()
  .trim()
  .max(60, '证件号码过长')
  .default('')
  .transform((v) => (v === '' ? '' : normaliseIdentityNumber(v)));

const phoneNumber = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(40, `${label}不超过 40 个字符`)
      .transform(normalisePhoneNumber)
      .superRefine((v, ctx) => {
        const problem = checkPhoneNumber(v);
        if (problem !== undefined) ctx.addIssue({ code: 'custom', message: label === '联系电话' ? problem : `${label}：${problem}` });
      })
      .optional(),
  );

const applicantSchema = z.object({
  type: z.enum(APPLICANT_TYPES, { message: '请选择申请人类型' }),
  name: z.string({ message: '请填写申请人姓名或者名称' }).trim().min(1, '请填写申请人姓名或者名称').max(200, '姓名或者名称不超过 200 个字'),
  identity: z
    .object({ kind: z.preprocess(blankToUndefined, z.enum(IDENTITY_DOCUMENT_KINDS, { message: '请选择身份证明类型' }).default('居民身份证')), number: identityNumber })
    .nullable()
    .optional(),
  contact: z
    .object({
      phone: phoneNumber('联系电话'),
      email: z.preprocess(blankToUndefined, z.email('电子邮箱格式不正确').max(200).optional()),
      address: optionalText(300, '通信地址'),
      postcode: z.preprocess(
        blankToUndefined,
        z
          .string()
          .trim()
          .refine((v) => checkPostcode(v) === undefined, '邮政编码应为6位数字')
          .optional(),
      ),
      fax: phoneNumber('传真'),
    })
    .default({}),
  representative: optionalText(100, '法定代表人或者联系人'),
});

const requestObject = z.object({
  agencyId: z.coerce.number({ message: '请选择受理机关' }).int().positive('请选择受理机关'),
  applicant: applicantSchema,
  informationSought: z.object({
    description: z.string().trim().max(5000, '所需信息的描述不超过 5000 个字').default(''),
    documentNumber: optionalText(200, '文号'),
  }),
  formWanted: z.enum(INFORMATION_FORMS, { message: '请选择信息的形式' }),
  deliveryMethod: z.enum(REQUESTED_DELIVERY_METHODS, { message: '请选择获取信息的方式' }),
  needsAssistance: z.boolean().optional(),
});

type RequestInput = z.infer<typeof requestObject>;

/**
 * 条例第二十九条第二款 as the form asks it, each problem next to its field: the identity document fits
 * the applicant and its number has the documented shape (on the portal it is required; the office
 * registers letters as they come and asks for what is missing by 补正, 条例第三十条), some way to reach
 * the applicant, and the information sought by name, description or document number.
 */
function checkParticulars(today: string, identityRequired: boolean) {
  return (input: RequestInput, ctx: z.RefinementCtx) => {
    const applicant = input.applicant as Partial<RequestInput['applicant']> | undefined;
    const identity = applicant?.identity;
    if (identity === null || identity === undefined || identity.number === '') {
      if (identityRequired) {
        ctx.addIssue({ code: 'custom', path: ['applicant', 'identity', 'number'], message: '请填写证件号码（条例第二十九条第二款第（一）项：申请应包括申请人的身份证明）' });
      }
    } else if (isIdentityDocumentKind(identity.kind) && typeof identity.number === 'string') {
      const kindProblem = isApplicantType(applicant?.type) ? checkIdentityKindFor(applicant.type, identity.kind) : undefined;
      const numberProblem = kindProblem ?? checkIdentityNumber(identity.kind, identity.number, today);
      if (kindProblem !== undefined) ctx.addIssue({ code: 'custom', path: ['applicant', 'identity', 'kind'], message: kindProblem });
      else if (numberProblem !== undefined) ctx.addIssue({ code: 'custom', path: ['applicant', 'identity', 'number'], message: numberProblem });
    }
    const contact = applicant?.contact;
    if (contact !== undefined && ![contact.phone, contact.email, contact.address, contact.fax].some((v) => typeof v === 'string' && v !== '')) {
      ctx.addIssue({ code: 'custom', path: ['applicant', 'contact'], message: '请至少填写一种联系方式（电话、电子邮箱或通信地址），以便告知补正和送达答复' });
    }
    const sought = input.informationSought as Partial<RequestInput['informationSought']> | undefined;
    if (sought !== undefined && !sought.description && !sought.documentNumber) {
      ctx.addIssue({ code: 'custom', path: ['informationSought', 'description'], message: '请填写所需政府信息的名称或者特征性描述（知道文号的，也可只填文号）' });
    }
  };
}

/** The portal's application form (条例第二十九条); `today` bounds birth dates in ID numbers. */
export function onlineRequestSchema(today: string) {
  return requestObject.superRefine(checkParticulars(today, true));
}

/** The office's registration form for letters, faxes, in-person and oral requests. */
export function registerRequestSchema(today: string) {
  return requestObject
    .extend({
      channel: z.enum(INTAKE_CHANNELS, { message: '请选择申请渠道' }),
      submission: z
        .object({ submittedOn: optionalDate('提交日期'), signedForOn: optionalDate('签收日期'), arrivedOn: optionalDate('信件到达日期') })
        .default({}),
    })
    .superRefine(checkParticulars(today, false));
}

const appealSchema = z.object({
  requestId: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number().int().positive('关联申请无效').nullable()),
  agencyId: z.preprocess(blankToUndefined, z.coerce.number().int().positive('请选择被申请（被告）机关').optional()),
  kind: z.enum(APPEAL_KINDS, { message: '请选择行政复议或行政诉讼类型' }),
  filedOn: calendarDate('申请复议或起诉日期'),
  body: z.string({ message: '请填写复议机关或法院' }).trim().min(1, '请填写复议机关或法院').max(200),
  result: z.enum(APPEAL_RESULTS, { message: '请选择结果' }).default('pending'),
  closedOn: z.preprocess((v) => (v === '' || v === undefined ? null : v), calendarDate('审结日期').nullable()),
  note: z.string().trim().max(2000, '备注不超过 2000 个字').default(''),
});

function parse<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationErrorFrom(parsed.error.issues);
  return parsed.data;
}

function recordFrom(
  input: RequestInput,
  id: string,
  agencyPath: string,
  channel: IntakeChannel,
  submission: RequestRecord['submission'],
): RequestRecord {
  return {
    id,
    agencyId: input.agencyId,
    agencyPath,
    applicant: { ...input.applicant, identity: input.applicant.identity?.number ? input.applicant.identity : null },
    informationSought: input.informationSought,
    formWanted: input.formWanted,
    deliveryMethod: input.deliveryMethod,
    channel,
    submission,
    ...(input.needsAssistance !== undefined && { needsAssistance: input.needsAssistance }),
  };
}

/** The fee as staff ask for it: per piece the service counts the applicant's earlier pieces in the month itself. */
export type FeeRequest = { readonly basis: 'per_piece'; readonly pieces?: number } | { readonly basis: 'per_page'; readonly pages: number };

const BOTH_STANDARDS = '同一申请不得同时按件和按量计收信息处理费（国办函〔2020〕109号第三条：“不得同时按照两种标准重复计算”）：请只填写所选标准的件数或页数。';

/**
 * The fee form as staff fill it: the standard chosen and its count. Per piece the count is the pieces of
 * this request (“一事一申请”, 109号第四条; default 1); per page the pages (第五条). A count given for
 * the other standard is refused (第三条).
 */
export function parseFeeRequest(raw: unknown): FeeRequest {
  const r = (raw ?? {}) as { basis?: unknown; pieces?: unknown; pages?: unknown };
  const given = (v: unknown) => v !== undefined && v !== null && String(v).trim() !== '';
  const count = (v: unknown, label: string, min: number) => {
    const n = Number(String(v).trim());
    if (!Number.isSafeInteger(n) || n < min) throw new ValidationError(`${label}应为不小于 ${min} 的整数`, { [label === '页数' ? 'pages' : 'pieces']: `${label}无效` });
    return n;
  };
  if (r.basis === 'per_piece') {
    if (given(r.pages)) throw new ValidationError(BOTH_STANDARDS, { pages: '按件计收时不填页数' });
    return { basis: 'per_piece', pieces: given(r.pieces) ? count(r.pieces, '本次申请件数', 1) : 1 };
  }
  if (r.basis === 'per_page') {
    if (given(r.pieces)) throw new ValidationError(BOTH_STANDARDS, { pieces: '按量计收时不填件数' });
    if (!given(r.pages)) throw new ValidationError('按量计收请填写页数', { pages: '请填写页数' });
    return { basis: 'per_page', pages: count(r.pages, '页数', 0) };
  }
  throw new ValidationError('请选择计收方式：按件计收或按量计收（国办函〔2020〕109号第三条）', { basis: '请选择计收方式' });
}

/** A handling command as staff issue it (submission goes through `submitOnline` or `register`). */
export type StaffRequestCommand =
  | Exclude<RequestCommand, { type: 'submit' } | { type: 'send_fee_notice' }>
  | { readonly type: 'send_fee_notice'; readonly fee: FeeRequest; readonly noticeReceivedOn?: string };

// --- secrets ------------------------------------------------------------------------------------

// No 0/O, 1/I/L: the code is read off a screen or a paper receipt and typed again.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12;

/** A random query code, e.g. `K7QF-M2XR-9BTC` (≈59 bits), shown to the applicant once. */
function newQueryCode(): string {
  return queryCodeFrom(() => randomBytes(32));
}

/**
 * The query code of an online form's one-time token: derived from the token (a domain-separated
 * SHA-256, so that the stored token hash does not reveal it), so that the same form posted again
 * shows the same code without the code being stored.
 */
function queryCodeOfSubmission(submissionKey: string): string {
  let round = 0;
  return queryCodeFrom(() => createHash('sha256').update(`query-code\n${round++}\n${submissionKey}`).digest());
}

function queryCodeFrom(bytes: () => Uint8Array): string {
  const chars: string[] = [];
  while (chars.length < CODE_LENGTH) {
    for (const b of bytes()) {
      // Rejection sampling keeps every character equally likely.
      if (b < 248 && chars.length < CODE_LENGTH) chars.push(CODE_ALPHABET[b % CODE_ALPHABET.length]!);
    }
  }
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** SHA-256 of an online form's one-time token, as the requests table keeps it (unique). */
function hashSubmissionKey(submissionKey: string): string {
  return createHash('sha256').update(`submission-key\n${submissionKey}`).digest('hex');
}

/** How long after submitting the confirmation page can be shown again (a reload, the redirect); short, for shared computers. */
const RECEIPT_MAX_AGE_MS = 10 * 60 * 1000;

/** A form token restored by the browser (the back button) and posted with another application. */
const ONLINE_FORM_REUSED = '这份申请表已经提交过（申请编号见回执）；如要提交另一件申请，请重新打开申请页填写。';
const REGISTER_FORM_REUSED = '这份登记表已经提交过（申请编号见第一次登记的回执）；如要登记另一封来信，请重新打开登记页填写。';

/**
 * Whether a form posted with an earlier request's token is that request again (a reload, a double
 * click) and not another application typed over a restored form: the agency, the applicant and the
 * information sought must be the same.
 */
function sameApplication(stored: RequestRecord, input: RequestInput): boolean {
  const essentials = (r: { agencyId: number; applicant: { name: string; identity?: { number?: string } | null }; informationSought: { description?: string; documentNumber?: string } }) =>
    [String(r.agencyId), r.applicant.name, r.applicant.identity?.number ?? '', r.informationSought.description ?? '', r.informationSought.documentNumber ?? ''];
  const [a, b] = [essentials(stored), essentials(input)];
  return a.every((v, i) => v === b[i]);
}

function normaliseTrackingNumber(value: unknown): string {
  return typeof value === 'string' ? value.trim().toUpperCase() : '';
}

/** SHA-256 of the tracking number and the code (the number salts the hash, so equal codes never hash alike). */
function hashQueryCode(trackingNumber: string, code: unknown): string {
  const normalised = typeof code === 'string' ? code.toUpperCase().replace(/[^0-9A-Z]/g, '') : '';
  return createHash('sha256').update(`${trackingNumber}\n${normalised}`).digest('hex');
}

const DECOY_HASH = createHash('sha256').update(randomBytes(32)).digest('hex');

/** Identifies an applicant across requests by the identity document number, without keeping it in a column. */
export function applicantKeyOf(record: RequestRecord): string | null {
  const n = record.applicant.identity?.number?.toUpperCase().replace(/[\s-]/g, '') ?? '';
  return n === '' ? null : createHash('sha256').update(`identity\n${n}`).digest('hex');
}

/** The actor id under which the applicant acts through the tracking page (domain `applicantUserId`). */
function applicantActorId(trackingNumber: string): string {
  return `applicant:${trackingNumber}`;
}

function publicActor(trackingNumber: string): Actor {
  return { userId: null, label: `申请人（申请编号 ${trackingNumber}）`, grants: [] };
}

function domainActorOf(actor: Actor): DomainActor {
  return { userId: actor.userId === null ? 'system' : String(actor.userId), grants: actor.grants };
}

// --- notices ------------------------------------------------------------------------------------

interface Notice {
  template: string;
  payload: Record<string, unknown>;
}

/** The notices an event sends the applicant (the channels work delivers them later). */
function noticeFor(event: DisclosureRequestEvent, state: RequestState, dueOn: string | null): Notice | null {
  switch (event.type) {
    case 'Submitted':
      return state.record.channel === 'online' ? { template: 'request_submitted', payload: { submittedOn: event.submittedOn } } : null;
    case 'Registered':
      return { template: 'request_received', payload: { receivedOn: event.receivedOn, dueOn } };
    case 'ClarificationRequested':
      return { template: 'clarification_requested', payload: { points: event.points, deadlineOn: event.deadlineOn } };
    case 'ClarificationReceived':
      return { template: 'clarification_received', payload: { receivedOn: event.receivedOn, dueOn } };
    case 'FeeNoticeSent':
      return { template: 'fee_notice', payload: { amount: event.fee.amount, paymentDueOn: event.paymentDueOn } };
    case 'ExtensionApproved':
      return { template: 'request_extended', payload: { dueBeforeOn: event.dueBeforeOn, dueOn: event.dueOn, reason: event.reason } };
    case 'Replied':
      return { template: 'request_replied', payload: { repliedOn: event.repliedOn, outcome: event.outcome, outcomeLabel: outcomeLabelZh(event.outcome) } };
    case 'Abandoned':
      return { template: 'request_closed', payload: { reason: ABANDONMENT_REASON_LABELS[event.reason], deadlineOn: event.deadlineOn } };
    default:
      return null;
  }
}

function recipientOf(state: RequestState): Pick<OutboxMessage, 'channel' | 'recipient'> | null {
  const c = state.record.applicant.contact;
  if (c.email?.trim()) return { channel: 'email', recipient: c.email.trim() };
  if (c.phone?.trim()) return { channel: 'sms', recipient: c.phone.trim() };
  return null;
}

// --- views --------------------------------------------------------------------------------------

/** What the applicant is told after submitting online; the query code is shown this once and never again. */
export interface OnlineSubmission {
  id: number;
  trackingNumber: string;
  queryCode: string;
  status: RequestStatus;
  statusLabel: string;
  submittedOn: string;
  warnings: string[];
  /** True when the form had been posted before: this is the first post's request, nothing new was filed. */
  repeated: boolean;
}

function submissionOf(r: StoredRequest, submissionKey: string, repeated: boolean): OnlineSubmission {
  return {
    id: r.id,
    trackingNumber: r.trackingNumber,
    queryCode: queryCodeOfSubmission(submissionKey),
    status: r.state.status,
    statusLabel: REQUEST_STATUS_LABELS[r.state.status],
    submittedOn: r.state.submittedOn,
    warnings: [],
    repeated,
  };
}

/** A letter the applicant has been sent, as listed on the tracking page. */
export interface IssuedLetter {
  kind: LetterKind;
  title: string;
  dateOn: string;
}

/** What the applicant's tracking page shows: no contact details, no drafts, no internal notes. */
export interface TrackingView {
  trackingNumber: string;
  agencyName: string;
  status: RequestStatus;
  statusLabel: string;
  submittedOn: string;
  receivedOn: string | null;
  dueOn: string | null;
  provisional: boolean;
  outcome: string | null;
  outcomeLabel: string | null;
  /** What to clarify and by when, while a clarification is awaited. */
  clarification: { points: readonly string[]; deadlineOn: string } | null;
  fee: { amount: number; paymentDueOn: string; paid: boolean; waived: boolean } | null;
  letters: IssuedLetter[];
}

/** Every letter issued to the applicant so far, in full (for the DOCX and the tracking page), in the agency's wording. */
function fullLettersIssued(state: RequestState, context: Omit<LetterContext, 'dateOn'>, templates?: LetterTemplateLookup): Letter[] {
  const ctx = (dateOn: string): LetterContext => ({ ...context, dateOn });
  const out: Letter[] = [];
  const add = (letter: Letter | null) => letter && out.push(letter);
  if (state.clarification) add(clarificationNotice(state, ctx(state.clarification.sentOn), templates));
  if (state.extension) add(extensionNotice(state, ctx(state.extension.approvedOn), templates));
  if (state.fee) add(feeNotice(state, ctx(state.fee.sentOn), templates));
  // Only a reply made: `replyLetter` would also preview a draft, which the applicant must not see.
  if (state.reply) add(replyLetter(state, ctx(state.reply.repliedOn), templates));
  if (state.abandoned) add(terminationNotice(state, ctx(state.abandoned.abandonedOn), templates));
  return out.sort((a, b) => a.dateOn.localeCompare(b.dateOn));
}

/** The letters staff can print: those issued to the applicant, the 征求意见书 and the 送达回证 of the reply. */
function staffLetters(state: RequestState, context: Omit<LetterContext, 'dateOn'>, templates: LetterTemplateLookup, today: string): Letter[] {
  const out = fullLettersIssued(state, context, templates);
  const consultation = state.consultations.at(-1);
  if (consultation) {
    const letter = consultationLetter(state, { ...context, dateOn: consultation.startedOn }, templates);
    if (letter) out.push(letter);
  }
  const served = state.reply ? out.find((l) => l.kind === 'reply') : state.abandoned ? out.find((l) => l.kind === 'termination_notice') : undefined;
  if (served) out.push(serviceReceipt(state, served.title, { ...context, dateOn: state.delivery?.deliveredOn ?? today }, templates));
  return out;
}

// --- the service --------------------------------------------------------------------------------

/** Runs a background step again when a concurrent change of the same request won (optimistic concurrency). */
async function retryOnConflict<T>(step: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await step();
    } catch (e) {
      if (!(e instanceof ConflictError) || i >= attempts) throw e;
    }
  }
}

/** Creates the request service. */
export function createRequestService(deps: RequestServiceDeps) {
  const now = () => {
    const n = deps.clock.now();
    return { at: n.toISOString(), today: chinaDateOf(n) };
  };
  const currentCalendar = async (): Promise<HolidayCalendar> => (await deps.calendar.current()).calendar;

  /** The stored due date: the clock's deadline while open (open pauses counted through today); fixed once closed. */
  function deadlineColumns(state: RequestState, previous: StoredRequest | null, cal: HolidayCalendar, today: string) {
    if (state.reply) return { dueOn: state.reply.dueOn, provisional: false };
    if (!isOpen(state.status)) return { dueOn: previous?.dueOn ?? null, provisional: previous?.provisional ?? false };
    const d = deadlineOf(state, cal, today);
    return { dueOn: d?.due ?? null, provisional: d?.provisional ?? false };
  }

  /** Folds events into the state and saves state, events, due date and notices; throws on a concurrent change. */
  async function applyEvents(
    repos: Repositories,
    id: number,
    previous: StoredRequest | null,
    events: readonly DisclosureRequestEvent[],
    cal: HolidayCalendar,
    { at, today }: { at: string; today: string },
    changes: { notes?: CaseNote[]; pieces?: number; applicantKey?: string | null } = {},
  ): Promise<StoredRequest> {
    let state: RequestState | null = previous?.state ?? null;
    for (const e of events) state = evolve(state, e);
    if (state === null) throw new Error('申请没有事件');
    const { dueOn, provisional } = deadlineColumns(state, previous, cal, today);
    const fromVersion = previous?.state.version ?? 0;
    await repos.requests.appendEvents(id, fromVersion + 1, events);
    const saved = await repos.requests.save(
      {
        id,
        state,
        dueOn,
        provisional,
        applicantKey: changes.applicantKey !== undefined ? changes.applicantKey : (previous?.applicantKey ?? null),
        pieces: changes.pieces ?? previous?.pieces ?? 1,
        notes: [...(previous?.notes ?? []), ...(changes.notes ?? [])],
        updatedAt: at,
      },
      fromVersion,
    );
    if (!saved) throw new ConflictError('该申请刚被他人办理过，请刷新后重试。');
    const stored = (await repos.requests.find(id))!;
    const to = recipientOf(state);
    if (to) {
      const agency = await repos.agencies.findById(stored.agencyId);
      for (const e of events) {
        const notice = noticeFor(e, state, dueOn);
        if (!notice) continue;
        await repos.outbox.enqueue({
          requestId: id,
          ...to,
          template: notice.template,
          payload: { trackingNumber: stored.trackingNumber, applicantName: state.record.applicant.name, agencyName: agency?.name ?? '', ...notice.payload },
          createdAt: at,
        });
      }
    }
    return stored;
  }

  /** Earlier requests of the same applicant at the same agency that the new one seems to repeat (条例第三十六条第（六）项). */
  async function repeatsOf(repos: Repositories, record: RequestRecord, applicantKey: string | null, trackingNumber: string): Promise<RepeatMatch[]> {
    if (applicantKey === null) return [];
    const earlier = (await repos.requests.ofApplicant(applicantKey, record.agencyId)).filter((r) => r.trackingNumber !== trackingNumber);
    const items: SimilarityItem[] = earlier.map((r) => similarityItem(r, applicantKey));
    return findRepeats({ id: trackingNumber, informationSought: record.informationSought.description, documentNumber: record.informationSought.documentNumber ?? '' }, items);
  }

  function similarityItem(r: StoredRequest, applicantKey?: string): SimilarityItem {
    const s = r.state;
    return {
      // The tracking number, so that the domain's notes name what staff can look up.
      id: r.trackingNumber,
      applicantKey: applicantKey ?? r.applicantKey ?? `name\n${s.record.applicant.type}\n${s.record.applicant.name}`,
      informationSought: s.record.informationSought.description,
      ...(s.record.informationSought.documentNumber ? { documentNumber: s.record.informationSought.documentNumber } : {}),
      repliedOn: s.reply?.repliedOn ?? null,
      open: isOpen(s.status),
      outcome: s.outcome,
    };
  }

  /** Creates a request from a validated record: tracking number, query code, submission, repeat flags, audit. */
  async function create(
    mode: ({ kind: 'online' } | { kind: 'register'; actor: Actor }) & { submissionKey?: string },
    agencyId: number,
    recordOf: (id: string, agencyPath: string) => RequestRecord,
  ) {
    const { at, today } = now();
    const cal = await currentCalendar();
    return deps.uow.transaction(async (repos) => {
      const agency = await repos.agencies.findById(agencyId);
      if (!agency) throw new ValidationError('受理机关不存在', { agencyId: '受理机关不存在' });
      if (mode.kind === 'register') requirePermission(mode.actor, 'request.handle', agency);
      const year = Number(today.slice(0, 4));
      const trackingNumber = `YSQ-${year}-${String(await repos.requests.nextTrackingSequence(year)).padStart(6, '0')}`;
      const submissionKey = mode.submissionKey;
      const queryCode = submissionKey ? queryCodeOfSubmission(submissionKey) : newQueryCode();
      const id = await repos.requests.create({
        agencyId,
        agencyPath: agency.path,
        trackingNumber,
        queryCodeHash: hashQueryCode(trackingNumber, queryCode),
        submissionKeyHash: submissionKey ? hashSubmissionKey(submissionKey) : null,
        submittedOn: today,
        at,
      });
      const record = recordOf(String(id), agency.path);
      // 条例第二十九条：申请应当包括申请人的姓名或者名称、身份证明、联系方式，所需信息的名称、文号或者特征性描述，形式要求。
      const problems = checkRequestRecord(record);
      if (problems.length > 0) throw new ValidationError(`申请不完整：${problems.join('')}`);
      const ctx: DecisionContext = {
        today,
        at,
        // An applicant on the portal has no account: the tracking number names them (`applicantUserId`).
        actor: mode.kind === 'online' ? { userId: applicantActorId(trackingNumber), grants: [] } : domainActorOf(mode.actor),
        calendar: cal,
      };
      const decision = decide(null, { type: 'submit', record }, ctx);
      if (!decision.ok) throw new ValidationError(decision.reason);
      const applicantKey = applicantKeyOf(record);
      const repeats = await repeatsOf(repos, record, applicantKey, trackingNumber);
      const notes: CaseNote[] = repeats.map((m) => ({ kind: 'possible_repeat', at, text: m.note, data: { trackingNumber: m.requestId, kind: m.kind, score: Math.round(m.score * 100) / 100 } }));
      const request = await applyEvents(repos, id, null, decision.events, cal, { at, today }, { notes, applicantKey });
      await repos.audit.append({
        actor: mode.kind === 'online' ? publicActor(trackingNumber) : mode.actor,
        at,
        entity: 'request',
        entityId: id,
        action: mode.kind === 'online' ? 'submit_online' : 'register',
        change: { trackingNumber, agencyId, channel: record.channel, events: decision.events.map((e) => e.type), repeats: repeats.map((m) => m.requestId) },
      });
      return { request, trackingNumber, queryCode, repeats, warnings: [...decision.warnings] };
    });
  }

  /** The request behind a tracking number and code, or the one error for both a wrong number and a wrong code. */
  async function verifyTracking(repos: Repositories, trackingNumber: unknown, queryCode: unknown): Promise<StoredRequest> {
    const number = normaliseTrackingNumber(trackingNumber);
    const found = number === '' ? undefined : await repos.requests.findByTrackingNumber(number);
    const expected = Buffer.from(found?.queryCodeHash ?? DECOY_HASH, 'hex');
    const given = Buffer.from(hashQueryCode(number, queryCode), 'hex');
    // Compared in constant time, and a decoy is compared when the number is unknown.
    const match = timingSafeEqual(expected, given);
    if (!found || !match) throw new NotFoundError(TRACKING_FAILED);
    return found.request;
  }

  function assertInScope(actor: Actor, stored: StoredRequest): void {
    const path = stored.state.record.agencyPath;
    if (!can(actor.grants, 'request.handle', path) && !can(actor.grants, 'request.approve', path)) {
      throw new ForbiddenError('该申请不在您的工作范围内，您没有办理政府信息公开申请的权限。');
    }
  }

  function staffScopes(actor: Actor, permissions: readonly Permission[]): string[] {
    const roots = [...new Set(permissions.flatMap((p) => scopesFor(actor.grants, p)))].sort();
    return roots.filter((p) => !roots.some((q) => q !== p && p.startsWith(q)));
  }

  /** Whether a refusal was about who may act: the same command by the same user with every role on the agency would fare differently. */
  function refusedForAuthority(state: RequestState, command: RequestCommand, ctx: DecisionContext, reason: string): boolean {
    const path = state.record.agencyPath;
    const agencyId = state.record.agencyId;
    const all: RoleGrant[] = [...ctx.actor.grants, { role: 'officer', agencyId, agencyPath: path }, { role: 'approver', agencyId, agencyPath: path }];
    const again = decide(state, command, { ...ctx, actor: { ...ctx.actor, grants: all } });
    return again.ok || again.reason !== reason;
  }

  /** Turns a staff command into the domain's: the per-piece fee counts the applicant's earlier pieces of the month (109号第四条). */
  async function domainCommandOf(repos: Repositories, stored: StoredRequest, command: StaffRequestCommand): Promise<{ command: RequestCommand; pieces?: number }> {
    if (command.type !== 'send_fee_notice') return { command };
    const fee = command.fee;
    if (fee?.basis !== 'per_piece') return { command: command as RequestCommand };
    const receivedOn = stored.state.receivedOn;
    if (receivedOn === null) return { command: { ...command, fee: { basis: 'per_piece', pieces: fee.pieces ?? 1, piecesEarlierInMonth: 0 } } };
    if (stored.applicantKey === null) {
      throw new ValidationError('申请人未提供身份证明号码，无法按“同一申请人一个自然月内累计申请”的件数按件计收（国办函〔2020〕109号第四条）；可改为按量计收。');
    }
    const pieces = fee.pieces ?? 1;
    // 109号第四条：“同一申请人一个自然月内累计申请……”——按收到申请之日所在的自然月累计。
    const earlier = await repos.requests.piecesInMonth(stored.applicantKey, receivedOn.slice(0, 7), { receivedOn, id: stored.id });
    return { command: { ...command, fee: { basis: 'per_piece', pieces, piecesEarlierInMonth: earlier } }, pieces };
  }

  /**
   * The privacy and confidentiality check on a reply before it goes out (the [privacy] issue: “the same
   * check runs on request replies”): the reply's text may not carry a third party's ID, bank card or
   * mobile number, nor a secret marking. The applicant's own identity number is theirs to receive.
   */
  async function checkReplyPrivacy(repos: Repositories, stored: StoredRequest, command: RequestCommand): Promise<void> {
    if (command.type !== 'draft_reply' && command.type !== 'reply_on_the_spot' && command.type !== 'approve_reply') return;
    if (command.type === 'approve_reply') {
      // The reply text was checked when drafted; the documents may have changed since.
      return checkDocuments(repos, stored);
    }
    const own = stored.state.record.applicant;
    const base = await scanOptionsFor(repos, stored.state.record.agencyPath);
    const allowList = [...base.allowList, own.identity?.number, own.contact.phone, own.contact.email].filter((x): x is string => Boolean(x));
    const texts = [command.summary, ...(command.type === 'draft_reply' ? (command.withheld ?? []).flatMap((w) => [w.description, w.reason]) : [])];
    await checkDocuments(repos, stored);
    const blocking = texts.flatMap((t) => scanText(t, { allowList, sensitiveWords: base.sensitiveWords })).filter((f) => f.severity === 'block');
    if (blocking.length > 0) {
      throw new ValidationError(`答复内容含有不应公开的信息：${blocking.map((f) => f.masked).join('、')}。请删除或改写后再报送（条例第十五条：涉及个人隐私等公开会损害第三方合法权益的，不得公开）。`, { summary: '含有个人信息或涉密标志' });
    }
  }

  async function checkDocuments(repos: Repositories, stored: StoredRequest): Promise<void> {
    for (const doc of await repos.requestDocuments.list(stored.id)) {
      const justified = new Set(doc.decisions.map((d) => d.id));
      const open = doc.findings.filter((f) => f.severity === 'block' && !justified.has(f.id));
      if (open.length > 0) {
        throw new ValidationError(`拟提供的文件“${doc.fileName}”中仍有 ${open.length} 处不应公开的信息（${open.map((f) => f.masked).join('、')}）：请替换为处理后的文件，或逐项说明公开理由。`, { documents: doc.fileName });
      }
    }
  }

  /** Runs one handling command: load → decide → evolve → save → audit, in one transaction. */
  async function run(actor: Actor, requestId: number, command: StaffRequestCommand) {
    if (!isRequestCommandType(command?.type) || command.type === ('submit' as string)) {
      throw new ValidationError(`未知的办理操作“${String(command?.type)}”。`);
    }
    const { at, today } = now();
    const cal = await currentCalendar();
    return deps.uow.transaction(async (repos) => {
      const stored = await repos.requests.find(requestId);
      if (!stored) throw new NotFoundError('找不到该申请');
      assertInScope(actor, stored);
      const { command: domainCommand, pieces } = await domainCommandOf(repos, stored, command);
      await checkReplyPrivacy(repos, stored, domainCommand);
      const ctx: DecisionContext = { today, at, actor: domainActorOf(actor), calendar: cal };
      const decision = decide(stored.state, domainCommand, ctx);
      if (!decision.ok) {
        if (refusedForAuthority(stored.state, domainCommand, ctx, decision.reason)) throw new ForbiddenError(decision.reason);
        throw new ValidationError(decision.reason);
      }
      const request = await applyEvents(repos, requestId, stored, decision.events, cal, { at, today }, pieces !== undefined ? { pieces } : {});
      const { type, ...detail } = domainCommand;
      await repos.audit.append({
        actor,
        at,
        entity: 'request',
        entityId: requestId,
        action: type,
        change: { events: decision.events.map((e) => e.type), status: request.state.status, dueOn: request.dueOn, ...(Object.keys(detail).length > 0 && { detail }) },
      });
      return { request, warnings: [...decision.warnings] };
    });
  }

  async function appealInput(repos: Repositories, actor: Actor, raw: unknown, today: string) {
    const input = parse(appealSchema, raw);
    let agencyId = input.agencyId;
    if (input.requestId !== null) {
      const request = await repos.requests.find(input.requestId);
      if (!request) throw new ValidationError('关联的申请不存在', { requestId: '关联的申请不存在' });
      if (agencyId !== undefined && agencyId !== request.agencyId) throw new ValidationError('被申请（被告）机关应为作出答复的机关', { agencyId: '与关联申请的受理机关不一致' });
      agencyId = request.agencyId;
    }
    if (agencyId === undefined) throw new ValidationError('请选择被申请（被告）机关', { agencyId: '请选择被申请（被告）机关' });
    const agency = await repos.agencies.findById(agencyId);
    if (!agency) throw new ValidationError('机关不存在', { agencyId: '机关不存在' });
    requirePermission(actor, 'request.handle', agency);
    if (input.filedOn > today) throw new ValidationError('申请复议或起诉日期晚于今天', { filedOn: '不能晚于今天' });
    if (input.result === 'pending' && input.closedOn !== null) throw new ValidationError('尚未审结的案件不应填写审结日期', { closedOn: '尚未审结的案件不填审结日期' });
    if (input.result !== 'pending' && input.closedOn === null) throw new ValidationError('已审结的案件请填写审结日期', { closedOn: '请填写审结日期' });
    if (input.closedOn !== null && (input.closedOn < input.filedOn || input.closedOn > today)) {
      throw new ValidationError('审结日期应在申请复议或起诉日期之后、今天之前', { closedOn: '审结日期无效' });
    }
    return { requestId: input.requestId, agencyId, kind: input.kind, filedOn: input.filedOn, body: input.body, result: input.result, closedOn: input.closedOn, note: input.note };
  }

  const service = {
    /** Public: the applicant submits on the portal; returns the tracking number and the query code, which is shown once and never stored. */
    async submitOnline(raw: unknown, options: { submissionKey?: string } = {}): Promise<OnlineSubmission> {
      const input = parse(onlineRequestSchema(now().today), raw);
      const key = options.submissionKey;
      // The same form posted again (a reload, a double click, two racing posts) gets the first request's receipt;
      // the token with another application (a restored form edited) gets neither that receipt nor a new request.
      const earlier = async () => {
        const found = key ? await deps.uow.read.requests.findBySubmissionKey(hashSubmissionKey(key)) : undefined;
        if (!found) return undefined;
        if (!sameApplication(found.state.record, input)) throw new ConflictError(ONLINE_FORM_REUSED);
        return submissionOf(found, key!, true);
      };
      const repeated = await earlier();
      if (repeated) return repeated;
      let created;
      try {
        created = await create({ kind: 'online', ...(key && { submissionKey: key }) }, input.agencyId, (id, agencyPath) => recordFrom(input, id, agencyPath, 'online', {}));
      } catch (e) {
        const raced = e instanceof DuplicateKeyError ? await earlier() : undefined;
        if (raced) return raced;
        throw e;
      }
      // Repeat flags and the case stay with the office: anyone can type someone else's ID number.
      return {
        id: created.request.id,
        trackingNumber: created.trackingNumber,
        queryCode: created.queryCode,
        status: created.request.state.status,
        statusLabel: REQUEST_STATUS_LABELS[created.request.state.status],
        submittedOn: created.request.state.submittedOn,
        warnings: created.warnings,
        repeated: false,
      };
    },

    /**
     * The receipt of an online application by its form token, for the confirmation page after the
     * redirect; nothing once the application is an hour old (the code is then only the applicant's).
     */
    async submissionReceipt(submissionKey: string): Promise<OnlineSubmission | undefined> {
      if (!submissionKey) return undefined;
      const found = await deps.uow.read.requests.findBySubmissionKey(hashSubmissionKey(submissionKey));
      if (!found || deps.clock.now().getTime() - Date.parse(found.createdAt) > RECEIPT_MAX_AGE_MS) return undefined;
      return submissionOf(found, submissionKey, true);
    },

    /** The office registers a letter, fax, in-person or oral request; the receipt date follows the channel (条例第三十一条). */
    async register(actor: Actor, raw: unknown, options: { submissionKey?: string } = {}) {
      const input = parse(registerRequestSchema(now().today), raw);
      const key = options.submissionKey;
      // The registration form posted twice (a double click) gives the first registration's receipt again;
      // the same form with another letter typed over it is refused.
      const earlier = async () => {
        const found = key ? await deps.uow.read.requests.findBySubmissionKey(hashSubmissionKey(key)) : undefined;
        if (!found) return undefined;
        requirePermission(actor, 'request.handle', { path: found.state.record.agencyPath });
        if (!sameApplication(found.state.record, input)) throw new ConflictError(REGISTER_FORM_REUSED);
        return { request: found, trackingNumber: found.trackingNumber, queryCode: queryCodeOfSubmission(key!), repeats: [] as RepeatMatch[], warnings: [] as string[], repeated: true };
      };
      const repeated = await earlier();
      if (repeated) return repeated;
      try {
        const created = await create({ kind: 'register', actor, ...(key && { submissionKey: key }) }, input.agencyId, (id, agencyPath) => recordFrom(input, id, agencyPath, input.channel, input.submission));
        return { ...created, repeated: false };
      } catch (e) {
        const raced = e instanceof DuplicateKeyError ? await earlier() : undefined;
        if (raced) return raced;
        throw e;
      }
    },

    /** Runs any handling command of the domain (confirm, review, clarification, consultation, fee, extension, reply, delivery, archive, withdrawal). */
    command: run,

    /** A request for staff, with its events, deadline explanation and the notices queued for the applicant. */
    async get(actor: Actor, requestId: number) {
      const repos = deps.uow.read;
      const request = await repos.requests.find(requestId);
      if (!request) throw new NotFoundError('找不到该申请');
      assertInScope(actor, request);
      const { today } = now();
      const deadline: RequestDeadline | null = isOpen(request.state.status) ? deadlineOf(request.state, await currentCalendar(), today) : null;
      return { request, events: await repos.requests.events(requestId), messages: await repos.outbox.forRequest(requestId), deadline };
    },

    /** Staff: adds a document to release with the reply; its text is scanned for personal data and secret markings. */
    async addDocument(actor: Actor, requestId: number, upload: { name: string; bytes: Uint8Array }): Promise<RequestDocument> {
      if (!deps.files || !deps.extractText) throw new ServiceError('未配置附件存储，不能添加文件', 409);
      const { at } = now();
      // Read first (off the main thread, under limits): a likely zip bomb is refused with nothing stored.
      const reading = await deps.extractText(upload.bytes).catch((e: unknown) => ({ status: 'unreadable' as const, kind: 'unknown', text: '', note: `文件无法读取（${e instanceof Error ? e.message : String(e)}）` }));
      if (reading.status === 'refused') throw new ValidationError(`文件“${upload.name}”：${reading.note}`, { file: reading.note });
      let stored;
      try {
        stored = await deps.files.put(upload.bytes);
      } catch (e) {
        throw new ValidationError(`文件“${upload.name}”：${e instanceof Error ? e.message : String(e)}`, { file: String(e) });
      }
      const text = reading.text;
      return deps.uow.transaction(async (repos) => {
        const request = await repos.requests.find(requestId);
        if (!request) throw new NotFoundError('找不到该申请');
        assertInScope(actor, request);
        requirePermission(actor, 'request.handle', { path: request.state.record.agencyPath });
        if (!DOCUMENT_EDITABLE.includes(request.state.status)) throw new ValidationError(`申请当前为“${REQUEST_STATUS_LABELS[request.state.status]}”，不能再添加拟提供的文件`);
        const own = request.state.record.applicant;
        const base = await scanOptionsFor(repos, request.state.record.agencyPath);
        const allowList = [...base.allowList, own.identity?.number, own.contact.phone, own.contact.email].filter((x): x is string => Boolean(x));
        // A file not (fully) read gets a blocking “未能自动检测” finding: it is released only once checked by eye.
        const unread = reading.status === 'read' ? [] : [unreadableFinding(reading.note ?? '文件的文字未能读取')];
        const findings = [...unread, ...scanText(text, { allowList, sensitiveWords: base.sensitiveWords })].map((f) => ({
          id: `${f.kind}@${f.start}-${f.end}`,
          kind: f.kind,
          text: f.text,
          // Nothing to mask in an unread file: the list shows why it needs a check by eye.
          masked: f.kind === 'unreadable' ? `未能自动检测（${reading.note ?? '文字未能读取'}）` : f.masked,
          severity: f.severity,
          start: f.start,
          end: f.end,
        }));
        const doc = await repos.requestDocuments.add({ requestId, fileId: stored.sha256, fileName: upload.name.slice(0, 200) || '文件', mediaType: stored.mediaType, sizeBytes: stored.size, findings, decisions: [], addedAt: at, addedBy: actor.label });
        await repos.audit.append({ actor, at, entity: 'request', entityId: requestId, action: 'add_document', change: { document: doc.fileName, sha256: doc.fileId, findings: findings.map((f) => ({ kind: f.kind, masked: f.masked, severity: f.severity })) } });
        return doc;
      });
    },

    /** Staff: records why a finding in a document is released anyway (条例第十五条：第三方同意 etc.). */
    async justifyDocumentFinding(actor: Actor, requestId: number, documentId: number, findingId: string, reason: string): Promise<void> {
      const { at } = now();
      if (reason.trim().length < 2) throw new ValidationError('请写明公开理由（如：第三方书面同意公开）', { reason: '请写明理由' });
      let checkedByEye = false;
      await deps.uow.transaction(async (repos) => {
        const request = await repos.requests.find(requestId);
        if (!request) throw new NotFoundError('找不到该申请');
        assertInScope(actor, request);
        requirePermission(actor, 'request.handle', { path: request.state.record.agencyPath });
        const doc = (await repos.requestDocuments.list(requestId)).find((d) => d.id === documentId);
        const finding = doc?.findings.find((f) => f.id === findingId);
        if (!doc || !finding) throw new NotFoundError('该文件或检测发现不存在');
        if (finding.kind === 'secret_marking') throw new ValidationError('含密级标志的文件不得提供：请确认已解密并替换为不带密级标志的文件');
        if (finding.kind === 'unreadable') {
          if (reason.trim().length < 4) throw new ValidationError('请写明人工核对的情况（如：已逐页核对扫描件，未见身份证号、手机号等个人信息，无密级标志）', { reason: '请写明核对情况' });
          checkedByEye = true;
        }
        await repos.requestDocuments.saveDecisions(doc.id, [...doc.decisions.filter((d) => d.id !== findingId), { id: findingId, reason: reason.trim(), by: actor.label, at }]);
        await repos.audit.append({
          actor,
          at,
          entity: 'request',
          entityId: requestId,
          action: checkedByEye ? 'document_checked_by_eye' : 'justify_document_finding',
          change: { document: doc.fileName, finding: checkedByEye ? '未能自动检测' : finding.masked, reason: reason.trim() },
        });
      });
    },

    /** Staff: removes a document that is not to be released. */
    async removeDocument(actor: Actor, requestId: number, documentId: number): Promise<void> {
      const { at } = now();
      const orphan = await deps.uow.transaction(async (repos) => {
        const request = await repos.requests.find(requestId);
        if (!request) throw new NotFoundError('找不到该申请');
        assertInScope(actor, request);
        requirePermission(actor, 'request.handle', { path: request.state.record.agencyPath });
        if (!DOCUMENT_EDITABLE.includes(request.state.status)) throw new ValidationError('答复作出后不能再删除文件');
        const doc = (await repos.requestDocuments.list(requestId)).find((d) => d.id === documentId);
        if (!doc) throw new NotFoundError('该文件不存在');
        await repos.requestDocuments.remove(documentId);
        // The file goes too once nothing else (another request, an item version) refers to it.
        const orphan = !(await repos.items.isFileReferenced(doc.fileId));
        if (orphan) await repos.items.removeAttachmentText(doc.fileId);
        await repos.audit.append({ actor, at, entity: 'request', entityId: requestId, action: 'remove_document', change: { document: doc.fileName, sha256: doc.fileId, deleted: orphan } });
        return orphan ? doc.fileId : undefined;
      });
      if (orphan && deps.files) await deps.files.remove(orphan).catch(() => undefined);
    },

    /** Staff: the documents of a request. */
    async documents(actor: Actor, requestId: number): Promise<RequestDocument[]> {
      const request = await deps.uow.read.requests.find(requestId);
      if (!request) throw new NotFoundError('找不到该申请');
      assertInScope(actor, request);
      return deps.uow.read.requestDocuments.list(requestId);
    },

    /** Public: the documents released to the applicant (after a reply that discloses), for download. */
    async documentsForApplicant(trackingNumber: string, queryCode: string): Promise<RequestDocument[]> {
      const r = await verifyTracking(deps.uow.read, trackingNumber, queryCode);
      if (!r.state.reply || !RELEASING_OUTCOMES.includes(r.state.outcome ?? '')) return [];
      return deps.uow.read.requestDocuments.list(r.id);
    },

    /** Public: one released document's bytes. */
    async documentForApplicant(trackingNumber: string, queryCode: string, documentId: number): Promise<{ doc: RequestDocument; bytes: Uint8Array }> {
      const docs = await this.documentsForApplicant(trackingNumber, queryCode);
      const doc = docs.find((d) => d.id === documentId);
      if (!doc || !deps.files) throw new NotFoundError('该文件不存在或尚未提供');
      return { doc, bytes: await deps.files.get(doc.fileId) };
    },

    /** Staff: a letter issued on a request, in full, for printing or DOCX. */
    async letter(actor: Actor, requestId: number, kind: string): Promise<Letter> {
      const repos = deps.uow.read;
      const request = await repos.requests.find(requestId);
      if (!request) throw new NotFoundError('找不到该申请');
      assertInScope(actor, request);
      const templates = await letterTemplateLookupFor(repos, request.state.record.agencyPath);
      const letter = staffLetters(request.state, await remedyBodiesOf(repos, request.agencyId), templates, now().today).find((l) => l.kind === kind);
      if (!letter) throw new NotFoundError('该申请尚未出具这份文书');
      return letter;
    },

    /** Public: a letter issued to the applicant, with the tracking number and query code as the key. */
    async letterForApplicant(trackingNumber: string, queryCode: string, kind: string): Promise<Letter> {
      const repos = deps.uow.read;
      const r = await verifyTracking(repos, trackingNumber, queryCode);
      const templates = await letterTemplateLookupFor(repos, r.state.record.agencyPath);
      const letter = fullLettersIssued(r.state, await remedyBodiesOf(repos, r.agencyId), templates).find((l) => l.kind === kind);
      if (!letter) throw new NotFoundError('该文书尚未出具');
      return letter;
    },

    /** Public: the applicant's tracking page; a wrong code and an unknown number get the same answer. */
    async track(trackingNumber: string, queryCode: string): Promise<TrackingView> {
      const repos = deps.uow.read;
      const r = await verifyTracking(repos, trackingNumber, queryCode);
      const s = r.state;
      const agencyName = (await repos.agencies.findById(r.agencyId))?.name ?? '';
      const c = s.clarification;
      return {
        trackingNumber: r.trackingNumber,
        agencyName,
        status: s.status,
        statusLabel: REQUEST_STATUS_LABELS[s.status],
        submittedOn: s.submittedOn,
        receivedOn: s.receivedOn,
        dueOn: r.dueOn,
        provisional: r.provisional,
        outcome: s.outcome,
        outcomeLabel: s.outcome ? outcomeLabelZh(s.outcome) : null,
        clarification: s.status === 'awaiting_clarification' && c ? { points: c.points, deadlineOn: c.deadlineOn } : null,
        fee: s.fee ? { amount: s.fee.assessment.amount, paymentDueOn: s.fee.paymentDueOn, paid: s.fee.paidOn !== null, waived: s.fee.waivedOn !== null } : null,
        letters: fullLettersIssued(s, { agencyName, reviewBodyName: '', courtName: '' }, await letterTemplateLookupFor(repos, s.record.agencyPath)).map((l) => ({ kind: l.kind, title: l.title, dateOn: l.dateOn })),
      };
    },

    /** Public: the applicant submits the clarification (补正) from the tracking page; it counts as received today (条例第三十条). */
    async clarifyOnline(trackingNumber: string, queryCode: string, text: string, options: { justification?: string } = {}) {
      const body = typeof text === 'string' ? text.trim() : '';
      if (body === '') throw new ValidationError('请填写补正内容', { text: '请填写补正内容' });
      if (body.length > 5000) throw new ValidationError('补正内容不超过 5000 个字', { text: '补正内容过长' });
      const { at, today } = now();
      const cal = await currentCalendar();
      return deps.uow.transaction(async (repos) => {
        const stored = await verifyTracking(repos, trackingNumber, queryCode);
        const s = stored.state;
        // The domain lets only the office record a clarification received; the portal records it on the
        // office's behalf, under the applicant's id, the day it arrives.
        const ctx: DecisionContext = {
          today,
          at,
          actor: { userId: applicantActorId(stored.trackingNumber), grants: [{ role: 'officer', agencyId: s.record.agencyId, agencyPath: s.record.agencyPath }] },
          calendar: cal,
        };
        const justification = options.justification?.trim();
        const decision = decide(s, { type: 'receive_clarification', receivedOn: today, ...(justification && { justification }) }, ctx);
        if (!decision.ok) throw new ValidationError(decision.reason);
        const note: CaseNote = { kind: 'applicant_clarification', at, text: body, ...(justification && { data: { justification } }) };
        const request = await applyEvents(repos, stored.id, stored, decision.events, cal, { at, today }, { notes: [note] });
        await repos.audit.append({
          actor: publicActor(stored.trackingNumber),
          at,
          entity: 'request',
          entityId: stored.id,
          action: 'clarify_online',
          change: { events: decision.events.map((e) => e.type), dueOn: request.dueOn, length: body.length },
        });
        return { status: request.state.status, dueOn: request.dueOn, provisional: request.provisional, warnings: [...decision.warnings] };
      });
    },

    /** The staff queue: requests in the actor's agencies, by status and stored due date (soonest first). */
    async listForStaff(actor: Actor, filter: { status?: string; dueWithin?: DueWithin; agencyId?: number; limit?: number; offset?: number } = {}) {
      requireAnyPermission(actor, ['request.handle', 'request.approve']);
      const within = staffScopes(actor, ['request.handle', 'request.approve']);
      if (filter.status !== undefined && !isRequestStatus(filter.status)) throw new ValidationError(`办理状态“${filter.status}”无效`);
      if (filter.dueWithin !== undefined && !(DUE_WITHIN as readonly string[]).includes(filter.dueWithin)) throw new ValidationError(`期限筛选“${String(filter.dueWithin)}”无效`);
      let statuses: readonly string[] = filter.status ? [filter.status] : OPEN_REQUEST_STATUSES;
      const { today } = now();
      const range: { dueFrom?: string; dueTo?: string } = {};
      if (filter.dueWithin) {
        // Only while the clock runs: paused or waiting requests have no due date to chase yet.
        statuses = statuses.filter((s) => CLOCK_RUNNING.includes(s as RequestStatus));
        if (filter.dueWithin === 'overdue') range.dueTo = shiftDate(today, -1);
        else if (filter.dueWithin === 'soon') Object.assign(range, { dueFrom: today, dueTo: addWorkdays(await currentCalendar(), today, SOON_WORKDAYS) });
        else Object.assign(range, { dueFrom: today, dueTo: shiftDate(today, WEEK_DAYS) });
      }
      return deps.uow.read.requests.list({
        within,
        statuses,
        ...range,
        ...(filter.agencyId !== undefined && { agencyId: filter.agencyId }),
        ...(filter.limit !== undefined && { limit: filter.limit }),
        ...(filter.offset !== undefined && { offset: filter.offset }),
      });
    },

    /** The daily job: closes requests whose clarification or payment deadline has passed (视为放弃申请), audited as the system. */
    async closeAbandoned(at: Date = deps.clock.now()) {
      const today = chinaDateOf(at);
      const context = { today, at: at.toISOString(), calendar: await currentCalendar() };
      const closed: Array<{ id: number; trackingNumber: string; reason: string }> = [];
      for (const id of await deps.uow.read.requests.idsInStatuses(MAY_BE_ABANDONED)) {
        const done = await retryOnConflict(() => deps.uow.transaction(async (repos) => {
          const stored = await repos.requests.find(id);
          if (!stored) return null;
          const [found] = findAbandonments([stored.state], context);
          if (!found) return null;
          const request = await applyEvents(repos, id, stored, [found.event], context.calendar, context);
          await repos.audit.append({
            actor: SYSTEM_ACTOR,
            at: context.at,
            entity: 'request',
            entityId: id,
            action: 'abandon',
            change: { events: ['Abandoned'], reason: found.event.reason, deadlineOn: found.event.deadlineOn, outcome: found.event.outcome },
          });
          return { id, trackingNumber: request.trackingNumber, reason: found.event.reason };
        }));
        if (done) closed.push(done);
      }
      return closed;
    },

    /**
     * Recomputes the stored due date of every open request whose count touches a changed calendar
     * year; each change is noted on the case and audited. The domain has no event for this, so the
     * note lives in the row's notes and the audit log, not in the event stream.
     */
    async recomputeDeadlines(years: readonly number[]) {
      if (years.length === 0) return [];
      const { at, today } = now();
      const cal = await currentCalendar();
      // A late-December day is provisional until the next year's notice (holiday-calendar.ts), hence from December of the year before.
      const from = `${Math.min(...years) - 1}-12-01`;
      const to = `${Math.max(...years)}-12-31`;
      const touches = (receivedOn: string, dueOn: string | null) => years.some((y) => receivedOn <= `${y}-12-31` && (dueOn === null || dueOn >= `${y - 1}-12-01`));
      const changed: Array<{ id: number; trackingNumber: string; before: string | null; after: string | null; provisional: boolean }> = [];
      for (const id of await deps.uow.read.requests.openSpanning(from, to, OPEN_REQUEST_STATUSES)) {
        const done = await retryOnConflict(() => deps.uow.transaction(async (repos) => {
          const stored = await repos.requests.find(id);
          if (!stored || !isOpen(stored.state.status) || stored.state.receivedOn === null) return null;
          if (!touches(stored.state.receivedOn, stored.dueOn)) return null;
          const d = deadlineOf(stored.state, cal, today);
          const after = d?.due ?? null;
          const provisional = d?.provisional ?? false;
          if (after === stored.dueOn && provisional === stored.provisional) return null;
          const mark = (p: boolean) => (p ? '（暂定）' : '');
          const text =
            after === stored.dueOn
              ? `${years.join('、')}年节假日安排已更新：答复期限 ${after} 不变，已由暂定转为确定。`
              : `${years.join('、')}年节假日安排已更新：答复期限由 ${stored.dueOn}${mark(stored.provisional)} 调整为 ${after}${mark(provisional)}。`;
          const note: CaseNote = { kind: 'deadline_recomputed', at, text, data: { years, before: stored.dueOn, after, provisionalBefore: stored.provisional, provisional } };
          const ok = await repos.requests.save(
            { id, state: stored.state, dueOn: after, provisional, applicantKey: stored.applicantKey, pieces: stored.pieces, notes: [...stored.notes, note], updatedAt: at },
            stored.state.version,
          );
          if (!ok) throw new ConflictError('申请在重算期限时被修改，请重试。');
          await repos.audit.append({
            actor: SYSTEM_ACTOR,
            at,
            entity: 'request',
            entityId: id,
            action: 'recompute_deadline',
            change: { years, before: stored.dueOn, after, provisionalBefore: stored.provisional, provisional },
          });
          return { id, trackingNumber: stored.trackingNumber, before: stored.dueOn, after, provisional };
        }));
        if (done) changed.push(done);
      }
      return changed;
    },

    /**
     * The daily refresh of paused cases (征求意见、待缴费): while a pause lasts the due date moves on day by
     * day (条例第三十三条第三款：征求意见“所需时间不计算在前款规定的期限内”；收费通知至缴费之日暂停), so the
     * stored date the queues sort by is recomputed; each change is audited as the system.
     */
    async refreshPausedDeadlines(at: Date = deps.clock.now()) {
      const today = chinaDateOf(at);
      const iso = at.toISOString();
      const cal = await currentCalendar();
      const changed: Array<{ id: number; trackingNumber: string; before: string | null; after: string | null }> = [];
      for (const id of await deps.uow.read.requests.idsInStatuses(PAUSED)) {
        const done = await retryOnConflict(() => deps.uow.transaction(async (repos) => {
          const stored = await repos.requests.find(id);
          if (!stored || !PAUSED.includes(stored.state.status)) return null;
          const { dueOn, provisional } = deadlineColumns(stored.state, stored, cal, today);
          if (dueOn === stored.dueOn && provisional === stored.provisional) return null;
          const ok = await repos.requests.save(
            { id, state: stored.state, dueOn, provisional, applicantKey: stored.applicantKey, pieces: stored.pieces, notes: stored.notes, updatedAt: iso },
            stored.state.version,
          );
          if (!ok) throw new ConflictError('申请在刷新期限时被修改，请重试。');
          await repos.audit.append({ actor: SYSTEM_ACTOR, at: iso, entity: 'request', entityId: id, action: 'refresh_deadline', change: { status: stored.state.status, before: stored.dueOn, after: dueOn, asOf: today } });
          return { id, trackingNumber: stored.trackingNumber, before: stored.dueOn, after: dueOn };
        }));
        if (done) changed.push(done);
      }
      return changed;
    },

    /**
     * Staff: the fee a notice would charge, with its tier breakdown, without sending it. Per piece the
     * applicant's earlier pieces of the calendar month are counted (109号第四条); per page the pages
     * (第五条); never both (第三条).
     */
    async previewFee(actor: Actor, requestId: number, raw: unknown): Promise<FeeAssessment> {
      const fee = parseFeeRequest(raw);
      const stored = await deps.uow.read.requests.find(requestId);
      if (!stored) throw new NotFoundError('找不到该申请');
      assertInScope(actor, stored);
      requirePermission(actor, 'request.handle', { path: stored.state.record.agencyPath });
      const { command } = await domainCommandOf(deps.uow.read, stored, { type: 'send_fee_notice', fee });
      try {
        return assessInformationProcessingFee((command as Extract<RequestCommand, { type: 'send_fee_notice' }>).fee);
      } catch (e) {
        if (e instanceof FeeInputError) throw new ValidationError(e.message, { fee: e.message });
        throw e;
      }
    },

    /**
     * Staff: records the delivery of the reply (送达); with a returned 送达回证, who signed it and its scan
     * are kept as the proof (the scan in the file store).
     */
    async recordDelivery(actor: Actor, requestId: number, raw: { method?: unknown; deliveredOn?: unknown; proof?: unknown; signedBy?: unknown }, scan?: { name: string; bytes: Uint8Array }) {
      const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
      const signedBy = text(raw.signedBy);
      let stored: { fileId: string; fileName: string } | undefined;
      if (scan && scan.bytes.length > 0) {
        if (!deps.files) throw new ServiceError('未配置附件存储，不能保存送达回证扫描件', 409);
        try {
          const put = await deps.files.put(scan.bytes);
          if (!['pdf', 'png', 'jpeg'].includes(put.type)) throw new Error('送达回证扫描件只收 PDF、PNG 或 JPEG 文件');
          stored = { fileId: put.sha256, fileName: scan.name.slice(0, 200) || '送达回证' };
        } catch (e) {
          throw new ValidationError(`送达回证扫描件“${scan.name}”：${e instanceof Error ? e.message : String(e)}`, { scan: String(e) });
        }
      }
      const receipt = signedBy !== '' || stored !== undefined;
      const proof = text(raw.proof) || (receipt ? `送达回证已寄回${signedBy ? `，签收人：${signedBy}` : ''}` : '');
      return run(actor, requestId, {
        type: 'deliver',
        method: text(raw.method) as never,
        ...(text(raw.deliveredOn) && { deliveredOn: text(raw.deliveredOn) }),
        proof,
        ...(signedBy !== '' && { signedBy }),
        ...(stored && { scan: stored }),
      });
    },

    /** Staff: the scan of the returned 送达回证. */
    async deliveryScan(actor: Actor, requestId: number): Promise<{ fileName: string; bytes: Uint8Array }> {
      const stored = await deps.uow.read.requests.find(requestId);
      if (!stored) throw new NotFoundError('找不到该申请');
      assertInScope(actor, stored);
      const scan = stored.state.delivery?.scan;
      if (!scan || !deps.files) throw new NotFoundError('没有送达回证扫描件');
      return { fileName: scan.fileName, bytes: await deps.files.get(scan.fileId) };
    },

    /** Records a reconsideration or lawsuit about disclosure (行政复议、行政诉讼). */
    async recordAppeal(actor: Actor, raw: unknown): Promise<Appeal> {
      const { at, today } = now();
      return deps.uow.transaction(async (repos) => {
        const input = await appealInput(repos, actor, raw, today);
        const appeal = await repos.appeals.insert(input, at);
        await repos.audit.append({ actor, at, entity: 'appeal', entityId: appeal.id, action: 'create', change: input });
        return appeal;
      });
    },

    /** Updates a case of the register (typically its result and closing date). */
    async updateAppeal(actor: Actor, id: number, raw: unknown): Promise<Appeal> {
      const { at, today } = now();
      return deps.uow.transaction(async (repos) => {
        const before = await repos.appeals.find(id);
        if (!before) throw new NotFoundError('找不到该复议或诉讼案件');
        requirePermission(actor, 'request.handle', { path: before.agencyPath });
        const input = await appealInput(repos, actor, raw, today);
        const appeal = await repos.appeals.update(id, input, at);
        const { id: _i, agencyPath: _p, createdAt: _c, updatedAt: _u, ...was } = before;
        await repos.audit.append({ actor, at, entity: 'appeal', entityId: id, action: 'update', change: { before: was, after: input } });
        return appeal;
      });
    },

    /** The register for a year (filed or closed in it) in the actor's agencies. */
    async listAppeals(actor: Actor, filter: { year?: number } = {}): Promise<Appeal[]> {
      const permissions: Permission[] = ['request.handle', 'request.approve', 'report.compile'];
      requireAnyPermission(actor, permissions);
      return deps.uow.read.appeals.list({ within: staffScopes(actor, permissions), ...(filter.year !== undefined && { year: filter.year }) });
    },

    /** Groups of requests by several applicants for the same information at one agency (条例第四十四条), received in the last year by default. */
    async proactiveSuggestions(actor: Actor, options: { sinceOn?: string } = {}) {
      requireAnyPermission(actor, ['request.handle', 'request.approve']);
      const within = staffScopes(actor, ['request.handle', 'request.approve']);
      const sinceOn = options.sinceOn ?? shiftDate(now().today, -365);
      const { items } = await deps.uow.read.requests.list({ within, receivedFrom: sinceOn, limit: 10_000 });
      const byAgency = new Map<number, StoredRequest[]>();
      for (const r of items) byAgency.set(r.agencyId, [...(byAgency.get(r.agencyId) ?? []), r]);
      const out = [];
      for (const [agencyId, requests] of byAgency) {
        const byNumber = new Map(requests.map((r) => [r.trackingNumber, r.id]));
        for (const s of suggestProactiveDisclosure(requests.map((r) => similarityItem(r)))) {
          out.push({ agencyId, ...s, trackingNumbers: s.requestIds, requestIds: s.requestIds.map((n) => byNumber.get(n)!) });
        }
      }
      return out.sort((a, b) => b.applicantCount - a.applicantCount);
    },
  };
  return service;
}

export type RequestService = ReturnType<typeof createRequestService>;
