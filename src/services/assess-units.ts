/**
 * Assessment (考核) of the units under an assessing agency: loads each direct sub-unit's records (its
 * whole subtree) for the rubric's period, scores and ranks them with the evidence behind each point,
 * attaches the assessor's comments, and records the assessment in the audit log.
 */
import { scopesFor } from '../domain/access/roles.ts';
import { parseRubric, scoreAndRank, type UnitRecords, type UnitScore } from '../domain/assessment/index.ts';
import { GENRE_INFO } from '../domain/publishing/index.ts';
import { isOpen } from '../domain/requests/index.ts';
import { requirePermission } from './access-control.ts';
import { ValidationError } from './errors.ts';
import type { CalendarService } from './manage-calendar.ts';
import type { Actor, Clock, Repositories, UnitOfWork } from './ports.ts';

const PAGE = 1000;

export interface AssessmentResult {
  rubric: string;
  fromOn: string;
  toOn: string;
  assessor: string;
  units: Array<UnitScore & { comment: string }>;
}

async function recordsOf(repos: Repositories, unit: { id: number; name: string; path: string }): Promise<UnitRecords> {
  const items = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await repos.items.list({ within: [unit.path], liveOnly: true, limit: PAGE, offset });
    items.push(...page.items);
    if (page.items.length < PAGE) break;
  }
  const numbers = await repos.items.indexNumbers(items.map((i) => Number(i.id)));
  const requests = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await repos.requests.list({ within: [unit.path], limit: PAGE, offset });
    requests.push(...page.items);
    if (page.items.length < PAGE) break;
  }
  const appeals = await repos.appeals.list({ within: [unit.path] });
  return {
    unitId: unit.id,
    unitName: unit.name,
    items: items.map((i) => ({
      ref: numbers.get(Number(i.id)) ?? `信息${i.id}`,
      title: i.title,
      formedOn: i.changedOn ?? i.formedOn,
      publishedOn: i.publishedOn ?? '',
      summary: i.summary,
      indexNumber: numbers.get(Number(i.id)) ?? null,
      isPolicy: GENRE_INFO[i.genre].normativeKind !== null,
      interprets: i.interpretsItemId === null ? null : (numbers.get(Number(i.interpretsItemId)) ?? `信息${i.interpretsItemId}`),
    })),
    requests: requests
      .filter((r) => r.state.receivedOn !== null && r.state.withdrawnOn === null && r.state.abandoned === null)
      .map((r) => ({ ref: r.trackingNumber, receivedOn: r.state.receivedOn!, dueOn: r.dueOn, repliedOn: r.state.reply?.repliedOn ?? null, open: isOpen(r.state.status) })),
    appeals: appeals.map((a) => ({ ref: `${a.body}（${a.filedOn}）`, closedOn: a.closedOn, corrected: a.result === 'corrected' })),
  };
}

/** Creates the assessment service. */
export function createAssessmentService(deps: { uow: UnitOfWork; clock: Clock; calendar: CalendarService }) {
  return {
    /** Scores the direct sub-units of an agency (or the agency itself when it has none) against a rubric config. */
    async assess(actor: Actor, agencyId: number, rubricRaw: unknown, options: { comments?: Record<string, string>; system?: boolean } = {}): Promise<AssessmentResult> {
      const parsed = parseRubric(rubricRaw);
      if (!parsed.ok) throw new ValidationError(`考核细则有误：${parsed.problems.join('；')}`);
      const rubric = parsed.rubric;
      const repos = deps.uow.read;
      const root = await repos.agencies.findById(agencyId);
      if (!root) throw new ValidationError('考核机关不存在');
      if (!options.system) requirePermission(actor, 'report.compile', root);
      const all = await repos.agencies.list({ within: [root.path] });
      const children = all.filter((a) => a.parentId === root.id);
      const units = children.length > 0 ? children : [root];
      const records = [];
      for (const u of units) records.push(await recordsOf(repos, u));
      const cal = (await deps.calendar.current()).calendar;
      const scored = scoreAndRank(rubric, records, cal);
      const comments = options.comments ?? {};
      const result: AssessmentResult = {
        rubric: rubric.name,
        fromOn: rubric.fromOn,
        toOn: rubric.toOn,
        assessor: root.name,
        units: scored.map((s) => ({ ...s, comment: comments[String(s.unitId)] ?? comments[s.unitName] ?? '' })),
      };
      await deps.uow.transaction((tx) =>
        tx.audit.append({
          actor,
          at: deps.clock.now().toISOString(),
          entity: 'assessment',
          entityId: root.id,
          action: 'assess',
          change: { rubric: rubric.name, fromOn: rubric.fromOn, toOn: rubric.toOn, totals: scored.map((s) => ({ unit: s.unitName, total: s.total, rank: s.rank })), scopes: scopesFor(actor.grants, 'report.compile') },
        }),
      );
      return result;
    },
  };
}

/** Flattens an assessment into rows for a spreadsheet: one row per unit and indicator. */
export function assessmentRows(result: AssessmentResult): { headers: string[]; rows: string[][] } {
  const headers = ['排名', '单位', '总分', '满分', '指标', '测量值', '得分', '分值', '依据', '扣分事实', '评语'];
  const rows: string[][] = [];
  for (const u of result.units) {
    for (const i of u.indicators) {
      rows.push([String(u.rank), u.unitName, String(u.total), String(u.maximum), i.label, i.measure === null ? '—' : `${i.measure}${i.unit}`, String(i.points), String(i.weight), i.basis, i.evidence.map((e) => e.text).join('；'), u.comment]);
    }
  }
  return { headers, rows };
}
