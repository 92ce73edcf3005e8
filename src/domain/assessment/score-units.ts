/**
 * Scores units against a rubric from their records, keeping the evidence behind every point (which
 * items were late, which replies overdue, which cases corrected), and ranks them. Pure: the records,
 * the calendar and the period come in; nothing is read.
 */
import { computePublicationDeadline, type HolidayCalendar } from '../calendar/index.ts';
import { INDICATOR_LABELS, type Indicator, type Rubric, type RubricIndicator } from './rubric.ts';

/** A published item as assessment sees it. */
export interface AssessedItem {
  readonly ref: string;
  readonly title: string;
  readonly formedOn: string;
  readonly publishedOn: string;
  readonly summary: string;
  readonly indexNumber: string | null;
  /** A 规章 or 行政规范性文件 (the policies interpretations are counted for). */
  readonly isPolicy: boolean;
  /** For a 政策解读: the ref of the policy it interprets. */
  readonly interprets: string | null;
}

/** A request as assessment sees it. */
export interface AssessedRequest {
  readonly ref: string;
  readonly receivedOn: string;
  readonly dueOn: string | null;
  /** The reply date, or null while open (withdrawn and abandoned requests are not counted). */
  readonly repliedOn: string | null;
  readonly open: boolean;
}

/** A reconsideration or lawsuit case. */
export interface AssessedAppeal {
  readonly ref: string;
  readonly closedOn: string | null;
  readonly corrected: boolean;
}

/** One unit's records. */
export interface UnitRecords {
  readonly unitId: number;
  readonly unitName: string;
  readonly items: readonly AssessedItem[];
  readonly requests: readonly AssessedRequest[];
  readonly appeals: readonly AssessedAppeal[];
}

