/**
 * Deliveries on the channels (条例第二十四条“政务新媒体”，第二十五条“信息公告栏”): queuing on publication
 * (in the publishing transaction), the delivery log, staff retry and cancel, counts per channel and
 * period for the annual report, the weekly 一周一更新 check, the notice-board sheet and its printing,
 * opt-outs, and each agency's channel accounts, whose secrets are stored but never returned.
 * Sending is the outbox worker's job (src/jobs); notices to applicants are queued by the outbox.
 */
import { z } from 'zod';
import { can, scopesFor, type Permission } from '../domain/access/roles.ts';
import type { Agency } from '../domain/organisations/agency.ts';
import { publicContentOf, type ItemState, type SourcedDecision, type SourcedFinding } from '../domain/publishing/index.ts';
import { maskContact, maskContactsIn } from '../domain/privacy/masking.ts';
import { DELIVERY_CHANNEL_WORDING } from '../domain/reports/delivery-channels.ts';
import { chinaDateOf, shiftDate } from './china-time.ts';
import { resolveChannelAccount } from './channel-accounts.ts';
import { enqueueSubscriberDeliveries } from './manage-subscriptions.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, validationErrorFrom } from './errors.ts';
import type {
  Actor,
  ChannelAccount,
  Clock,
  DeliveryLogEvent,
  OutboxChannel,
  QueuedDelivery,
  QueuedDeliveryStatus,
  Repositories,
  UnitOfWork,
} from './ports.ts';

/** The channels the outbox sends on, in the report's order. */
export const OUTBOX_CHANNELS: readonly OutboxChannel[] = ['wechat', 'weibo', 'sms', 'email', 'notice_board'];

export const QUEUED_DELIVERY_STATUS_LABELS: Readonly<Record<QueuedDeliveryStatus, string>> = {
  queued: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败',
  cancelled: '已取消',
  manual: '待人工发布',
  uncertain: '结果不明',
};

export function isOutboxChannel(value: unknown): value is OutboxChannel {
  return typeof value === 'string' && (OUTBOX_CHANNELS as readonly string[]).includes(value);
}

/**
 * Subject categories whose items reach villagers by SMS unless an agency chooses otherwise: money
 * paid to people, land, safety and relief (the seed town's 惠民政策短信).
 */
const SMS_CATEGORIES = new Set([
  'finance_audit',
  'land_energy',
  'agriculture_forestry_water',
  'market_safety_regulation',
  'urban_rural_environment',
  'health_sport',
  'labour_personnel_supervision',
  'civil_affairs_poverty_relief',
]);

/** The channels a published item of a category goes out on by default (an account's `categories` overrides it). */
export function defaultChannelsForCategory(categoryCode: string): OutboxChannel[] {
  const out: OutboxChannel[] = ['wechat', 'weibo'];
  if (SMS_CATEGORIES.has(categoryCode)) out.push('sms');
  out.push('email');
  return out;
}

/** How an account is named when its settings give no name. */
export const CHANNEL_NAMES: Readonly<Record<OutboxChannel, string>> = { wechat: '微信公众号', weibo: '政务微博', sms: '短信', email: '电子邮件', notice_board: '信息公开栏' };

/** The portal path of an item; channels turn it into a full link with GONGKAI_PUBLIC_URL. */
export const itemPathOf = (itemId: number | string): string => `/xxgk/items/${itemId}`;

const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : []);

/**
 * Queues the deliveries of a newly published item version, inside the publishing transaction:
 * on each enabled channel whose categories (default per category) include the item's, to the
 * account itself (WeChat, Weibo) or to its subscribers (SMS, email). Uses the public (masked) text.
 */
export async function enqueueItemDeliveries(repos: Repositories, state: ItemState, at: string): Promise<number> {
  const review = await repos.items.review(Number(state.id), state.version);
  const pub = publicContentOf(state, (review?.findings ?? []) as SourcedFinding[], (review?.decisions ?? []) as SourcedDecision[]);
  const agency = await repos.agencies.findById(state.agencyId);
  const payload = {
    title: pub.title,
    summary: pub.summary,
    agencyName: agency?.name ?? '',
    publishedOn: state.publishedOn,
    indexNumber: state.indexNumber,
    documentNumber: state.documentNumber,
    categoryCode: state.categoryCode,
    itemPath: itemPathOf(state.id),
  };
  let queued = 0;
  const staffListed = new Set<string>();
  for (const channel of OUTBOX_CHANNELS) {
    if (channel === 'notice_board') continue; // printed weekly as a sheet, logged when printed
    const account = await resolveChannelAccount(repos, state.agencyId, channel);
    if (!account?.enabled) continue;
    const categories = stringList(account.config.categories);
    const wanted = categories.length ? categories.includes(state.categoryCode) : defaultChannelsForCategory(state.categoryCode).includes(channel);
    if (!wanted) continue;
    const recipients = channel === 'sms' || channel === 'email' ? stringList(account.config.subscribers) : [String(account.config.accountName ?? '') || CHANNEL_NAMES[channel]];
    if (channel === 'email') for (const r of recipients) staffListed.add(r);
    for (const recipient of recipients) {
      const id = await repos.deliveryQueue.enqueue({
        agencyId: state.agencyId,
        channel,
        itemId: Number(state.id),
        recipient,
        template: 'item_published',
        payload,
        idempotencyKey: `item:${state.id}:v${state.version}:${channel}:${recipient}`,
        at,
      });
      if (id !== null) queued += 1;
    }
  }
  // Citizens' own email subscriptions (double opt-in, manage-subscriptions.ts): one message each, with an unsubscribe link.
  queued += await enqueueSubscriberDeliveries(repos, state, payload, at, staffListed);
  return queued;
}

