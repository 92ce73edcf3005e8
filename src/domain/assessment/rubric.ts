/**
 * An assessment rubric (考核细则) as an assessing agency configures it: the indicators it scores, the
 * weight (points) of each, the scoring rule that turns a measure into points, and the period. The
 * indicators are a closed list of what the records can measure; the config is validated with zod and
 * every message is Chinese.
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
] as const;

/** One of `INDICATORS`. */
export type Indicator = (typeof INDICATORS)[number];

/** Whether a value is an indicator code. */
export function isIndicator(value: unknown): value is Indicator {
  return typeof value === 'string' && (INDICATORS as readonly string[]).includes(value);
}

/** The Chinese name and unit of each indicator. */
export const INDICATOR_LABELS: Readonly<Record<Indicator, { label: string; unit: string }>> = {
  on_time_publication_rate: { label: '主动公开及时率（条例第二十六条：20个工作日内公开）', unit: '%' },
  on_time_reply_rate: { label: '依申请公开按期答复率（条例第三十三条）', unit: '%' },
  catalogue_completeness: { label: '目录要素完整率（条例第十二条：索引、名称、内容概述、生成日期）', unit: '%' },
  update_frequency: { label: '信息更新频率（月均发布条数）', unit: '条/月' },
  interpretations_per_policy: { label: '政策解读率（每件规范性文件的解读数）', unit: '件/件' },
  corrections: { label: '被复议、诉讼纠错数', unit: '件' },
  overdue_requests: { label: '逾期答复或逾期未答复的申请数', unit: '件' },
};

/**
 * How a measure becomes points: `ratio` gives full points at `full` or better and none at `zero` or
 * worse, proportionally in between (works for rates and frequencies alike); `deduct` takes `each`
 * points per case, at most the weight.
 */
export type ScoringRule = { readonly kind: 'ratio'; readonly full: number; readonly zero: number } | { readonly kind: 'deduct'; readonly each: number };

export interface RubricIndicator {
  readonly indicator: Indicator;
  readonly weight: number;
  readonly rule: ScoringRule;
  /** A label to print instead of the default. */
  readonly label?: string;
}

export interface Rubric {
  readonly name: string;
  /** The period scored, inclusive calendar dates. */
  readonly fromOn: string;
  readonly toOn: string;
  readonly indicators: readonly RubricIndicator[];
}

const date = (label: string) => z.string({ message: `请填写${label}` }).refine(isCalendarDate, `${label}不是有效日期（YYYY-MM-DD）`);

const ruleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ratio'), full: z.number({ message: '满分标准应为数字' }), zero: z.number({ message: '零分标准应为数字' }) }),
  z.object({ kind: z.literal('deduct'), each: z.number({ message: '每件扣分应为数字' }).positive('每件扣分应大于 0') }),
], { message: '评分规则应为 ratio（按比例）或 deduct（按件扣分）' });

/** The schema of a rubric config (JSON from a file or a form). */
export const rubricSchema = z
  .object({
    name: z.string({ message: '请填写考核名称' }).trim().min(1, '请填写考核名称').max(200),
    fromOn: date('考核期起始日期'),
    toOn: date('考核期截止日期'),
    indicators: z
      .array(
        z.object({
          indicator: z.enum(INDICATORS, { message: `指标应为：${INDICATORS.join('、')}` }),
          weight: z.number({ message: '分值应为数字' }).positive('分值应大于 0').max(1000, '分值过大'),
          rule: ruleSchema,
          label: z.string().trim().max(100).optional(),
        }),
      )
      .min(1, '至少设置一项指标'),
  })
  .superRefine((r, ctx) => {
    if (r.toOn < r.fromOn) ctx.addIssue({ code: 'custom', path: ['toOn'], message: '考核期截止日期早于起始日期' });
    const seen = new Set<string>();
    r.indicators.forEach((i, n) => {
      if (seen.has(i.indicator)) ctx.addIssue({ code: 'custom', path: ['indicators', n], message: `指标“${INDICATOR_LABELS[i.indicator].label}”重复` });
      seen.add(i.indicator);
      if (i.rule.kind === 'ratio' && i.rule.full === i.rule.zero) ctx.addIssue({ code: 'custom', path: ['indicators', n, 'rule'], message: '满分标准与零分标准不能相同' });
    });
  });

/** Parses a rubric config; returns the rubric or the Chinese problems. */
export function parseRubric(raw: unknown): { ok: true; rubric: Rubric } | { ok: false; problems: string[] } {
  const parsed = rubricSchema.safeParse(raw);
  if (parsed.success) return { ok: true, rubric: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}：${i.message}` : i.message)) };
}
