/**
 * Import of ledgers (台账): proactive items, disclosure requests (with their handling and outcome)
 * and reconsideration/litigation cases, from tables with Chinese headers (the CLI and console read
 * XLSX or CSV into a `LedgerTable`). Every row goes through the same domain rules as the console:
 * items through the publication workflow (`decideItem`), requests through `decide`/`evolve` on the
 * dates of the ledger (a historical clock), cases through the register's checks. A dry run reports
 * row-by-row problems in Chinese and writes nothing; a commit writes every row in one transaction
 * with one audit entry, and only if no row has an error. Rows already imported (same 索引号, same
 * 申请编号 or the same row hash, the same case) are skipped, so a file can be imported again safely.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { RoleGrant } from '../domain/access/roles.ts';
import { isCalendarDate, type HolidayCalendar } from '../domain/calendar/index.ts';
import type { Agency } from '../domain/organisations/agency.ts';
import {
  GENRES,
  GENRE_INFO,
  STATUTORY_CLAUSES,
  decideDisclosure,
  decideItem,
  evolveItem,
  findEntry,
  genreOfKind,
  labelPathOf,
  publicContentOf,
  reviewTextsOf,
  scanItemTexts,
  startItem,
  summariseReview,
  validityOn,
  type Genre,
  type ItemCommand,
  type ItemContent,
  type ItemContext,
  type ItemEvent,
  type ItemState,
  type SourcedFinding,
  type StatutoryClause,
  type Vocabulary,
  type VocabularyEntry,
} from '../domain/publishing/index.ts';
import { htmlToText } from '../domain/privacy/index.ts';
import {
  APPLICANT_TYPES,
  APPLICANT_TYPE_LABELS,
  INFORMATION_FORMS,
  INFORMATION_FORM_LABELS,
  INTAKE_CHANNELS,
  INTAKE_CHANNEL_LABELS,
  OUTCOMES,
  OUTCOME_DEFINITIONS,
  REQUESTED_DELIVERY_METHODS,
  DELIVERY_METHOD_LABELS,
  WITHHOLDING_GROUNDS,
  WITHHOLDING_GROUND_LABELS,
  checkRequestRecord,
  deadlineOf,
  decide,
  evolve,
  isOpen,
  outcomeLabelZh,
  type ApplicantType,
  type DecisionContext,
  type DisclosureRequestEvent,
  type InformationForm,
  type IntakeChannel,
  type Outcome,
  type RequestCommand,
  type RequestRecord,
  type RequestState,
  type RequestedDeliveryMethod,
  type WithholdingGround,
} from '../domain/requests/index.ts';
import { requirePermission } from './access-control.ts';
import { chinaDateOf } from './china-time.ts';
import { ValidationError } from './errors.ts';
import type { CalendarService } from './manage-calendar.ts';
import { APPEAL_KINDS, APPEAL_RESULTS, applicantKeyOf } from './manage-requests.ts';
import { vocabulariesAt, type AgencyVocabularies } from './manage-vocabularies.ts';
import type { Actor, AppealInput, AppealKind, AppealResult, CaseNote, Clock, LedgerTable, Repositories, SearchDocument, UnitOfWork } from './ports.ts';

/** The kinds of ledger. */
export const LEDGER_KINDS = ['items', 'requests', 'appeals'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** Whether a value is a ledger kind. */
export function isLedgerKind(value: unknown): value is LedgerKind {
  return typeof value === 'string' && (LEDGER_KINDS as readonly string[]).includes(value);
}

export const LEDGER_KIND_LABELS: Readonly<Record<LedgerKind, string>> = {
  items: '主动公开信息台账',
  requests: '依申请公开台账',
  appeals: '行政复议和行政诉讼台账',
};

/** One column of a ledger: its header, whether it is required, and what goes in it. */
export interface LedgerColumn {
  header: string;
  required: boolean;
  note: string;
}

const col = (header: string, required: boolean, note: string): LedgerColumn => ({ header, required, note });

/** The columns of each ledger, in template order. The import matches headers exactly (spaces and a trailing * ignored). */
export const LEDGER_COLUMNS: Readonly<Record<LedgerKind, readonly LedgerColumn[]>> = {
  items: [
    col('索引号', true, '唯一；重复导入时据此识别已导入的信息'),
    col('信息名称', true, ''),
    col('发布机构', false, '机构全称或简称；空则为导入时指定的机构'),
    col('文号', false, '规章、行政规范性文件必填'),
    col('生成日期', true, 'YYYY-MM-DD'),
    col('发布日期', true, 'YYYY-MM-DD，不早于生成日期'),
    col('主题分类', true, '主题分类名称或代码（按发布机构的分类设置）'),
    col('体裁', true, `名称或代码（按发布机构的分类设置），如：${GENRES.slice(0, 6).map((g) => GENRE_INFO[g].label).join('、')}`),
    col('公开条款', false, '条例第二十条、第二十一条条款代码'),
    col('标准目录领域', false, '基层政务公开标准目录领域名称或代码'),
    col('内容概述', false, '空则以信息名称代替（并提示）'),
    col('正文', false, '纯文本，按段落换行；与“原文链接”至少填一项'),
    col('原文链接', false, '原网站上的地址'),
    col('关键词', false, '以逗号、顿号分隔'),
    col('施行日期', false, '规章、行政规范性文件必填'),
    col('废止日期', false, ''),
    col('所解读文件索引号', false, '体裁为政策解读时填写'),
  ],
  requests: [
    col('申请编号', false, '唯一；空则按整行内容生成编号（YSQ-DR-…），重复导入时据此识别'),
    col('受理机关', false, '机构全称或简称；空则为导入时指定的机构'),
    col('申请人类型', true, APPLICANT_TYPES.map((t) => APPLICANT_TYPE_LABELS[t]).join('、')),
    col('申请人姓名或名称', true, ''),
    col('证件号码', false, '身份证号或统一社会信用代码'),
    col('联系电话', false, '联系电话、电子邮箱、通信地址至少填一项'),
    col('电子邮箱', false, ''),
    col('通信地址', false, ''),
    col('申请渠道', true, INTAKE_CHANNELS.map((c) => INTAKE_CHANNEL_LABELS[c]).join('、')),
    col('收到申请日期', true, 'YYYY-MM-DD（条例第三十一条的收到申请之日）'),
    col('申请内容', true, '所需信息的名称或特征性描述'),
    col('信息形式', false, `${INFORMATION_FORMS.map((f) => INFORMATION_FORM_LABELS[f]).join('、')}；空为不限`),
    col('获取方式', false, `${REQUESTED_DELIVERY_METHODS.map((m) => DELIVERY_METHOD_LABELS[m]).join('、')}；空为邮寄`),
    col('延长答复期限（工作日）', false, '经负责人同意延期的工作日数'),
    col('延期日期', false, '批准延期之日；空则为答复日期与原答复期限中较早者'),
    col('办理结果', false, '年报表三的行名（如“予以公开”“本机关不掌握相关政府信息”）；空为尚在办理'),
    col('不予公开部分的依据', false, '部分公开时必填，如“保护第三方合法权益”'),
    col('答复日期', false, '有办理结果时必填'),
    col('答复摘要', false, ''),
    col('送达日期', false, ''),
  ],
  appeals: [
    col('案件类型', true, '行政复议、直接起诉、复议后起诉'),
    col('被申请（被告）机关', false, '机构全称或简称；空则为导入时指定的机构'),
    col('申请复议或起诉日期', true, 'YYYY-MM-DD'),
    col('复议机关或法院', true, ''),
    col('结果', true, '结果维持、结果纠正、其他结果、尚未审结'),
    col('审结日期', false, '已审结的必填'),
    col('关联申请编号', false, ''),
    col('备注', false, ''),
  ],
};

/**
 * The example row of each template (one per kind, in column order). A row equal to it is refused on
 * import, so that a template filled in below its example never imports the example as a record.
 */
export const LEDGER_EXAMPLES: Readonly<Record<LedgerKind, Readonly<Record<string, string>>>> = {
  items: {
    索引号: '示例-11431281006189210X/2025-00001',
    信息名称: '关于做好2025年农村公路养护工作的通知',
    文号: '黔政发〔2025〕3号',
    生成日期: '2025-03-03',
    发布日期: '2025-03-05',
    主题分类: '综合政务',
    体裁: '通知',
    内容概述: '部署2025年全镇农村公路日常养护和汛期巡查工作。',
    正文: '各村（社区）、镇直各单位：\n现将2025年农村公路养护工作有关事项通知如下。',
    关键词: '农村公路、养护',
  },
  requests: {
    申请编号: '示例-2025-001',
    申请人类型: '自然人',
    申请人姓名或名称: '张晓梅',
    联系电话: '0745-0000000',
    申请渠道: '当面提交',
    收到申请日期: '2025-03-03',
    申请内容: '2025年本村危房改造补助对象名单',
    信息形式: '纸质文本',
    获取方式: '当面领取',
    办理结果: '予以公开',
    答复日期: '2025-03-10',
    答复摘要: '已提供补助对象名单复印件。',
  },
  appeals: {
    案件类型: '行政复议',
    申请复议或起诉日期: '2025-04-01',
    复议机关或法院: '示例-洪江市人民政府',
    结果: '结果维持',
    审结日期: '2025-05-20',
    关联申请编号: '',
    备注: '',
  },
};

/** Whether a row is the template's example row, unchanged. */
function isExampleRow(kind: LedgerKind, cells: Record<string, string>): boolean {
  const example = LEDGER_EXAMPLES[kind];
  return LEDGER_COLUMNS[kind].every((c) => (cells[c.header] ?? '').trim() === (example[c.header] ?? '').trim());
}

/** A problem with one row (or the whole file when `line` is 0). */
export interface LedgerProblem {
  line: number;
  column?: string;
  message: string;
}

/** What an import did or would do. */
export interface LedgerImportReport {
  kind: LedgerKind;
  dryRun: boolean;
  /** Whether rows were written. */
  committed: boolean;
  total: number;
  /** Rows that would be (or were) created. */
  created: number;
  /** Rows already imported (skipped): line and key. */
  duplicates: Array<{ line: number; key: string }>;
  /** Rows that would be (or were) created: line, key and what the row is (title, applicant, case). */
  planned: Array<{ line: number; key: string; label: string }>;
  errors: LedgerProblem[];
  warnings: LedgerProblem[];
}

export interface LedgerImportOptions {
  /** The agency rows belong to when they name none (and the root of the agencies they may name). */
  agencyId: number;
  dryRun: boolean;
  /** The file, for the audit entry. */
  source?: { fileName: string; sha256: string };
}

export interface LedgerImportDeps {
  uow: UnitOfWork;
  clock: Clock;
  calendar: CalendarService;
}

// --- helpers -------------------------------------------------------------------------------------

const APPEAL_KIND_LABELS: Readonly<Record<AppealKind, string>> = {
  reconsideration: '行政复议',
  litigation_direct: '直接起诉',
  litigation_after_reconsideration: '复议后起诉',
};
const APPEAL_RESULT_LABELS: Readonly<Record<AppealResult, string>> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结' };

export { APPEAL_KIND_LABELS, APPEAL_RESULT_LABELS };

class RowErrors {
  readonly problems: LedgerProblem[] = [];
  constructor(readonly line: number) {}
  add(message: string, column?: string): void {
    this.problems.push({ line: this.line, ...(column && { column }), message });
  }
}

/** Normalises a date as clerks type it (2024/3/5, 2024.03.05, 2024年3月5日) to YYYY-MM-DD, or null when it is not a date. */
export function normaliseLedgerDate(value: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(value.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isCalendarDate(date) ? date : null;
}

function dateCell(cells: Record<string, string>, header: string, errors: RowErrors, required: boolean): string | null {
  const raw = cells[header] ?? '';
  if (raw === '') {
    if (required) errors.add(`缺少“${header}”。`, header);
    return null;
  }
  const date = normaliseLedgerDate(raw);
  if (date === null) errors.add(`${header}“${raw}”不是有效日期（应为 YYYY-MM-DD）。`, header);
  return date;
}

function textCell(cells: Record<string, string>, header: string, errors: RowErrors, required: boolean, max = 5000): string {
  const v = (cells[header] ?? '').trim();
  if (required && v === '') errors.add(`缺少“${header}”。`, header);
  if (v.length > max) errors.add(`“${header}”不超过 ${max} 个字。`, header);
  return v;
}

/** Finds a code by its label or code (labels compared without spaces and quotes). */
function lookup<T extends string>(value: string, codes: readonly T[], label: (c: T) => string): T | undefined {
  const norm = (s: string) => s.replace(/[\s"“”]/g, '').replace(/^（.）|^\d+\./, '');
  const v = norm(value);
  return codes.find((c) => c === value.trim()) ?? codes.find((c) => norm(label(c)) === v) ?? codes.find((c) => norm(label(c)).startsWith(v) && v.length >= 2);
}

/** An import of at least this many items settles the search index afterwards (SearchIndex.settle): fewer are left to autovacuum. */
const SETTLE_SEARCH_AFTER = 1000;

/** Several terms answer to the same label (“其他” under two parents): the cell must name one by code or path. */
const AMBIGUOUS = 'ambiguous';

/**
 * Finds a term of a vocabulary by its code, its label path (“综合政务\政务公开”) or its label; with
 * `prefix`, also by the beginning of its label (two characters at least). Where labels repeat, a term
 * still in use wins over a retired one; two in use with the label are `AMBIGUOUS`, never a guess.
 */
function findTerm(vocabulary: Vocabulary, value: string, prefix: boolean): VocabularyEntry | typeof AMBIGUOUS | undefined {
  const raw = value.trim();
  const byCode = findEntry(vocabulary, raw);
  if (byCode) return byCode;
  const norm = (s: string) => s.replace(/[\s"“”]/g, '').replace(/^（.）|^\d+\./, '');
  const v = norm(raw);
  const one = (found: VocabularyEntry[]) => (found.length > 1 ? AMBIGUOUS : found[0]);
  const live = vocabulary.entries.filter((e) => e.retired !== true);
  const retired = vocabulary.entries.filter((e) => e.retired === true);
  for (const group of [live, retired]) {
    const byPath = group.filter((e) => e.parentCode && norm(labelPathOf(vocabulary, e.code)) === v);
    if (byPath.length > 0) return one(byPath);
    const byLabel = group.filter((e) => norm(e.label) === v);
    if (byLabel.length > 0) return one(byLabel);
  }
  if (!prefix || v.length < 2) return undefined;
  return one(live.filter((e) => norm(e.label).startsWith(v)));
}

/**
 * Reads a vocabulary cell: the term (null when the cell is empty), or undefined after adding the
 * problem. A retired term is refused as the item form refuses it, unless `allowRetired` (a row that is
 * already imported and will be skipped: its item keeps its terms).
 */
function termCell(
  cells: Record<string, string>,
  header: string,
  e: RowErrors,
  options: { required: boolean; allowRetired: boolean; find: (raw: string) => VocabularyEntry | typeof AMBIGUOUS | undefined },
): VocabularyEntry | null | undefined {
  const raw = textCell(cells, header, e, options.required);
  if (raw === '') return options.required ? undefined : null;
  const entry = options.find(raw);
  if (entry === AMBIGUOUS) {
    e.add(`有多个${header}名为“${raw}”，请填写代码或完整路径（如“上级分类\\${raw}”）。`, header);
    return undefined;
  }
  if (!entry) {
    e.add(`未知的${header}“${raw}”。`, header);
    return undefined;
  }
  if (entry.retired === true && !options.allowRetired) {
    e.add(`该${header}已停用：“${entry.label}”，请另选。`, header);
    return undefined;
  }
  return entry;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}


/** 10:00 Beijing time on a date: the instant recorded for a step that happened that day. */
function instantOn(date: string): string {
  return `${date}T02:00:00.000Z`;
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function checkHeaders(kind: LedgerKind, table: LedgerTable): LedgerProblem[] {
  const known = new Set(LEDGER_COLUMNS[kind].map((c) => c.header));
  const problems: LedgerProblem[] = [];
  for (const c of LEDGER_COLUMNS[kind]) {
    if (c.required && !table.headers.includes(c.header)) problems.push({ line: 1, column: c.header, message: `缺少必填列“${c.header}”。` });
  }
  const unknown = table.headers.filter((h) => !known.has(h));
  if (unknown.length > 0) problems.push({ line: 1, message: `不认识的列将被忽略：${unknown.join('、')}。` });
  return problems;
}

const proactive = decideDisclosure('proactive', null, '');
/** 主动公开: every ledger item was published proactively. */
const PROACTIVE: ItemContent['disclosure'] = proactive.ok ? proactive.decision : null;

// --- plans ---------------------------------------------------------------------------------------

interface Base {
  line: number;
  key: string;
  agency: Agency;
}

interface ItemPlan extends Base {
  /**
   * The row's cells and the vocabularies they were checked against: the commit reads the content
   * again from them and replays the workflow again (both are pure and give what planning checked), so
   * that a 100 000-row import does not hold every row's content, state and events at once.
   */
  cells: Record<string, string>;
  vocabularies: AgencyVocabularies;
  title: string;
  /** The privacy and confidentiality scan of the content (run once, in planning). */
  findings: SourcedFinding[];
  publishedOn: string;
  interpretsIndexNumber: string | null;
}

const STAND_IN_ITEM_ID = 'import';
const STAND_IN_POLICY_ID = 'import-policy';

interface RequestPlan extends Base {
  events: DisclosureRequestEvent[];
  state: RequestState;
  dueOn: string | null;
  provisional: boolean;
  applicantKey: string | null;
  receivedOn: string;
}

interface AppealPlan extends Base {
  input: Omit<AppealInput, 'requestId'>;
  trackingNumber: string | null;
}

/** What a planned row is, for the dry run's list: the item's title, the applicant and request, the case. */
function planLabel(kind: LedgerKind, plan: ItemPlan | RequestPlan | AppealPlan): string {
  if (kind === 'items') return (plan as ItemPlan).title;
  if (kind === 'requests') {
    const record = (plan as RequestPlan).state.record;
    return `${record.applicant.name}：${record.informationSought.description}`;
  }
  const input = (plan as AppealPlan).input;
  return `${APPEAL_KIND_LABELS[input.kind]}（${input.filedOn}，${input.body}）`;
}

function importGrants(agency: Agency): RoleGrant[] {
  return (['officer', 'reviewer', 'approver'] as const).map((role) => ({ role, agencyId: agency.id, agencyPath: agency.path }));
}

/** Creates the ledger import service. */
export function createLedgerImportService(deps: LedgerImportDeps) {
  const now = () => {
    const n = deps.clock.now();
    return { at: n.toISOString(), today: chinaDateOf(n) };
  };

  async function agenciesUnder(repos: Repositories, actor: Actor, agencyId: number, permission: 'item.draft' | 'request.handle') {
    const root = await repos.agencies.findById(agencyId);
    if (!root) throw new ValidationError('导入的机构不存在');
    requirePermission(actor, 'ledger.import', root);
    requirePermission(actor, permission, root);
    const all = await repos.agencies.list({ within: [root.path] });
    const byName = new Map<string, Agency>();
    for (const a of all) {
      byName.set(a.name, a);
      if (a.shortName) byName.set(a.shortName, a);
      byName.set(String(a.id), a);
    }
    return { root, find: (name: string) => (name === '' ? root : byName.get(name)) };
  }

  // --- items ---------------------------------------------------------------------------------

  /**
   * Reads a row's item content, checking 主题分类, 体裁 and 标准目录领域 against the vocabularies of the
   * row's agency (as the console's item form does).
   */
  function itemContentOf(
    cells: Record<string, string>,
    e: RowErrors,
    warnings: LedgerProblem[],
    vocabularies: AgencyVocabularies,
    allowRetired: boolean,
  ): { content: ItemContent; publishedOn: string | null; interprets: string | null } | null {
    const title = textCell(cells, '信息名称', e, true, 200);
    const formedOn = dateCell(cells, '生成日期', e, true);
    const publishedOn = dateCell(cells, '发布日期', e, true);
    if (formedOn && publishedOn && publishedOn < formedOn) e.add(`发布日期 ${publishedOn} 早于生成日期 ${formedOn}。`, '发布日期');
    const category = termCell(cells, '主题分类', e, { required: true, allowRetired, find: (raw) => findTerm(vocabularies.categories, raw, false) });
    const { kinds } = vocabularies;
    const kind = termCell(cells, '体裁', e, {
      required: true,
      allowRetired,
      // Older ledgers name the statutory genre: it still finds the kind with that code (a renamed default
      // kind) before a custom kind whose label merely begins with it (“通知” is not “通知公告”).
      find: (raw) => {
        const exact = findTerm(kinds, raw, false);
        if (exact) return exact;
        const genre = lookup(raw, GENRES, (g) => GENRE_INFO[g].label);
        const byGenre = genre === undefined ? undefined : findEntry(kinds, genre);
        return byGenre ?? findTerm(kinds, raw, true);
      },
    });
    const genre: Genre | undefined = kind ? genreOfKind(kinds, kind.code) : undefined;
    if (kind && !genre) e.add(`体裁“${kind.label}”没有指定年报统计口径。`, '体裁');
    const clauseRaw = textCell(cells, '公开条款', e, false);
    const clause = clauseRaw === '' ? null : (STATUTORY_CLAUSES as readonly string[]).includes(clauseRaw) ? (clauseRaw as StatutoryClause) : undefined;
    if (clause === undefined) e.add(`未知的公开条款“${clauseRaw}”。`, '公开条款');
    const domain = termCell(cells, '标准目录领域', e, {
      required: false,
      allowRetired,
      // The template lists domains as “代码（名称）”.
      find: (raw) => findTerm(vocabularies.catalogueDomains, raw, false) ?? findTerm(vocabularies.catalogueDomains, raw.replace(/\s*[（(].*[）)]\s*$/, ''), false),
    });
    let summary = textCell(cells, '内容概述', e, false, 1000);
    if (summary === '' && title !== '') {
      summary = title;
      warnings.push({ line: e.line, column: '内容概述', message: '内容概述为空，以信息名称代替（条例第十二条：目录包括“内容概述”）。' });
    }
    const body = textCell(cells, '正文', e, false, 2_000_000);
    const link = textCell(cells, '原文链接', e, false, 500);
    if (link !== '' && !/^https?:\/\/\S+$/.test(link)) e.add(`原文链接“${link}”不是网址。`, '原文链接');
    const bodyHtml = [
      ...body.split(/\r?\n+/).filter((p) => p.trim() !== '').map((p) => `<p>${escapeHtml(p.trim())}</p>`),
      ...(link !== '' ? [`<p>原文：<a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`] : []),
    ].join('');
    if (bodyHtml === '') e.add('主动公开的信息须有正文：请填写“正文”或“原文链接”。', '正文');
    const effectiveOn = dateCell(cells, '施行日期', e, false);
    const repealedOn = dateCell(cells, '废止日期', e, false);
    const interprets = textCell(cells, '所解读文件索引号', e, false, 100);
    if (interprets !== '' && genre !== 'interpretation') e.add('只有体裁为“政策解读”的信息可以填写所解读文件索引号。', '所解读文件索引号');
    if (e.problems.length > 0 || !formedOn || !kind || !genre || !category || clause === undefined || domain === undefined) return null;
    const keywords = [...new Set(textCell(cells, '关键词', e, false, 300).split(/[\s,，、;；]+/).filter((k) => k !== ''))].slice(0, 10);
    const content: ItemContent = {
      title,
      summary,
      documentNumber: textCell(cells, '文号', e, false, 60) || null,
      jointIssuers: [],
      formedOn,
      changedOn: null,
      categoryCode: category.code,
      genre,
      kindCode: kind.code,
      clause,
      catalogueDomain: domain?.code ?? null,
      keywords,
      validity: effectiveOn === null && repealedOn === null ? null : { effectiveOn, expiresOn: null, repealedOn },
      bodyHtml,
      attachments: [],
      disclosure: PROACTIVE,
      interpretsItemId: null,
      hasElectronicFullText: body !== '',
    };
    return { content, publishedOn, interprets: interprets || null };
  }

  /** Runs the workflow on the ledger's dates: drafted, submitted and scanned on the formation date, reviewed, approved and published on the publication date. */
  function replayItem(plan: Pick<ItemPlan, 'agency' | 'findings' | 'publishedOn'> & { content: ItemContent }, itemId: string, policyStatus: 'published' | null, e: RowErrors): { state: ItemState; events: ItemEvent[]; findings: SourcedFinding[] } | null {
    const grants = importGrants(plan.agency);
    const ctx = (role: string, date: string): ItemContext => ({
      actor: { userId: `import:${role}`, grants },
      at: instantOn(date),
      today: date,
      ...(policyStatus && plan.content.interpretsItemId ? { interpretedPolicy: { itemId: plan.content.interpretsItemId, status: policyStatus } } : {}),
    });
    const findings = plan.findings;
    const steps: Array<[ItemCommand | 'scan', string, string]> = [
      [{ type: 'create', itemId, agencyId: plan.agency.id, agencyPath: plan.agency.path, content: plan.content }, 'drafter', plan.content.formedOn],
      [{ type: 'submit' }, 'drafter', plan.content.formedOn],
      ['scan', 'drafter', plan.content.formedOn],
      [{ type: 'passReview' }, 'reviewer', plan.content.formedOn],
      [{ type: 'approve' }, 'approver', plan.publishedOn],
      [{ type: 'publish' }, 'approver', plan.publishedOn],
    ];
    let state: ItemState | null = null;
    const events: ItemEvent[] = [];
    for (const [step, role, date] of steps) {
      const command: ItemCommand = step === 'scan' ? { type: 'recordScan', scan: summariseReview(findings, []) } : step;
      const decision = decideItem(state, command, ctx(role, date));
      if (!decision.ok) {
        e.add(decision.message);
        return null;
      }
      for (const ev of decision.events) {
        state = ev.type === 'Drafted' ? startItem(ev) : evolveItem(state!, ev);
        events.push(ev);
      }
    }
    return { state: state!, events, findings };
  }

  /** The workflow on stand-in ids (STAND_IN_ITEM_ID, STAND_IN_POLICY_ID), as planning checks it and the commit writes it with the real ids put in. */
  function replayStandIn(plan: ItemPlan, content: ItemContent, e: RowErrors) {
    return replayItem({ ...plan, content: { ...content, interpretsItemId: plan.interpretsIndexNumber === null ? null : STAND_IN_POLICY_ID } }, STAND_IN_ITEM_ID, 'published', e);
  }

  async function planItems(repos: Repositories, actor: Actor, table: LedgerTable, options: LedgerImportOptions, report: LedgerImportReport): Promise<ItemPlan[]> {
    const { root, find } = await agenciesUnder(repos, actor, options.agencyId, 'item.draft');
    // The vocabularies of each agency the rows name, looked up once per agency.
    const vocabularies = new Map<number, AgencyVocabularies>();
    const vocabulariesOf = async (agency: Agency): Promise<AgencyVocabularies> => {
      let found = vocabularies.get(agency.id);
      if (!found) {
        found = await vocabulariesAt(repos, agency.path);
        vocabularies.set(agency.id, found);
      }
      return found;
    };
    // One batched look-up for every 索引号 the file names, as its own key or as the interpreted policy's.
    const keys = table.rows.flatMap((r) => [(r.cells['索引号'] ?? '').trim(), (r.cells['所解读文件索引号'] ?? '').trim()]).filter((k) => k !== '');
    const existing = await repos.ledgers.itemIdsByIndexNumbers(keys);
    const seen = new Map<string, number>();
    const planned = new Map<string, ItemPlan>();
    const plans: ItemPlan[] = [];
    for (const row of table.rows) {
      const e = new RowErrors(row.line);
      const key = textCell(row.cells, '索引号', e, true, 100);
      const agencyName = (row.cells['发布机构'] ?? '').trim();
      const agency = find(agencyName);
      if (!agency) e.add(`找不到发布机构“${agencyName}”（须为导入机构或其下级）。`, '发布机构');
      if (key !== '' && seen.has(key)) e.add(`索引号“${key}”与第 ${seen.get(key)} 行重复。`, '索引号');
      if (key !== '') seen.set(key, row.line);
      // A row whose agency is not found is still checked, against the import root's vocabularies.
      const rowVocabularies = await vocabulariesOf(agency ?? root);
      const parsed = itemContentOf(row.cells, e, report.warnings, rowVocabularies, key !== '' && existing.has(key));
      if (key !== '' && existing.has(key) && e.problems.length === 0) {
        report.duplicates.push({ line: row.line, key });
        continue;
      }
      if (parsed && agency && parsed.publishedOn && e.problems.length === 0) {
        const findings = scanItemTexts(reviewTextsOf(parsed.content, new Map()), { allowList: [agency.phone, agency.fax, agency.email].filter((x) => x !== '') });
        const interprets = parsed.interprets;
        if (interprets !== null) {
          const inFile = planned.get(interprets);
          if (!inFile && !existing.has(interprets)) e.add(`找不到所解读的文件（索引号“${interprets}”）：须已导入或在本文件中排在前面。`, '所解读文件索引号');
          else if (inFile && inFile.publishedOn > parsed.publishedOn) e.add('政策解读须与所解读的文件同步或在其之后发布。', '发布日期');
        }
        // The workflow runs now, on stand-in ids, so that the dry run reports what the commit would
        // refuse; the commit reuses these events with the real ids (nothing in them depends on the id).
        if (e.problems.length === 0) {
          const plan: ItemPlan = { line: row.line, key, agency, cells: row.cells, vocabularies: rowVocabularies, title: parsed.content.title, findings, publishedOn: parsed.publishedOn, interpretsIndexNumber: interprets };
          const replayed = replayStandIn(plan, parsed.content, e);
          if (replayed && replayed.state.status !== 'published') e.add('未能走完发布流程。');
          if (replayed && e.problems.length === 0) {
            plans.push(plan);
            planned.set(key, plan);
          }
        }
      }
      report.errors.push(...e.problems);
    }
    return plans;
  }

  async function commitItems(repos: Repositories, plans: ItemPlan[], at: string): Promise<void> {
    const ids = await repos.ledgers.createPublishedItems(plans.map((p) => ({ agencyId: p.agency.id, indexNumber: p.key })), at);
    const outside = [...new Set(plans.flatMap((p) => (p.interpretsIndexNumber !== null && !ids.has(p.interpretsIndexNumber) ? [p.interpretsIndexNumber] : [])))];
    const stored = outside.length > 0 ? await repos.ledgers.itemIdsByIndexNumbers(outside) : new Map<string, number>();
    const validityToday = chinaDateOf(new Date(at));
    // Written 500 at a time, so that the rows of one slice are garbage before the next is built.
    for (let from = 0; from < plans.length; from += 500) {
      const batch: Array<{ state: ItemState; events: ItemEvent[]; review: { findings: SourcedFinding[]; decisions: never[]; scannedAt: string } }> = [];
      const docs: SearchDocument[] = [];
      for (const plan of plans.slice(from, from + 500)) {
        const id = ids.get(plan.key);
        const policy = plan.interpretsIndexNumber === null ? null : (ids.get(plan.interpretsIndexNumber) ?? stored.get(plan.interpretsIndexNumber));
        if (id === undefined || policy === undefined) throw new ValidationError(`第 ${plan.line} 行：保存信息失败，请重新试导入。`);
        const itemId = String(id);
        const interpretsItemId = policy === null ? null : String(policy);
        // Read and replayed again as in planning (pure, the same inputs): what planning checked is what is written.
        const e = new RowErrors(plan.line);
        const parsed = itemContentOf(plan.cells, e, [], plan.vocabularies, false);
        const replayed = parsed && replayStandIn(plan, parsed.content, e);
        if (!replayed || e.problems.length > 0) throw new ValidationError(`第 ${plan.line} 行：保存信息失败，请重新试导入。`);
        const events = replayed.events.map((ev): ItemEvent => (ev.type === 'Drafted' ? { ...ev, itemId, content: { ...ev.content, interpretsItemId } } : { ...ev, itemId }));
        const state: ItemState = { ...replayed.state, id: itemId, interpretsItemId, indexNumber: plan.key };
        batch.push({ state, events, review: { findings: plan.findings, decisions: [], scannedAt: at } });
        const pub = publicContentOf(state, plan.findings, []);
        docs.push({
          itemId: id,
          agencyId: state.agencyId,
          agencyPath: state.agencyPath,
          title: pub.title,
          body: [pub.summary, state.documentNumber ?? '', htmlToText(pub.bodyHtml)].join('\n'),
          category: state.categoryCode,
          genre: state.genre,
          year: Number(state.formedOn.slice(0, 4)),
          validity: state.validity ? validityOn(state.validity, validityToday) : 'valid',
          publishedOn: plan.publishedOn,
        });
      }
      await repos.ledgers.insertItemVersions(batch, at);
      await repos.search.upsertMany(docs);
    }
  }

  // --- requests ------------------------------------------------------------------------------

  /**
   * Replays a ledger row through `decide` on its own dates: registered on the receipt date, reviewed,
   * extended (if the ledger says so), the reply drafted by one import account and approved by another on
   * the reply date, then delivered. Outcomes the console cannot draft follow their own path: 撤回 as a
   * withdrawal, 逾期不补正 as a clarification whose deadline passed.
   */
  function replayRequest(record: RequestRecord, row: Record<string, string>, dates: { receivedOn: string; repliedOn: string | null; deliveredOn: string | null; extendedOn: string | null }, facts: { outcome: Outcome | null; ground: WithholdingGround | null; extension: number | null; summary: string; delivery: RequestedDeliveryMethod }, cal: HolidayCalendar, e: RowErrors) {
    const grants: RoleGrant[] = (['officer', 'approver'] as const).map((role) => ({ role, agencyId: record.agencyId, agencyPath: record.agencyPath }));
    let state: RequestState | null = null;
    const events: DisclosureRequestEvent[] = [];
    const step = (command: RequestCommand, date: string, who = 'import:officer'): boolean => {
      const ctx: DecisionContext = { today: date, at: instantOn(date), actor: { userId: who, grants }, calendar: cal };
      const decision = decide(state, command, ctx);
      if (!decision.ok) {
        e.add(decision.reason);
        return false;
      }
      for (const ev of decision.events) {
        state = evolve(state, ev);
        events.push(ev);
      }
      return true;
    };
    const t = dates.receivedOn;
    if (!step({ type: 'submit', record }, t)) return null;
    const after = state as RequestState | null;
    if (after?.status === 'awaiting_confirmation' && !step({ type: 'confirm_receipt', confirmedOn: t }, t)) return null;
    if ((state as RequestState | null)?.receivedOn !== t) {
      e.add(`按申请渠道确定的收到申请之日为 ${String((state as RequestState | null)?.receivedOn)}，与台账的 ${t} 不一致。`, '收到申请日期');
      return null;
    }
    const { outcome, repliedOn } = { outcome: facts.outcome, repliedOn: dates.repliedOn };
    if (outcome === 'other_other') {
      if (!step({ type: 'withdraw', reason: facts.summary || '台账记载：其他处理（撤回等）' }, repliedOn!)) return null;
      return { state: state as unknown as RequestState, events };
    }
    if (outcome === 'other_clarification_overdue') {
      const deadlineOn = dayBefore(repliedOn!);
      if (!step({ type: 'request_clarification', points: ['台账记载：申请内容需补正'], deadlineOn }, t)) return null;
      if (!step({ type: 'abandon' }, repliedOn!)) return null;
      return { state: state as unknown as RequestState, events };
    }
    if (!step({ type: 'start_review' }, t)) return null;
    if (facts.extension !== null) {
      const due = deadlineOf(state as unknown as RequestState, cal, t)?.due ?? t;
      const on = dates.extendedOn ?? (repliedOn !== null && repliedOn < due ? repliedOn : due);
      if (!step({ type: 'approve_extension', workdays: facts.extension, reason: '台账记载：经负责人同意延期答复' }, on, 'import:approver')) return null;
    }
    if (outcome === null) return { state: state as unknown as RequestState, events };
    const withheld = facts.ground === null ? [] : [{ description: '台账记载的不予公开部分', ground: facts.ground, reason: WITHHOLDING_GROUND_LABELS[facts.ground] }];
    if (!step({ type: 'draft_reply', outcome, withheld, summary: facts.summary || `台账记载：${outcomeLabelZh(outcome)}` }, repliedOn!)) return null;
    if (!step({ type: 'approve_reply' }, repliedOn!, 'import:approver')) return null;
    if (dates.deliveredOn !== null && !step({ type: 'deliver', method: facts.delivery, deliveredOn: dates.deliveredOn, proof: '台账导入' }, dates.deliveredOn)) return null;
    return { state: state as unknown as RequestState, events };
  }

  async function planRequests(repos: Repositories, actor: Actor, table: LedgerTable, options: LedgerImportOptions, report: LedgerImportReport, today: string): Promise<RequestPlan[]> {
    const { find } = await agenciesUnder(repos, actor, options.agencyId, 'request.handle');
    const cal = (await deps.calendar.current()).calendar;
    const keyOf = (r: LedgerTable['rows'][number]) => {
      const given = (r.cells['申请编号'] ?? '').trim();
      if (given !== '') return given;
      const canonical = JSON.stringify(Object.keys(r.cells).sort().map((k) => [k, r.cells[k]!.trim()]));
      return `YSQ-DR-${sha256(`${options.agencyId}\n${canonical}`).slice(0, 12).toUpperCase()}`;
    };
    const existing = await repos.ledgers.requestIdsByTrackingNumbers(table.rows.map(keyOf));
    const seen = new Map<string, number>();
    const plans: RequestPlan[] = [];
    for (const row of table.rows) {
      const e = new RowErrors(row.line);
      const c = row.cells;
      const key = keyOf(row);
      if (seen.has(key)) e.add(`申请编号“${key}”与第 ${seen.get(key)} 行重复。`, '申请编号');
      seen.set(key, row.line);
      const agencyName = (c['受理机关'] ?? '').trim();
      const agency = find(agencyName);
      if (!agency) e.add(`找不到受理机关“${agencyName}”（须为导入机构或其下级）。`, '受理机关');
      const typeRaw = textCell(c, '申请人类型', e, true);
      const type: ApplicantType | undefined = typeRaw === '' ? undefined : lookup(typeRaw, APPLICANT_TYPES, (t) => APPLICANT_TYPE_LABELS[t]);
      if (typeRaw !== '' && !type) e.add(`未知的申请人类型“${typeRaw}”。`, '申请人类型');
      const name = textCell(c, '申请人姓名或名称', e, true, 200);
      const channelRaw = textCell(c, '申请渠道', e, true);
      const channel: IntakeChannel | undefined = channelRaw === '' ? undefined : lookup(channelRaw, INTAKE_CHANNELS, (x) => INTAKE_CHANNEL_LABELS[x]);
      if (channelRaw !== '' && !channel) e.add(`未知的申请渠道“${channelRaw}”。`, '申请渠道');
      const receivedOn = dateCell(c, '收到申请日期', e, true);
      if (receivedOn && receivedOn > today) e.add(`收到申请日期 ${receivedOn} 晚于今天。`, '收到申请日期');
      const description = textCell(c, '申请内容', e, true);
      const formRaw = textCell(c, '信息形式', e, false);
      const form: InformationForm | undefined = formRaw === '' ? 'any' : lookup(formRaw, INFORMATION_FORMS, (f) => INFORMATION_FORM_LABELS[f]);
      if (!form) e.add(`未知的信息形式“${formRaw}”。`, '信息形式');
      const methodRaw = textCell(c, '获取方式', e, false);
      const method: RequestedDeliveryMethod | undefined = methodRaw === '' ? 'post' : lookup(methodRaw, REQUESTED_DELIVERY_METHODS, (m) => DELIVERY_METHOD_LABELS[m]);
      if (!method) e.add(`未知的获取方式“${methodRaw}”。`, '获取方式');
      const outcomeRaw = textCell(c, '办理结果', e, false);
      const outcome: Outcome | null | undefined =
        outcomeRaw === '' ? null : lookup(outcomeRaw, OUTCOMES, (o) => OUTCOME_DEFINITIONS[o].rowLabel) ?? lookup(outcomeRaw, OUTCOMES, (o) => outcomeLabelZh(o)) ?? (/撤回/.test(outcomeRaw) ? 'other_other' : undefined);
      if (outcome === undefined) e.add(`未知的办理结果“${outcomeRaw}”：应为年度报告表三的行名，如“予以公开”“本机关不掌握相关政府信息”。`, '办理结果');
      if (outcome === 'other_fee_unpaid') e.add('“逾期未按收费通知要求缴纳费用”的申请须登记收费通知，暂不支持从台账导入，请在工作台登记。', '办理结果');
      const repliedOn = dateCell(c, '答复日期', e, outcome !== null && outcome !== undefined);
      if (outcome === null && repliedOn !== null) e.add('填写了答复日期但没有办理结果。', '办理结果');
      if (receivedOn && repliedOn && repliedOn < receivedOn) e.add(`答复日期 ${repliedOn} 早于收到申请日期 ${receivedOn}。`, '答复日期');
      if (repliedOn && repliedOn > today) e.add(`答复日期 ${repliedOn} 晚于今天。`, '答复日期');
      const groundRaw = textCell(c, '不予公开部分的依据', e, false);
      const ground: WithholdingGround | null | undefined = groundRaw === '' ? null : lookup(groundRaw, WITHHOLDING_GROUNDS, (g) => WITHHOLDING_GROUND_LABELS[g].replace(/（.*）$/, ''));
      if (ground === undefined) e.add(`未知的不予公开依据“${groundRaw}”。`, '不予公开部分的依据');
      if (outcome === 'partially_disclosed' && ground === null) e.add('部分公开的须填写“不予公开部分的依据”（条例第三十七条：对不予公开的内容说明理由）。', '不予公开部分的依据');
      if (outcome !== 'partially_disclosed' && ground) e.add('只有部分公开的申请才填写“不予公开部分的依据”。', '不予公开部分的依据');
      const extRaw = textCell(c, '延长答复期限（工作日）', e, false);
      const extension = extRaw === '' || extRaw === '0' ? null : /^\d+$/.test(extRaw) ? Number(extRaw) : undefined;
      if (extension === undefined) e.add(`延长答复期限“${extRaw}”应为工作日数。`, '延长答复期限（工作日）');
      const extendedOn = dateCell(c, '延期日期', e, false);
      const deliveredOn = dateCell(c, '送达日期', e, false);
      if (deliveredOn && !repliedOn) e.add('填写了送达日期但没有答复日期。', '送达日期');
      const identity = textCell(c, '证件号码', e, false, 60);
      const contact = {
        ...(c['联系电话'] ? { phone: c['联系电话'].trim() } : {}),
        ...(c['电子邮箱'] ? { email: c['电子邮箱'].trim() } : {}),
        ...(c['通信地址'] ? { address: c['通信地址'].trim() } : {}),
      };
      if (existing.has(key) && e.problems.length === 0) {
        report.duplicates.push({ line: row.line, key });
        continue;
      }
      if (e.problems.length === 0 && agency && type && channel && receivedOn && form && method && outcome !== undefined && ground !== undefined && extension !== undefined) {
        const record: RequestRecord = {
          id: 'import',
          agencyId: agency.id,
          agencyPath: agency.path,
          applicant: { type, name, identity: identity === '' ? null : { kind: type === 'natural_person' ? '居民身份证' : '统一社会信用代码', number: identity }, contact },
          informationSought: { description },
          formWanted: form,
          deliveryMethod: method,
          channel,
          submission: channel === 'letter_registered' ? { signedForOn: receivedOn } : { submittedOn: receivedOn },
        };
        const problems = checkRequestRecord(record);
        if (problems.length > 0) e.add(problems.join(''));
        else {
          const replayed = replayRequest(record, c, { receivedOn, repliedOn, deliveredOn, extendedOn }, { outcome, ground, extension, summary: textCell(c, '答复摘要', e, false), delivery: method }, cal, e);
          if (replayed) {
            const s = replayed.state;
            const lastOn = s.reply?.repliedOn ?? repliedOn ?? today;
            const d = s.reply ? { due: s.reply.dueOn, provisional: false } : deadlineOf(s, cal, isOpen(s.status) ? today : lastOn);
            plans.push({ line: row.line, key, agency, events: replayed.events, state: s, dueOn: d?.due ?? null, provisional: d?.provisional ?? false, applicantKey: applicantKeyOf(record), receivedOn });
          }
        }
      }
      report.errors.push(...e.problems);
    }
    return plans;
  }

  /** The record id is the row id, known only once the row exists: events and state carry it. */
  function withId<T>(value: T, id: string): T {
    return JSON.parse(JSON.stringify(value).replaceAll('"id":"import"', `"id":${JSON.stringify(id)}`)) as T;
  }

  async function commitRequests(repos: Repositories, plans: RequestPlan[], at: string, source: string): Promise<void> {
    for (const plan of plans) {
      const id = await repos.requests.create({
        agencyId: plan.agency.id,
        agencyPath: plan.agency.path,
        trackingNumber: plan.key,
        // No query code is issued for an imported request: a random hash that no code matches.
        queryCodeHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
        submittedOn: plan.state.submittedOn,
        at,
      });
      const events = withId(plan.events, String(id));
      const state = withId(plan.state, String(id));
      await repos.requests.appendEvents(id, 1, events);
      const note: CaseNote = { kind: 'imported', at, text: `由台账导入（${source}，第 ${plan.line} 行）。`, data: { line: plan.line, source } };
      const ok = await repos.requests.save({ id, state, dueOn: plan.dueOn, provisional: plan.provisional, applicantKey: plan.applicantKey, pieces: 1, notes: [note], updatedAt: at }, 0);
      if (!ok) throw new ValidationError(`第 ${plan.line} 行：保存申请失败。`);
    }
  }

  // --- appeals -------------------------------------------------------------------------------

  const appealKey = (agencyId: number, kind: string, filedOn: string, body: string, trackingNumber: string | null) =>
    sha256(['appeal', agencyId, kind, filedOn, body.replace(/\s/g, ''), trackingNumber ?? ''].join('\n')).slice(0, 16);

  async function planAppeals(repos: Repositories, actor: Actor, table: LedgerTable, options: LedgerImportOptions, report: LedgerImportReport, today: string): Promise<AppealPlan[]> {
    const { root, find } = await agenciesUnder(repos, actor, options.agencyId, 'request.handle');
    const stored = await repos.appeals.list({ within: [root.path] });
    const trackingOf = new Map<number, string>();
    for (const a of stored) {
      if (a.requestId !== null && !trackingOf.has(a.requestId)) trackingOf.set(a.requestId, (await repos.requests.find(a.requestId))?.trackingNumber ?? '');
    }
    const existing = new Set(stored.map((a) => appealKey(a.agencyId, a.kind, a.filedOn, a.body, a.requestId === null ? null : (trackingOf.get(a.requestId) ?? null))));
    const seen = new Map<string, number>();
    const plans: AppealPlan[] = [];
    for (const row of table.rows) {
      const e = new RowErrors(row.line);
      const c = row.cells;
      const kindRaw = textCell(c, '案件类型', e, true);
      const kind = kindRaw === '' ? undefined : lookup(kindRaw, APPEAL_KINDS, (k) => APPEAL_KIND_LABELS[k]);
      if (kindRaw !== '' && !kind) e.add(`未知的案件类型“${kindRaw}”：应为行政复议、直接起诉或复议后起诉。`, '案件类型');
      const agencyName = (c['被申请（被告）机关'] ?? '').trim();
      const agency = find(agencyName);
      if (!agency) e.add(`找不到机关“${agencyName}”（须为导入机构或其下级）。`, '被申请（被告）机关');
      const filedOn = dateCell(c, '申请复议或起诉日期', e, true);
      if (filedOn && filedOn > today) e.add('申请复议或起诉日期晚于今天。', '申请复议或起诉日期');
      const body = textCell(c, '复议机关或法院', e, true, 200);
      const resultRaw = textCell(c, '结果', e, true);
      const result = resultRaw === '' ? undefined : lookup(resultRaw, APPEAL_RESULTS, (r) => APPEAL_RESULT_LABELS[r]) ?? lookup(`结果${resultRaw}`, APPEAL_RESULTS, (r) => APPEAL_RESULT_LABELS[r]);
      if (resultRaw !== '' && !result) e.add(`未知的结果“${resultRaw}”：应为结果维持、结果纠正、其他结果或尚未审结。`, '结果');
      const closedOn = dateCell(c, '审结日期', e, false);
      if (result === 'pending' && closedOn) e.add('尚未审结的案件不应填写审结日期。', '审结日期');
      if (result && result !== 'pending' && !closedOn && (c['审结日期'] ?? '') === '') e.add('已审结的案件请填写审结日期。', '审结日期');
      if (closedOn && filedOn && (closedOn < filedOn || closedOn > today)) e.add('审结日期应在申请复议或起诉日期之后、今天之前。', '审结日期');
      const trackingNumber = textCell(c, '关联申请编号', e, false, 60) || null;
      let requestAgencyId: number | null = null;
      if (trackingNumber) {
        const found = await repos.requests.findByTrackingNumber(trackingNumber);
        if (!found) e.add(`找不到关联的申请“${trackingNumber}”。`, '关联申请编号');
        else requestAgencyId = found.request.agencyId;
      }
      if (agency && requestAgencyId !== null && agencyName !== '' && requestAgencyId !== agency.id) e.add('被申请（被告）机关应为作出答复的机关。', '被申请（被告）机关');
      const target = requestAgencyId !== null && agencyName === '' ? (await repos.agencies.findById(requestAgencyId)) ?? agency : agency;
      if (e.problems.length === 0 && target && kind && filedOn && result) {
        const key = appealKey(target.id, kind, filedOn, body, trackingNumber);
        if (existing.has(key)) {
          report.duplicates.push({ line: row.line, key });
          continue;
        }
        if (seen.has(key)) e.add(`与第 ${seen.get(key)} 行是同一案件。`);
        seen.set(key, row.line);
        if (e.problems.length === 0) {
          plans.push({ line: row.line, key, agency: target, trackingNumber, input: { agencyId: target.id, kind, filedOn, body, result, closedOn: result === 'pending' ? null : closedOn, note: textCell(c, '备注', e, false, 2000) } });
        }
      }
      report.errors.push(...e.problems);
    }
    return plans;
  }

  async function commitAppeals(repos: Repositories, plans: AppealPlan[], at: string): Promise<void> {
    for (const plan of plans) {
      const requestId = plan.trackingNumber ? ((await repos.requests.findByTrackingNumber(plan.trackingNumber))?.request.id ?? null) : null;
      await repos.appeals.insert({ ...plan.input, requestId }, at);
    }
  }

  return {
    /** The columns of a ledger kind (for templates and docs). */
    columns: (kind: LedgerKind) => LEDGER_COLUMNS[kind],

    /** Checks a ledger and, unless a dry run, imports it in one transaction (only when no row has an error). */
    async importLedger(actor: Actor, kind: LedgerKind, table: LedgerTable, options: LedgerImportOptions): Promise<LedgerImportReport> {
      if (!isLedgerKind(kind)) throw new ValidationError(`未知的台账类型“${String(kind)}”：应为 items、requests 或 appeals。`);
      const { at, today } = now();
      const report: LedgerImportReport = { kind, dryRun: options.dryRun, committed: false, total: table.rows.length, created: 0, duplicates: [], planned: [], errors: [], warnings: [] };
      const headerProblems = checkHeaders(kind, table);
      report.errors.push(...headerProblems.filter((p) => p.column !== undefined));
      report.warnings.push(...headerProblems.filter((p) => p.column === undefined));
      if (table.rows.length === 0) report.errors.push({ line: 0, message: '台账中没有数据行。' });
      for (const row of table.rows) {
        if (isExampleRow(kind, row.cells)) report.errors.push({ line: row.line, message: '这是模板中的示例行，请删除后再导入。' });
      }
      if (report.errors.length > 0) return report;
      const done = await deps.uow.transaction(async (repos) => {
        const plans =
          kind === 'items'
            ? await planItems(repos, actor, table, options, report)
            : kind === 'requests'
              ? await planRequests(repos, actor, table, options, report, today)
              : await planAppeals(repos, actor, table, options, report, today);
        report.created = plans.length;
        report.planned = plans.map((p) => ({ line: p.line, key: p.key, label: planLabel(kind, p) }));
        if (options.dryRun || report.errors.length > 0) return report;
        const source = options.source?.fileName ?? '台账';
        if (kind === 'items') await commitItems(repos, plans as ItemPlan[], at);
        else if (kind === 'requests') await commitRequests(repos, plans as RequestPlan[], at, source);
        else await commitAppeals(repos, plans as AppealPlan[], at);
        await repos.audit.append({
          actor,
          at,
          entity: 'ledger_import',
          entityId: options.source?.sha256.slice(0, 16) ?? kind,
          agencyId: options.agencyId,
          action: `import_${kind}`,
          change: { kind, agencyId: options.agencyId, file: options.source ?? null, rows: report.total, created: plans.length, skipped: report.duplicates.length, keys: plans.map((p) => p.key) },
        });
        report.committed = true;
        return report;
      });
      // Thousands of new items: their tables and the search index are brought up to date now rather than when the database gets round to it.
      if (done.committed && kind === 'items' && done.created >= SETTLE_SEARCH_AFTER) {
        try {
          await deps.uow.read.items.settle();
          await deps.uow.read.search.settle();
        } catch {
          done.warnings.push({ line: 0, message: '信息已全部导入；检索索引的整理未能完成，检索在数据库自动整理前可能较慢。' });
        }
      }
      return done;
    },
  };
}

export type LedgerImportService = ReturnType<typeof createLedgerImportService>;
