/**
 * An assessment rubric (考核细则) as an assessing agency configures it: the indicators it scores, the
 * weight (points) of each, the scoring rule that turns a measure into points, and the periods it is
 * applied to. The indicators are a closed list of what the records can measure; the config is validated
 * with zod and every message is Chinese.
 */
import { z } from 'zod';
import { isCalendarDate } from '../calendar/index.ts';

/** What the records can measure for a unit and a period. */
export const INDICATORS = [
  'on_time_publication_rate',
  'on_time_reply_rate',
  'catalogue_completeness',
  'update_frequency',
  'interpretations_per_policy',
  'corrections',
  'overdue_requests',
  'overdue_items',
] as const;

/** One of `INDICATORS`. */
export type Indicator = (typeof INDICATORS)[number];

/** Whether a value is an indicator code. */
export function isIndicator(value: unknown): value is Indicator {
  return typeof value === 'string' && (INDICATORS as readonly string[]).includes(value);
}

/** What an indicator measures: a rate in per cent (0–100), a count of cases, or a frequency. */
export type MeasureKind = 'rate' | 'count' | 'frequency';

/** The Chinese name and unit of each indicator, what kind of figure it is, and which direction is better. */
export const INDICATOR_LABELS: Readonly<Record<Indicator, { label: string; unit: string; kind: MeasureKind; better: 'higher' | 'lower' }>> = {
  on_time_publication_rate: { label: '主动公开及时率（条例第二十六条：20个工作日内公开）', unit: '%', kind: 'rate', better: 'higher' },
  on_time_reply_rate: { label: '依申请公开按期答复率（条例第三十三条）', unit: '%', kind: 'rate', better: 'higher' },
  catalogue_completeness: { label: '目录要素完整率（条例第十二条：索引、名称、内容概述、生成日期）', unit: '%', kind: 'rate', better: 'higher' },
  update_frequency: { label: '信息更新频率（月均发布条数）', unit: '条/月', kind: 'frequency', better: 'higher' },
  interpretations_per_policy: { label: '政策解读率（每件规范性文件的解读数）', unit: '件/件', kind: 'frequency', better: 'higher' },
  corrections: { label: '被复议、诉讼纠错数', unit: '件', kind: 'count', better: 'lower' },
  overdue_requests: { label: '逾期答复或逾期未答复的申请数', unit: '件', kind: 'count', better: 'lower' },
  overdue_items: { label: '超期未公开信息数（条例第二十六条）', unit: '条', kind: 'count', better: 'lower' },
};

/** The scoring rule kinds with their Chinese names (for forms and exports). */
export const SCORING_RULE_LABELS = {
  ratio: '按比例：达到满分标准得满分，不高于零分标准不得分，之间按比例',
  deduct: '按件扣分：每件扣若干分，扣完为止',
  threshold: '达标得分：达到标准得满分，否则不得分',
} as const;

/** One of the scoring rule kinds. */
export type ScoringRuleKind = keyof typeof SCORING_RULE_LABELS;

/**
 * How a measure becomes points: `ratio` gives full points at `full` or better and none at `zero` or
 * worse, proportionally in between (works for rates and frequencies alike, and with full < zero for
 * counts where fewer is better); `deduct` takes `each` points per case, at most the weight;
 * `threshold` gives full points when the measure reaches `pass` (at least for indicators where higher is
 * better, at most where lower is better), else none.
 */
export type ScoringRule =
  | { readonly kind: 'ratio'; readonly full: number; readonly zero: number }
  | { readonly kind: 'deduct'; readonly each: number }
  | { readonly kind: 'threshold'; readonly pass: number };

export interface RubricIndicator {
  readonly indicator: Indicator;
  readonly weight: number;
  readonly rule: ScoringRule;
  /** A label to print instead of the default. */
  readonly label?: string;
}

/** A rubric applied to one period: what the scoring needs. */
export interface Rubric {
  readonly name: string;
  /** The period scored, inclusive calendar dates. */
  readonly fromOn: string;
  readonly toOn: string;
  readonly indicators: readonly RubricIndicator[];
}

/** A period a stored rubric is applied to, e.g. “2025年度” 2025-01-01—2025-12-31. */
export interface AssessmentPeriod {
  readonly label: string;
  readonly fromOn: string;
  readonly toOn: string;
}

/** A rubric as an assessing agency keeps it: indicators, weights and rules, and the periods it scores. */
export interface RubricConfig {
  readonly name: string;
  readonly indicators: readonly RubricIndicator[];
  readonly periods: readonly AssessmentPeriod[];
}

