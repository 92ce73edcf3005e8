/**
 * Assessment (考核) of the units under an assessing agency. The agency keeps its rubrics (考核细则:
 * indicators, weights, scoring rules, periods), every change saved as a new version and audited; each
 * direct sub-unit (with its whole subtree) is scored from its records for a period, with the records
 * behind every figure, ranked, and commented on by the assessor (stored and audited). The annual report's
 * 工作考核 part (条例第五十条第（四）项：“各级人民政府的政府信息公开工作年度报告还应当包括工作考核、社会
 * 评议和责任追究结果情况”) can quote the result.
 */
import { can, scopesFor } from '../domain/access/roles.ts';
import {
  assessmentDayOf,
  parseRubric,
  parseRubricConfig,
  periodKeyOf,
  rubricForPeriod,
  scoreAndRank,
  type AssessmentPeriod,
  type Rubric,
  type RubricConfig,
  type UnitRecords,
  type UnitScore,
} from '../domain/assessment/index.ts';
import type { Agency } from '../domain/organisations/agency.ts';
import { GENRE_INFO, isBeforePublication } from '../domain/publishing/index.ts';
import { isOpen } from '../domain/requests/index.ts';
import { requirePermission } from './access-control.ts';
import { chinaDateOf } from './china-time.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import type { CalendarService } from './manage-calendar.ts';
import type { Actor, Clock, Repositories, RubricVersion, StoredRubric, UnitOfWork } from './ports.ts';
import { listAllItems, listAllRequests } from './record-pages.ts';

/** The scores of the units for one rubric and period, with the assessor's comments. */
export interface AssessmentResult {
  rubric: string;
  fromOn: string;
  toOn: string;
  assessor: string;
  /** The day the records were looked at: the period's end, or today while it runs. */
  asOn: string;
  units: Array<UnitScore & { comment: string }>;
  /** The indicators with their weights and rules (for the rubric table of the exports). */
  indicators?: Rubric['indicators'];
}

/** A stored rubric scored for one of its periods. */
export interface PeriodAssessment extends AssessmentResult {
  stored: StoredRubric;
  /** The config scored (the current version unless an earlier one was asked for). */
  version: number;
  config: RubricConfig;
  period: AssessmentPeriod;
  periodKey: string;
  indicators: Rubric['indicators'];
}

const PENDING_STATUSES = ['draft', 'submitted', 'scanned', 'returned', 'reviewed', 'approved', 'scheduled'] as const;

/** Loads the records of an assessing agency's subtree once and sorts them to its units (each unit with its subtree). */
async function recordsOf(repos: Repositories, root: Agency, units: readonly Agency[]): Promise<UnitRecords[]> {
  const within = [root.path];
  const items = await listAllItems(repos, { within, liveOnly: true });
  const pending = (await listAllItems(repos, { within, statuses: [...PENDING_STATUSES] })).filter(
    // 条例第十三条 presumes openness: an item whose 公开属性 is undecided still counts against the deadline.
    (i) => isBeforePublication(i.status) && (i.disclosure === null || i.disclosure.attribute === 'proactive'),
  );
  const numbers = await repos.items.indexNumbers([...items, ...pending].map((i) => Number(i.id)));
  const refOf = (id: string | number) => numbers.get(Number(id)) ?? `信息${id}`;
  const requests = (await listAllRequests(repos, { within })).filter((r) => r.state.receivedOn !== null && r.state.withdrawnOn === null && r.state.abandoned === null);
  const appeals = await repos.appeals.list({ within });
  const unitOf = (path: string) => units.find((u) => path.startsWith(u.path));
  // Oldest first, so that the evidence reads in date order (and the same on both stores).
  items.sort((x, y) => (x.publishedOn ?? '').localeCompare(y.publishedOn ?? '') || Number(x.id) - Number(y.id));
  pending.sort((x, y) => x.formedOn.localeCompare(y.formedOn) || Number(x.id) - Number(y.id));
  requests.sort((x, y) => x.state.receivedOn!.localeCompare(y.state.receivedOn!) || x.id - y.id);
  appeals.sort((x, y) => x.filedOn.localeCompare(y.filedOn) || x.id - y.id);
  return units.map((unit) => {
    const mine = <T>(list: readonly T[], path: (x: T) => string) => list.filter((x) => unitOf(path(x)) === unit);
    return {
      unitId: unit.id,
      unitName: unit.name,
      items: mine(items, (i) => i.agencyPath).map((i) => ({
        id: i.id,
        ref: refOf(i.id),
        title: i.title,
        formedOn: i.changedOn ?? i.formedOn,
        publishedOn: i.publishedOn ?? '',
        summary: i.summary,
        indexNumber: numbers.get(Number(i.id)) ?? null,
        isPolicy: GENRE_INFO[i.genre]?.normativeKind != null,
        interprets: i.interpretsItemId === null ? null : refOf(i.interpretsItemId),
      })),
      pendingItems: mine(pending, (i) => i.agencyPath).map((i) => ({ id: i.id, ref: numbers.get(Number(i.id)) ?? `草稿${i.id}`, title: i.title, formedOn: i.changedOn ?? i.formedOn })),
      requests: mine(requests, (r) => r.state.record.agencyPath).map((r) => ({
        id: String(r.id),
        ref: r.trackingNumber,
        receivedOn: r.state.receivedOn!,
        dueOn: r.state.reply?.dueOn ?? r.dueOn,
        repliedOn: r.state.reply?.repliedOn ?? null,
        open: isOpen(r.state.status),
      })),
      appeals: mine(appeals, (a) => a.agencyPath).map((a) => ({ id: String(a.id), ref: `${a.body}（${a.filedOn}）`, closedOn: a.closedOn, corrected: a.result === 'corrected' })),
    };
  });
}

