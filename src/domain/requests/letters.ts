/**
 * The content of the letters a request produces, as structured data for the renderers (DOCX, HTML,
 * print): the reply (政府信息公开申请答复书, or 告知书 where the request is not processed or ends),
 * 补正告知书, 延期答复告知书, 征求意见书, 收费通知书 and 送达回证. Each letter is a title, an addressee,
 * numbered paragraphs citing the articles the decision rests on, and, for decisions that can be
 * challenged, the remedies paragraph. The wording comes from the agency's template (letter-templates.ts),
 * or the built-in one; no layout and no file formats here.
 */
import { REGIME_RULES } from '../calendar/index.ts';
import { describeFeeAssessment } from '../fees/index.ts';
import { DELIVERY_METHOD_LABELS } from './delivery-methods.ts';
import {
  builtInLetterTemplate,
  renderLetterTemplate,
  type LetterTemplateKey,
  type LetterTemplateLookup,
  type PlaceholderValues,
} from './letter-templates.ts';
import { OUTCOME_DEFINITIONS, REPLY_TYPE_GROUNDS, outcomeLabelZh, type LegalGround, type OutcomeGroup } from './outcomes.ts';
import type { RequestState } from './request-state.ts';
import { WITHHOLDING_GROUND_LABELS, type WithheldPart } from './withheld-parts.ts';

/** The kinds of letter. */
export const LETTER_KINDS = [
  'reply',
  'termination_notice',
  'clarification_notice',
  'extension_notice',
  'consultation_letter',
  'fee_notice',
  'service_receipt',
] as const;

/** One of `LETTER_KINDS`. */
export type LetterKind = (typeof LETTER_KINDS)[number];

/** Whether a value is one of the letter kinds. */
export function isLetterKind(value: unknown): value is LetterKind {
  return typeof value === 'string' && (LETTER_KINDS as readonly string[]).includes(value);
}

/** One paragraph; `items` are numbered sub-points (（一）（二）…) printed under it. */
export interface LetterParagraph {
  readonly text: string;
  readonly items?: readonly string[];
}

/** A labelled field, for form-like letters (送达回证). */
export interface LetterField {
  readonly label: string;
  readonly value: string;
}

/** The content of one letter. */
export interface Letter {
  readonly kind: LetterKind;
  readonly title: string;
  /** The letter's own number (e.g. 青政信公〔2025〕12号), when the agency numbers its letters. */
  readonly letterNumber: string | null;
  readonly addressee: string;
  readonly paragraphs: readonly LetterParagraph[];
  readonly fields: readonly LetterField[];
  /** The articles the letter cites, for an index or a footnote. */
  readonly citations: readonly string[];
  readonly signatory: string;
  readonly dateOn: string;
}

/** What the letters need besides the request: who signs, where to seek remedies, the date. */
export interface LetterContext {
  readonly agencyName: string;
  /** 行政复议机关, e.g. 青山县人民政府. */
  readonly reviewBodyName: string;
  /** The court for 行政诉讼, e.g. 青山县人民法院. */
  readonly courtName: string;
  readonly dateOn: string;
  readonly letterNumber?: string;
  /** 联系人及联系电话. */
  readonly contact?: string;
  /** How to pay (fee notice): account, payment code, counter. */
  readonly paymentInstructions?: string;
}

const REGULATIONS = '《中华人民共和国政府信息公开条例》';

