/**
 * Export of ledgers (台账) with the same Chinese columns as the import, so that an exported file can be
 * imported elsewhere (or again, changing nothing): published items, requests with their outcome and
 * dates, and the register of reconsideration and litigation of an agency subtree. The shell writes the
 * table as XLSX or CSV.
 */
import { DEFAULT_CATALOGUE_DOMAINS, DEFAULT_CATEGORIES, DEFAULT_KINDS, STATUTORY_CLAUSES, STATUTORY_CLAUSE_INFO, findEntry, kindLabelOf, labelPathOf, type Vocabulary } from '../domain/publishing/index.ts';
import { htmlToText } from '../domain/privacy/index.ts';
import {
  APPLICANT_TYPES,
  APPLICANT_TYPE_LABELS,
  DELIVERY_METHOD_LABELS,
  INFORMATION_FORMS,
  INFORMATION_FORM_LABELS,
  INTAKE_CHANNELS,
  INTAKE_CHANNEL_LABELS,
  OUTCOMES,
  OUTCOME_DEFINITIONS,
  REQUESTED_DELIVERY_METHODS,
  WITHHOLDING_GROUNDS,
  WITHHOLDING_GROUND_LABELS,
} from '../domain/requests/index.ts';
import { requirePermission } from './access-control.ts';
import { ValidationError } from './errors.ts';
import { APPEAL_KIND_LABELS, APPEAL_RESULT_LABELS, LEDGER_COLUMNS, LEDGER_EXAMPLES, isLedgerKind, type LedgerColumn, type LedgerKind } from './import-ledgers.ts';
import { APPEAL_KINDS, APPEAL_RESULTS } from './manage-requests.ts';
import { vocabulariesAt, type AgencyVocabularies } from './manage-vocabularies.ts';
import type { Actor, Clock, UnitOfWork } from './ports.ts';

const PAGE = 1000;

export interface LedgerExport {
  kind: LedgerKind;
  headers: string[];
  rows: string[][];
}

export interface LedgerTemplate extends LedgerExport {
  /** Each column: header, whether required, what goes in it, and the values it accepts (empty: free text or a date). */
  columns: Array<LedgerColumn & { allowed: string[] }>;
}

const plainRowLabel = (label: string) => label.replace(/^（.）/, '').replace(/（.*）$/, '').replace(/^\d+\./, '');

/** The vocabularies of an agency that has configured none. */
const DEFAULT_VOCABULARIES: AgencyVocabularies = { categories: DEFAULT_CATEGORIES, kinds: DEFAULT_KINDS, catalogueDomains: DEFAULT_CATALOGUE_DOMAINS };

/**
 * How an exported ledger names a term so that the import finds that term again: its label, or, where
 * another term has the same label (“其他” under two parents), its path, or failing that its code.
 */
export function termName(vocabulary: Vocabulary, code: string, fallback: string = code): string {
  const entry = findEntry(vocabulary, code);
  if (entry === undefined) return fallback;
  if (vocabulary.entries.filter((e) => e.label === entry.label).length === 1) return entry.label;
  const path = labelPathOf(vocabulary, code);
  return entry.parentCode && vocabulary.entries.filter((e) => labelPathOf(vocabulary, e.code) === path).length === 1 ? path : code;
}

/**
 * The values a column accepts, as the import reads them (labels; codes are accepted too). Vocabulary
 * columns list the terms an agency's new items may carry (retired ones are refused on import).
 */
function allowedValues(kind: LedgerKind, vocabularies: AgencyVocabularies): Record<string, string[]> {
  if (kind === 'items') {
    const live = (v: AgencyVocabularies[keyof AgencyVocabularies]) => v.entries.filter((e) => e.retired !== true);
    return {
      主题分类: live(vocabularies.categories).map((c) => c.label),
      体裁: live(vocabularies.kinds).map((k) => k.label),
      公开条款: STATUTORY_CLAUSES.map((c) => `${c}（${STATUTORY_CLAUSE_INFO[c].citation}${STATUTORY_CLAUSE_INFO[c].item === null ? `：${STATUTORY_CLAUSE_INFO[c].label}` : ''}）`),
      标准目录领域: live(vocabularies.catalogueDomains).map((d) => `${d.code}（${d.label}）`),
    };
  }
  if (kind === 'requests') {
    return {
      申请人类型: APPLICANT_TYPES.map((t) => APPLICANT_TYPE_LABELS[t]),
      申请渠道: INTAKE_CHANNELS.map((c) => INTAKE_CHANNEL_LABELS[c]),
      信息形式: INFORMATION_FORMS.map((f) => INFORMATION_FORM_LABELS[f]),
      获取方式: REQUESTED_DELIVERY_METHODS.map((m) => DELIVERY_METHOD_LABELS[m]),
      // 逾期未缴费须有收费通知，不从台账导入（docs/import.md）。
      办理结果: OUTCOMES.filter((o) => o !== 'other_fee_unpaid').map((o) => plainRowLabel(OUTCOME_DEFINITIONS[o].rowLabel)),
      不予公开部分的依据: WITHHOLDING_GROUNDS.map((g) => WITHHOLDING_GROUND_LABELS[g].replace(/（.*）$/, '')),
    };
  }
  return {
    案件类型: APPEAL_KINDS.map((k) => APPEAL_KIND_LABELS[k]),
    结果: APPEAL_RESULTS.map((r) => APPEAL_RESULT_LABELS[r]),
  };
}

