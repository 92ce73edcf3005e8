/**
 * A 政府信息 item of the registry: every field of the catalogue (条例第十二条：“政府信息公开目录包括
 * 政府信息的索引、名称、内容概述、生成日期等内容”) and of the item pages portals show (domain-reference
 * §5.2), with the zod schema that turns a console form into its editable content.
 */
import { z } from 'zod';
import { isCalendarDate } from '../calendar/index.ts';
import { DEFAULT_CATALOGUE_DOMAINS } from './catalogue-domains.ts';
import { DEFAULT_CATEGORIES } from './categories.ts';
import { decideDisclosure, type DisclosureDecision } from './disclosure-attribute.ts';
import { GENRE_INFO, type Genre } from './genres.ts';
import { DEFAULT_KINDS, genreOfKind } from './kinds.ts';
import type { ItemStatus } from './item-status.ts';
import { STATUTORY_CLAUSES, type StatutoryClause } from './statutory-clauses.ts';
import { findValidityProblems, type ValidityDates } from './validity.ts';
import { findEntry, isSelectable, type Vocabulary } from './vocabulary.ts';

/** What the registry keeps about an attached file (the bytes live in the attachment store). */
export interface AttachmentMeta {
  readonly fileId: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  /** Hex SHA-256 of the bytes, if the store computed it. */
  readonly sha256: string | null;
}

/** The part of an item its drafter edits. */
export interface ItemContent {
  /** 信息名称. */
  readonly title: string;
  /** 内容概述. */
  readonly summary: string;
  /** 文号（发文字号）, e.g. “某政发〔2024〕3号”. */
  readonly documentNumber: string | null;
  /** Co-issuing organs of a joint document; the item's own agency is the lead (条例第十条：“两个以上行政机关共同制作的政府信息，由牵头制作的行政机关负责公开”). */
  readonly jointIssuers: readonly string[];
  /** 生成日期（成文日期）: the day the information was formed. */
  readonly formedOn: string;
  /** 变更日期: the day the information changed, for a revision (条例第二十六条：“形成或者变更之日”). */
  readonly changedOn: string | null;
  /** 主题分类 code (configurable vocabulary). */
  readonly categoryCode: string;
  /** 体裁 as the statutory genre the annual report counts. */
  readonly genre: Genre;
  /**
   * 体裁 as the agency's configurable vocabulary names it (kinds.ts); it counts as `genre`. Absent on
   * items drafted before kinds were configurable, whose kind is their genre.
   */
  readonly kindCode?: string | null;
  /** The 第二十条/第二十一条 clause the item discloses under, if any (news items have none). */
  readonly clause: StatutoryClause | null;
  /** 基层政务公开标准目录 domain code (configurable vocabulary), if any. */
  readonly catalogueDomain: string | null;
  /** 关键词. */
  readonly keywords: readonly string[];
  /** 有效性 dates; null when validity does not apply (e.g. news). */
  readonly validity: ValidityDates | null;
  /** The body as HTML; sanitising is the web layer's job. */
  readonly bodyHtml: string;
  readonly attachments: readonly AttachmentMeta[];
  /** 公开属性 with its ground; null until decided. */
  readonly disclosure: DisclosureDecision | null;
  /** For a 政策解读: the item id of the policy it interprets. */
  readonly interpretsItemId: string | null;
  /** Whether the full text is available electronically (counted by the annual report for 公文). */
  readonly hasElectronicFullText: boolean;
}

/** One version of an item as the registry stores it. */
export interface PublicationItem extends ItemContent {
  readonly id: string;
  /** 1 for the first publication, +1 for each revision. */
  readonly version: number;
  /** 发布机构: the agency responsible for publishing, and its materialised path. */
  readonly agencyId: number;
  readonly agencyPath: string;
  /** 索引号, assigned by the service from the agency's template. */
  readonly indexNumber: string | null;
  readonly status: ItemStatus;
  /** 发布日期. */
  readonly publishedOn: string | null;
  readonly publishedAt: string | null;
}

const MAX_TITLE = 200;
const MAX_SUMMARY = 1000;
const MAX_DOCUMENT_NUMBER = 60;
const MAX_ISSUERS = 20;
const MAX_KEYWORDS = 10;
const MAX_KEYWORD = 20;
const MAX_BODY = 2_000_000;
const MAX_ID = 64;

const blankToNull = (v: unknown) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v);
const LIST_SEPARATORS = /[\s,，、;；]+/;
const toList = (v: unknown) =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : typeof v === 'string' ? v.split(LIST_SEPARATORS) : v;
const toCheckbox = (v: unknown) => v === true || v === 'on' || v === 'true' || v === '1' || v === 1;

const dateField = (label: string) =>
  z.string({ message: `请填写${label}` }).trim().refine(isCalendarDate, `${label}不是有效日期（格式 YYYY-MM-DD）`);
