/**
 * Classification and handling markings. 《保守国家秘密法》第二十条 requires a classified document to
 * carry 密级和保密期限 (e.g. `机密★5年`), and 条例第十四条 forbids publishing 国家秘密; internal
 * papers carry `内部资料` / `注意保密`. Such a document must not be published at all, so a marking
 * blocks and cannot be masked away.
 *
 * The same words are ordinary in prose and in legal citations (`涉及国家秘密的不予公开`,
 * `商业秘密`, `要注意保密`), so a word is a marking only in a header form:
 * - a classification word with ★ and an optional period, anywhere (`秘密★1年`, `机密★长期`);
 * - after a label (`密级：机密`, `保密期限：10年`);
 * - standing alone at the start of a line or right-aligned after a wide gap (`机密`, `【绝密】`);
 * - handling markers in brackets, alone on a line, at a line start followed by a space, or two
 *   in a row (`（内部资料 注意保密）`, `内部资料，注意保密`), and `仅供内部使用` anywhere;
 * - the 公文 note `（此件不公开）`.
 * In running prose, `内部资料`, `不得外传` and the like only warn; `秘密`, `机密`, `注意保密` do not.
 */
import type { Finding, Severity } from './finding.ts';
import { lineWindow } from './line-window.ts';

const CLS = '(?:绝[ \\t]{0,2}密|机[ \\t]{0,2}密|秘[ \\t]{0,2}密)';
const PERIOD = '(?:\\d{1,3}[ \\t]*(?:年|个月)|长期|\\d{4}[年./-]\\d{1,2}[月./-]\\d{1,2}日?前?)';

const STAR_RE = new RegExp(`${CLS}[ \\t]*(?:[★☆][ \\t]*(?:${PERIOD})?|\\*[ \\t]*${PERIOD})`, 'g');
const LABEL_RE = new RegExp(
  `(?:密[ \\t]*级|保密等级)[ \\t]*:?[ \\t]*(?:${CLS}级?|内部)(?:[ \\t]*[★☆][ \\t]*(?:${PERIOD})?)?` +
    `|(?:保密期限|解密时间)[ \\t]*:[ \\t]*${PERIOD}`,
  'g',
);
const WORD_RE = new RegExp(CLS, 'g');
const WORD_BEFORE_RE = /(?:^|[ \t]{2,}|\t)[([【〔]?[ \t]*$/;
const WORD_AFTER_RE = new RegExp(`^(?:[ \\t]*\\([ \\t]*${PERIOD}[ \\t]*\\)|[ \\t]+${PERIOD})?(?=[)\\]】〕]?(?:[ \\t★☆*]|$))`);

const HANDLING_MARKERS = [
  '内部资料', '内部文件', '内部材料', '内部刊物', '内部参考', '内部发行', '内部传阅', '内部明电', '内部掌握',
  '内部使用', '注意保密', '不得外传', '严禁外传', '请勿外传', '禁止外传', '不得翻印', '严禁翻印', '不对外公开',
];
// Markers that are still worth a look when they appear in running prose.
const PROSE_WARN_MARKERS = new Set([
  '内部资料', '内部文件', '内部材料', '内部刊物', '内部参考', '内部发行', '内部传阅', '内部明电',
  '不得外传', '严禁外传', '请勿外传', '禁止外传', '不得翻印', '严禁翻印',
]);
const MARKER = `(?:${HANDLING_MARKERS.join('|')})`;
const MARKER_RUN_RE = new RegExp(`${MARKER}(?:[ \\t,、·;:]*${MARKER})*`, 'g');
const MARKER_COUNT_RE = new RegExp(MARKER, 'g');
const INTERNAL_ONLY_RE = /仅(?:供|限)内部(?:使用|参考|传阅|掌握)?/g;
const NOTE_RE = /此件(?:不公开|不予公开|不宜公开|依申请公开)/g;
const OPEN_BRACKET = /[([【〔]$/;
const CLOSE_BRACKET = /^[)\]】〕]/;
const LINE_FILLER = /^[ \t\r()[\]【】〔〕,、.。:;·]*$/;

const CONTEXT = 64;
// Stands for "more of the line lies beyond the window", so that ^ and $ cannot match there.
const BEYOND = '\u0000';

function lineContext(norm: string, start: number, end: number): { before: string; after: string } {
  const w = lineWindow(norm, start, end, CONTEXT, CONTEXT);
  return {
    before: (w.isLineStart ? '' : BEYOND) + norm.slice(w.from, start),
    after: norm.slice(end, w.to) + (w.isLineEnd ? '' : BEYOND),
  };
}

/** Finds classification and handling markings, which block publication outright. */
export function detectSecretMarkings(text: string, norm: string): Finding[] {
  const findings: Finding[] = [];
  const add = (start: number, end: number, severity: Severity, reason: string): void => {
    const matched = text.slice(start, end);
    // A marking is not masked: publishing the content without its marking would be worse.
    findings.push({ kind: 'secret_marking', start, end, text: matched, masked: matched, severity, reason });
  };

  for (const m of norm.matchAll(STAR_RE)) {
    add(m.index, m.index + m[0].trimEnd().length, 'block', '密级标志（密级★保密期限），涉密文件不得公开（条例第十四条）');
  }
  for (const m of norm.matchAll(LABEL_RE)) {
    add(m.index, m.index + m[0].trimEnd().length, 'block', '标明密级或保密期限，涉密文件不得公开（条例第十四条）');
  }
  for (const m of norm.matchAll(WORD_RE)) {
    const end = m.index + m[0].length;
    const context = lineContext(norm, m.index, end);
    if (!WORD_BEFORE_RE.test(context.before)) continue;
    const period = WORD_AFTER_RE.exec(context.after);
    if (!period) continue;
    add(m.index, end + period[0].length, 'block', '文首独立的密级标志，涉密文件不得公开（条例第十四条）');
  }
  for (const m of norm.matchAll(MARKER_RUN_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    const { before, after } = lineContext(norm, start, end);
    const count = m[0].match(MARKER_COUNT_RE)?.length ?? 0;
    const isEnclosed = OPEN_BRACKET.test(before.trimEnd()) && CLOSE_BRACKET.test(after.trimStart());
    const isAlone = LINE_FILLER.test(before) && LINE_FILLER.test(after);
    const isLineHeader = /^[ \t]*$/.test(before) && /^[ \t]/.test(after);
    if (isEnclosed || isAlone || isLineHeader || count >= 2) {
      add(start, end, 'block', '内部资料或保密提示标志，内部文件不得公开');
    } else if (PROSE_WARN_MARKERS.has(m[0])) {
      add(start, end, 'warn', '正文提到内部资料或禁止外传，请确认本文不是内部材料');
    }
  }
  for (const m of norm.matchAll(INTERNAL_ONLY_RE)) {
    add(m.index, m.index + m[0].length, 'block', '标明仅供内部使用，内部文件不得公开');
  }
  for (const m of norm.matchAll(NOTE_RE)) {
    const isOnRequestOnly = m[0] === '此件依申请公开';
    add(m.index, m.index + m[0].length, isOnRequestOnly ? 'warn' : 'block',
      isOnRequestOnly ? '公文附注标明依申请公开，不宜主动公开' : '公文附注标明此件不公开');
  }
  return findings;
}
