/**
 * Finding requests for the same information. Two uses: a new request may repeat one the agency has
 * already answered (条例第三十六条第（六）项“申请人重复申请公开相同政府信息的，告知申请人不予重复处理”),
 * and several applicants asking for the same information suggest publishing it proactively
 * (条例第四十四条“多个申请人就相同政府信息向同一行政机关提出公开申请，且该政府信息属于可以公开的，
 * 行政机关可以纳入主动公开的范围”). Texts are normalised (full-width → half-width, punctuation, spaces
 * and request boilerplate removed, 文号 pulled out) and compared by character-bigram Jaccard — Chinese
 * needs no word segmenter for this; a near-total containment also counts, so a longer rephrasing
 * of the same request is caught. The result is a flag for a person to judge, never a decision.
 */
import type { Outcome } from './outcomes.ts';

/** A document number (文号) found in a text, e.g. 湘政办发〔2023〕15号. */
export interface DocumentNumber {
  /** The issuer code (机关代字) as far as it could be told from the words before it, e.g. “湘政办发”. */
  readonly issuer: string;
  readonly year: number;
  readonly serial: number;
  /** Canonical form `issuer〔year〕serial号`. */
  readonly text: string;
}

/** A text prepared for comparison. */
export interface NormalisedText {
  /** Han characters, lower-case Latin letters and digits only, boilerplate removed, 文号 cut out. */
  readonly text: string;
  readonly documentNumbers: readonly DocumentNumber[];
  /** Four-digit years mentioned outside 文号 (2022年、2023年度 …). */
  readonly years: readonly number[];
  readonly bigrams: ReadonlySet<string>;
}

/** The default Jaccard threshold at or above which two requests are flagged as asking for the same information. */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.5;

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const IDEOGRAPHIC_SPACE = /\u3000/g;

// 文号: 代字 + 〔年份〕 + 序号 + 号. Brackets vary in practice: 〔〕 (the standard, GB/T 9704), [] 【】 () and full-width forms.
const DOCUMENT_NUMBER = /([\p{Script=Han}]{1,12})\s*[〔[(【（［]\s*((?:19|20)\d{2})\s*[〕\])】）］]\s*第?\s*(\d{1,5})\s*号/gu;
// Words that precede an issuer code in a sentence but are not part of it.
// 公开 alone is not one of them: 国办公开办函 is an issuer code.
const LEAD_INS = ['请公开', '申请公开', '要求公开', '依法公开', '关于', '印发', '转发', '请求', '申请', '提供', '要求', '获取', '文件', '请', '的', '即', '是', '和', '及'];
const YEAR = /((?:19|20)\d{2})\s*年/g;

// Request boilerplate that every application shares; left in, it makes unrelated requests look alike.
// Longer phrases first so that 政府信息公开 goes before 政府信息.
const BOILERPLATE = [
  '政府信息公开申请',
  '政府信息公开',
  '依法予以公开',
  '申请公开',
  '请求公开',
  '请予公开',
  '依法公开',
  '要求公开',
  '请公开',
  '予以公开',
  '申请获取',
  '申请提供',
  '请求提供',
  '要求提供',
  '请提供',
  '政府信息',
  '相关信息',
  '有关信息',
  '相关资料',
  '相关文件',
  '文件全文',
  '全文',
  '文件',
  '申请人',
  '本人',
  '相关',
  '有关',
  '关于',
  '具体',
  '情况',
  '内容',
  '的',
];

function toHalfWidth(text: string): string {
  return text.replace(IDEOGRAPHIC_SPACE, ' ').replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

function issuerOf(words: string): string {
  let cut = 0;
  for (const w of LEAD_INS) {
    const i = words.lastIndexOf(w);
    if (i >= 0 && i + w.length > cut) cut = i + w.length;
  }
  const rest = words.slice(cut);
  return (rest === '' ? words : rest).slice(-6);
}

/** Pulls the 文号 out of a text; the rest of the text is returned with each 文号 replaced by a space. */
export function extractDocumentNumbers(text: string): { readonly documentNumbers: DocumentNumber[]; readonly rest: string } {
  const documentNumbers: DocumentNumber[] = [];
  const rest = toHalfWidth(text).replace(DOCUMENT_NUMBER, (_m, words: string, year: string, serial: string) => {
    const issuer = issuerOf(words);
    const n: DocumentNumber = { issuer, year: Number(year), serial: Number(serial), text: `${issuer}〔${year}〕${Number(serial)}号` };
    if (!documentNumbers.some((d) => d.text === n.text)) documentNumbers.push(n);
    return ' ';
  });
  return { documentNumbers, rest };
}

/** Whether two document numbers are the same: same year and serial, and one issuer code ends with the other. */
export function isSameDocumentNumber(a: DocumentNumber, b: DocumentNumber): boolean {
  if (a.year !== b.year || a.serial !== b.serial) return false;
  const [shorter, longer] = a.issuer.length <= b.issuer.length ? [a.issuer, b.issuer] : [b.issuer, a.issuer];
  return shorter.length > 0 && longer.endsWith(shorter);
}

function bigramsOf(text: string): Set<string> {
  const chars = Array.from(text);
  if (chars.length === 1) return new Set(chars);
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) grams.add(chars[i]! + chars[i + 1]!);
  return grams;
}

