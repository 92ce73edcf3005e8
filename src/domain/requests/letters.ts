/**
 * The content of the letters a request produces, as structured data for the renderers (DOCX, HTML,
 * print): the reply (政府信息公开申请答复书, or 告知书 where the request is not processed or ends),
 * 补正告知书, 延期答复告知书, 征求意见书, 收费通知书 and 送达回证. Each letter is a title, an addressee,
 * numbered paragraphs citing the articles the decision rests on, and, for decisions that can be
 * challenged, the remedies paragraph. No layout and no file formats here.
 */
import { REGIME_RULES } from '../calendar/index.ts';
import { describeFeeAssessment } from '../fees/index.ts';
import { DELIVERY_METHOD_LABELS } from './delivery-methods.ts';
import { OUTCOME_DEFINITIONS, REPLY_TYPE_GROUNDS, type LegalGround, type Outcome, type OutcomeGroup } from './outcomes.ts';
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

function opening(state: RequestState): LetterParagraph {
  const s = state.record.informationSought;
  const doc = s.documentNumber ? `（文号：${s.documentNumber}）` : '';
  return {
    text: `本机关于${formatDateZh(state.receivedOn ?? state.submittedOn)}收到${you(state)}提出的政府信息公开申请，申请获取“${s.description}”${doc}。`,
  };
}

