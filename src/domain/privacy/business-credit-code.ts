/**
 * 统一社会信用代码 (GB 32100-2015) of 个体工商户: registration authority 9 (市场监管) and type 2
 * (个体工商户), so the code starts with 92. An individual business is a person trading under their
 * own name, so its code next to that name identifies the person; codes of companies and agencies
 * (91…, 11…, the agency's own code in 索引号) are public and not reported.
 */
import type { Finding } from './finding.ts';
import { isValidCreditCode } from '../organisations/credit-code.ts';
import { hasPersonName } from './person-names.ts';
import { maskDocumentNumber } from './masking.ts';
import { lineWindow } from './line-window.ts';

const CODE_RE = /(?<![0-9A-Za-z])92[0-9A-Za-z]{16}(?![0-9A-Za-z])/g;
const NAME_WINDOW_BEFORE = 60;
const NAME_WINDOW_AFTER = 20;

/** Finds valid individual-business credit codes with a person's name shortly before them or after them on the line. */
export function detectBusinessCreditCodes(text: string, norm: string): Finding[] {
  const findings: Finding[] = [];
  for (const m of norm.matchAll(CODE_RE)) {
    const code = m[0].toUpperCase();
    if (!isValidCreditCode(code)) continue;
    const start = m.index;
    const end = start + code.length;
    const isNearName =
      // The name may stand on the line before (`当事人：李四` / `统一社会信用代码：92…`).
      hasPersonName(norm, Math.max(0, start - NAME_WINDOW_BEFORE), start) ||
      hasPersonName(norm, end, lineWindow(norm, start, end, 0, NAME_WINDOW_AFTER).to);
    if (!isNearName) continue;
    findings.push({
      kind: 'business_credit_code',
      start,
      end,
      text: text.slice(start, end),
      masked: maskDocumentNumber(code, 8, 4),
      severity: 'warn',
      reason: '个体工商户统一社会信用代码（GB 32100 校验正确）与个人姓名同时出现',
    });
  }
  return findings;
}
