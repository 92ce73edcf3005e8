/**
 * Scores units against a rubric from their records, keeping the evidence behind every point: each
 * indicator's figure comes with the list of records it was computed from, those that cost points
 * marked (which items were late, which replies overdue, which cases corrected), and ranks the units.
 * Pure: the records, the calendar, the period and the day of assessment come in; nothing is read.
 */
import { computePublicationDeadline, type HolidayCalendar } from '../calendar/index.ts';
import { INDICATOR_LABELS, type Indicator, type Rubric, type RubricIndicator } from './rubric.ts';

/** A published item as assessment sees it. */
export interface AssessedItem {
  /** The record's id (for the link to it). */
  readonly id: string;
  readonly ref: string;
  readonly title: string;
  /** The day the 20 working days run from: the 生成日期, or the 变更日期 of a revision. */
  readonly formedOn: string;
  readonly publishedOn: string;
  readonly summary: string;
  readonly indexNumber: string | null;
  /** A 规章 or 行政规范性文件 (the policies interpretations are counted for). */
  readonly isPolicy: boolean;
  /** For a 政策解读: the ref of the policy it interprets. */
  readonly interprets: string | null;
}

/** An item not yet published that must be (公开属性 主动公开 or not yet decided), as assessment sees it. */
export interface AssessedPendingItem {
  readonly id: string;
  readonly ref: string;
  readonly title: string;
  readonly formedOn: string;
}

/** A request as assessment sees it. */
export interface AssessedRequest {
  readonly id: string;
  readonly ref: string;
  readonly receivedOn: string;
  readonly dueOn: string | null;
  /** The reply date, or null while open (withdrawn and abandoned requests are not counted). */
  readonly repliedOn: string | null;
  readonly open: boolean;
}

/** A reconsideration or lawsuit case. */
export interface AssessedAppeal {
  readonly id: string;
  readonly ref: string;
  readonly closedOn: string | null;
  readonly corrected: boolean;
}

/** One unit's records. */
export interface UnitRecords {
  readonly unitId: number;
  readonly unitName: string;
  readonly items: readonly AssessedItem[];
  readonly pendingItems: readonly AssessedPendingItem[];
  readonly requests: readonly AssessedRequest[];
  readonly appeals: readonly AssessedAppeal[];
}

/** The kinds of record a figure is computed from. */
export type RecordKind = 'item' | 'request' | 'appeal';

/** A record behind a figure, to show to the unit; `adverse` when it cost points (or, for counts, was counted). */
export interface Evidence {
  readonly kind: RecordKind;
  readonly id: string;
  readonly ref: string;
  readonly text: string;
  readonly adverse: boolean;
}

export interface IndicatorScore {
  readonly indicator: Indicator;
  readonly label: string;
  /** The measure (a percentage, a count, a frequency), null when nothing could be measured. */
  readonly measure: number | null;
  readonly unit: string;
  readonly points: number;
  readonly weight: number;
  /** How the measure was obtained, e.g. “18 / 20 条按期公开”. */
  readonly basis: string;
  /** Every record the measure was computed from. */
  readonly records: readonly Evidence[];
  /** The records that cost points (or, for counts, that were counted): the adverse part of `records`. */
  readonly evidence: readonly Evidence[];
}