/** The total of the weights: a rubric is scored out of 100 points. */
export const RUBRIC_TOTAL = 100;

const date = (label: string) => z.string({ message: `请填写${label}` }).refine(isCalendarDate, `${label}不是有效日期（YYYY-MM-DD）`);
const number = (label: string) => z.number({ message: `${label}应为数字` }).refine(Number.isFinite, `${label}应为数字`);

const ruleSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('ratio'), full: number('满分标准'), zero: number('零分标准') }),
    z.object({ kind: z.literal('deduct'), each: number('每件扣分').positive('每件扣分应大于 0') }),
    z.object({ kind: z.literal('threshold'), pass: number('达标标准').min(0, '达标标准不能为负数') }),
  ],
  { message: '评分规则应为 ratio（按比例）、deduct（按件扣分）或 threshold（达标得分）' },
);

const indicatorsSchema = z
  .array(
    z.object({
      indicator: z.enum(INDICATORS, { message: `指标应为：${INDICATORS.join('、')}` }),
      weight: number('分值').positive('分值应大于 0').max(RUBRIC_TOTAL, `分值不能超过 ${RUBRIC_TOTAL} 分`),
      rule: ruleSchema,
      label: z.string().trim().max(100, '指标名称不超过 100 个字').optional(),
    }),
    { message: '请设置考核指标' },
  )
  .min(1, '至少设置一项指标');

type IndicatorsInput = z.infer<typeof indicatorsSchema>;
type Ctx = z.RefinementCtx;

/** The checks a set of indicators must pass beyond their shapes: no duplicates, weights adding up to 100, sensible rules. */
function refineIndicators(indicators: IndicatorsInput, ctx: Ctx): void {
  const seen = new Set<string>();
  indicators.forEach((i, n) => {
    const info = INDICATOR_LABELS[i.indicator];
    if (seen.has(i.indicator)) ctx.addIssue({ code: 'custom', path: ['indicators', n, 'indicator'], message: `指标“${info.label}”重复` });
    seen.add(i.indicator);
    const rule = i.rule;
    if (rule.kind === 'ratio') {
      if (rule.full === rule.zero) ctx.addIssue({ code: 'custom', path: ['indicators', n, 'rule', 'full'], message: '满分标准与零分标准不能相同' });
      if (info.kind === 'rate') {
        if (rule.full < 0 || rule.full > 100) ctx.addIssue({ code: 'custom', path: ['indicators', n, 'rule', 'full'], message: '比率的满分标准应在 0—100（%）之间' });
        if (rule.zero < 0 || rule.zero > 100) ctx.addIssue({ code: 'custom', path: ['indicators', n, 'rule', 'zero'], message: '比率的零分标准应在 0—100（%）之间' });
      } else if (rule.full < 0 || rule.zero < 0) ctx.addIssue({ code: 'custom', path: ['indicators', n, 'rule', rule.full < 0 ? 'full' : 'zero'], message: '标准不能为负数' });
    }
    if (rule.kind === 'deduct') {
      if (info.kind !== 'count') ctx.addIssue({ code: 'custom', path: ['indicators', n, 'rule', 'kind'], message: '按件扣分只适用于按件计数的指标（纠错数、逾期申请数、超期未公开信息数）' });
      if (rule.each > i.weight) ctx.addIssue({ code: 'custom', path: ['indicators', n, 'rule', 'each'], message: '每件扣分不能超过该项分值' });
    }
    if (rule.kind === 'threshold' && info.kind === 'rate' && rule.pass > 100) {
      ctx.addIssue({ code: 'custom', path: ['indicators', n, 'rule', 'pass'], message: '比率的达标标准应在 0—100（%）之间' });
    }
  });
  const total = Math.round(indicators.reduce((s, i) => s + i.weight, 0) * 100) / 100;
  if (total !== RUBRIC_TOTAL) ctx.addIssue({ code: 'custom', path: ['indicators'], message: `各项指标分值之和应为 ${RUBRIC_TOTAL} 分（现为 ${total} 分）` });
}

function refinePeriod(p: { fromOn: string; toOn: string }, path: Array<string | number>, ctx: Ctx): void {
  if (isCalendarDate(p.fromOn) && isCalendarDate(p.toOn) && p.toOn < p.fromOn) ctx.addIssue({ code: 'custom', path: [...path, 'toOn'], message: '考核期截止日期早于起始日期' });
}