const optionalDate = (label: string) => z.preprocess(blankToNull, dateField(label).nullable());
const optionalText = (max: number, label: string) =>
  z.preprocess((v) => v ?? '', z.string().trim().max(max, `${label}不超过 ${max} 个字`));

/** The vocabularies the item schema checks codes against (an agency's, inherited from its superiors). */
export interface ItemVocabularies {
  readonly categories: Vocabulary;
  readonly catalogueDomains: Vocabulary;
  /** 体裁; the defaults (one kind per genre) when omitted. */
  readonly kinds?: Vocabulary;
}

/** Codes an edited item already carries: they stay acceptable after being retired (old items keep their terms). */
export interface KeptCodes {
  readonly categoryCode?: string | null;
  readonly catalogueDomain?: string | null;
  readonly kindCode?: string | null;
}

/**
 * Builds the schema for the editable fields of an item (attachments come from the upload service), checking
 * codes against the configured vocabularies. The form's `genre` is the chosen kind's code (or `kindCode`, if
 * given); the output carries both the kind and the genre it counts as.
 */
export function createItemInputSchema(vocabularies: ItemVocabularies, keep: KeptCodes = {}) {
  const kinds = vocabularies.kinds ?? DEFAULT_KINDS;
  const usable = (vocabulary: Vocabulary, code: string, kept: string | null | undefined) => isSelectable(vocabulary, code) || (code === kept && findEntry(vocabulary, code) !== undefined);
  return z
    .object({
      title: z.string({ message: '请填写信息名称' }).trim().min(1, '请填写信息名称').max(MAX_TITLE, `信息名称不超过 ${MAX_TITLE} 个字`),
      summary: optionalText(MAX_SUMMARY, '内容概述'),
      documentNumber: z.preprocess(
        blankToNull,
        z.string().trim().max(MAX_DOCUMENT_NUMBER, `文号不超过 ${MAX_DOCUMENT_NUMBER} 个字`).nullable(),
      ),
      jointIssuers: z.preprocess(
        (v) => (typeof v === 'string' ? v.split(/[\n、;；]+/) : toList(v)),
        z
          .array(z.string().trim().max(60, '联合发文机关名称不超过 60 个字'))
          .transform((list) => [...new Set(list.filter((s) => s !== ''))])
          .refine((list) => list.length <= MAX_ISSUERS, `联合发文机关不超过 ${MAX_ISSUERS} 个`),
      ),
      formedOn: dateField('生成日期'),
      changedOn: optionalDate('变更日期'),
      categoryCode: z.string({ message: '请选择主题分类' }).trim().min(1, '请选择主题分类'),
      genre: z.preprocess(blankToNull, z.string().trim().nullable()),
      kindCode: z.preprocess(blankToNull, z.string().trim().nullable()),
      clause: z.preprocess(blankToNull, z.enum(STATUTORY_CLAUSES, { message: '法定公开条款无效' }).nullable()),
      catalogueDomain: z.preprocess(blankToNull, z.string().trim().nullable()),
      keywords: z.preprocess(
        toList,
        z
          .array(z.string().trim().max(MAX_KEYWORD, `每个关键词不超过 ${MAX_KEYWORD} 个字`))
          .transform((list) => [...new Set(list.filter((s) => s !== ''))])
          .refine((list) => list.length <= MAX_KEYWORDS, `关键词不超过 ${MAX_KEYWORDS} 个`),
      ),
      validity: z.preprocess(
        (v) => v ?? {},
        z.object({
          effectiveOn: optionalDate('施行日期'),
          expiresOn: optionalDate('有效期截止日期'),
          repealedOn: optionalDate('废止日期'),
        }),
      ),
      bodyHtml: z.preprocess((v) => v ?? '', z.string().max(MAX_BODY, '正文过长')),
      disclosure: z.preprocess(
        (v) => v ?? {},
        z.object({
          attribute: z.preprocess(blankToNull, z.string().nullable()),
          ground: z.preprocess(blankToNull, z.string().nullable()),
          note: optionalText(500, '公开属性说明'),
        }),
      ),
      interpretsItemId: z.preprocess(blankToNull, z.string().trim().max(MAX_ID, '所解读文件的编号无效').nullable()),
      hasElectronicFullText: z.preprocess(toCheckbox, z.boolean()),
    })
    .superRefine((v, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (findEntry(vocabularies.categories, v.categoryCode) === undefined) issue('categoryCode', '主题分类不存在（或不适用于该发布机构）');
      else if (!usable(vocabularies.categories, v.categoryCode, keep.categoryCode)) issue('categoryCode', '该主题分类已停用，请另选');
      if (v.catalogueDomain !== null) {
        if (findEntry(vocabularies.catalogueDomains, v.catalogueDomain) === undefined) issue('catalogueDomain', '标准目录领域不存在（或不适用于该发布机构）');
        else if (!usable(vocabularies.catalogueDomains, v.catalogueDomain, keep.catalogueDomain)) issue('catalogueDomain', '该标准目录领域已停用，请另选');
      }
      const kind = v.kindCode ?? v.genre;
      const genre = kind === null ? undefined : genreOfKind(kinds, kind);
      if (kind === null) issue('genre', '请选择体裁');
      else if (genre === undefined) issue('genre', '体裁不存在（或不适用于该发布机构）');
      else if (!usable(kinds, kind, keep.kindCode)) issue('genre', '该体裁已停用，请另选');
      if (v.changedOn !== null && v.changedOn < v.formedOn) issue('changedOn', '变更日期不能早于生成日期');
      for (const problem of findValidityProblems(v.validity)) issue('validity', problem);
      if (v.validity.repealedOn !== null && v.validity.repealedOn < v.formedOn) issue('validity', '废止日期不能早于生成日期');
      if (v.disclosure.attribute !== null) {
        const decided = decideDisclosure(v.disclosure.attribute, v.disclosure.ground, v.disclosure.note);
        if (!decided.ok) issue('disclosure', decided.problem);
      } else if (v.disclosure.ground !== null) issue('disclosure', '请先选择公开属性');
      if (v.interpretsItemId !== null && genre !== undefined && genre !== 'interpretation') issue('interpretsItemId', '只有体裁为“政策解读”的信息可以关联所解读的文件');
    })
    .transform((v): Omit<ItemContent, 'attachments'> => {
      const decided = v.disclosure.attribute === null ? null : decideDisclosure(v.disclosure.attribute, v.disclosure.ground, v.disclosure.note);
      const { effectiveOn, expiresOn, repealedOn } = v.validity;
      const kindCode = (v.kindCode ?? v.genre)!;
      return {
        ...v,
        genre: genreOfKind(kinds, kindCode)!,
        kindCode,
        validity: effectiveOn === null && expiresOn === null && repealedOn === null ? null : { effectiveOn, expiresOn, repealedOn },
        disclosure: decided !== null && decided.ok ? decided.decision : null,
      };
    });
}