/**
 * The template of a ledger kind: the headers, the example row, and each column explained with its
 * allowed values: those of an agency's vocabularies when given, else the built-in defaults.
 */
export function ledgerTemplate(kind: LedgerKind, vocabularies: AgencyVocabularies = DEFAULT_VOCABULARIES): LedgerTemplate {
  if (!isLedgerKind(kind)) throw new ValidationError(`未知的台账类型“${String(kind)}”：应为 items、requests 或 appeals。`);
  const columns = LEDGER_COLUMNS[kind];
  const allowed = allowedValues(kind, vocabularies);
  return {
    kind,
    headers: columns.map((c) => c.header),
    rows: [columns.map((c) => LEDGER_EXAMPLES[kind][c.header] ?? '')],
    columns: columns.map((c) => ({ ...c, allowed: allowed[c.header] ?? [] })),
  };
}

/** Creates the ledger export service. */
export function createLedgerExportService(deps: { uow: UnitOfWork; clock: Clock }) {
  return {
    /** An agency subtree's ledger of one kind (the actor needs the kind's permission on the agency, unless `system`). */
    async exportLedger(actor: Actor, kind: LedgerKind, agencyId: number, options: { year?: number; system?: boolean } = {}): Promise<LedgerExport> {
      if (!isLedgerKind(kind)) throw new ValidationError(`未知的台账类型“${String(kind)}”：应为 items、requests 或 appeals。`);
      const repos = deps.uow.read;
      const agency = await repos.agencies.findById(agencyId);
      if (!agency) throw new ValidationError('机构不存在');
      if (!options.system) requirePermission(actor, kind === 'items' ? 'item.draft' : 'request.handle', agency);
      const names = new Map((await repos.agencies.list({ within: [agency.path] })).map((a) => [a.id, a.name]));
      const agencyName = (id: number) => (id === agency.id ? '' : (names.get(id) ?? String(id)));
      const headers = LEDGER_COLUMNS[kind].map((c) => c.header);
      const rows: string[][] = [];
      const push = (cells: Record<string, string>) => rows.push(headers.map((h) => cells[h] ?? ''));
      if (kind === 'items') {
        const all = [];
        for (let offset = 0; ; offset += PAGE) {
          const page = await repos.items.list({ within: [agency.path], liveOnly: true, ...(options.year && { year: options.year }), limit: PAGE, offset, countCap: 0 });
          all.push(...page.items);
          if (page.items.length < PAGE) break;
        }
        all.sort((a, b) => Number(a.id) - Number(b.id));
        const numbers = await repos.items.indexNumbers(all.map((i) => Number(i.id)));
        // Labelled with each item's agency's vocabularies, as the import of that agency reads them.
        const vocabularies = new Map<number, AgencyVocabularies>();
        const vocabulariesOf = async (item: { agencyId: number; agencyPath: string }): Promise<AgencyVocabularies> => {
          let found = vocabularies.get(item.agencyId);
          if (!found) {
            found = await vocabulariesAt(repos, item.agencyPath);
            vocabularies.set(item.agencyId, found);
          }
          return found;
        };
        for (const i of all) {
          const v = await vocabulariesOf(i);
          push({
            索引号: numbers.get(Number(i.id)) ?? '',
            信息名称: i.title,
            发布机构: agencyName(i.agencyId),
            文号: i.documentNumber ?? '',
            生成日期: i.formedOn,
            发布日期: i.publishedOn ?? '',
            主题分类: termName(v.categories, i.categoryCode),
            体裁: termName(v.kinds, i.kindCode ?? i.genre, kindLabelOf(v.kinds, i)),
            公开条款: i.clause ?? '',
            标准目录领域: i.catalogueDomain === null ? '' : termName(v.catalogueDomains, i.catalogueDomain),
            内容概述: i.summary,
            正文: htmlToText(i.bodyHtml),
            关键词: i.keywords.join('、'),
            施行日期: i.validity?.effectiveOn ?? '',
            废止日期: i.validity?.repealedOn ?? '',
            所解读文件索引号: i.interpretsItemId ? ((await repos.items.indexNumbers([Number(i.interpretsItemId)])).get(Number(i.interpretsItemId)) ?? '') : '',
          });
        }
      } else if (kind === 'requests') {
        const all = [];
        for (let offset = 0; ; offset += PAGE) {
          const page = await repos.requests.list({
            within: [agency.path],
            ...(options.year && { receivedFrom: `${options.year}-01-01`, receivedTo: `${options.year}-12-31` }),
            limit: PAGE,
            offset,
          });
          all.push(...page.items);
          if (page.items.length < PAGE) break;
        }
        all.sort((a, b) => a.id - b.id);
        for (const r of all) {
          const s = r.state;
          const a = s.record.applicant;
          const repliedOn = s.reply?.repliedOn ?? s.withdrawnOn ?? s.abandoned?.abandonedOn ?? '';
          const ground = s.reply?.withheld[0]?.ground;
          push({
            申请编号: r.trackingNumber,
            受理机关: agencyName(r.agencyId),
            申请人类型: APPLICANT_TYPE_LABELS[a.type],
            申请人姓名或名称: a.name,
            证件号码: a.identity?.number ?? '',
            联系电话: a.contact.phone ?? '',
            电子邮箱: a.contact.email ?? '',
            通信地址: a.contact.address ?? '',
            申请渠道: INTAKE_CHANNEL_LABELS[s.record.channel],
            收到申请日期: s.receivedOn ?? '',
            申请内容: s.record.informationSought.description,
            信息形式: INFORMATION_FORM_LABELS[s.record.formWanted],
            获取方式: DELIVERY_METHOD_LABELS[s.record.deliveryMethod],
            '延长答复期限（工作日）': s.extension ? String(s.extension.workdays) : '',
            延期日期: s.extension?.approvedOn ?? '',
            办理结果: s.outcome ? OUTCOME_DEFINITIONS[s.outcome].rowLabel.replace(/^（.）/, '').replace(/（.*）$/, '').replace(/^\d+\./, '') : '',
            不予公开部分的依据: ground ? WITHHOLDING_GROUND_LABELS[ground].replace(/（.*）$/, '') : '',
            答复日期: repliedOn,
            答复摘要: s.reply?.summary ?? '',
            送达日期: s.delivery?.deliveredOn ?? '',
          });
        }
      } else {
        const appeals = await repos.appeals.list({ within: [agency.path], ...(options.year && { year: options.year }) });
        for (const a of appeals.sort((x, y) => x.id - y.id)) {
          push({
            案件类型: APPEAL_KIND_LABELS[a.kind],
            '被申请（被告）机关': agencyName(a.agencyId),
            申请复议或起诉日期: a.filedOn,
            复议机关或法院: a.body,
            结果: APPEAL_RESULT_LABELS[a.result],
            审结日期: a.closedOn ?? '',
            关联申请编号: a.requestId === null ? '' : ((await repos.requests.find(a.requestId))?.trackingNumber ?? ''),
            备注: a.note,
          });
        }
      }
      // A requests ledger holds applicants' names, ID numbers and addresses: who took which ledger out is kept.
      await deps.uow.transaction((tx) =>
        tx.audit.append({
          actor,
          at: deps.clock.now().toISOString(),
          entity: 'ledger_export',
          entityId: `${kind}:${String(agency.id)}`,
          agencyId: agency.id,
          action: 'export',
          change: { kind, agency: agency.name, year: options.year ?? null, rows: rows.length, personalData: kind === 'requests' },
        }),
      );
      return { kind, headers, rows };
    },

    /** The template of a ledger kind (see {@link ledgerTemplate}), listing the vocabularies of an agency's items when given one. */
    async template(kind: LedgerKind, agencyId?: number): Promise<LedgerTemplate> {
      if (!isLedgerKind(kind)) throw new ValidationError(`未知的台账类型“${String(kind)}”：应为 items、requests 或 appeals。`);
      if (agencyId === undefined || kind !== 'items') return ledgerTemplate(kind);
      const agency = await deps.uow.read.agencies.findById(agencyId);
      if (!agency) throw new ValidationError('机构不存在');
      return ledgerTemplate(kind, await vocabulariesAt(deps.uow.read, agency.path));
    },
  };
}