/** A fact behind a score, to show to the unit. */
export interface Evidence {
  readonly ref: string;
  readonly text: string;
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
  /** The records that cost points (or, for counts, that were counted). */
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

function within(date: string | null, rubric: Rubric): boolean {
  return date !== null && date >= rubric.fromOn && date <= rubric.toOn;
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
  if (rule.kind === 'deduct') return round2(Math.max(0, spec.weight - rule.each * measure));
  const share = (measure - rule.zero) / (rule.full - rule.zero);
  return round2(spec.weight * Math.min(1, Math.max(0, share)));
}

interface Measured {
  measure: number | null;
  basis: string;
  evidence: Evidence[];
}

function measure(indicator: Indicator, unit: UnitRecords, rubric: Rubric, cal: HolidayCalendar): Measured {
  const items = unit.items.filter((i) => within(i.publishedOn, rubric));
  switch (indicator) {
    case 'on_time_publication_rate': {
      // 条例第二十六条：“属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开”
      const late: Evidence[] = [];
      for (const i of items) {
        const due = computePublicationDeadline(cal, i.formedOn).due;
        if (i.publishedOn > due) late.push({ ref: i.ref, text: `“${i.title}”生成于 ${i.formedOn}，应于 ${due} 前公开，${i.publishedOn} 才公开` });
      }
      if (items.length === 0) return { measure: null, basis: '考核期内没有发布信息', evidence: [] };
      return { measure: round2(((items.length - late.length) / items.length) * 100), basis: `${items.length - late.length} / ${items.length} 条按期公开`, evidence: late };
    }
    case 'on_time_reply_rate': {
      const replied = unit.requests.filter((r) => within(r.repliedOn, rubric) && r.dueOn !== null);
      const late = replied.filter((r) => r.repliedOn! > r.dueOn!).map((r) => ({ ref: r.ref, text: `申请 ${r.ref} 应于 ${r.dueOn} 前答复，${r.repliedOn} 才答复` }));
      if (replied.length === 0) return { measure: null, basis: '考核期内没有答复的申请', evidence: [] };
      return { measure: round2(((replied.length - late.length) / replied.length) * 100), basis: `${replied.length - late.length} / ${replied.length} 件按期答复`, evidence: late };
    }
    case 'catalogue_completeness': {
      // 条例第十二条：目录包括“政府信息的索引、名称、内容概述、生成日期等内容”
      const gaps: Evidence[] = [];
      for (const i of items) {
        const missing = [!i.indexNumber && '索引号', i.title.trim() === '' && '名称', (i.summary.trim() === '' || i.summary.trim() === i.title.trim()) && '内容概述'].filter(Boolean);
        if (missing.length > 0) gaps.push({ ref: i.ref, text: `“${i.title}”缺少${missing.join('、')}` });
      }
      if (items.length === 0) return { measure: null, basis: '考核期内没有发布信息', evidence: [] };
      return { measure: round2(((items.length - gaps.length) / items.length) * 100), basis: `${items.length - gaps.length} / ${items.length} 条目录要素完整`, evidence: gaps };
    }
    case 'update_frequency': {
      const months = monthsOf(rubric);
      return { measure: round2(items.length / months), basis: `${items.length} 条 / ${months} 个月`, evidence: [] };
    }
    case 'interpretations_per_policy': {
      const policies = items.filter((i) => i.isPolicy);
      const interpreted = new Map<string, number>();
      for (const i of unit.items) if (i.interprets !== null) interpreted.set(i.interprets, (interpreted.get(i.interprets) ?? 0) + 1);
      if (policies.length === 0) return { measure: null, basis: '考核期内没有发布规章或行政规范性文件', evidence: [] };
      const count = policies.reduce((n, p) => n + (interpreted.get(p.ref) ?? 0), 0);
      const without = policies.filter((p) => !interpreted.has(p.ref)).map((p) => ({ ref: p.ref, text: `“${p.title}”没有政策解读` }));
      return { measure: round2(count / policies.length), basis: `${count} 件解读 / ${policies.length} 件文件`, evidence: without };
    }
    case 'corrections': {
      const corrected = unit.appeals.filter((a) => a.corrected && within(a.closedOn, rubric)).map((a) => ({ ref: a.ref, text: `案件 ${a.ref} 于 ${a.closedOn} 被纠错` }));
      return { measure: corrected.length, basis: `${corrected.length} 件被纠错`, evidence: corrected };
    }
    case 'overdue_requests': {
      const out: Evidence[] = [];
      for (const r of unit.requests) {
        if (r.dueOn === null || r.dueOn < rubric.fromOn || r.dueOn > rubric.toOn) continue;
        if (r.repliedOn !== null && r.repliedOn > r.dueOn) out.push({ ref: r.ref, text: `申请 ${r.ref} 逾期答复（期限 ${r.dueOn}，答复 ${r.repliedOn}）` });
        else if (r.open && r.repliedOn === null && r.dueOn < rubric.toOn) out.push({ ref: r.ref, text: `申请 ${r.ref} 逾期未答复（期限 ${r.dueOn}）` });
      }
      return { measure: out.length, basis: `${out.length} 件逾期`, evidence: out };
    }
    default: {
      const unreachable: never = indicator;
      throw new Error(`未知的指标：${String(unreachable)}`);
    }
  }
}

/** Scores one unit against a rubric. */
export function scoreUnit(rubric: Rubric, unit: UnitRecords, cal: HolidayCalendar): Omit<UnitScore, 'rank'> {
  const indicators = rubric.indicators.map((spec): IndicatorScore => {
    const m = measure(spec.indicator, unit, rubric, cal);
    return {
      indicator: spec.indicator,
      label: spec.label ?? INDICATOR_LABELS[spec.indicator].label,
      measure: m.measure,
      unit: INDICATOR_LABELS[spec.indicator].unit,
      points: pointsFor(spec, m.measure),
      weight: spec.weight,
      basis: m.basis,
      evidence: m.evidence,
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
export function scoreAndRank(rubric: Rubric, units: readonly UnitRecords[], cal: HolidayCalendar): UnitScore[] {
  const scored = units.map((u) => scoreUnit(rubric, u, cal)).sort((a, b) => b.total - a.total || a.unitName.localeCompare(b.unitName, 'zh-Hans-CN'));
  return scored.map((s, i) => ({ ...s, rank: scored.findIndex((t) => t.total === s.total) + 1 || i + 1 }));
}
