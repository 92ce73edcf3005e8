/**
 * The wording of each message (the templates the services queue): short texts for SMS and WeChat
 * template messages, a subject and body for email. Providers' own templates (an SMS provider's
 * approved template with `${name}` variables) are filled from the same payload.
 */
import { linkTo } from './channel-adapter.ts';

export interface RenderedMessage {
  subject: string;
  text: string;
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : Array.isArray(v) ? v.map(str).join('；') : String(v));

type Render = (p: Record<string, unknown>, link: string, publicUrl: string | undefined) => RenderedMessage;

/** The greeting of a staff reminder: the handlers by name, or the office. */
const staffOf = (p: Record<string, unknown>): string => (Array.isArray(p.handlers) && p.handlers.length ? `${p.handlers.map(str).join('、')}：` : '信息公开工作机构：');
/** Where in the console the case is (a path under the console's address). */
const consoleOf = (p: Record<string, unknown>): string => (p.consolePath ? `（工作平台：${str(p.consolePath)}）` : '');

const TEMPLATES: Record<string, Render> = {
  request_submitted: (p) => ({
    subject: `政府信息公开申请已提交（${str(p.trackingNumber)}）`,
    text: `${str(p.applicantName)}：您向${str(p.agencyName)}提交的政府信息公开申请（编号 ${str(p.trackingNumber)}）已于 ${str(p.submittedOn)} 提交，请凭编号和查询码查询办理进度。`,
  }),
  request_received: (p) => ({
    subject: `政府信息公开申请已收到（${str(p.trackingNumber)}）`,
    text: `${str(p.applicantName)}：${str(p.agencyName)}已于 ${str(p.receivedOn)} 收到您的政府信息公开申请（编号 ${str(p.trackingNumber)}），答复期限至 ${str(p.dueOn) || '待定'}。`,
  }),
  clarification_requested: (p) => ({
    subject: `请补正政府信息公开申请（${str(p.trackingNumber)}）`,
    text: `${str(p.applicantName)}：您的申请（编号 ${str(p.trackingNumber)}）内容需要补正：${str(p.points)}。请于 ${str(p.deadlineOn)} 前补正，逾期未补正的视为放弃申请。`,
  }),
  clarification_received: (p) => ({
    subject: `补正材料已收到（${str(p.trackingNumber)}）`,
    text: `${str(p.applicantName)}：${str(p.agencyName)}已于 ${str(p.receivedOn)} 收到您的补正（编号 ${str(p.trackingNumber)}），答复期限至 ${str(p.dueOn) || '待定'}。`,
  }),
  fee_notice: (p) => ({
    subject: `信息处理费缴纳通知（${str(p.trackingNumber)}）`,
    text: `${str(p.applicantName)}：您的申请（编号 ${str(p.trackingNumber)}）需缴纳信息处理费 ${str(p.amount)} 元，请于 ${str(p.paymentDueOn)} 前缴纳。`,
  }),
  request_extended: (p) => ({
    subject: `政府信息公开申请延期答复（${str(p.trackingNumber)}）`,
    text: `${str(p.applicantName)}：您的申请（编号 ${str(p.trackingNumber)}）经批准延期答复，答复期限由 ${str(p.dueBeforeOn)} 延至 ${str(p.dueOn)}。`,
  }),
  request_replied: (p) => ({
    subject: `政府信息公开申请已答复（${str(p.trackingNumber)}）`,
    text: `${str(p.applicantName)}：${str(p.agencyName)}已于 ${str(p.repliedOn)} 答复您的申请（编号 ${str(p.trackingNumber)}）：${str(p.outcomeLabel)}。`,
  }),
  request_closed: (p) => ({
    subject: `政府信息公开申请已终止（${str(p.trackingNumber)}）`,
    text: `${str(p.applicantName)}：您的申请（编号 ${str(p.trackingNumber)}）已终止办理：${str(p.reason)}。`,
  }),
  // Reminders to staff (src/services/staff-reminders.ts), sent to the unit's 政府信息公开工作机构 mailbox.
  staff_request_due_soon: (p) => ({
    subject: `【办理提醒】申请 ${str(p.trackingNumber)} 将于 ${str(p.dueOn)} 到期`,
    text: `${staffOf(p)}${str(p.agencyName)}受理的政府信息公开申请（编号 ${str(p.trackingNumber)}，${str(p.status)}）答复期限为 ${str(p.dueOn)}，${Number(p.workdays) === 0 ? '今天到期' : `还剩 ${str(p.workdays)} 个工作日`}。依照《政府信息公开条例》第三十三条，应当自收到申请之日起20个工作日内予以答复，请及时办理。${consoleOf(p)}`,
  }),
  staff_request_overdue: (p) => ({
    subject: `【逾期提醒】申请 ${str(p.trackingNumber)} 已超过答复期限`,
    text: `${staffOf(p)}${str(p.agencyName)}受理的政府信息公开申请（编号 ${str(p.trackingNumber)}，${str(p.status)}）答复期限 ${str(p.dueOn)} 已过，今天起逾期。请立即答复，并在办理记录中说明原因。${consoleOf(p)}`,
  }),
  staff_publication_due_soon: (p) => ({
    subject: `【公开提醒】“${str(p.title)}”将于 ${str(p.dueOn)} 到达公开期限`,
    text: `${staffOf(p)}${str(p.agencyName)}的“${str(p.title)}”尚未公开，公开期限为 ${str(p.dueOn)}，${Number(p.workdays) === 0 ? '今天到期' : `还剩 ${str(p.workdays)} 个工作日`}。依照《政府信息公开条例》第二十六条，应当自该信息形成或者变更之日起20个工作日内及时公开。${consoleOf(p)}`,
  }),
  staff_publication_overdue: (p) => ({
    subject: `【逾期提醒】“${str(p.title)}”已超过公开期限`,
    text: `${staffOf(p)}${str(p.agencyName)}的“${str(p.title)}”公开期限 ${str(p.dueOn)} 已过，今天起逾期（条例第二十六条：20个工作日内及时公开）。请尽快完成审核、审批并发布。${consoleOf(p)}`,
  }),
  subscription_confirm: (p, _link, publicUrl) => ({
    subject: `请确认订阅${str(p.agencyName)}政府信息公开邮件`,
    text: `您好：有人（希望是您本人）用此邮箱订阅了${str(p.agencyName)}（${str(p.categoryLabel)}）新公开的政府信息。请在 ${str(p.validDays)} 天内打开以下链接并点击“确认订阅”：${linkTo(p.confirmPath, publicUrl)}\n\n如果不是您本人操作，请忽略本邮件：不确认就不会收到任何邮件。`,
  }),
  item_published: (p, link) => ({
    subject: `【${str(p.agencyName)}】${str(p.title)}`,
    text: `${str(p.agencyName)}发布：${str(p.title)}${p.summary ? `。${str(p.summary)}` : ''}${link ? ` 详见 ${link}` : ''}`,
  }),
};