/** Normalises the information-sought text of a request for comparison (the optional 文号 field is added to the text's). */
export function normaliseInformationSought(description: string, documentNumber?: string): NormalisedText {
  const { documentNumbers, rest } = extractDocumentNumbers(`${description} ${documentNumber ?? ''}`);
  const years = [...new Set(Array.from(rest.matchAll(YEAR), (m) => Number(m[1])))].sort();
  let text = rest.toLowerCase().replace(/[^\p{Script=Han}a-z0-9]/gu, '');
  for (const phrase of BOILERPLATE) text = text.split(phrase).join('');
  return { text, documentNumbers, years, bigrams: bigramsOf(text) };
}

/** The Jaccard index of two bigram sets (0 when both are empty). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const g of small) if (large.has(g)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** The share of the smaller bigram set found in the larger (overlap coefficient), 0–1. */
export function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const g of small) if (large.has(g)) shared += 1;
  return shared / small.size;
}

/** How alike two requests are. */
export interface Similarity {
  /** Bigram Jaccard of the normalised texts, 0–1. */
  readonly score: number;
  /** Share of the shorter text's bigrams found in the longer one: catches a request that is a more detailed phrasing of the other. */
  readonly containment: number;
  /** Bigrams in the shorter text (containment of a very short text means little). */
  readonly shorterSize: number;
  readonly sharedDocumentNumbers: readonly string[];
  /** Both name years and none in common (2022年预算 vs 2023年预算): different information, however alike the words. */
  readonly yearsDiffer: boolean;
}

/** Compares two normalised texts. */
export function compareNormalised(a: NormalisedText, b: NormalisedText): Similarity {
  const shared = a.documentNumbers.filter((d) => b.documentNumbers.some((e) => isSameDocumentNumber(d, e))).map((d) => d.text);
  const yearsDiffer = a.years.length > 0 && b.years.length > 0 && !a.years.some((y) => b.years.includes(y));
  return {
    score: jaccard(a.bigrams, b.bigrams),
    containment: containment(a.bigrams, b.bigrams),
    shorterSize: Math.min(a.bigrams.size, b.bigrams.size),
    sharedDocumentNumbers: shared,
    yearsDiffer,
  };
}

/** Containment at or above which a text counts as a rephrasing of the other, whatever the Jaccard (judgement call). */
export const CONTAINMENT_THRESHOLD = 0.8;
// A shorter text of fewer bigrams than this (e.g. “预算”) is contained in too much to mean anything.
const MIN_CONTAINED_BIGRAMS = 5;

/** Whether a similarity counts as the same information: a shared 文号, Jaccard ≥ threshold, or near-total containment; never across different years. */
export function isSameInformation(s: Similarity, threshold = DEFAULT_SIMILARITY_THRESHOLD): boolean {
  if (s.yearsDiffer) return false;
  if (s.sharedDocumentNumbers.length > 0 || s.score >= threshold) return true;
  return s.shorterSize >= MIN_CONTAINED_BIGRAMS && s.containment >= CONTAINMENT_THRESHOLD;
}

/** A request summarised for comparison. */
export interface SimilarityItem {
  readonly id: string;
  /** Identifies the applicant (e.g. a hash of the ID number); same key = same applicant. */
  readonly applicantKey: string;
  readonly informationSought: string;
  readonly documentNumber?: string;
  /** The day the agency replied, or null if it has not (yet). */
  readonly repliedOn: string | null;
  /** Whether the request is still being handled (not replied, withdrawn or abandoned). */
  readonly open: boolean;
  readonly outcome: Outcome | null;
}

/** What kind of repeat: of a request already answered (条例第三十六条第（六）项), or of one still being handled. */
export const REPEAT_KINDS = ['repeat_after_reply', 'duplicate_pending'] as const;

/** One of `REPEAT_KINDS`. */
export type RepeatKind = (typeof REPEAT_KINDS)[number];