/** The item schema with the default vocabularies. */
export const itemInputSchema = createItemInputSchema({ categories: DEFAULT_CATEGORIES, catalogueDomains: DEFAULT_CATALOGUE_DOMAINS });

/** The editable content an item form yields (everything but attachments). */
export type ItemInput = z.output<typeof itemInputSchema>;

/** Metadata of an uploaded attachment, as the upload service reports it. */
export const attachmentMetaSchema = z.object({
  fileId: z.string().min(1).max(MAX_ID),
  fileName: z.string().trim().min(1, '附件名称不能为空').max(200, '附件名称不超过 200 个字'),
  mediaType: z.string().min(1),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable().default(null),
});

/**
 * Lists what must be completed before an item can be submitted for review, in Chinese: the catalogue
 * fields, a decided 公开属性, something to publish, and the number and effective date of normative texts.
 */
export function findSubmissionProblems(content: ItemContent, today: string): string[] {
  const problems: string[] = [];
  if (content.title.trim() === '') problems.push('请填写信息名称。');
  // 条例第十二条：目录包括“索引、名称、内容概述、生成日期”
  if (content.summary.trim() === '') problems.push('请填写内容概述（条例第十二条：政府信息公开目录包括“索引、名称、内容概述、生成日期”）。');
  if (content.formedOn > today) problems.push(`生成日期 ${content.formedOn} 晚于今天（${today}）。`);
  if (content.changedOn !== null && content.changedOn > today) problems.push(`变更日期 ${content.changedOn} 晚于今天（${today}）。`);
  if (content.disclosure === null) problems.push('请认定公开属性（主动公开、依申请公开或不予公开）；不予公开或依申请公开的须写明依据。');
  const hasContent = content.bodyHtml.trim() !== '' || content.attachments.length > 0;
  if (content.disclosure?.attribute === 'proactive' && !hasContent) problems.push('主动公开的信息须有正文或附件。');
  if (content.hasElectronicFullText && !hasContent) problems.push('标注了“有电子全文”，但没有正文或附件。');
  const normative = GENRE_INFO[content.genre].normativeKind;
  if (normative !== null) {
    const label = GENRE_INFO[content.genre].label;
    if (content.documentNumber === null) problems.push(`${label}须填写文号（统一登记、统一编号）。`);
    if (content.validity?.effectiveOn == null) problems.push(`${label}须填写施行日期。`);
  }
  return problems;
}

/** The date the 第二十六条 period runs from: the change date of a revision, else the day the information was formed. */
export function deadlineAnchorOf(content: Pick<ItemContent, 'formedOn' | 'changedOn'>): string {
  return content.changedOn ?? content.formedOn;
}