/** The messages the services queue, by template name (for the console's per-template provider settings). */
export const MESSAGE_TEMPLATE_LABELS: Readonly<Record<string, string>> = {
  item_published: '信息发布通知',
  subscription_confirm: '邮件订阅确认',
  request_submitted: '申请已提交',
  request_received: '申请已收到',
  clarification_requested: '补正告知',
  clarification_received: '补正已收到',
  fee_notice: '信息处理费缴纳通知',
  request_extended: '延期答复告知',
  request_replied: '已答复告知',
  request_closed: '申请终止告知',
  staff_request_due_soon: '申请即将到期提醒',
  staff_request_overdue: '申请逾期提醒',
  staff_publication_due_soon: '公开即将到期提醒',
  staff_publication_overdue: '公开逾期提醒',
};

/** Whether every template has a label (a test keeps the two lists together). */
export function templateNames(): string[] {
  return Object.keys(TEMPLATES);
}

/** Renders a queued message in our own wording. */
export function renderMessage(template: string, payload: Record<string, unknown>, publicUrl?: string): RenderedMessage {
  const link = payload.itemPath ? linkTo(payload.itemPath, publicUrl) : '';
  const render = TEMPLATES[template];
  if (render) {
    const message = render(payload, link, publicUrl);
    // A subscriber's notice always says how to stop them (manage-subscriptions.ts).
    if (!payload.unsubscribePath) return message;
    return { ...message, text: `${message.text}\n\n您收到本邮件是因为订阅了${str(payload.agencyName)}的政府信息公开邮件。退订：${linkTo(payload.unsubscribePath, publicUrl)}` };
  }
  return { subject: `政务公开通知（${template}）`, text: Object.values(payload).map(str).filter(Boolean).join('；') };
}

/** The variables of a provider template in the provider's syntax (`${name}`). */
export function templateVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!))];
}

/** Fills a provider template's `${name}` variables. */
export function fillTemplate(text: string, params: Record<string, string>): string {
  return text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => params[name] ?? '');
}

/**
 * The variables of a provider template taken from a payload: all scalar fields (strings cut to
 * `maxLength`, as providers limit each variable), or only those the template text names; `link`
 * is the item's full URL (never cut).
 */
export function templateParams(payload: Record<string, unknown>, options: { text?: string; maxLength?: number; publicUrl?: string }): { params: Record<string, string>; missing: string[] } {
  const all: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload)) if (v !== null && v !== undefined && typeof v !== 'object') all[k] = String(v);
  if (payload.itemPath) all.link = linkTo(payload.itemPath, options.publicUrl);
  // A cut link is a broken link: links are exempt (providers check them against the approved template instead).
  const cut = (s: string) => (options.maxLength && [...s].length > options.maxLength && !/^https?:\/\//.test(s) ? [...s].slice(0, options.maxLength - 1).join('') + '…' : s);
  if (!options.text) return { params: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, cut(v)])), missing: [] };
  const names = templateVariables(options.text);
  const missing = names.filter((n) => all[n] === undefined);
  return { params: Object.fromEntries(names.filter((n) => all[n] !== undefined).map((n) => [n, cut(all[n]!)])), missing };
}
