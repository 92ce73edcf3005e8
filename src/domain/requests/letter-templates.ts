/**
 * Editable letter templates (文书模板): an agency may word each of its letters its own way — the reply
 * (答复书/告知书) for every outcome, 补正告知书, 延期答复告知书, 征求意见书, 收费通知书 and 送达回证 — in
 * plain text with named placeholders such as {{法律依据}}. A template is a title and a body: every line
 * of the body is a paragraph, a line holding only a list placeholder (e.g. {{补正事项}}) prints as the
 * numbered items of the paragraph above, and the 送达回证 body is a form of “标签：值” lines. Templates
 * are checked before they are saved: unknown placeholders are refused, and so is a template missing the
 * legal citation or, where the decision can be challenged, the remedies paragraph (行政复议 within 60
 * days, 行政诉讼 within 6 months). The built-in templates below reproduce the system's own wording.
 */
import { OUTCOMES, outcomeLabelZh, type Outcome } from './outcomes.ts';
import type { LetterField, LetterKind, LetterParagraph } from './letters.ts';

/** Outcomes that have a letter of their own (a withdrawal gets none: table 三 （六）3 needs no notice). */
export const LETTER_OUTCOMES = OUTCOMES.filter((o): o is Exclude<Outcome, 'other_other'> => o !== 'other_other');

/** An outcome with a letter. */
export type LetterOutcome = (typeof LETTER_OUTCOMES)[number];

/** The templates an agency can edit, one per letter and (for replies) per outcome, per party for 征求意见书. */
export const LETTER_TEMPLATE_KEYS = [
  ...LETTER_OUTCOMES.map((o) => `reply.${o}` as const),
  'clarification_notice',
  'extension_notice',
  'consultation_letter.third_party',
  'consultation_letter.other_agency',
  'fee_notice',
  'service_receipt',
] as const;

/** One of `LETTER_TEMPLATE_KEYS`. */
export type LetterTemplateKey = `reply.${LetterOutcome}` | 'clarification_notice' | 'extension_notice' | 'consultation_letter.third_party' | 'consultation_letter.other_agency' | 'fee_notice' | 'service_receipt';

/** Whether a value is one of the template keys. */
export function isLetterTemplateKey(value: unknown): value is LetterTemplateKey {
  return typeof value === 'string' && (LETTER_TEMPLATE_KEYS as readonly string[]).includes(value);
}

/** A template: the title printed on the letter and the body with placeholders. */
export interface LetterTemplate {
  readonly title: string;
  readonly body: string;
}

/** The longest title and body a template may have. */
export const MAX_TEMPLATE_TITLE = 60;
export const MAX_TEMPLATE_BODY = 10_000;

/** The kind of letter a template produces. */
export function letterKindOfTemplate(key: LetterTemplateKey): LetterKind {
  if (key === 'reply.other_clarification_overdue' || key === 'reply.other_fee_unpaid') return 'termination_notice';
  if (key.startsWith('reply.')) return 'reply';
  if (key.startsWith('consultation_letter.')) return 'consultation_letter';
  return key as Exclude<LetterKind, 'reply' | 'termination_notice' | 'consultation_letter'>;
}

/** The outcome a reply template is for, or null. */
export function outcomeOfTemplate(key: LetterTemplateKey): LetterOutcome | null {
  return key.startsWith('reply.') ? (key.slice('reply.'.length) as LetterOutcome) : null;
}

const KIND_NAMES: Readonly<Record<LetterKind, string>> = {
  reply: '答复书/告知书',
  termination_notice: '终止处理告知书',
  clarification_notice: '补正告知书',
  extension_notice: '延期答复告知书',
  consultation_letter: '征求意见书',
  fee_notice: '收费通知书',
  service_receipt: '送达回证',
};

/** The label of a template in the console, e.g. “答复书/告知书：1.属于国家秘密”. */
export function letterTemplateLabel(key: LetterTemplateKey): string {
  const outcome = outcomeOfTemplate(key);
  if (outcome !== null) return `${KIND_NAMES[letterKindOfTemplate(key)]}：${outcomeLabelZh(outcome)}`;
  if (key === 'consultation_letter.third_party') return '征求意见书（第三方，条例第三十二条）';
  if (key === 'consultation_letter.other_agency') return '征求意见书（其他机关，条例第三十四条）';
  return KIND_NAMES[letterKindOfTemplate(key)];
}

/** A placeholder: its name as typed between {{ }}, what it prints, and whether it is a numbered list. */
export interface PlaceholderDefinition {
  readonly name: string;
  readonly description: string;
  readonly list: boolean;
}

const p = (name: string, description: string, list = false): PlaceholderDefinition => ({ name, description, list });