function closing(ctx: LetterContext): LetterParagraph[] {
  return ctx.contact ? [{ text: `联系人及联系电话：${ctx.contact}。` }] : [];
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

function base(kind: LetterKind, title: string, addressee: string, ctx: LetterContext): Omit<Letter, 'paragraphs' | 'citations'> {
  return { kind, title, letterNumber: ctx.letterNumber ?? null, addressee, fields: [], signatory: ctx.agencyName, dateOn: ctx.dateOn };
}

function replyTitle(outcome: Outcome): string {
  switch (OUTCOME_DEFINITIONS[outcome].group) {
    case 'disclosed':
    case 'partially_disclosed':
    case 'withheld':
    case 'unable_to_provide':
      return '政府信息公开申请答复书';
    case 'not_processed':
      return '政府信息公开申请告知书';
    case 'other':
      return '政府信息公开申请终止处理告知书';
    default: {
      const unreachable: never = OUTCOME_DEFINITIONS[outcome].group;
      return String(unreachable);
    }
  }
}

/** The reply letter for the reply made, or for the draft under approval (a preview); null when there is neither. */
export function replyLetter(state: RequestState, ctx: LetterContext): Letter | null {
  const reply = state.reply ?? state.draft;
  if (reply === null) return null;
  const def = OUTCOME_DEFINITIONS[reply.outcome];
  const grounds = [...def.grounds];
  // 第三十六条第（三）项 is the reply type of every 不予公开 on 第十四、十五、十六条.
  if (def.replyTypes.includes('withheld') && def.group === 'withheld') grounds.push(REPLY_TYPE_GROUNDS.withheld);
  const end = def.requiresWithheldParts ? '：' : '。';
  const legal =
    grounds.length > 0 ? `根据${citeAll(grounds)}的规定，${DECISION_PHRASES[def.group]}${end}` : `${DECISION_PHRASES[def.group]}${end}`;
  const paragraphs: LetterParagraph[] = [opening(state), { text: `经审查，${reply.summary}` }];
  if (def.requiresWithheldParts) {
    paragraphs.push({ text: legal, items: withheldItems(reply.withheld) });
  } else {
    paragraphs.push({ text: legal });
  }
  paragraphs.push(remediesParagraph(ctx), ...closing(ctx));
  return {
    ...base('reply', replyTitle(reply.outcome), state.record.applicant.name, ctx),
    paragraphs,
    citations: [...new Set(grounds.map(cite))],
  };
}

/** The notice that a request is closed as abandoned (表三（六）1、2); null unless it was. */
export function terminationNotice(state: RequestState, ctx: LetterContext): Letter | null {
  const a = state.abandoned;
  if (a === null || state.outcome === null) return null;
  const def = OUTCOME_DEFINITIONS[state.outcome];
  const what =
    a.reason === 'clarification_overdue'
      ? `本机关已告知${you(state)}作出补正，补正期限至${formatDateZh(a.deadlineOn)}届满，至今未收到补正。`
      : `本机关已向${you(state)}发出收费通知，缴费期限至${formatDateZh(a.deadlineOn)}届满，至今未收到缴费。`;
  return {
    ...base('termination_notice', '政府信息公开申请终止处理告知书', state.record.applicant.name, ctx),
    paragraphs: [
      opening(state),
      { text: what },
      { text: `根据${citeAll(def.grounds)}的规定，视为${you(state)}放弃申请，本机关不再处理该政府信息公开申请。` },
      remediesParagraph(ctx, '本告知'),
      ...closing(ctx),
    ],
    citations: def.grounds.map(cite),
  };
}

/** 补正告知书 (条例第三十条); null unless a clarification was requested. */
export function clarificationNotice(state: RequestState, ctx: LetterContext): Letter | null {
  const c = state.clarification;
  if (c === null) return null;
  return {
    ...base('clarification_notice', '政府信息公开申请补正告知书', state.record.applicant.name, ctx),
    paragraphs: [
      opening(state),
      {
        text: `经审查，${you(state)}的申请内容不明确。根据${REGULATIONS}第三十条“政府信息公开申请内容不明确的，行政机关应当给予指导和释明，并自收到申请之日起7个工作日内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限”的规定，请${you(state)}就下列事项作出补正：`,
        items: c.points,
      },
      { text: `请于${formatDateZh(c.deadlineOn)}前向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。` },
      { text: '申请人无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。' },
      ...closing(ctx),
    ],
    citations: [`${REGULATIONS}第三十条`],
  };
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
export function extensionNotice(state: RequestState, ctx: LetterContext): Letter | null {
  const e = state.extension;
  if (e === null || state.regime === null) return null;
  const { article, quote } = regimeArticle(REGIME_RULES[state.regime].extensionArticle);
  return {
    ...base('extension_notice', '政府信息公开申请延期答复告知书', state.record.applicant.name, ctx),
    paragraphs: [
      opening(state),
      { text: `因${e.reason}，本机关不能在规定期限内作出答复。` },
      {
        text: `根据${article}${quote}的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长${e.workdays}个工作日，延长后的答复期限至${formatDateZh(e.dueOn)}。`,
      },
      ...closing(ctx),
    ],
    citations: [article],
  };
}

/** 征求意见书 to the party of the latest consultation (条例第三十二条、第三十四条); null without one. */
export function consultationLetter(state: RequestState, ctx: LetterContext): Letter | null {
  const c = state.consultations.at(-1);
  if (c === undefined) return null;
  const s = state.record.informationSought;
  const thirdParty = c.party === 'third_party';
  const why = thirdParty
    ? `本机关认为公开该信息可能损害贵方合法权益。根据${REGULATIONS}第三十二条的规定，现书面征求贵方意见。`
    : `该信息由贵机关与本机关共同制作。根据${REGULATIONS}第三十四条的规定，现征求贵机关意见。`;
  const silence = thirdParty
    ? '逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。如不同意公开，请说明理由。'
    : '逾期未提出意见的，视为同意公开。';
  return {
    ...base('consultation_letter', '政府信息公开征求意见书', c.consultedName, ctx),
    paragraphs: [
      { text: `本机关于${formatDateZh(state.receivedOn ?? state.submittedOn)}收到一份政府信息公开申请，申请获取“${s.description}”。` },
      { text: why },
      { text: `请于收到本征求意见书之日起15个工作日内（即${formatDateZh(c.responseDueOn)}前）提出书面意见。${silence}` },
      ...closing(ctx),
    ],
    citations: [thirdParty ? `${REGULATIONS}第三十二条` : `${REGULATIONS}第三十四条`],
  };
}

/** 收费通知书 (条例第四十二条, 国办函〔2020〕109号); null unless a fee notice was sent. */
export function feeNotice(state: RequestState, ctx: LetterContext): Letter | null {
  const f = state.fee;
  if (f === null) return null;
  return {
    ...base('fee_notice', '政府信息公开信息处理费收费通知书', state.record.applicant.name, ctx),
    paragraphs: [
      opening(state),
      { text: '收费依据：', items: f.assessment.legalBasis },
      { text: `计费明细：${describeFeeAssessment(f.assessment)}`, items: f.assessment.bands.map((b) => b.text) },
      {
        text: `请于收到本通知次日起20个工作日内（即${formatDateZh(f.paymentDueOn)}前）缴纳。${ctx.paymentInstructions ? `缴纳方式：${ctx.paymentInstructions}。` : ''}答复期限自本机关收到缴费之日起继续计算。逾期未缴纳的，视为放弃申请。`,
      },
      remediesParagraph(ctx, '本收费决定'),
      ...closing(ctx),
    ],
    citations: [`${REGULATIONS}第四十二条`, '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）'],
  };
}

/** 送达回证 for a document served on the applicant, filled in as far as the delivery is recorded. */
export function serviceReceipt(state: RequestState, documentTitle: string, ctx: LetterContext): Letter {
  const d = state.delivery;
  const contact = state.record.applicant.contact;
  return {
    ...base('service_receipt', '送达回证', state.record.applicant.name, ctx),
    paragraphs: [],
    fields: [
      { label: '送达文书名称', value: documentTitle },
      { label: '受送达人', value: state.record.applicant.name },
      { label: '送达地址', value: contact.address ?? contact.email ?? '' },
      { label: '送达方式', value: d ? DELIVERY_METHOD_LABELS[d.method] : '' },
      { label: '送达日期', value: d ? formatDateZh(d.deliveredOn) : '' },
      { label: '受送达人签收', value: '' },
      { label: '送达人', value: '' },
      { label: '备注', value: d?.proof ?? '' },
    ],
    citations: [],
  };
}