// ---- channel settings ------------------------------------------------------------------------

const categoriesField = z.array(z.string().min(1, '主题分类不能为空'), { error: '主题分类格式不正确' }).max(100, '主题分类最多 100 项').optional();
const phoneList = z.array(z.string().regex(/^\+?\d{5,20}$/, '手机号格式不正确'), { error: '订阅手机号格式不正确' }).max(10_000, '订阅号码最多 10000 个').optional();
const emailList = z.array(z.string().email('邮箱格式不正确'), { error: '订阅邮箱格式不正确' }).max(10_000, '订阅邮箱最多 10000 个').optional();
const url = z.string({ error: '须为完整网址' }).url('须为完整网址，如 https://example.gov.cn/api');
const optionalText = (max: number) => z.string({ error: '须为文字' }).max(max, `不超过 ${max} 个字符`).optional();
const wholeNumber = (min: number, max: number, what: string) =>
  z.number({ error: `${what}须为整数` }).int(`${what}须为整数`).min(min, `${what}须在 ${min}–${max} 之间`).max(max, `${what}须在 ${min}–${max} 之间`);
const flag = z.boolean({ error: '须为“是”或“否”' });

const CONFIG_SCHEMAS: Record<OutboxChannel, { config: z.ZodType<Record<string, unknown>>; secrets: readonly string[] }> = {
  email: {
    config: z
      .object({
        host: z.string({ error: '请填写 SMTP 服务器' }).trim().min(1, '请填写 SMTP 服务器').max(255, 'SMTP 服务器地址过长'),
        port: wholeNumber(1, 65535, '端口').default(465),
        secure: flag.default(true),
        user: optionalText(255),
        from: z.string({ error: '请填写发件人' }).trim().min(3, '请填写发件人，如 黔城镇人民政府 <xxgk@example.gov.cn>').max(255, '发件人过长'),
        rejectUnauthorized: flag.optional(),
        subscribers: emailList,
        categories: categoriesField,
      })
      .strict(),
    secrets: ['password'],
  },
  sms: {
    config: z
      .object({
        provider: z.enum(['webhook', 'aliyun'], { error: '请选择短信网关类型' }),
        url: url.optional(),
        signName: optionalText(40),
        accessKeyId: optionalText(128),
        templates: z.record(z.string(), z.object({ code: z.string({ error: '请填写模板编号' }).min(1, '请填写模板编号'), text: optionalText(500) }).strict()).default({}),
        perNumberPerHour: wholeNumber(1, 1000, '每个号码每小时上限').optional(),
        perNumberPerDay: wholeNumber(1, 10_000, '每个号码每天上限').optional(),
        subscribers: phoneList,
        categories: categoriesField,
      })
      .strict()
      .superRefine((c, ctx) => {
        if (c.provider === 'webhook' && !c.url) ctx.addIssue({ code: 'custom', path: ['url'], message: '通用网关须填写网关地址' });
        if (c.provider === 'aliyun' && !c.accessKeyId) ctx.addIssue({ code: 'custom', path: ['accessKeyId'], message: '阿里云短信须填写 AccessKey ID' });
        if (c.provider === 'aliyun' && !c.signName) ctx.addIssue({ code: 'custom', path: ['signName'], message: '阿里云短信须填写短信签名' });
      }),
    secrets: ['webhookSecret', 'accessKeySecret'],
  },
  wechat: {
    config: z
      .object({
        appId: z.string({ error: '请填写公众号 AppID' }).trim().regex(/^wx[0-9a-zA-Z]{3,30}$/, 'AppID 格式不正确（以 wx 开头）'),
        apiBase: url.optional(),
        thumbMediaId: optionalText(128),
        author: optionalText(16),
        accountName: optionalText(64),
        templates: z.record(z.string(), z.object({ templateId: z.string({ error: '请填写模板 ID' }).min(1, '请填写模板 ID'), fields: z.record(z.string(), z.string()) }).strict()).optional(),
        categories: categoriesField,
      })
      .strict(),
    secrets: ['appSecret'],
  },
  weibo: {
    config: z.object({ apiBase: url.optional(), accountName: optionalText(64), categories: categoriesField }).strict(),
    secrets: ['accessToken'],
  },
  notice_board: {
    config: z.object({ boardName: optionalText(64), categories: categoriesField }).strict(),
    secrets: [],
  },
};

