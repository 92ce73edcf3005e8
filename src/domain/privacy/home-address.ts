/**
 * Home addresses next to a person: `张三，住洪江市黔城镇玉壶村3组12号`, or a 家庭住址 column in a list.
 * An address is anchored on its house-level detail (`12号`, `3栋2单元301室`, `5组`) directly after a
 * place word (村, 社区, 路, 街, 小区 …) so that 文号 (`〔2017〕12号`), 令 numbers (`第711号`) and
 * rooms in an office (`政府3楼`) are not addresses. It counts as someone's home when a home label or
 * verb introduces it (住址, 家住, 住) or a person's name stands before it on the line; office labels
 * (办公地址, 经营场所, 地点 …) are left alone, and a bare 地址/联系地址 counts only beside a name on
a line that is not about an institution (联系人, 政府, 单位 …); the agency's own address belongs in
the allow-list.
 *
 * Severity: house-level detail (号, 室, 栋, 单元 …) warns; an address that stops at the village group
 * (`玉壶村3组`) is only noted, since subsidy lists are routinely published to 村组 level.
 */
import type { Finding } from './finding.ts';
import { hasPersonName } from './person-names.ts';
import { lineWindow } from './line-window.ts';

const NUM = '(?:\\d+|[一二三四五六七八九十百零〇两]+)';
const UNIT = '(?:号楼|单元|组|号|栋|幢|楼|层|室|户|排)';
const PART = `${NUM}(?:[-之]\\d+)?${UNIT}`;
const PLACE_SUFFIXES = '村社区路街巷道弄里屯寨园苑院庄湾坪冲垅坡岭塘桥组镇乡城寓厦场坊号';
// The lookbehind comes first so that the engine rejects most start positions with one character test.
const CHAIN_RE = new RegExp(`(?<=[${PLACE_SUFFIXES}])${PART}(?:[院附]?${PART})*`, 'gu');
const PLACE_WORD = /省|市|县|区|镇|乡|村|社区|街道|路|街|巷|小区|屯|寨|组/;
const RUN_CHAR = /[\p{Script=Han}A-Za-z0-9-]/u;
const MAX_RUN = 40;
const TRIGGER_RE = /家庭住址|家庭地址|户籍地址|户籍所在地|居住地址|现住址|居住地|住址|家住|现住|居住在|住在|住|地址/g;
const HOME_LABEL_BEFORE = /(?:家庭住址|家庭地址|户籍地址|户籍所在地|居住地址|现住址|居住地|住址|家住|现住|住)$/;
const OFFICE_LABEL_BEFORE = /(?:办公地址|单位地址|注册地址|经营地址|经营场所|办公地点|受理地点|地点|位于|坐落于)$/;
const INSTITUTION_LINE = /联系人|办公|政府|委员会|公司|单位|中心|管理局|服务站/;
const NAME_WINDOW = 80;
const LINE_CONTEXT_AFTER = 40;
const HOUSE_LEVEL = /号|室|栋|幢|单元|楼|户|层|排/;

type Introduction = 'home' | 'office' | 'generic';

function classifyLabel(label: string): Introduction {
  if (label === '地址') return 'generic';
  return 'home';
}

/** Finds detailed home addresses introduced as a home or standing beside a person's name. */
export function detectHomeAddresses(text: string, norm: string): Finding[] {
  const findings: Finding[] = [];
  for (const m of norm.matchAll(CHAIN_RE)) {
    const chainStart = m.index;
    const chainEnd = chainStart + m[0].length;
    const line = lineWindow(norm, chainStart, chainEnd, MAX_RUN + NAME_WINDOW, LINE_CONTEXT_AFTER);
    const lineStart = line.from;
    let runStart = chainStart;
    while (runStart > lineStart && chainStart - runStart < MAX_RUN && RUN_CHAR.test(norm[runStart - 1]!)) runStart--;

    let start = runStart;
    let introduction: Introduction = 'generic';
    let hasIntroduction = false;
    for (const t of norm.slice(runStart, chainStart).matchAll(TRIGGER_RE)) {
      start = runStart + t.index + t[0].length;
      introduction = classifyLabel(t[0]);
      hasIntroduction = true;
    }
    if (!hasIntroduction) {
      const label = norm.slice(Math.max(lineStart, runStart - 12), runStart).replace(/[\s:]+$/, '');
      if (OFFICE_LABEL_BEFORE.test(label)) introduction = 'office';
      else if (HOME_LABEL_BEFORE.test(label)) introduction = 'home';
      else if (label.endsWith('地址')) introduction = 'generic';
    }
    const place = norm.slice(start, chainStart);
    if (introduction === 'office' || place.length < 2 || !PLACE_WORD.test(place)) continue;
    if (introduction === 'generic') {
      const isNearName = hasPersonName(norm, Math.max(lineStart, start - NAME_WINDOW), start);
      if (!isNearName || INSTITUTION_LINE.test(norm.slice(lineStart, line.to))) continue;
    }
    const isHouseLevel = HOUSE_LEVEL.test(m[0]);
    findings.push({
      kind: 'address',
      start,
      end: chainEnd,
      text: text.slice(start, chainEnd),
      masked: `${text.slice(start, chainStart)}***`,
      severity: isHouseLevel ? 'warn' : 'info',
      reason: isHouseLevel ? '个人家庭住址（具体到门牌）' : '个人住址（到村组一级，通常可公开）',
    });
  }
  return findings;
}