export interface UnitScore {
  readonly unitId: number;
  readonly unitName: string;
  readonly total: number;
  readonly maximum: number;
  readonly rank: number;
  readonly indicators: readonly IndicatorScore[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function within(date: string | null, fromOn: string, toOn: string): boolean {
  return date !== null && date !== '' && date >= fromOn && date <= toOn;
}

function monthsOf(rubric: Rubric): number {
  const [fy, fm] = rubric.fromOn.split('-').map(Number) as [number, number];
  const [ty, tm] = rubric.toOn.split('-').map(Number) as [number, number];
  return Math.max(1, (ty - fy) * 12 + (tm - fm) + 1);
}

/** Points for a measure under a rule (measure null: full points when nothing was there to be measured). */
export function pointsFor(spec: RubricIndicator, measure: number | null): number {
  const rule = spec.rule;
  if (measure === null) return spec.weight;
  switch (rule.kind) {
    case 'deduct':
      return round2(Math.max(0, spec.weight - rule.each * measure));
    case 'threshold': {
      const higher = INDICATOR_LABELS[spec.indicator].better === 'higher';
      return (higher ? measure >= rule.pass : measure <= rule.pass) ? spec.weight : 0;
    }
    case 'ratio': {
      const share = (measure - rule.zero) / (rule.full - rule.zero);
      return round2(spec.weight * Math.min(1, Math.max(0, share)));
    }
    default: {
      const unreachable: never = rule;
      throw new Error(`未知的评分规则：${String(unreachable)}`);
    }
  }
}

interface Measured {
  measure: number | null;
  basis: string;
  records: Evidence[];
}

const rate = (good: number, all: number) => round2((good / all) * 100);

function measure(indicator: Indicator, unit: UnitRecords, rubric: Rubric, asOn: string, cal: HolidayCalendar): Measured {
  const items = unit.items.filter((i) => within(i.publishedOn, rubric.fromOn, rubric.toOn));
  const item = (i: { id: string; ref: string }, text: string, adverse: boolean): Evidence => ({ kind: 'item', id: i.id, ref: i.ref, text, adverse });
  switch (indicator) {
    case 'on_time_publication_rate': {
      // 条例第二十六条：“属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开”
      const records = items.map((i) => {
        const due = computePublicationDeadline(cal, i.formedOn).due;
        return i.publishedOn > due
          ? item(i, `“${i.title}”生成于 ${i.formedOn}，应于 ${due} 前公开，${i.publishedOn} 才公开`, true)
          : item(i, `“${i.title}”生成于 ${i.formedOn}，${i.publishedOn} 公开（期限 ${due}）`, false);
      });
      if (items.length === 0) return { measure: null, basis: '考核期内没有发布信息', records };
      const onTime = records.filter((r) => !r.adverse).length;
      return { measure: rate(onTime, items.length), basis: `${onTime} / ${items.length} 条按期公开`, records };
    }
    case 'on_time_reply_rate': {
      // 条例第三十三条第二款：“应当自收到申请之日起20个工作日内予以答复”
      const replied = unit.requests.filter((r) => within(r.repliedOn, rubric.fromOn, rubric.toOn) && r.dueOn !== null);
      const records = replied.map((r): Evidence => {
        const late = r.repliedOn! > r.dueOn!;
        return { kind: 'request', id: r.id, ref: r.ref, text: late ? `申请 ${r.ref} 应于 ${r.dueOn} 前答复，${r.repliedOn} 才答复` : `申请 ${r.ref} ${r.repliedOn} 答复（期限 ${r.dueOn}）`, adverse: late };
      });
      if (replied.length === 0) return { measure: null, basis: '考核期内没有答复的申请', records };
      const onTime = records.filter((r) => !r.adverse).length;
      return { measure: rate(onTime, replied.length), basis: `${onTime} / ${replied.length} 件按期答复`, records };
    }
    case 'catalogue_completeness': {
      // 条例第十二条：目录包括“政府信息的索引、名称、内容概述、生成日期等内容”
      const records = items.map((i) => {
        const missing = [!i.indexNumber && '索引号', i.title.trim() === '' && '名称', (i.summary.trim() === '' || i.summary.trim() === i.title.trim()) && '内容概述', i.formedOn === '' && '生成日期'].filter(Boolean);
        return missing.length > 0 ? item(i, `“${i.title}”缺少${missing.join('、')}`, true) : item(i, `“${i.title}”目录要素齐全`, false);
      });
      if (items.length === 0) return { measure: null, basis: '考核期内没有发布信息', records };
      const complete = records.filter((r) => !r.adverse).length;
      return { measure: rate(complete, items.length), basis: `${complete} / ${items.length} 条目录要素完整`, records };
    }
    case 'update_frequency': {
      const months = monthsOf(rubric);
      const records = items.map((i) => item(i, `“${i.title}”${i.publishedOn} 发布`, false));
      return { measure: round2(items.length / months), basis: `${items.length} 条 / ${months} 个月`, records };
    }
    case 'interpretations_per_policy': {
      const policies = items.filter((i) => i.isPolicy);
      const interpreted = new Map<string, number>();
      for (const i of unit.items) if (i.interprets !== null) interpreted.set(i.interprets, (interpreted.get(i.interprets) ?? 0) + 1);
      const records = policies.map((p) => {
        const n = interpreted.get(p.ref) ?? 0;
        return n === 0 ? item(p, `“${p.title}”没有政策解读`, true) : item(p, `“${p.title}”有 ${n} 件政策解读`, false);
      });
      if (policies.length === 0) return { measure: null, basis: '考核期内没有发布规章或行政规范性文件', records };
      const count = policies.reduce((n, p) => n + (interpreted.get(p.ref) ?? 0), 0);
      return { measure: round2(count / policies.length), basis: `${count} 件解读 / ${policies.length} 件文件`, records };
    }
    case 'corrections': {
      const closed = unit.appeals.filter((a) => within(a.closedOn, rubric.fromOn, rubric.toOn));
      const records = closed.map((a): Evidence => ({ kind: 'appeal', id: a.id, ref: a.ref, text: a.corrected ? `案件 ${a.ref} 于 ${a.closedOn} 被纠错` : `案件 ${a.ref} 于 ${a.closedOn} 审结，未被纠错`, adverse: a.corrected }));
      const corrected = records.filter((r) => r.adverse).length;
      return { measure: corrected, basis: `审结 ${closed.length} 件，其中被纠错 ${corrected} 件`, records };
    }
    case 'overdue_requests': {
      const records: Evidence[] = [];
      for (const r of unit.requests) {
        if (r.dueOn === null || r.dueOn < rubric.fromOn || r.dueOn > rubric.toOn) continue;
        const ev = (text: string, adverse: boolean): Evidence => ({ kind: 'request', id: r.id, ref: r.ref, text, adverse });
        if (r.repliedOn !== null && r.repliedOn > r.dueOn) records.push(ev(`申请 ${r.ref} 逾期答复（期限 ${r.dueOn}，答复 ${r.repliedOn}）`, true));
        else if (r.repliedOn === null && r.open && r.dueOn < asOn) records.push(ev(`申请 ${r.ref} 逾期未答复（期限 ${r.dueOn}）`, true));
        else if (r.repliedOn !== null) records.push(ev(`申请 ${r.ref} 按期答复（期限 ${r.dueOn}，答复 ${r.repliedOn}）`, false));
        else if (r.open) records.push(ev(`申请 ${r.ref} 办理中，期限 ${r.dueOn} 未到`, false));
      }
      const overdue = records.filter((r) => r.adverse).length;
      return { measure: overdue, basis: `期限在考核期内的 ${records.length} 件中逾期 ${overdue} 件`, records };
    }
    case 'overdue_items': {
      // 条例第二十六条：20个工作日内及时公开。An item counts when its deadline fell in the period before the day of
      // assessment and it was still unpublished on that day (published later, or not at all yet).
      const records: Evidence[] = [];
      const consider = (i: { id: string; ref: string; title: string; formedOn: string }, publishedOn: string | null) => {
        const due = computePublicationDeadline(cal, i.formedOn).due;
        if (due < rubric.fromOn || due > rubric.toOn || due >= asOn) return;
        if (publishedOn === null || publishedOn > asOn) records.push(item(i, `“${i.title}”生成于 ${i.formedOn}，应于 ${due} 前公开，至 ${asOn} 仍未公开${publishedOn ? `（${publishedOn} 公开）` : ''}`, true));
      };
      for (const i of unit.pendingItems) consider(i, null);
      for (const i of unit.items) consider(i, i.publishedOn);
      return { measure: records.length, basis: `${records.length} 条超期未公开（截至 ${asOn}）`, records };
    }
    default: {
      const unreachable: never = indicator;
      throw new Error(`未知的指标：${String(unreachable)}`);
    }
  }
}

/** The day an assessment looks at: the period's last day, or today while the period is still running. */
export function assessmentDayOf(rubric: Pick<Rubric, 'toOn'>, today: string): string {
  return today < rubric.toOn ? today : rubric.toOn;
}

/** Scores one unit against a rubric, as of a day (default: the period's last day). */
export function scoreUnit(rubric: Rubric, unit: UnitRecords, cal: HolidayCalendar, asOn: string = rubric.toOn): Omit<UnitScore, 'rank'> {
  const indicators = rubric.indicators.map((spec): IndicatorScore => {
    const m = measure(spec.indicator, unit, rubric, asOn, cal);
    return {
      indicator: spec.indicator,
      label: spec.label || INDICATOR_LABELS[spec.indicator].label,
      measure: m.measure,
      unit: INDICATOR_LABELS[spec.indicator].unit,
      points: pointsFor(spec, m.measure),
      weight: spec.weight,
      basis: m.basis,
      records: m.records,
      evidence: m.records.filter((r) => r.adverse),
    };
  });
  return {
    unitId: unit.unitId,
    unitName: unit.unitName,
    total: round2(indicators.reduce((n, i) => n + i.points, 0)),
    maximum: round2(rubric.indicators.reduce((n, i) => n + i.weight, 0)),
    indicators,
  };
}

/** Scores every unit and ranks them: higher total first; equal totals share a rank (1, 2, 2, 4), then by name. */
export function scoreAndRank(rubric: Rubric, units: readonly UnitRecords[], cal: HolidayCalendar, asOn: string = rubric.toOn): UnitScore[] {
  const scored = units.map((u) => scoreUnit(rubric, u, cal, asOn)).sort((a, b) => b.total - a.total || a.unitName.localeCompare(b.unitName, 'zh-Hans-CN'));
  return scored.map((s) => ({ ...s, rank: scored.findIndex((t) => t.total === s.total) + 1 }));
}