/** What is wrong with an account's settings, field by field (empty when they would be saved), for forms that check before saving. */
export function channelConfigProblems(channel: OutboxChannel, config: unknown): Record<string, string> {
  const parsed = CONFIG_SCHEMAS[channel].config.safeParse(config);
  return parsed.success ? {} : validationErrorFrom(parsed.error.issues).fieldErrors;
}

/** The secrets each channel's account keeps (write-only: never shown back). */
export const CHANNEL_SECRETS: Readonly<Record<OutboxChannel, readonly string[]>> = Object.fromEntries(OUTBOX_CHANNELS.map((c) => [c, CONFIG_SCHEMAS[c].secrets])) as Record<OutboxChannel, readonly string[]>;

/** A channel account as staff see it: secrets only by name. */
export interface ChannelAccountView {
  agencyId: number;
  channel: OutboxChannel;
  label: string;
  enabled: boolean;
  config: Record<string, unknown>;
  /** Names of the secrets that are set; their values are never returned. */
  secretsSet: string[];
  /** The stored secrets could not be decrypted (the encryption key changed): enter them again. */
  secretsUnreadable: boolean;
  /** The account is inherited from this ancestor agency (null: the agency's own). */
  inheritedFrom: number | null;
  updatedAt: string | null;
}

function viewOf(account: ChannelAccount, agencyId: number): ChannelAccountView {
  return {
    agencyId,
    channel: account.channel,
    label: DELIVERY_CHANNEL_WORDING[account.channel].label,
    enabled: account.enabled,
    config: account.config,
    secretsSet: Object.keys(account.secrets).filter((k) => account.secrets[k]).sort(),
    secretsUnreadable: account.secretsUnreadable === true,
    inheritedFrom: account.agencyId === agencyId ? null : account.agencyId,
    updatedAt: account.updatedAt,
  };
}

// ---- periods ---------------------------------------------------------------------------------

/** The UTC instant at which a China calendar date begins. */
export function chinaDayStartAt(dateOn: string): string {
  return new Date(Date.parse(`${dateOn}T00:00:00+08:00`)).toISOString();
}