/** An earlier request that the new one seems to repeat. */
export interface RepeatMatch extends Similarity {
  readonly requestId: string;
  readonly kind: RepeatKind;
  /** For the clerk, in Chinese. */
  readonly note: string;
}

/** Earlier requests of the same applicant that a new request seems to repeat, best match first. */
export function findRepeats(
  newRequest: Pick<SimilarityItem, 'id' | 'informationSought' | 'documentNumber'>,
  earlierRequestsOfSameApplicant: readonly SimilarityItem[],
  threshold = DEFAULT_SIMILARITY_THRESHOLD,
): RepeatMatch[] {
  const n = normaliseInformationSought(newRequest.informationSought, newRequest.documentNumber);
  const matches: RepeatMatch[] = [];
  for (const e of earlierRequestsOfSameApplicant) {
    if (e.id === newRequest.id) continue;
    // 第三十六条第（六）项 needs an earlier reply; a request withdrawn or abandoned unanswered is no bar to asking again.
    if (e.repliedOn === null && !e.open) continue;
    const s = compareNormalised(n, normaliseInformationSought(e.informationSought, e.documentNumber));
    if (!isSameInformation(s, threshold)) continue;
    const kind: RepeatKind = e.repliedOn !== null ? 'repeat_after_reply' : 'duplicate_pending';
    const note =
      kind === 'repeat_after_reply'
        ? `可能为重复申请：与 ${e.repliedOn} 已答复的申请 ${e.id} 内容相近。如确属申请公开相同政府信息，可告知不予重复处理（条例第三十六条第（六）项）。`
        : `可能为重复提交：与正在办理的申请 ${e.id} 内容相近，请核实是否合并办理。`;
    matches.push({ ...s, requestId: e.id, kind, note });
  }
  return matches.sort((a, b) => b.sharedDocumentNumbers.length - a.sharedDocumentNumbers.length || b.score - a.score);
}

/** A group of requests by several applicants for the same information. */
export interface ProactiveDisclosureSuggestion {
  readonly requestIds: readonly string[];
  readonly applicantCount: number;
  /** The shortest original text of the group, as a label. */
  readonly example: string;
  readonly documentNumbers: readonly string[];
  readonly note: string;
}

/** The fewest distinct applicants for a suggestion (条例第四十四条“多个申请人”; 3 is the brief's choice). */
export const MIN_APPLICANTS_FOR_PROACTIVE_DISCLOSURE = 3;

// 第四十四条 only concerns information “属于可以公开的”: requests refused, or answered with “不存在”, do not count.
function mayBePublic(outcome: Outcome | null): boolean {
  return outcome === null || outcome === 'disclosed' || outcome === 'partially_disclosed';
}

/** Groups requests for the same information and returns the groups with at least `minApplicants` distinct applicants (条例第四十四条). */
export function suggestProactiveDisclosure(
  requests: readonly SimilarityItem[],
  threshold = DEFAULT_SIMILARITY_THRESHOLD,
  minApplicants = MIN_APPLICANTS_FOR_PROACTIVE_DISCLOSURE,
): ProactiveDisclosureSuggestion[] {
  const items = requests.filter((r) => mayBePublic(r.outcome));
  const texts = items.map((r) => normaliseInformationSought(r.informationSought, r.documentNumber));
  const parent = items.map((_r, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    parent[i] = root;
    return root;
  };
  for (let i = 0; i < items.length; i += 1) {
    for (let j = i + 1; j < items.length; j += 1) {
      const a = texts[i]!;
      const b = texts[j]!;
      if (isSameInformation(compareNormalised(a, b), threshold)) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, number[]>();
  items.forEach((_r, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  });
  const suggestions: ProactiveDisclosureSuggestion[] = [];
  for (const members of groups.values()) {
    const applicants = new Set(members.map((i) => items[i]!.applicantKey));
    if (applicants.size < minApplicants) continue;
    const example = members.map((i) => items[i]!.informationSought).sort((x, y) => x.length - y.length)[0]!;
    const documentNumbers = [...new Set(members.flatMap((i) => texts[i]!.documentNumbers.map((d) => d.text)))];
    suggestions.push({
      requestIds: members.map((i) => items[i]!.id),
      applicantCount: applicants.size,
      example,
      documentNumbers,
      note: `${applicants.size}个申请人申请公开相近的政府信息。条例第四十四条：属于可以公开的，行政机关可以纳入主动公开的范围。`,
    });
  }
  return suggestions.sort((a, b) => b.applicantCount - a.applicantCount);
}