function problemsError(problems: ReadonlyArray<{ path: string; message: string }>): ValidationError {
  const fieldErrors: Record<string, string> = {};
  for (const p of problems) fieldErrors[p.path || '_'] ??= p.message;
  return new ValidationError(`考核细则有误：${[...new Set(problems.map((p) => p.message))].join('；')}`, fieldErrors);
}

/** Creates the assessment service. */
export function createAssessmentService(deps: { uow: UnitOfWork; clock: Clock; calendar: CalendarService }) {
  const today = () => chinaDateOf(deps.clock.now());

  /** The units an agency assesses: its direct sub-units, or the agency itself when it has none. */
  const unitsOf = async (repos: Repositories, root: Agency) => {
    const all = await repos.agencies.list({ within: [root.path] });
    const children = all.filter((a) => a.parentId === root.id);
    return children.length > 0 ? children : [root];
  };

  const score = async (repos: Repositories, root: Agency, rubric: Rubric, comments: ReadonlyMap<number, string>) => {
    const units = await unitsOf(repos, root);
    const cal = (await deps.calendar.current()).calendar;
    const asOn = assessmentDayOf(rubric, today());
    const scored = scoreAndRank(rubric, await recordsOf(repos, root, units), cal, asOn);
    return { asOn, units: scored.map((s) => ({ ...s, comment: comments.get(s.unitId) ?? '' })) };
  };

  const loadRubric = async (actor: Actor, id: number) => {
    const repos = deps.uow.read;
    const stored = await repos.assessments.findRubric(id);
    if (!stored) throw new NotFoundError('该考核细则不存在');
    const agency = await repos.agencies.findById(stored.agencyId);
    if (!agency) throw new NotFoundError('考核机关不存在');
    requirePermission(actor, 'report.compile', agency);
    return { stored, agency };
  };

  const assessingAgency = async (actor: Actor, agencyId: number) => {
    const agency = await deps.uow.read.agencies.findById(agencyId);
    if (!agency) throw new ValidationError('请选择考核机关', { agencyId: '请选择考核机关' });
    requirePermission(actor, 'report.compile', agency);
    return agency;
  };

  return {
    /** Scores the direct sub-units of an agency (or the agency itself when it has none) against a one-period rubric (`gongkai assess`). */
    async assess(actor: Actor, agencyId: number, rubricRaw: unknown, options: { comments?: Record<string, string>; system?: boolean } = {}): Promise<AssessmentResult> {
      const parsed = parseRubric(rubricRaw);
      if (!parsed.ok) throw new ValidationError(`考核细则有误：${parsed.problems.join('；')}`);
      const rubric = parsed.rubric;
      const repos = deps.uow.read;
      const root = await repos.agencies.findById(agencyId);
      if (!root) throw new ValidationError('考核机关不存在');
      if (!options.system) requirePermission(actor, 'report.compile', root);
      const named = options.comments ?? {};
      const units = await unitsOf(repos, root);
      const comments = new Map(units.map((u) => [u.id, named[String(u.id)] ?? named[u.name] ?? '']));
      const { asOn, units: scored } = await score(repos, root, rubric, comments);
      await deps.uow.transaction((tx) =>
        tx.audit.append({
          actor,
          at: deps.clock.now().toISOString(),
          entity: 'assessment',
          entityId: root.id,
          action: 'assess',
          change: { rubric: rubric.name, fromOn: rubric.fromOn, toOn: rubric.toOn, asOn, totals: scored.map((s) => ({ unit: s.unitName, total: s.total, rank: s.rank })), scopes: scopesFor(actor.grants, 'report.compile') },
        }),
      );
      return { rubric: rubric.name, fromOn: rubric.fromOn, toOn: rubric.toOn, assessor: root.name, asOn, units: scored, indicators: rubric.indicators };
    },

    /** The agencies an actor may assess from (those with sub-units first), and their rubrics. */
    async overview(actor: Actor): Promise<{ agencies: Agency[]; rubrics: StoredRubric[] }> {
      const scopes = scopesFor(actor.grants, 'report.compile');
      if (scopes.length === 0) throw new ForbiddenError('您没有考核评估的权限');
      const all = await deps.uow.read.agencies.list({ within: scopes });
      const parents = new Set(all.map((a) => a.parentId));
      const agencies = all.filter((a) => parents.has(a.id) || scopes.includes(a.path));
      return { agencies, rubrics: await deps.uow.read.assessments.listRubrics(agencies.map((a) => a.id)) };
    },

    /** A rubric with its assessing agency and every version. */
    async rubric(actor: Actor, id: number): Promise<{ stored: StoredRubric; agency: Agency; versions: RubricVersion[] }> {
      const { stored, agency } = await loadRubric(actor, id);
      return { stored, agency, versions: await deps.uow.read.assessments.versions(id) };
    },

    /** Creates a rubric for an assessing agency (validated: weights add up to 100, rules suit the indicators, periods are real). */
    async createRubric(actor: Actor, agencyId: number, raw: unknown): Promise<StoredRubric> {
      const agency = await assessingAgency(actor, agencyId);
      const parsed = parseRubricConfig(raw);
      if (!parsed.ok) throw problemsError(parsed.problems);
      const at = deps.clock.now().toISOString();
      return deps.uow.transaction(async (tx) => {
        const stored = await tx.assessments.insertRubric({ agencyId: agency.id, name: parsed.config.name, config: parsed.config, reason: '新建', at, by: actor.label });
        await tx.audit.append({ actor, at, entity: 'assessment_rubric', entityId: stored.id, action: 'create', change: { agency: agency.name, version: 1, config: parsed.config } });
        return stored;
      });
    },

    /** Saves a changed rubric as its next version, with the reason; refuses when someone else saved in between. */
    async updateRubric(actor: Actor, id: number, expectedVersion: number, raw: unknown, reason: string): Promise<StoredRubric> {
      const { stored } = await loadRubric(actor, id);
      const parsed = parseRubricConfig(raw);
      const why = reason.trim();
      const problems = parsed.ok ? [] : [...parsed.problems];
      if (why === '') problems.push({ path: 'reason', message: '请填写修改理由（记入版本记录和审计日志）' });
      if (why.length > 500) problems.push({ path: 'reason', message: '修改理由不超过 500 个字' });
      if (problems.length > 0 || !parsed.ok) throw problemsError(problems);
      if (stored.version !== expectedVersion) throw new ConflictError(`该考核细则已被 ${stored.updatedBy} 于 ${stored.updatedAt.slice(0, 16).replace('T', ' ')}（UTC）修改为第 ${stored.version} 版，请在最新版本上重新修改。`);
      const at = deps.clock.now().toISOString();
      return deps.uow.transaction(async (tx) => {
        const saved = await tx.assessments.saveRubric(id, expectedVersion, { name: parsed.config.name, config: parsed.config, reason: why, at, by: actor.label });
        if (!saved) throw new ConflictError('该考核细则刚被他人修改，请刷新后重新修改。');
        await tx.audit.append({ actor, at, entity: 'assessment_rubric', entityId: id, action: 'update', change: { version: expectedVersion + 1, reason: why, before: stored.config, after: parsed.config } });
        return (await tx.assessments.findRubric(id))!;
      });
    },

    /** Scores the units for one period of a rubric (`periodKey` = `fromOn~toOn`), by the current version or an earlier one. */
    async scorePeriod(actor: Actor, id: number, periodKey: string | undefined, options: { version?: number } = {}): Promise<PeriodAssessment> {
      const { stored, agency } = await loadRubric(actor, id);
      let config = stored.config;
      let version = stored.version;
      if (options.version !== undefined && options.version !== stored.version) {
        const old = (await deps.uow.read.assessments.versions(id)).find((v) => v.version === options.version);
        if (!old) throw new NotFoundError(`该考核细则没有第 ${options.version} 版`);
        config = old.config;
        version = old.version;
      }
      const period = periodKey ? config.periods.find((p) => periodKeyOf(p) === periodKey) : config.periods[0];
      if (!period) throw new NotFoundError('该考核细则没有这个考核期');
      const key = periodKeyOf(period);
      const comments = new Map((await deps.uow.read.assessments.comments(id, key)).map((c) => [c.unitId, c.text]));
      const rubric = rubricForPeriod(config, period);
      const { asOn, units } = await score(deps.uow.read, agency, rubric, comments);
      return { rubric: rubric.name, fromOn: period.fromOn, toOn: period.toOn, assessor: agency.name, asOn, units, stored, version, config, period, periodKey: key, indicators: config.indicators };
    },

    /**
     * A paragraph the annual report can quote (its section on 工作考核, or 其他需要报告的事项): the
     * agency's assessment periods that fall in the report year, scored from the records. Null when
     * the agency kept no rubric with such a period.
     */
    async quoteForReport(actor: Actor, agencyId: number, year: number): Promise<string | null> {
      const rubrics = await deps.uow.read.assessments.listRubrics([agencyId]);
      const sentences: string[] = [];
      for (const stored of rubrics) {
        for (const period of stored.config.periods.filter((p) => p.fromOn.startsWith(String(year)) || p.toOn.startsWith(String(year)))) {
          const scored = await this.scorePeriod(actor, stored.id, periodKeyOf(period));
          if (scored.units.length === 0) continue;
          const points = (n: number) => n.toFixed(1).replace(/\.0$/, '');
          const average = scored.units.reduce((n, u) => n + u.total, 0) / scored.units.length;
          const firsts = scored.units.filter((u) => u.rank === 1).map((u) => u.unitName);
          const best = firsts.length <= 3 ? firsts.join('、') : `${firsts.length}个单位并列`;
          const top = scored.units.find((u) => u.rank === 1)!;
          sentences.push(
            `按照《${scored.rubric}》，${scored.assessor}对${scored.units.length}个单位${period.fromOn}至${period.toOn}的政务公开工作进行了考核（满分${points(top.maximum)}分），平均得分${points(average)}分，${best}得分最高（${points(top.total)}分）。`,
          );
        }
      }
      return sentences.length ? sentences.join('') : null;
    },

    /** Saves the assessor's comment on a unit for a period (an empty comment removes it), audited. */
    async saveComment(actor: Actor, id: number, periodKey: string, unitId: number, text: string): Promise<void> {
      const { stored, agency } = await loadRubric(actor, id);
      const period = stored.config.periods.find((p) => periodKeyOf(p) === periodKey);
      if (!period) throw new NotFoundError('该考核细则没有这个考核期');
      const unit = await deps.uow.read.agencies.findById(unitId);
      if (!unit || !(await unitsOf(deps.uow.read, agency)).some((u) => u.id === unitId)) throw new ValidationError('该单位不在本考核范围内', { unitId: '该单位不在本考核范围内' });
      const comment = text.trim();
      if (comment.length > 2000) throw new ValidationError('评语不超过 2000 个字', { comment: '评语不超过 2000 个字' });
      const at = deps.clock.now().toISOString();
      await deps.uow.transaction(async (tx) => {
        const before = (await tx.assessments.comments(id, periodKey)).find((c) => c.unitId === unitId)?.text ?? '';
        if (before === comment) return;
        await tx.assessments.saveComment({ rubricId: id, periodKey, unitId, text: comment, updatedAt: at, updatedBy: actor.label });
        await tx.audit.append({ actor, at, entity: 'assessment_rubric', entityId: id, action: 'comment', change: { period: period.label, periodKey, unit: unit.name, before, after: comment } });
      });
    },

    /** Whether an actor may assess at all (for navigation). */
    canAssess: (actor: Actor) => can(actor.grants, 'report.compile'),
  };
}