/** Monday and Sunday of the week containing a date. */
export function weekOf(dateOn: string): { startOn: string; endOn: string } {
  const weekday = (new Date(`${dateOn}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const startOn = shiftDate(dateOn, -weekday);
  return { startOn, endOn: shiftDate(startOn, 6) };
}

export interface ChannelCounts {
  channel: OutboxChannel;
  label: string;
  measure: string;
  sent: number;
  failed: number;
  cancelled: number;
  pending: number;
}

/** A channel account that has not been updated within a week (一周一更新). */
export interface StaleChannel {
  agencyId: number;
  agencyName: string;
  channel: OutboxChannel;
  lastSentAt: string | null;
  message: string;
}

/** The stored finding of a 一周一更新 check. */
export interface StaleCheck {
  checkedAt: string;
  /** The China date of the check (the scheduler runs it once a day). */
  checkedOn: string;
  findings: StaleChannel[];
}

/** The weekly sheet of a notice board (公开栏): the items published in a week. */
export interface NoticeBoardSheet {
  agencyId: number;
  agencyName: string;
  boardName: string;
  weekStartOn: string;
  weekEndOn: string;
  items: Array<{ itemId: number; title: string; summary: string; indexNumber: string | null; documentNumber: string | null; publishedOn: string; itemPath: string }>;
  /** When this week's sheet was recorded as printed, if it was. */
  printedAt: string | null;
}

export interface DeliveryServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
}

/** Who sees the delivery log: those who write, approve and send what goes out, and who count it for the report. */
const VIEW: readonly Permission[] = ['item.draft', 'item.approve', 'request.handle', 'report.compile'];
const DECIDE: readonly Permission[] = ['request.handle', 'item.approve'];
/** Who may read a request (manage-requests.ts), and so see its applicant's contact and name in the log. */
const REQUEST_READERS: readonly Permission[] = ['request.handle', 'request.approve'];
/** What of a request notice's payload the log shows to the others: which request, from which agency. */
const NOTICE_FIELDS_FOR_OTHERS = ['trackingNumber', 'agencyName'];

/** The personal values a request notice carries (the applicant's contact and name), for masking. */
function applicantValuesOf(d: QueuedDelivery): string[] {
  const name = d.payload.applicantName;
  return [d.recipient, ...(typeof name === 'string' ? [name] : [])];
}

/**
 * A delivery to the public that is no request notice (SMS and e-mail subscribers) as staff see it:
 * the log shows the recipient masked (web), so addresses and numbers are masked where else they appear.
 */
function withoutSubscriberContacts(d: QueuedDelivery): QueuedDelivery {
  return { ...d, idempotencyKey: maskContactsIn(d.idempotencyKey), lastError: d.lastError === null ? null : maskContactsIn(d.lastError) };
}

/** A request notice as staff who may not read the request see it: contact, name and provider messages masked. */
function withoutApplicant(d: QueuedDelivery): QueuedDelivery {
  const known = applicantValuesOf(d);
  return {
    ...d,
    recipient: maskContact(d.recipient),
    payload: Object.fromEntries(Object.entries(d.payload).filter(([k]) => NOTICE_FIELDS_FOR_OTHERS.includes(k))),
    lastError: d.lastError === null ? null : maskContactsIn(d.lastError, known),
    output: d.output === null ? null : maskContactsIn(d.output, known),
    idempotencyKey: maskContactsIn(d.idempotencyKey, known),
  };
}
/** Permissions that show the delivery log, and that allow retrying, cancelling and recording deliveries (for the web's links and buttons). */
export const DELIVERY_VIEW_PERMISSIONS = VIEW;
export const DELIVERY_DECIDE_PERMISSIONS = DECIDE;
/** The channels the 一周一更新 check covers. */
export const STALE_CHANNELS: readonly OutboxChannel[] = ['wechat', 'weibo', 'notice_board'];
const WEEK_MS = 7 * 86_400_000;

/** Creates the delivery service. */
export function createDeliveryService(deps: DeliveryServiceDeps) {
  const now = () => deps.clock.now();

  function allowed(actor: Actor, permissions: readonly Permission[], agency: Pick<Agency, 'path'>): boolean {
    return permissions.some((p) => can(actor.grants, p, agency.path));
  }

  async function agencyFor(repos: Repositories, actor: Actor | 'system', agencyId: number, permissions: readonly Permission[]): Promise<Agency> {
    const agency = await repos.agencies.findById(agencyId);
    if (!agency) throw new NotFoundError('找不到该机构');
    if (actor !== 'system' && !allowed(actor, permissions, agency)) throw new ForbiddenError();
    return agency;
  }

  /** Agency ids an actor may see deliveries of, or undefined for everything (the system). */
  async function visibleAgencyIds(repos: Repositories, actor: Actor | 'system', within?: number): Promise<number[] | undefined> {
    if (actor === 'system' && within === undefined) return undefined;
    const roots = within !== undefined ? [(await agencyFor(repos, actor, within, VIEW)).path] : [...new Set(VIEW.flatMap((p) => scopesFor((actor as Actor).grants, p)))];
    if (roots.length === 0) throw new ForbiddenError();
    return (await repos.agencies.list({ within: roots })).map((a) => a.id);
  }

  /**
   * Enabled WeChat, Weibo and notice-board accounts (of some agencies, or all) whose agency's
   * subtree sent nothing on the channel in the last 7 days: the seed's 一周一更新 promise for its
   * 政务新媒体 (条例第二十三条“其他互联网政务媒体”) and 公开栏.
   */
  async function staleOf(repos: Repositories, agencyIds: number[] | undefined): Promise<StaleChannel[]> {
    const cutoff = new Date(now().getTime() - WEEK_MS).toISOString();
    const out: StaleChannel[] = [];
    for (const account of await repos.channelSettings.list(agencyIds)) {
      if (!account.enabled || !STALE_CHANNELS.includes(account.channel)) continue;
      const owner = (await repos.agencies.findById(account.agencyId))!;
      const subtree = (await repos.agencies.list({ within: [owner.path] })).map((a) => a.id);
      const last = (await repos.deliveryQueue.lastSent(subtree)).filter((r) => r.channel === account.channel).map((r) => r.lastSentAt).sort().at(-1) ?? null;
      if (last !== null && last >= cutoff) continue;
      const label = CHANNEL_NAMES[account.channel];
      const since = last === null ? '尚无发布记录' : `自 ${chinaDateOf(new Date(last))} 起已超过一周未更新`;
      out.push({ agencyId: owner.id, agencyName: owner.name, channel: account.channel, lastSentAt: last, message: `${owner.name}${label}${since}（应一周一更新）` });
    }
    return out;
  }

  /** Whether the actor may see a request notice's applicant: they may read the request. */
  async function seesApplicant(repos: Repositories, actor: Actor, d: QueuedDelivery, paths: Map<number, string>): Promise<boolean> {
    if (!paths.has(d.agencyId)) paths.set(d.agencyId, (await repos.agencies.findById(d.agencyId))?.path ?? '');
    const path = paths.get(d.agencyId)!;
    return path !== '' && allowed(actor, REQUEST_READERS, { path });
  }

  async function loadForDecision(repos: Repositories, actor: Actor, deliveryId: number): Promise<QueuedDelivery> {
    const delivery = await repos.deliveryQueue.find(deliveryId);
    if (!delivery) throw new NotFoundError('找不到该发送记录');
    await agencyFor(repos, actor, delivery.agencyId, DECIDE);
    return delivery;
  }

  async function decide(actor: Actor, deliveryId: number, action: 'retry' | 'cancel' | 'mark_published' | 'confirm_sent'): Promise<QueuedDelivery> {
    const at = now().toISOString();
    return deps.uow.transaction(async (repos) => {
      const d = await loadForDecision(repos, actor, deliveryId);
      const rules = {
        retry: { from: ['failed', 'cancelled', 'uncertain'] as const, to: { status: 'queued' as const, attempts: 0, nextAttemptAt: at, lastError: null, lockedBy: null, lockedUntil: null }, event: 'retried' as const, refusal: '只有发送失败或已取消（或结果不明）的消息可以重新发送' },
        // 结果不明: a person checked with the recipient or the provider that it arrived.
        confirm_sent: { from: ['uncertain'] as const, to: { status: 'sent' as const, sentAt: at, lastError: null }, event: 'confirmed_sent' as const, refusal: '只有结果不明的消息可以确认已送达' },
        cancel: { from: ['queued', 'failed', 'manual'] as const, to: { status: 'cancelled' as const, lockedBy: null, lockedUntil: null, nextAttemptAt: null }, event: 'cancelled' as const, refusal: '该消息正在发送或已发送，不能取消' },
        mark_published: { from: ['manual'] as const, to: { status: 'sent' as const, sentAt: at }, event: 'sent' as const, refusal: '只有待人工发布的消息可以登记为已发布' },
      }[action];
      const ok = await repos.deliveryQueue.transition(d.id, { statuses: rules.from }, { ...rules.to, updatedAt: at });
      if (!ok) throw new ConflictError(rules.refusal);
      const detail = { retry: `${actor.label}重新发送`, cancel: `${actor.label}取消发送`, mark_published: `${actor.label}登记已人工发布`, confirm_sent: `${actor.label}核实后确认已送达` }[action];
      await repos.deliveryQueue.appendEvent(d.id, rules.event, detail, at);
      await repos.audit.append({ actor, at, entity: 'delivery', entityId: d.id, action, change: { channel: d.channel, from: d.status, to: rules.to.status } });
      return (await repos.deliveryQueue.find(d.id))!;
    });
  }

  const service = {
    /** Staff: the delivery log, newest first, within the actor's agencies (optionally one agency's subtree). */
    async list(
      actor: Actor,
      filter: { agencyId?: number; itemId?: number; requestId?: number; channel?: OutboxChannel; statuses?: QueuedDeliveryStatus[]; fromOn?: string; toOn?: string; limit?: number; offset?: number } = {},
    ) {
      const repos = deps.uow.read;
      const { fromOn, toOn, ...rest } = filter;
      for (const [name, on] of [['from', fromOn], ['to', toOn]] as const) {
        if (on !== undefined && !isDateOn(on)) throw new ValidationError(`日期“${on}”无效，应为 YYYY-MM-DD`, { [name]: '日期无效，应为 YYYY-MM-DD' });
      }
      if (fromOn !== undefined && toOn !== undefined && fromOn > toOn) throw new ValidationError('起始日期不能晚于截止日期', { from: '起始日期不能晚于截止日期' });
      const agencyIds = await visibleAgencyIds(repos, actor, filter.agencyId);
      const page = await repos.deliveryQueue.list({
        ...rest,
        ...(agencyIds && { agencyIds }),
        // The counts' period rule (China dates, inclusive), so a count and its list agree.
        ...(fromOn !== undefined && { fromAt: chinaDayStartAt(fromOn) }),
        ...(toOn !== undefined && { toAt: chinaDayStartAt(shiftDate(toOn, 1)) }),
      });
      const paths = new Map<number, string>();
      const items: QueuedDelivery[] = [];
      for (const d of page.items) items.push(d.requestId === null ? withoutSubscriberContacts(d) : (await seesApplicant(repos, actor, d, paths)) ? d : withoutApplicant(d));
      return { ...page, items };
    },

    /** Staff: one delivery with its log (queued, sending, sent, failed with the provider's message, retried …). */
    async get(actor: Actor, deliveryId: number): Promise<{ delivery: QueuedDelivery; events: DeliveryLogEvent[] }> {
      const repos = deps.uow.read;
      const delivery = await repos.deliveryQueue.find(deliveryId);
      if (!delivery) throw new NotFoundError('找不到该发送记录');
      await agencyFor(repos, actor, delivery.agencyId, VIEW);
      const events = await repos.deliveryQueue.events(deliveryId);
      if (delivery.requestId === null) return { delivery: withoutSubscriberContacts(delivery), events: events.map((e) => ({ ...e, detail: maskContactsIn(e.detail) })) };
      if (await seesApplicant(repos, actor, delivery, new Map())) return { delivery, events };
      const known = applicantValuesOf(delivery);
      return { delivery: withoutApplicant(delivery), events: events.map((e) => ({ ...e, detail: maskContactsIn(e.detail, known) })) };
    },

    /** Staff: sends a failed or cancelled message again (attempts start over). */
    retry: (actor: Actor, deliveryId: number) => decide(actor, deliveryId, 'retry'),
    /** Staff: stops a message that has not been sent. */
    cancel: (actor: Actor, deliveryId: number) => decide(actor, deliveryId, 'cancel'),
    /** Staff: records that a ready-to-paste post (Weibo without an API token) was published by hand. */
    markPublished: (actor: Actor, deliveryId: number) => decide(actor, deliveryId, 'mark_published'),
    /** Staff: records that a message whose result was unknown (结果不明) did arrive, after checking. */
    confirmSent: (actor: Actor, deliveryId: number) => decide(actor, deliveryId, 'confirm_sent'),

    /**
     * Messages per channel in a period of China dates (inclusive), for the annual report: sent by
     * the instant sent, the others by the instant queued.
     */
    async counts(actor: Actor | 'system', period: { fromOn: string; toOn: string; agencyId?: number }): Promise<ChannelCounts[]> {
      const repos = deps.uow.read;
      for (const [name, on] of [['from', period.fromOn], ['to', period.toOn]] as const) {
        if (!isDateOn(on)) throw new ValidationError(`日期“${on}”无效，应为 YYYY-MM-DD`, { [name]: '日期无效，应为 YYYY-MM-DD' });
      }
      if (period.fromOn > period.toOn) throw new ValidationError('起始日期不能晚于截止日期', { from: '起始日期不能晚于截止日期' });
      const agencyIds = await visibleAgencyIds(repos, actor, period.agencyId);
      const rows = await repos.deliveryQueue.counts({ ...(agencyIds && { agencyIds }), fromAt: chinaDayStartAt(period.fromOn), toAt: chinaDayStartAt(shiftDate(period.toOn, 1)) });
      return OUTBOX_CHANNELS.map((channel) => {
        const of = (statuses: string[]) => rows.filter((r) => r.channel === channel && statuses.includes(r.status)).reduce((n, r) => n + r.count, 0);
        const wording = DELIVERY_CHANNEL_WORDING[channel];
        return { channel, label: wording.label, measure: wording.measure, sent: of(['sent']), failed: of(['failed']), cancelled: of(['cancelled']), pending: of(['queued', 'sending', 'manual', 'uncertain']) };
      });
    },

    /** The weekly check: enabled WeChat, Weibo and notice-board accounts with nothing sent in the last 7 days (一周一更新). */
    async staleChannels(actor: Actor | 'system', options: { agencyId?: number } = {}): Promise<StaleChannel[]> {
      const repos = deps.uow.read;
      return staleOf(repos, await visibleAgencyIds(repos, actor, options.agencyId));
    },

    /**
     * Runs the 一周一更新 check over every agency and stores its finding (for the office dashboard),
     * audited. Staff who may act on deliveries can run it at once; the scheduler runs it daily.
     */
    async checkStaleChannels(actor: Actor | 'system'): Promise<StaleCheck> {
      if (actor !== 'system' && !DECIDE.some((p) => can(actor.grants, p))) throw new ForbiddenError();
      const at = now().toISOString();
      return deps.uow.transaction(async (repos) => {
        const check: StaleCheck = { checkedAt: at, checkedOn: chinaDateOf(now()), findings: await staleOf(repos, undefined) };
        await repos.settings.set(STALE_CHECK_KEY, JSON.stringify(check), at);
        await repos.audit.append({
          actor: actor === 'system' ? STALE_CHECKER : actor,
          at,
          entity: 'channel_check',
          entityId: check.checkedOn,
          action: 'stale_check',
          change: { stale: check.findings.map((f) => `${f.agencyId}:${f.channel}`) },
        });
        return check;
      });
    },

    /** The scheduler's pass: runs the check unless it already ran today (China date); true when it ran. */
    async runDailyStaleCheck(): Promise<boolean> {
      const stored = await readStaleCheck(deps.uow.read);
      if (stored?.checkedOn === chinaDateOf(now())) return false;
      await service.checkStaleChannels('system');
      return true;
    },

    /** The stored finding of the last check: the accounts of agencies the actor may see, or of one agency (as the dashboard counts them); undefined before the first check. */
    async lastStaleCheck(actor: Actor, options: { agencyId?: number; channel?: OutboxChannel } = {}): Promise<StaleCheck | undefined> {
      const repos = deps.uow.read;
      const stored = await readStaleCheck(repos);
      if (!stored) return undefined;
      const visible = new Set(await visibleAgencyIds(repos, actor, options.agencyId));
      const wanted = (agencyId: number) => (options.agencyId === undefined ? visible.has(agencyId) : agencyId === options.agencyId);
      return { ...stored, findings: stored.findings.filter((f) => wanted(f.agencyId) && (options.channel === undefined || f.channel === options.channel)) };
    },

    /** Staff: the agency's channel accounts (own or inherited), secrets by name only. */
    async channelSettings(actor: Actor, agencyId: number): Promise<ChannelAccountView[]> {
      const repos = deps.uow.read;
      await agencyFor(repos, actor, agencyId, ['agency.manage']);
      const out: ChannelAccountView[] = [];
      for (const channel of OUTBOX_CHANNELS) {
        const account = await resolveChannelAccount(repos, agencyId, channel);
        if (account) out.push(viewOf(account, agencyId));
      }
      return out;
    },

    /**
     * Admin: saves an agency's account on a channel. A secret left empty keeps the stored one; `null`
     * clears it. The audit entry names the secrets changed, never their values.
     */
    async saveChannelSettings(actor: Actor, agencyId: number, channel: string, raw: { enabled?: unknown; config?: unknown; secrets?: unknown }): Promise<ChannelAccountView> {
      if (!isOutboxChannel(channel)) throw new ValidationError('未知的渠道', { channel: '未知的渠道' });
      // Who may change the account is settled before what was typed is judged.
      await agencyFor(deps.uow.read, actor, agencyId, ['agency.manage']);
      const schema = CONFIG_SCHEMAS[channel];
      const secretsIn = (raw.secrets ?? {}) as Record<string, unknown>;
      const unknown = Object.keys(secretsIn).filter((k) => !schema.secrets.includes(k));
      if (unknown.length) throw new ValidationError(`未知的密钥项：${unknown.join('、')}`, { secrets: '未知的密钥项' });
      const parsed = schema.config.safeParse(raw.config ?? {});
      if (!parsed.success) throw validationErrorFrom(parsed.error.issues);
      const at = now().toISOString();
      return deps.uow.transaction(async (repos) => {
        await agencyFor(repos, actor, agencyId, ['agency.manage']);
        const previous = await repos.channelSettings.get(agencyId, channel);
        if (previous?.secretsUnreadable) {
          // The stored secrets were encrypted under another key: saving would overwrite them with nothing.
          const missing = schema.secrets.filter((k) => typeof secretsIn[k] !== 'string' || secretsIn[k] === '');
          if (missing.length) {
            throw new ValidationError('保存的密钥无法用本机密钥解开（GONGKAI_SECRET_KEY 可能不同），请重新填写全部密钥后再保存', Object.fromEntries(missing.map((k) => [`secrets.${k}`, '请重新填写'])));
          }
        }
        const secrets = { ...(previous?.secrets ?? {}) };
        const changed: string[] = [];
        for (const [k, v] of Object.entries(secretsIn)) {
          if (v === null) {
            if (k in secrets) changed.push(k);
            delete secrets[k];
          } else if (typeof v === 'string' && v !== '' && v !== secrets[k]) {
            secrets[k] = v;
            changed.push(k);
          }
        }
        const account: ChannelAccount = { agencyId, channel, enabled: raw.enabled === undefined ? true : raw.enabled === true || raw.enabled === 'on' || raw.enabled === '1', config: parsed.data, secrets, updatedAt: at };
        await repos.channelSettings.save(account);
        // The audit names the secrets changed, never their values; subscriber lists (personal data) by their size.
        const audited = Object.fromEntries(Object.entries(account.config).map(([k, v]) => [k, k === 'subscribers' && Array.isArray(v) ? `${v.length} 个` : v]));
        await repos.audit.append({ actor, at, entity: 'channel_settings', entityId: `${agencyId}:${channel}`, agencyId, action: 'save', change: { enabled: account.enabled, config: audited, secretsChanged: changed } });
        return viewOf(account, agencyId);
      });
    },

    /** Records that a recipient asked to receive no more messages on a channel (e.g. replied “TD”). */
    async optOut(actor: Actor | 'system', channel: OutboxChannel, recipient: string, reason = '收件人退订'): Promise<void> {
      const at = now().toISOString();
      await deps.uow.transaction(async (repos) => {
        await repos.deliveryQueue.optOut(channel, recipient.trim(), reason, at);
        if (actor !== 'system') await repos.audit.append({ actor, at, entity: 'channel_opt_out', entityId: `${channel}:${recipient.trim()}`, action: 'opt_out', change: { reason } });
      });
    },

    /** The week's items of an agency's notice board (公开栏), in the public (masked) wording. */
    async noticeBoardSheet(actor: Actor, agencyId: number, dayOn: string): Promise<NoticeBoardSheet> {
      const repos = deps.uow.read;
      const agency = await agencyFor(repos, actor, agencyId, VIEW);
      return sheetOf(repos, agency, dayOn);
    },

    /** Staff: records that the week's sheet was printed and posted; counted as one issue (期) on the notice-board channel. */
    async recordNoticeBoardPrinted(actor: Actor, agencyId: number, dayOn: string): Promise<QueuedDelivery> {
      const at = now().toISOString();
      return deps.uow.transaction(async (repos) => {
        const agency = await agencyFor(repos, actor, agencyId, DECIDE);
        const sheet = await sheetOf(repos, agency, dayOn);
        if (sheet.printedAt) throw new ConflictError(`${sheet.weekStartOn} 这一周的公开栏张贴单已登记打印`);
        if (sheet.items.length === 0) throw new ConflictError('这一周没有新公开的信息，无需张贴');
        const id = (await repos.deliveryQueue.enqueue({
          agencyId,
          channel: 'notice_board',
          recipient: sheet.boardName,
          template: 'notice_board_sheet',
          payload: { weekStartOn: sheet.weekStartOn, weekEndOn: sheet.weekEndOn, itemIds: sheet.items.map((i) => i.itemId) },
          idempotencyKey: noticeBoardKey(agencyId, sheet.weekStartOn),
          status: 'sent',
          sentAt: at,
          at,
        }))!;
        await repos.audit.append({ actor, at, entity: 'delivery', entityId: id, action: 'notice_board_printed', change: { agencyId, weekStartOn: sheet.weekStartOn, items: sheet.items.length } });
        return (await repos.deliveryQueue.find(id))!;
      });
    },
  };
  return service;
}

/** Where the last 一周一更新 finding is kept (settings table). */
const STALE_CHECK_KEY = 'channels.stale_check';
/** The scheduler as it appears in the audit log. */
const STALE_CHECKER: Actor = { userId: null, label: '定时检查（一周一更新）', grants: [] };

const isDateOn = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** The stored finding of the last 一周一更新 check, if any (all agencies). */
export async function readStaleCheck(repos: Repositories): Promise<StaleCheck | undefined> {
  const text = await repos.settings.get(STALE_CHECK_KEY);
  return text ? (JSON.parse(text) as StaleCheck) : undefined;
}

const noticeBoardKey = (agencyId: number, weekStartOn: string) => `notice-board:${agencyId}:${weekStartOn}`;

async function sheetOf(repos: Repositories, agency: Agency, dayOn: string): Promise<NoticeBoardSheet> {
  if (!isDateOn(dayOn)) throw new ValidationError(`日期“${dayOn}”无效，应为 YYYY-MM-DD`, { week: '日期无效，应为 YYYY-MM-DD' });
  const { startOn, endOn } = weekOf(dayOn);
  const states: ItemState[] = [];
  // The list's `year` is the year formed, not published: scan the live items of the subtree.
  const { items } = await repos.items.list({ within: [agency.path], liveOnly: true, limit: 10_000 });
  for (const s of items) if (s.publishedOn !== null && s.publishedOn >= startOn && s.publishedOn <= endOn) states.push(s);
  states.sort((a, b) => (a.publishedOn ?? '').localeCompare(b.publishedOn ?? '') || Number(a.id) - Number(b.id));
  const account = await resolveChannelAccount(repos, agency.id, 'notice_board');
  const printed = await repos.deliveryQueue.findByKey(noticeBoardKey(agency.id, startOn));
  const out: NoticeBoardSheet['items'] = [];
  for (const s of states) {
    const review = await repos.items.review(Number(s.id), s.version);
    const pub = publicContentOf(s, (review?.findings ?? []) as SourcedFinding[], (review?.decisions ?? []) as SourcedDecision[]);
    out.push({ itemId: Number(s.id), title: pub.title, summary: pub.summary, indexNumber: s.indexNumber, documentNumber: s.documentNumber, publishedOn: s.publishedOn!, itemPath: itemPathOf(s.id) });
  }
  return {
    agencyId: agency.id,
    agencyName: agency.name,
    boardName: (account?.agencyId === agency.id && typeof account.config.boardName === 'string' && account.config.boardName) || `${agency.shortName || agency.name}政务公开栏`,
    weekStartOn: startOn,
    weekEndOn: endOn,
    items: out,
    printedAt: printed?.sentAt ?? null,
  };
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;
