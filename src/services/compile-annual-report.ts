/**
 * Use cases of the annual report (政府信息公开工作年度报告, 条例第四十九、五十条): compile an agency's
 * report for a year — and, for a 全镇 report, its sub-units' — from the records (published items,
 * requests, appeals, deliveries) and the inputs staff keep with the report; save the draft; finalise it
 * (validation errors block; the text is frozen and its hash recorded); publish it to the portal's 年报
 * column; correct a final version only by superseding it; import a past report so an earlier year
 * gives its carried-over figures. Every change is one transaction with its audit entry.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  compileReport,
  defaultFormatFor,
  importReportTables,
  readReportDocument,
  isValid,
  validateReport,
  toReportRequest,
  FIGURE_KEYS,
  findFigure,
  isFigureKey,
  NORMATIVE_GENRES,
  OFFICIAL_DOCUMENT_GENRES,
  REPORT_FORMATS,
  type AnnualReport,
  type Figure,
  type FigureUnit,
  type ImportReportResult,
  type ReportDocumentContent,
  type ManualReportInputs,
  type ReportFormat,
  type ReportSnapshot,
  type ValidationFinding,
} from '../domain/reports/index.ts';
import type { ReplyType, RequestState } from '../domain/requests/index.ts';
import type { Agency } from '../domain/organisations/agency.ts';
import { requirePermission } from './access-control.ts';
import { ConflictError, NotFoundError, ValidationError, validationErrorFrom } from './errors.ts';
import { traceFigure, type FigureTrace } from './trace-report-figures.ts';
import type { Actor, Clock, Repositories, StoredReport, UnitOfWork } from './ports.ts';
import { deliveryScopeOf, reportChannelCounts } from './report-channels.ts';

export interface ReportServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
  /** Told when what the public sees changes (the portal's 年报 column). */
  onPublicChange?: () => void;
}

// --- input --------------------------------------------------------------------------------------

const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);
const count = (label: string) => z.coerce.number({ message: `${label}应为数字` }).int(`${label}应为整数`).min(0, `${label}不能为负数`);
const change = (label: string) => z.coerce.number({ message: `${label}应为数字` }).int(`${label}应为整数`);
const amount = (label: string) => z.coerce.number({ message: `${label}应为数字` }).min(0, `${label}不能为负数`);
const narrativeText = (label: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(20_000, `${label}不超过 20000 个字`).optional());
const trialItem = (label: string) => z.object({ previousItems: count(`${label}上一年项目数量`), change: change(`${label}本年增/减`) });

/** What staff enter on the report form (and the CLI reads from JSON): 表二 decisions and fees, staffing and funding, printed materials, narrative. */
export const manualInputsSchema = z.object({
  licensingDecisions: count('行政许可本年处理决定数量').default(0),
  penaltyDecisions: count('行政处罚本年处理决定数量').default(0),
  enforcementDecisions: count('行政强制本年处理决定数量').default(0),
  feesCollectedWanYuan: amount('行政事业性收费本年收费金额').default(0),
  staff: z.object({ fullTime: count('专职工作人员'), partTime: count('兼职工作人员') }).nullable().default(null),
  funding: z.preprocess(blankToNull, amount('政府信息公开工作经费').nullable()).default(null),
  printedMaterials: z.preprocess(blankToNull, count('分发党政报刊读物').nullable()).default(null),
  narrative: z
    .object({ overview: narrativeText('总体情况（概述）'), problems: narrativeText('存在的主要问题及改进情况'), other: narrativeText('其他需要报告的事项') })
    .default({}),
  trialFormat: z
    .object({
      licensing: trialItem('行政许可').optional(),
      otherServices: trialItem('其他对外管理服务事项').extend({ decisions: count('其他对外管理服务事项处理决定数量') }).optional(),
      penalty: trialItem('行政处罚').optional(),
      enforcement: trialItem('行政强制').optional(),
      administrativeFees: trialItem('行政事业性收费').optional(),
      procurement: z.object({ projects: count('政府集中采购项目数量'), amount: amount('采购总金额') }).optional(),
    })
    .optional(),
});

/** Manual inputs with everything zero or absent. */
export function emptyManualInputs(): ManualReportInputs {
  return manualInputsSchema.parse({});
}