const COMMON: readonly PlaceholderDefinition[] = [
  p('机关名称', '作出文书的行政机关名称，如“黔城镇人民政府”'),
  p('申请人', '申请人的姓名或者名称'),
  p('称谓', '对申请人的称呼：自然人为“您”，法人或其他组织为“贵单位”'),
  p('收到申请日期', '收到申请之日（条例第三十一条），如“2025年3月3日”'),
  p('所需信息', '申请公开的政府信息的名称或描述'),
  p('文号说明', '申请人给出文号时为“（文号：……）”，否则为空'),
  p('日期', '文书落款日期'),
  p('联系方式', '“联系人及联系电话：……。”；机关未登记联系方式时该行不打印'),
];

const LEGAL = p('法律依据', '文书所依据的条文及其原文（如《中华人民共和国政府信息公开条例》第三十六条第（二）项“……”）');
const REMEDIES = p('救济途径', '救济途径段落：收到之日起60日内向复议机关申请行政复议，或者在6个月内向人民法院提起行政诉讼');

const SPECIFIC: Readonly<Record<LetterKind, readonly PlaceholderDefinition[]>> = {
  reply: [
    LEGAL,
    REMEDIES,
    p('答复要点', '拟答复时填写的答复内容'),
    p('办理结果', '年报表三的办理结果，如“予以公开”'),
    p('决定', '与办理结果相应的决定语，如“现答复如下”“本机关决定不予公开”'),
    p('不予公开内容', '部分公开时逐项列出不予公开的内容、依据和理由（条例第三十七条）', true),
  ],
  termination_notice: [LEGAL, REMEDIES, p('期限届满日', '补正期限或缴费期限届满之日')],
  clarification_notice: [LEGAL, p('补正事项', '需要补正的事项（一次性告知）', true), p('补正期限', '补正期限的最后一日')],
  extension_notice: [
    LEGAL,
    p('延期理由', '批准延期时填写的理由'),
    p('延长工作日数', '延长的工作日数'),
    p('延长后答复期限', '延长后的答复期限'),
  ],
  consultation_letter: [LEGAL, p('被征求意见方', '第三方或其他机关的名称'), p('提出意见期限', '提出意见的最后一日（收到征求意见书之日起15个工作日）')],
  fee_notice: [
    LEGAL,
    REMEDIES,
    p('收费依据', '条例第四十二条和109号办法相关条款原文', true),
    p('计费明细', '计收方式、件数或页数和应缴金额，如“按量计收：共120页，应缴信息处理费1100元。”'),
    p('计费明细表', '各档的件数或页数、单价和小计', true),
    p('金额', '应缴金额（元）'),
    p('缴费期限', '缴费期限的最后一日（收到通知次日起20个工作日）'),
    p('缴费方式', '“缴纳方式：……。”；未设置时为空'),
  ],
  service_receipt: [
    p('送达文书名称', '送达的文书名称'),
    p('受送达人', '申请人的姓名或者名称'),
    p('送达地址', '申请人的通信地址或电子邮箱'),
    p('送达方式', '已登记的送达方式'),
    p('送达日期', '已登记的送达日期'),
    p('签收人', '送达回证上的签收人'),
    p('送达凭证', '送达凭证（回执号等）'),
  ],
};

/** The placeholders a template may use. */
export function placeholdersFor(key: LetterTemplateKey): readonly PlaceholderDefinition[] {
  const kind = letterKindOfTemplate(key);
  const specific = SPECIFIC[kind].filter((d) => d.name !== '不予公开内容' || key === 'reply.partially_disclosed');
  return kind === 'service_receipt' ? [...COMMON.filter((d) => d.name === '机关名称' || d.name === '日期'), ...specific] : [...COMMON, ...specific];
}

/** A placeholder a template must contain, with the reason given when it is missing. */
export interface RequiredPlaceholder {
  readonly name: string;
  readonly reason: string;
}

/**
 * The placeholders a template must keep. Every letter but the 送达回证 cites its legal basis; a decision
 * the applicant may challenge — a reply, a termination notice, a fee decision — tells them how
 * (《行政复议法》60日、《行政诉讼法》6个月).
 */
