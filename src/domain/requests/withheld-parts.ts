/**
 * What a partial disclosure held back (区分处理). 条例第三十七条：“申请公开的信息中含有不应当公开或者
 * 不属于政府信息的内容，但是能够作区分处理的，行政机关应当向申请人提供可以公开的政府信息内容，并对
 * 不予公开的内容说明理由” — so each withheld part names what it is, the ground, and the reason given.
 */
import type { Outcome } from './outcomes.ts';

/** The grounds for withholding a part: a 不予公开 row of table 三, or “不属于政府信息” (第三十七条). */
export const WITHHOLDING_GROUNDS = [
  'withheld_state_secret',
  'withheld_prohibited_by_law',
  'withheld_endangers_security_stability',
  'withheld_third_party_rights',
  'withheld_internal_affairs',
  'withheld_process_information',
  'withheld_enforcement_file',
  'withheld_administrative_inquiry',
  'not_government_information',
] as const satisfies readonly (Outcome | 'not_government_information')[];

/** One of `WITHHOLDING_GROUNDS`. */
export type WithholdingGround = (typeof WITHHOLDING_GROUNDS)[number];

/** The Chinese label of each withholding ground. */
export const WITHHOLDING_GROUND_LABELS: Readonly<Record<WithholdingGround, string>> = {
  withheld_state_secret: '属于国家秘密（条例第十四条）',
  withheld_prohibited_by_law: '其他法律行政法规禁止公开（条例第十四条）',
  withheld_endangers_security_stability: '危及“三安全一稳定”（条例第十四条）',
  withheld_third_party_rights: '保护第三方合法权益（条例第十五条）',
  withheld_internal_affairs: '属于三类内部事务信息（条例第十六条第一款）',
  withheld_process_information: '属于四类过程性信息（条例第十六条第二款）',
  withheld_enforcement_file: '属于行政执法案卷（条例第十六条第二款）',
  withheld_administrative_inquiry: '属于行政查询事项（条例第三十六条第（七）项）',
  not_government_information: '不属于政府信息（条例第三十七条）',
};

/** Whether a value is one of the withholding grounds. */
export function isWithholdingGround(value: unknown): value is WithholdingGround {
  return typeof value === 'string' && (WITHHOLDING_GROUNDS as readonly string[]).includes(value);
}

/** One part of the requested information that was not disclosed, and why. */
export interface WithheldPart {
  /** What was withheld, e.g. “第3页至第5页中的个人身份证号码”. */
  readonly description: string;
  readonly ground: WithholdingGround;
  /** The reason stated to the applicant (条例第三十七条“对不予公开的内容说明理由”). */
  readonly reason: string;
}

/** Checks withheld parts: each needs a description, a known ground and a stated reason; returns Chinese problems. */
export function checkWithheldParts(parts: readonly WithheldPart[]): string[] {
  const problems: string[] = [];
  parts.forEach((p, i) => {
    const label = `第${i + 1}项不予公开内容`;
    if (typeof p?.description !== 'string' || p.description.trim() === '') problems.push(`${label}缺少内容说明。`);
    if (!isWithholdingGround(p?.ground)) problems.push(`${label}的依据“${String(p?.ground)}”无效。`);
    if (typeof p?.reason !== 'string' || p.reason.trim() === '') {
      problems.push(`${label}缺少理由（条例第三十七条：“对不予公开的内容说明理由”）。`);
    }
  });
  return problems;
}