/** Parses the manual inputs of a form or a JSON file into the domain's shape, with Chinese field errors. */
export function parseManualInputs(raw: unknown): ManualReportInputs {
  const parsed = manualInputsSchema.safeParse(raw ?? {});
  if (!parsed.success) throw validationErrorFrom(parsed.error.issues);
  const { narrative, trialFormat, ...rest } = parsed.data;
  const cleanNarrative = Object.fromEntries(Object.entries(narrative).filter(([, v]) => v !== undefined)) as ManualReportInputs['narrative'];
  return { ...rest, narrative: cleanNarrative, ...(trialFormat !== undefined && { trialFormat }) };
}

const optionsSchema = z.object({
  agencyId: z.coerce.number({ message: '请选择机关' }).int().positive('请选择机关'),
  year: z.coerce.number({ message: '年度应为四位数字' }).int('年度应为四位数字').min(2008, '年度不早于 2008 年（《条例》自 2008 年 5 月 1 日起施行）').max(9999, '年度无效'),
  format: z.enum(REPORT_FORMATS, { message: '格式只能是 2008、2019 或 2021' }).optional(),
  includeSubunits: z.boolean().optional(),
});

/** Which report to compile: an agency, a year, the format (default by year) and whether its sub-units are included (全镇). */
export interface ReportOptions {
  agencyId: number;
  year: number;
  format?: ReportFormat;
  includeSubunits?: boolean;
}

function parseOptions(raw: ReportOptions): ReportOptions {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) throw validationErrorFrom(parsed.error.issues);
  return parsed.data;
}

// --- the shell's reading of records ---------------------------------------------------------------

/**
 * Whether a reply of （一）予以公开 told the applicant the information was already public (条例第三十六条第
 * （一）项：“所申请公开信息已经主动公开的，告知申请人获取该政府信息的方式、途径”) or provided it (（二）).
 * The reply records the item chosen by the office; replies recorded before it was kept (or imported
 * without it) are read from the reply summary.
 */
export function replyTypeOf(state: RequestState): ReplyType | null {
  if (state.outcome !== 'disclosed' || state.reply === null) return null;
  const recorded = state.reply.replyType;
  if (recorded === 'already_public' || recorded === 'provided') return recorded;
  return /已(经)?主动公开|第三十六条第（一）项/.test(state.reply.summary) ? 'already_public' : 'provided';
}

/** SHA-256 of the stored JSON text of a report. */
export function reportHash(report: ReportSnapshot): string {
  return createHash('sha256').update(JSON.stringify(report)).digest('hex');
}

// --- import of past reports -----------------------------------------------------------------------

const unitOfFigure = (key: string): FigureUnit =>
  key.endsWith('_rate') ? 'ratio' : key === 'fees.collected_yuan' ? 'yuan' : key.endsWith('wan_yuan') ? 'wan_yuan' : 'count';

/**
 * Brings the JSON this platform exports (`tables` keyed by table, `figures` as named numbers) into the
 * model form the importer reads (`tables` and `figures` as lists); the model form passes unchanged.
 */
export function normaliseReportJson(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const o = json as Record<string, unknown>;
  const out: Record<string, unknown> = { year: o.year, ...(o.format !== undefined && { format: o.format }) };
  if (Array.isArray(o.tables)) out.tables = o.tables;
  else if (typeof o.tables === 'object' && o.tables !== null) {
    const tables: unknown[] = [];
    for (const [id, t] of Object.entries(o.tables as Record<string, unknown>)) {
      const parts = (t as { parts?: unknown })?.parts;
      if (Array.isArray(parts)) tables.push(...parts);
      else tables.push({ id, ...(t as object) });
    }
    out.tables = tables.map((t) => {
      const { id, columns, rows } = t as { id: unknown; columns?: unknown; rows?: unknown };
      return { id, ...(columns !== undefined && { columns }), rows: Array.isArray(rows) ? rows.map((r: { key?: unknown; label?: unknown; values?: unknown }) => ({ key: r.key, label: r.label, values: r.values })) : rows };
    });
  }
  if (Array.isArray(o.figures)) out.figures = o.figures;
  else if (typeof o.figures === 'object' && o.figures !== null) {
    out.figures = Object.entries(o.figures as Record<string, unknown>)
      .filter(([key, value]) => (FIGURE_KEYS as readonly string[]).includes(key) && (typeof value === 'number' || value === null))
      .map(([key, value]): Figure => ({ key: key as Figure['key'], label: key, value: value as number | null, unit: unitOfFigure(key), source: 'previous_report', recordIds: [], cell: null }));
  }
  return out;
}

// --- the service ----------------------------------------------------------------------------------