export function requiredPlaceholders(key: LetterTemplateKey): readonly RequiredPlaceholder[] {
  const kind = letterKindOfTemplate(key);
  const legal = { name: '法律依据', reason: '文书须引用所依据的法律条文' };
  const remedies = { name: '救济途径', reason: '须告知申请人可以在60日内申请行政复议或者在6个月内提起行政诉讼' };
  switch (kind) {
    case 'reply':
    case 'termination_notice':
    case 'fee_notice':
      return [legal, remedies];
    case 'clarification_notice':
    case 'extension_notice':
    case 'consultation_letter':
      return [legal];
    case 'service_receipt':
      return [
        { name: '送达文书名称', reason: '送达回证须写明送达的文书' },
        { name: '受送达人', reason: '送达回证须写明受送达人' },
      ];
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholder names used in a text, in order of first use. */
export function placeholdersUsed(text: string): string[] {
  return [...new Set([...text.matchAll(TOKEN)].map((m) => m[1]!))];
}

/** Problems with a template, in Chinese; empty when it may be saved. */
export function checkLetterTemplate(key: LetterTemplateKey, template: LetterTemplate): string[] {
  const problems: string[] = [];
  const title = typeof template?.title === 'string' ? template.title.trim() : '';
  const body = typeof template?.body === 'string' ? template.body : '';
  if (title === '') problems.push('请填写文书标题。');
  if (title.length > MAX_TEMPLATE_TITLE) problems.push(`文书标题不超过 ${MAX_TEMPLATE_TITLE} 个字。`);
  if (/[{}]/.test(title)) problems.push('文书标题不能使用占位符。');
  if (body.trim() === '') problems.push('请填写文书正文。');
  if (body.length > MAX_TEMPLATE_BODY) problems.push(`文书正文不超过 ${MAX_TEMPLATE_BODY} 个字。`);
  if (/\{\{|\}\}/.test(body.replace(TOKEN, ''))) problems.push('占位符格式不正确：每个占位符都应写成 {{名称}}，成对使用双花括号。');
  const allowed = new Set(placeholdersFor(key).map((d) => d.name));
  const used = placeholdersUsed(body);
  const unknown = used.filter((name) => !allowed.has(name));
  if (unknown.length > 0) {
    problems.push(`未知的占位符：${unknown.map((n) => `{{${n}}}`).join('、')}。本文书可用的占位符见占位符说明。`);
  }
  for (const r of requiredPlaceholders(key)) {
    if (!used.includes(r.name)) problems.push(`缺少必需的占位符 {{${r.name}}}：${r.reason}。`);
  }
  return problems;
}

/** The values a letter fills its template with: text for ordinary placeholders, items for lists. */
export type PlaceholderValues = Readonly<Record<string, string | readonly string[]>>;

/** The rendered content of a template: paragraphs (or, for a form, fields). */
export interface RenderedTemplate {
  readonly title: string;
  readonly paragraphs: readonly LetterParagraph[];
  readonly fields: readonly LetterField[];
}

function fill(line: string, values: PlaceholderValues): string {
  return line.replace(TOKEN, (_m, name: string) => {
    const v = values[name];
    return v === undefined ? '' : typeof v === 'string' ? v : v.join('；');
  });
}

/** Renders a template with the values; lines that come out empty are left out, except in a form. */
export function renderLetterTemplate(key: LetterTemplateKey, template: LetterTemplate, values: PlaceholderValues): RenderedTemplate {
  const form = letterKindOfTemplate(key) === 'service_receipt';
  const paragraphs: Array<{ text: string; items?: string[] }> = [];
  const fields: LetterField[] = [];
  for (const raw of template.body.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const only = /^\{\{\s*([^{}]*?)\s*\}\}$/.exec(line);
    const listValue = only ? values[only[1]!] : undefined;
    if (!form && listValue !== undefined && typeof listValue !== 'string') {
      if (listValue.length === 0) continue;
      const last = paragraphs.at(-1);
      if (last) last.items = [...(last.items ?? []), ...listValue];
      else paragraphs.push({ text: '', items: [...listValue] });
      continue;
    }
    if (form) {
      const colon = line.indexOf('：');
      if (colon > 0) {
        fields.push({ label: line.slice(0, colon).trim(), value: fill(line.slice(colon + 1), values).trim() });
        continue;
      }
    }
    const text = fill(line, values).trim();
    if (text !== '') paragraphs.push({ text });
  }
  return { title: template.title.trim(), paragraphs, fields };
}

// --- the built-in templates -------------------------------------------------------------------------

const OPENING = '本机关于{{收到申请日期}}收到{{称谓}}提出的政府信息公开申请，申请获取“{{所需信息}}”{{文号说明}}。';

function replyTitle(outcome: LetterOutcome): string {
  if (outcome === 'other_clarification_overdue' || outcome === 'other_fee_unpaid') return '政府信息公开申请终止处理告知书';
  return outcome.startsWith('not_processed_') ? '政府信息公开申请告知书' : '政府信息公开申请答复书';
}

function builtInReply(outcome: LetterOutcome): LetterTemplate {
  const title = replyTitle(outcome);
  if (outcome === 'other_clarification_overdue' || outcome === 'other_fee_unpaid') {
    const what =
      outcome === 'other_clarification_overdue'
        ? '本机关已告知{{称谓}}作出补正，补正期限至{{期限届满日}}届满，至今未收到补正。'
        : '本机关已向{{称谓}}发出收费通知，缴费期限至{{期限届满日}}届满，至今未收到缴费。';
    return {
      title,
      body: [OPENING, what, '根据{{法律依据}}的规定，视为{{称谓}}放弃申请，本机关不再处理该政府信息公开申请。', '{{救济途径}}', '{{联系方式}}'].join('\n'),
    };
  }
  const decision = outcome === 'partially_disclosed' ? ['根据{{法律依据}}的规定，{{决定}}：', '{{不予公开内容}}'] : ['根据{{法律依据}}的规定，{{决定}}。'];
  return { title, body: [OPENING, '经审查，{{答复要点}}', ...decision, '{{救济途径}}', '{{联系方式}}'].join('\n') };
}

const BUILT_IN_OTHERS: Readonly<Record<Exclude<LetterTemplateKey, `reply.${string}`>, LetterTemplate>> = {
  clarification_notice: {
    title: '政府信息公开申请补正告知书',
    body: [
      OPENING,
      '经审查，{{称谓}}的申请内容不明确。根据{{法律依据}}的规定，请{{称谓}}就下列事项作出补正：',
      '{{补正事项}}',
      '请于{{补正期限}}前向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。',
      '申请人无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
      '{{联系方式}}',
    ].join('\n'),
  },
  extension_notice: {
    title: '政府信息公开申请延期答复告知书',
    body: [
      OPENING,
      '因{{延期理由}}，本机关不能在规定期限内作出答复。',
      '根据{{法律依据}}的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{{延长工作日数}}个工作日，延长后的答复期限至{{延长后答复期限}}。',
      '{{联系方式}}',
    ].join('\n'),
  },
  'consultation_letter.third_party': {
    title: '政府信息公开征求意见书',
    body: [
      '本机关于{{收到申请日期}}收到一份政府信息公开申请，申请获取“{{所需信息}}”。',
      '本机关认为公开该信息可能损害贵方合法权益。根据{{法律依据}}的规定，现书面征求贵方意见。',
      '请于收到本征求意见书之日起15个工作日内（即{{提出意见期限}}前）提出书面意见。逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。如不同意公开，请说明理由。',
      '{{联系方式}}',
    ].join('\n'),
  },
  'consultation_letter.other_agency': {
    title: '政府信息公开征求意见书',
    body: [
      '本机关于{{收到申请日期}}收到一份政府信息公开申请，申请获取“{{所需信息}}”。',
      '该信息由贵机关与本机关共同制作。根据{{法律依据}}的规定，现征求贵机关意见。',
      '请于收到本征求意见书之日起15个工作日内（即{{提出意见期限}}前）提出书面意见。逾期未提出意见的，视为同意公开。',
      '{{联系方式}}',
    ].join('\n'),
  },
  fee_notice: {
    title: '政府信息公开信息处理费收费通知书',
    body: [
      OPENING,
      '根据{{法律依据}}的规定，本机关决定收取信息处理费。收费依据：',
      '{{收费依据}}',
      '计费明细：{{计费明细}}',
      '{{计费明细表}}',
      '请于收到本通知次日起20个工作日内（即{{缴费期限}}前）缴纳。{{缴费方式}}答复期限自本机关收到缴费之日起继续计算。逾期未缴纳的，视为放弃申请。',
      '{{救济途径}}',
      '{{联系方式}}',
    ].join('\n'),
  },
  service_receipt: {
    title: '送达回证',
    body: [
      '送达文书名称：{{送达文书名称}}',
      '受送达人：{{受送达人}}',
      '送达地址：{{送达地址}}',
      '送达方式：{{送达方式}}',
      '送达日期：{{送达日期}}',
      '受送达人签收：{{签收人}}',
      '送达人：',
      '备注：{{送达凭证}}',
    ].join('\n'),
  },
};

/** The system's own template for a key: what an agency starts from and returns to on reset. */
export function builtInLetterTemplate(key: LetterTemplateKey): LetterTemplate {
  const outcome = outcomeOfTemplate(key);
  if (outcome !== null) return builtInReply(outcome);
  return BUILT_IN_OTHERS[key as Exclude<LetterTemplateKey, `reply.${string}`>];
}

/** Where letters find their templates: the agency's own (or inherited) one, or null for the built-in. */
export type LetterTemplateLookup = (key: LetterTemplateKey) => LetterTemplate | null | undefined;