/** Formats YYYY-MM-DD the way letters print dates, e.g. 2025年3月3日. */
export function formatDateZh(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

function cite(g: LegalGround): string {
  return g.article.startsWith('条例') ? `${REGULATIONS}${g.article.slice(2)}` : g.article;
}

function citeWithQuote(g: LegalGround): string {
  return `${cite(g)}“${g.quote}”`;
}

// Names the regulations once: 《条例》第十六条第二款“…”和第三十六条第（三）项“…”.
function citeAll(grounds: readonly LegalGround[]): string {
  let named = false;
  return grounds
    .map((g) => {
      if (!g.article.startsWith('条例')) return citeWithQuote(g);
      const text = named ? `${g.article.slice(2)}“${g.quote}”` : citeWithQuote(g);
      named = true;
      return text;
    })
    .join('和');
}

/** The remedies paragraph (行政复议法、行政诉讼法 periods). */
export function remediesParagraph(ctx: LetterContext, what = '本答复'): LetterParagraph {
  const court = ctx.courtName.endsWith('人民法院') ? ctx.courtName : `${ctx.courtName}人民法院`;
  return {
    text: `如对${what}不服，可以在收到${what}之日起60日内向${ctx.reviewBodyName}申请行政复议，或者在6个月内向${court}提起行政诉讼。`,
  };
}

function you(state: RequestState): string {
  return state.record.applicant.type === 'natural_person' ? '您' : '贵单位';
}

function contactLine(ctx: LetterContext): string {
  return ctx.contact ? `联系人及联系电话：${ctx.contact}。` : '';
}

/** The placeholders every letter about a request can use. */
function commonValues(state: RequestState, ctx: LetterContext): Record<string, string> {
  const s = state.record.informationSought;
  return {
    机关名称: ctx.agencyName,
    申请人: state.record.applicant.name,
    称谓: you(state),
    收到申请日期: formatDateZh(state.receivedOn ?? state.submittedOn),
    所需信息: s.description,
    文号说明: s.documentNumber ? `（文号：${s.documentNumber}）` : '',
    日期: formatDateZh(ctx.dateOn),
    联系方式: contactLine(ctx),
  };
}

/** Fills the agency's template for `key` (or the built-in one) into a letter. */
function compose(
  key: LetterTemplateKey,
  templates: LetterTemplateLookup | undefined,
  values: PlaceholderValues,
  frame: { kind: LetterKind; addressee: string; citations: readonly string[] },
  ctx: LetterContext,
): Letter {
  const template = templates?.(key) ?? builtInLetterTemplate(key);
  const rendered = renderLetterTemplate(key, template, values);
  return {
    kind: frame.kind,
    title: rendered.title,
    letterNumber: ctx.letterNumber ?? null,
    addressee: frame.addressee,
    paragraphs: rendered.paragraphs,
    fields: rendered.fields,
    citations: frame.citations,
    signatory: ctx.agencyName,
    dateOn: ctx.dateOn,
  };
}

const DECISION_PHRASES: Readonly<Record<OutcomeGroup, string>> = {
  disclosed: '现答复如下',
  partially_disclosed: '本机关对可以公开的内容予以公开，对不予公开的内容说明理由如下',
  withheld: '本机关决定不予公开',
  unable_to_provide: '本机关无法提供',
  not_processed: '本机关不予处理',
  other: '本机关不再处理该政府信息公开申请',
};

function withheldItems(parts: readonly WithheldPart[]): string[] {
  return parts.map((p) => `${p.description}：${WITHHOLDING_GROUND_LABELS[p.ground]}，${p.reason}`);
}

/** The reply letter for the reply made, or for the draft under approval (a preview); null when there is neither. */
export function replyLetter(state: RequestState, ctx: LetterContext, templates?: LetterTemplateLookup): Letter | null {
  const reply = state.reply ?? state.draft;
  if (reply === null || reply.outcome === 'other_other') return null;
  const def = OUTCOME_DEFINITIONS[reply.outcome];
  // 予以公开 answers under 第三十六条第（一）项 or 第（二）项: when the office said which, the letter cites that one.
  const stated = def.group === 'disclosed' && reply.replyType != null && def.replyTypes.includes(reply.replyType);
  const grounds = stated ? [REPLY_TYPE_GROUNDS[reply.replyType!]] : [...def.grounds];
  // 第三十六条第（三）项 is the reply type of every 不予公开 on 第十四、十五、十六条.
  if (def.replyTypes.includes('withheld') && def.group === 'withheld') grounds.push(REPLY_TYPE_GROUNDS.withheld);
  const values: PlaceholderValues = {
    ...commonValues(state, ctx),
    法律依据: citeAll(grounds),
    救济途径: remediesParagraph(ctx).text,
    答复要点: reply.summary,
    办理结果: outcomeLabelZh(reply.outcome),
    决定: DECISION_PHRASES[def.group],
    不予公开内容: withheldItems(reply.withheld),
  };
  return compose(`reply.${reply.outcome}`, templates, values, { kind: 'reply', addressee: state.record.applicant.name, citations: [...new Set(grounds.map(cite))] }, ctx);
}

/** The notice that a request is closed as abandoned (表三（六）1、2); null unless it was. */
export function terminationNotice(state: RequestState, ctx: LetterContext, templates?: LetterTemplateLookup): Letter | null {
  const a = state.abandoned;
  if (a === null || (state.outcome !== 'other_clarification_overdue' && state.outcome !== 'other_fee_unpaid')) return null;
  const def = OUTCOME_DEFINITIONS[state.outcome];
  const values: PlaceholderValues = {
    ...commonValues(state, ctx),
    法律依据: citeAll(def.grounds),
    救济途径: remediesParagraph(ctx, '本告知').text,
    期限届满日: formatDateZh(a.deadlineOn),
  };
  return compose(`reply.${state.outcome}`, templates, values, { kind: 'termination_notice', addressee: state.record.applicant.name, citations: def.grounds.map(cite) }, ctx);
}

/** 补正告知书 (条例第三十条); null unless a clarification was requested. */
export function clarificationNotice(state: RequestState, ctx: LetterContext, templates?: LetterTemplateLookup): Letter | null {
  const c = state.clarification;
  if (c === null) return null;
  const values: PlaceholderValues = {
    ...commonValues(state, ctx),
    法律依据: `${REGULATIONS}第三十条“政府信息公开申请内容不明确的，行政机关应当给予指导和释明，并自收到申请之日起7个工作日内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限”`,
    补正事项: c.points,
    补正期限: formatDateZh(c.deadlineOn),
  };
  return compose('clarification_notice', templates, values, { kind: 'clarification_notice', addressee: state.record.applicant.name, citations: [`${REGULATIONS}第三十条`] }, ctx);
}

function regimeArticle(text: string): { readonly article: string; readonly quote: string } {
  const [head = text, ...rest] = text.split('：');
  const article = head.startsWith('2008年条例')
    ? `2008年施行的${REGULATIONS}${head.slice('2008年条例'.length)}`
    : head.startsWith('条例')
      ? `${REGULATIONS}${head.slice(2)}`
      : head;
  return { article, quote: rest.join('：') };
}

/** 延期答复告知书 (条例第三十三条第二款); null unless an extension was approved. */
export function extensionNotice(state: RequestState, ctx: LetterContext, templates?: LetterTemplateLookup): Letter | null {
  const e = state.extension;
  if (e === null || state.regime === null) return null;
  const { article, quote } = regimeArticle(REGIME_RULES[state.regime].extensionArticle);
  const values: PlaceholderValues = {
    ...commonValues(state, ctx),
    法律依据: `${article}${quote}`,
    延期理由: e.reason,
    延长工作日数: String(e.workdays),
    延长后答复期限: formatDateZh(e.dueOn),
  };
  return compose('extension_notice', templates, values, { kind: 'extension_notice', addressee: state.record.applicant.name, citations: [article] }, ctx);
}

/** 征求意见书 to the party of the latest consultation (条例第三十二条、第三十四条); null without one. */
export function consultationLetter(state: RequestState, ctx: LetterContext, templates?: LetterTemplateLookup): Letter | null {
  const c = state.consultations.at(-1);
  if (c === undefined) return null;
  const article = c.party === 'third_party' ? `${REGULATIONS}第三十二条` : `${REGULATIONS}第三十四条`;
  const values: PlaceholderValues = {
    ...commonValues(state, ctx),
    法律依据: article,
    被征求意见方: c.consultedName,
    提出意见期限: formatDateZh(c.responseDueOn),
  };
  return compose(`consultation_letter.${c.party}`, templates, values, { kind: 'consultation_letter', addressee: c.consultedName, citations: [article] }, ctx);
}

/** 收费通知书 (条例第四十二条, 国办函〔2020〕109号); null unless a fee notice was sent. */
export function feeNotice(state: RequestState, ctx: LetterContext, templates?: LetterTemplateLookup): Letter | null {
  const f = state.fee;
  if (f === null) return null;
  const citations = [`${REGULATIONS}第四十二条`, '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）'];
  const values: PlaceholderValues = {
    ...commonValues(state, ctx),
    法律依据: `${citations[0]}和${citations[1]}`,
    救济途径: remediesParagraph(ctx, '本收费决定').text,
    收费依据: f.assessment.legalBasis,
    计费明细: describeFeeAssessment(f.assessment),
    计费明细表: f.assessment.bands.map((b) => b.text),
    金额: String(f.assessment.amount),
    缴费期限: formatDateZh(f.paymentDueOn),
    缴费方式: ctx.paymentInstructions ? `缴纳方式：${ctx.paymentInstructions}。` : '',
  };
  return compose('fee_notice', templates, values, { kind: 'fee_notice', addressee: state.record.applicant.name, citations }, ctx);
}

/** 送达回证 for a document served on the applicant, filled in as far as the delivery is recorded. */
export function serviceReceipt(state: RequestState, documentTitle: string, ctx: LetterContext, templates?: LetterTemplateLookup): Letter {
  const d = state.delivery;
  const contact = state.record.applicant.contact;
  const values: PlaceholderValues = {
    机关名称: ctx.agencyName,
    日期: formatDateZh(ctx.dateOn),
    送达文书名称: documentTitle,
    受送达人: state.record.applicant.name,
    送达地址: contact.address ?? contact.email ?? '',
    送达方式: d ? DELIVERY_METHOD_LABELS[d.method] : '',
    送达日期: d ? formatDateZh(d.deliveredOn) : '',
    签收人: d?.signedBy ?? '',
    送达凭证: d?.proof ?? '',
  };
  return compose('service_receipt', templates, values, { kind: 'service_receipt', addressee: state.record.applicant.name, citations: [] }, ctx);
}