/** A compiled (or frozen) report with its validation. */
export interface ReportView {
  report: ReportSnapshot;
  findings: ValidationFinding[];
  /** No error-level rule is broken. */
  valid: boolean;
  /** The stored version shown or whose inputs were used; null when compiled with no stored version. */
  stored: StoredReport | null;
  /** The stored, final text (not a fresh compilation). */
  frozen: boolean;
  agency: Agency;
}

const CURRENT: readonly StoredReport['status'][] = ['draft', 'final'];

/** Creates the report service. */
export function createReportService(deps: ReportServiceDeps) {
  const now = () => deps.clock.now().toISOString();

  async function agencyOf(repos: Repositories, agencyId: number): Promise<Agency> {
    const agency = await repos.agencies.findById(agencyId);
    if (!agency) throw new NotFoundError('找不到该机关');
    return agency;
  }

  /** The current version of an agency's report for a year: the newest draft or final version (a correction in progress is newer than what it corrects). */
  async function currentVersion(repos: Repositories, agencyId: number, year: number): Promise<StoredReport | undefined> {
    return (await repos.reports.list({ agencyIds: [agencyId], year, statuses: CURRENT }))[0];
  }

  /** Last year's final or imported report, for 上年结转 before installation and the cross-year rules. */
  async function previousOf(repos: Repositories, agencyId: number, year: number): Promise<ReportSnapshot | undefined> {
    const found = (await repos.reports.list({ agencyIds: [agencyId], year: year - 1, statuses: ['final'] }))[0];
    return found?.compiled ?? undefined;
  }

  async function compileFrom(repos: Repositories, agency: Agency, options: Required<Omit<ReportOptions, 'format'>> & { format: ReportFormat }, manual: ManualReportInputs) {
    const agencyIds = options.includeSubunits ? (await repos.agencies.list({ within: [agency.path] })).map((a) => a.id) : [agency.id];
    // A county folds a million items: the store counts the year's items in SQL, and only the 规章 and
    // 行政规范性文件 (表二 needs their dates) are read one by one.
    const itemCounts = await repos.reports.countItems({ agencyIds, year: options.year, officialGenres: OFFICIAL_DOCUMENT_GENRES });
    const sources = await repos.reports.sources({ agencyIds, year: options.year, itemGenres: NORMATIVE_GENRES });
    // Hundreds of thousands of messages a year in a county: counted in SQL, listed again by the trace.
    const deliveryCounts = reportChannelCounts(await repos.reports.countDeliveries(deliveryScopeOf(agencyIds, options.year)));
    const previous = await previousOf(repos, agency.id, options.year);
    const report: AnnualReport = compileReport({
      agency: { id: agency.id, name: agency.name, kind: agency.kind },
      year: options.year,
      format: options.format,
      items: sources.items,
      itemCounts,
      scopeAgencyIds: agencyIds,
      requests: sources.requests.map((r) => toReportRequest(r.state, r.dueOn, replyTypeOf(r.state))),
      earlierRequestsOnRecord: sources.earlierRequestsOnRecord,
      appeals: sources.appeals,
      deliveries: [],
      deliveryCounts,
      ...(previous !== undefined && { previousReport: previous }),
      manual,
    });
    const findings = validateReport(report, { ...(previous !== undefined && { previous }), agencyKind: agency.kind });
    return { report, findings, valid: isValid(findings) };
  }

  const resolved = (o: ReportOptions, stored?: StoredReport) => ({
    agencyId: o.agencyId,
    year: o.year,
    format: o.format ?? stored?.format ?? defaultFormatFor(o.year),
    includeSubunits: o.includeSubunits ?? stored?.includeSubunits ?? false,
  });

  function frozenView(stored: StoredReport, agency: Agency, previous: ReportSnapshot | undefined): ReportView {
    const report = stored.compiled!;
    const findings = validateReport(report, { ...(previous !== undefined && { previous }), agencyKind: agency.kind });
    return { report, findings, valid: isValid(findings), stored, frozen: true, agency };
  }

  async function audit(repos: Repositories, actor: Actor, at: string, id: number, action: string, change: unknown) {
    await repos.audit.append({ actor, at, entity: 'annual_report', entityId: id, action, change });
  }

  async function loadForChange(repos: Repositories, actor: Actor, id: number): Promise<{ stored: StoredReport; agency: Agency }> {
    const stored = await repos.reports.find(id);
    if (!stored) throw new NotFoundError('找不到该年度报告');
    const agency = await agencyOf(repos, stored.agencyId);
    requirePermission(actor, 'report.compile', agency);
    return { stored, agency };
  }

  /** Saves a past report read from JSON or a document as the final version of its year (imported, hashed, audited). */
  async function savePast(actor: Actor, input: { agencyId: number; includeSubunits?: boolean }, result: Extract<ImportReportResult, { ok: true }>, readingNotes: readonly string[]) {
    const notes = [...readingNotes, ...result.notes];
    const at = now();
    return deps.uow.transaction(async (repos) => {
      const agency = await agencyOf(repos, input.agencyId);
      requirePermission(actor, 'report.compile', agency);
      const report: ReportSnapshot = { ...result.report, agency: { id: agency.id, name: agency.name, kind: agency.kind } };
      const current = await currentVersion(repos, agency.id, report.year);
      if (current !== undefined) throw new ConflictError(`${String(report.year)}年度已有报告（编号 ${String(current.id)}），不能再导入。`);
      const contentHash = reportHash(report);
      const stored = await repos.reports.insert(
        {
          agencyId: agency.id,
          year: report.year,
          format: report.format,
          includeSubunits: input.includeSubunits ?? false,
          status: 'final',
          origin: 'imported',
          manualInputs: emptyManualInputs(),
          compiled: report,
          contentHash,
          finalisedAt: at,
          finalisedBy: actor.label,
          supersedesId: null,
          published: false,
        },
        at,
      );
      await audit(repos, actor, at, stored.id, 'import', { year: report.year, format: report.format, contentHash, blanks: result.blanks.length, notes });
      return { stored, blanks: result.blanks, notes };
    });
  }

  const frozenMessage = (s: StoredReport) =>
    s.status === 'final'
      ? `${String(s.year)}年度报告已于 ${s.finalisedAt?.slice(0, 10) ?? ''} 定稿，不能修改；如需更正，请创建更正版本（更正版本定稿后取代原报告）。`
      : '该版本已被更正版本取代，不能修改。';

  const service = {
    /**
     * Compiles a report from the records with the inputs kept with the current stored version (or the
     * given ones). When the current version is final and matches the options, its frozen text is returned.
     */
    async compile(actor: Actor, raw: ReportOptions, manualOverride?: unknown): Promise<ReportView> {
      const o = parseOptions(raw);
      const repos = deps.uow.read;
      const agency = await agencyOf(repos, o.agencyId);
      requirePermission(actor, 'report.compile', agency);
      const stored = await currentVersion(repos, agency.id, o.year);
      const options = resolved(o, stored);
      const matches = stored !== undefined && stored.format === options.format && stored.includeSubunits === options.includeSubunits;
      if (stored?.status === 'final' && matches && manualOverride === undefined && stored.compiled !== null) {
        return frozenView(stored, agency, await previousOf(repos, agency.id, o.year));
      }
      const manual = manualOverride !== undefined ? parseManualInputs(manualOverride) : (stored?.manualInputs ?? emptyManualInputs());
      return { ...(await compileFrom(repos, agency, options, manual)), stored: stored ?? null, frozen: false, agency };
    },

    /** Saves the draft of an agency's report for a year with the inputs staff entered (creating it or updating the current draft), compiled afresh. */
    async saveDraft(actor: Actor, raw: ReportOptions, manualRaw: unknown): Promise<ReportView> {
      const o = parseOptions(raw);
      const manual = parseManualInputs(manualRaw);
      const at = now();
      return deps.uow.transaction(async (repos) => {
        const agency = await agencyOf(repos, o.agencyId);
        requirePermission(actor, 'report.compile', agency);
        const current = await currentVersion(repos, agency.id, o.year);
        if (current !== undefined && current.status !== 'draft') throw new ConflictError(frozenMessage(current));
        const options = resolved(o, current);
        const view = await compileFrom(repos, agency, options, manual);
        const fields = { format: options.format, includeSubunits: options.includeSubunits, manualInputs: manual, compiled: view.report };
        let stored: StoredReport;
        if (current === undefined) {
          stored = await repos.reports.insert(
            { agencyId: agency.id, year: o.year, status: 'draft', origin: 'compiled', contentHash: null, finalisedAt: null, finalisedBy: null, supersedesId: null, published: false, ...fields },
            at,
          );
          await audit(repos, actor, at, stored.id, 'create', { agencyId: agency.id, year: o.year, format: options.format, includeSubunits: options.includeSubunits, manual });
        } else {
          await repos.reports.update(current.id, fields, at);
          stored = (await repos.reports.find(current.id))!;
          await audit(repos, actor, at, stored.id, 'save_draft', { format: options.format, includeSubunits: options.includeSubunits, manual });
        }
        return { ...view, stored, frozen: false, agency };
      });
    },

    /** Finalises a draft: compiles it afresh, refuses while a validation error stands, freezes the text and records its hash; a correction supersedes what it corrects. */
    async finalise(actor: Actor, id: number): Promise<ReportView> {
      const at = now();
      return deps.uow.transaction(async (repos) => {
        const { stored, agency } = await loadForChange(repos, actor, id);
        if (stored.status !== 'draft') throw new ConflictError(frozenMessage(stored));
        const view = await compileFrom(repos, agency, { agencyId: agency.id, year: stored.year, format: stored.format, includeSubunits: stored.includeSubunits }, stored.manualInputs);
        if (!view.valid) {
          const errors = view.findings.filter((f) => !f.passed && f.level === 'error').map((f) => f.message);
          throw new ValidationError(`年度报告未通过校验，不能定稿：${errors.join('；')}`);
        }
        const contentHash = reportHash(view.report);
        let published = false;
        if (stored.supersedesId !== null) {
          const old = await repos.reports.find(stored.supersedesId);
          if (old && old.status === 'final') {
            await repos.reports.update(old.id, { status: 'superseded' }, at);
            await audit(repos, actor, at, old.id, 'supersede', { supersededBy: stored.id });
            // A published report's correction takes its place in the 年报 column at once; the original stays readable, marked as superseded.
            published = old.published;
          }
        }
        await repos.reports.update(id, { status: 'final', compiled: view.report, contentHash, finalisedAt: at, finalisedBy: actor.label, published }, at);
        await audit(repos, actor, at, id, 'finalise', { contentHash, warnings: view.findings.filter((f) => !f.passed).map((f) => f.rule), published });
        const after = (await repos.reports.find(id))!;
        if (published) deps.onPublicChange?.();
        return { ...view, stored: after, frozen: true, agency };
      });
    },

    /** Publishes a final report to the portal's 年报 column (条例第四十九条：每年1月31日前向本级政府信息公开工作主管部门提交并向社会公布). */
    async publish(actor: Actor, id: number): Promise<StoredReport> {
      const at = now();
      const result = await deps.uow.transaction(async (repos) => {
        const { stored } = await loadForChange(repos, actor, id);
        if (stored.status !== 'final') throw new ConflictError(stored.status === 'draft' ? '年度报告尚未定稿，定稿后才能公布。' : '该版本已被更正版本取代，请公布更正版本。');
        if (stored.published) return stored;
        await repos.reports.update(id, { published: true }, at);
        await audit(repos, actor, at, id, 'publish', { contentHash: stored.contentHash });
        return (await repos.reports.find(id))!;
      });
      deps.onPublicChange?.();
      return result;
    },

    /** Starts a correction of a final report: a new draft with the same inputs, which supersedes the original when finalised. */
    async supersede(actor: Actor, id: number, reason: string): Promise<StoredReport> {
      const why = typeof reason === 'string' ? reason.trim() : '';
      if (why === '') throw new ValidationError('请说明更正的原因', { reason: '请说明更正的原因' });
      const at = now();
      return deps.uow.transaction(async (repos) => {
        const { stored } = await loadForChange(repos, actor, id);
        if (stored.status !== 'final') throw new ConflictError(stored.status === 'draft' ? '草稿可以直接修改，无需更正。' : '该版本已被更正版本取代。');
        const current = await currentVersion(repos, stored.agencyId, stored.year);
        if (current !== undefined && current.id !== stored.id) throw new ConflictError(`已有未定稿的更正版本（编号 ${String(current.id)}），请在其上修改。`);
        const draft = await repos.reports.insert(
          {
            agencyId: stored.agencyId,
            year: stored.year,
            format: stored.format,
            includeSubunits: stored.includeSubunits,
            status: 'draft',
            origin: 'compiled',
            manualInputs: stored.manualInputs,
            compiled: null,
            contentHash: null,
            finalisedAt: null,
            finalisedBy: null,
            supersedesId: stored.id,
            published: false,
          },
          at,
        );
        await audit(repos, actor, at, draft.id, 'create_correction', { supersedes: stored.id, reason: why });
        return draft;
      });
    },

    /** Imports a past report's JSON (the model, or the JSON this platform exports) as the final report of its year, so the next year has its 上年结转. */
    async importPast(actor: Actor, input: { agencyId: number; includeSubunits?: boolean; json: unknown }) {
      let data = input.json;
      if (typeof data === 'string') {
        try {
          data = JSON.parse(data) as unknown;
        } catch {
          throw new ValidationError('导入的年报不是有效的 JSON。');
        }
      }
      const result = importReportTables(normaliseReportJson(data));
      if (!result.ok) throw new ValidationError(`导入的年报有误：${result.problems.join('；')}`);
      return savePast(actor, input, result, []);
    },

    /**
     * Imports a filled official report document (its text and table cells as the DOCX or HTML reader
     * extracted them): tables 二、三、四 are read, validated as the JSON import is, and saved as the final
     * report of their year.
     */
    async importPastDocument(actor: Actor, input: { agencyId: number; includeSubunits?: boolean; content: ReportDocumentContent; year?: number; format?: ReportFormat }) {
      const reading = readReportDocument(input.content, { ...(input.year !== undefined && { year: input.year }), ...(input.format !== undefined && { format: input.format }) });
      if (!reading.ok) throw new ValidationError(`导入的年报有误：${reading.problems.join('；')}`);
      const result = importReportTables(reading.json);
      if (!result.ok) throw new ValidationError(`导入的年报有误：${result.problems.join('；')}`);
      return savePast(actor, input, result, reading.notes);
    },

    /** A stored version for staff, with its validation (a draft is shown as last compiled). */
    async get(actor: Actor, id: number): Promise<ReportView> {
      const repos = deps.uow.read;
      const { stored, agency } = await loadForChange(repos, actor, id);
      if (stored.compiled === null) {
        return { ...(await compileFrom(repos, agency, { agencyId: agency.id, year: stored.year, format: stored.format, includeSubunits: stored.includeSubunits }, stored.manualInputs)), stored, frozen: false, agency };
      }
      return { ...frozenView(stored, agency, await previousOf(repos, agency.id, stored.year)), frozen: stored.status !== 'draft' };
    },

    /**
     * The records behind one figure of the report `compile` shows for these options (the draft compiled
     * now, or the frozen text), a page at a time: every number of the report can be checked against them.
     */
    async traceFigure(actor: Actor, raw: ReportOptions, key: string, page: { offset: number; limit: number } = { offset: 0, limit: 50 }): Promise<{ view: ReportView; trace: FigureTrace | null }> {
      if (!isFigureKey(key)) throw new NotFoundError('年度报告中没有这项数据');
      const view = await service.compile(actor, raw);
      const figure = findFigure(view.report.figures ?? [], key);
      if (figure === undefined) throw new NotFoundError('该年度报告中没有这项数据');
      // Manual inputs and figures carried from last year's report have no records behind them.
      if (figure.source === 'manual' || figure.source === 'previous_report') return { view, trace: null };
      return { view, trace: await traceFigure(deps.uow.read, view.report, figure, page, replyTypeOf) };
    },

    /** The versions of an agency's reports (newest year first). */
    async list(actor: Actor, filter: { agencyId: number; year?: number }): Promise<StoredReport[]> {
      const repos = deps.uow.read;
      const agency = await agencyOf(repos, filter.agencyId);
      requirePermission(actor, 'report.compile', agency);
      return repos.reports.list({ agencyIds: [agency.id], ...(filter.year !== undefined && { year: filter.year }) });
    },

    /** Public: the reports in the portal's 年报 column, current versions only (newest year first). */
    publishedReports: (filter: { agencyIds?: number[] } = {}) =>
      deps.uow.read.reports.list({ published: true, statuses: ['final'], ...(filter.agencyIds !== undefined && { agencyIds: filter.agencyIds }) }),

    /** Public: one published report (a superseded one too, so old links still answer, marked as superseded), or undefined. */
    async publishedReport(id: number): Promise<{ stored: StoredReport; report: ReportSnapshot; supersededBy: StoredReport | null } | undefined> {
      const repos = deps.uow.read;
      const stored = await repos.reports.find(id);
      if (!stored || !stored.published || stored.compiled === null || stored.status === 'draft') return undefined;
      const later = stored.status === 'superseded' ? (await repos.reports.list({ agencyIds: [stored.agencyId], year: stored.year })).find((r) => r.supersedesId === stored.id) ?? null : null;
      return { stored, report: stored.compiled, supersededBy: later };
    },

    /** Whether a final version's stored text still has the hash recorded when it was finalised. */
    verifyHash: (stored: StoredReport): boolean => stored.compiled !== null && stored.contentHash === reportHash(stored.compiled),
  };
  return service;
}

export type ReportService = ReturnType<typeof createReportService>;