/** The schema of a rubric applied to one period (the `gongkai assess` file). */
export const rubricSchema = z
  .object({
    name: z.string({ message: '请填写考核名称' }).trim().min(1, '请填写考核名称').max(200, '考核名称不超过 200 个字'),
    fromOn: date('考核期起始日期'),
    toOn: date('考核期截止日期'),
    indicators: indicatorsSchema,
  })
  .superRefine((r, ctx) => {
    refinePeriod(r, [], ctx);
    refineIndicators(r.indicators, ctx);
  });

/** The schema of a stored rubric config (the console form): indicators and the periods it is applied to. */
export const rubricConfigSchema = z
  .object({
    name: z.string({ message: '请填写考核细则名称' }).trim().min(1, '请填写考核细则名称').max(200, '考核细则名称不超过 200 个字'),
    indicators: indicatorsSchema,
    periods: z
      .array(
        z.object({
          label: z.string({ message: '请填写考核期名称' }).trim().min(1, '请填写考核期名称').max(50, '考核期名称不超过 50 个字'),
          fromOn: date('起始日期'),
          toOn: date('截止日期'),
        }),
        { message: '请设置考核期' },
      )
      .min(1, '至少设置一个考核期（如“2025年度”）')
      .max(40, '考核期不超过 40 个'),
  })
  .superRefine((r, ctx) => {
    refineIndicators(r.indicators, ctx);
    const labels = new Set<string>();
    const ranges = new Set<string>();
    r.periods.forEach((p, n) => {
      refinePeriod(p, ['periods', n], ctx);
      if (labels.has(p.label)) ctx.addIssue({ code: 'custom', path: ['periods', n, 'label'], message: `考核期“${p.label}”重复` });
      if (ranges.has(periodKeyOf(p))) ctx.addIssue({ code: 'custom', path: ['periods', n, 'fromOn'], message: '与另一个考核期的起止日期相同' });
      labels.add(p.label);
      ranges.add(periodKeyOf(p));
    });
  });

/** One problem of a rubric config: where (`indicators.2.weight`) and what, in Chinese. */
export interface RubricProblem {
  readonly path: string;
  readonly message: string;
}

function problemsOf(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): RubricProblem[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Parses a rubric applied to one period; returns the rubric or the Chinese problems. */
export function parseRubric(raw: unknown): { ok: true; rubric: Rubric } | { ok: false; problems: string[] } {
  const parsed = rubricSchema.safeParse(raw);
  if (parsed.success) return { ok: true, rubric: parsed.data };
  return { ok: false, problems: problemsOf(parsed.error.issues).map((p) => (p.path ? `${p.path}：${p.message}` : p.message)) };
}

/** Parses a stored rubric config; returns it or the problems with their paths. */
export function parseRubricConfig(raw: unknown): { ok: true; config: RubricConfig } | { ok: false; problems: RubricProblem[] } {
  const parsed = rubricConfigSchema.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, problems: problemsOf(parsed.error.issues) };
}

/** The stable key of a period (its dates): comments stay with a period when its label is renamed. */
export function periodKeyOf(period: Pick<AssessmentPeriod, 'fromOn' | 'toOn'>): string {
  return `${period.fromOn}~${period.toOn}`;
}

/** A stored rubric applied to one of its periods. */
export function rubricForPeriod(config: RubricConfig, period: AssessmentPeriod): Rubric {
  return { name: `${config.name}（${period.label}）`, fromOn: period.fromOn, toOn: period.toOn, indicators: config.indicators };
}

/** A rule in words, e.g. “≥ 100% 得满分，≤ 80% 不得分，之间按比例”. */
export function describeRule(spec: RubricIndicator): string {
  const unit = INDICATOR_LABELS[spec.indicator].unit;
  const rule = spec.rule;
  switch (rule.kind) {
    case 'ratio': {
      const higher = rule.full > rule.zero;
      return `${higher ? '≥' : '≤'} ${rule.full}${unit} 得满分，${higher ? '≤' : '≥'} ${rule.zero}${unit} 不得分，之间按比例`;
    }
    case 'deduct':
      return `每件扣 ${rule.each} 分，扣完 ${spec.weight} 分为止`;
    case 'threshold':
      return `${INDICATOR_LABELS[spec.indicator].better === 'higher' ? '≥' : '≤'} ${rule.pass}${unit} 得满分，否则不得分`;
    default: {
      const unreachable: never = rule;
      throw new Error(`未知的评分规则：${String(unreachable)}`);
    }
  }
}
