/**
 * 索引号 (index numbers): 条例第十二条 requires the catalogue to carry “政府信息的索引、名称、内容概述、
 * 生成日期”. Each agency numbers its items from a template; the national default (domain-reference §5.1)
 * is `{code}/{year}-{seq:05}`, e.g. `11370900004341590P/2017-00150`. The sequence restarts every
 * year; keeping it unique per (code owner, year) is the storage's job, `indexSequenceScope` says which
 * counter a number draws from.
 */
import { isCalendarDate } from '../calendar/index.ts';

/** The national default template. */
export const DEFAULT_INDEX_TEMPLATE = '{code}/{year}-{seq:05}';

/** One piece of a compiled template. */
export type IndexTemplateToken =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'code' }
  | { readonly kind: 'year' }
  | { readonly kind: 'yyyymm' }
  | { readonly kind: 'seq'; readonly width: number };

/** A template that passed validation. */
export interface IndexTemplate {
  readonly source: string;
  readonly tokens: readonly IndexTemplateToken[];
}

/** What an index number says: the agency code, the year (and month) and the sequence number. */
export interface ParsedIndexNumber {
  readonly code: string;
  readonly year: number;
  readonly month: number | null;
  readonly seq: number;
}

/** What `formatIndexNumber` needs: the agency's code, the item's 生成日期 and the sequence number drawn for it. */
export interface IndexNumberInput {
  readonly code: string;
  readonly formedOn: string;
  readonly seq: number;
}

/** A bad template or bad input to `formatIndexNumber`; the message is Chinese. */
export class IndexNumberError extends Error {
  override readonly name = 'IndexNumberError';
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[] = [message]) {
    super(message);
    this.problems = problems;
  }
}

const MAX_TEMPLATE_LENGTH = 100;
const MAX_SEQ_WIDTH = 10;
const LITERAL = /^[A-Za-z0-9/_.-]+$/;
const CODE = /^[0-9A-Z]+(?:-[0-9A-Z]+)*$/;
const MAX_CODE_LENGTH = 30;
const PLACEHOLDER_HELP = '可用占位符：{code}（机构代码）、{year}（年份）、{yyyymm}（年月）、{seq} 或 {seq:05}（流水号及位数）';

function placeholderName(token: IndexTemplateToken): string {
  switch (token.kind) {
    case 'literal':
      return token.text;
    case 'code':
    case 'year':
    case 'yyyymm':
      return `{${token.kind}}`;
    case 'seq':
      return token.width > 1 ? `{seq:${String(token.width).padStart(2, '0')}}` : '{seq}';
    default: {
      const unreachable: never = token;
      return unreachable;
    }
  }
}

function tokenise(template: string, problems: string[]): IndexTemplateToken[] {
  const tokens: IndexTemplateToken[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    const close = template.indexOf('}', i);
    if (close !== -1 && (open === -1 || close < open)) {
      problems.push('模板中的花括号不配对。');
      return tokens;
    }
    if (open === -1) {
      tokens.push({ kind: 'literal', text: template.slice(i) });
      break;
    }
    if (open > i) tokens.push({ kind: 'literal', text: template.slice(i, open) });
    const end = template.indexOf('}', open);
    if (end === -1) {
      problems.push('模板中的花括号不配对。');
      return tokens;
    }
    const name = template.slice(open + 1, end);
    const seq = /^seq(?::(\d{1,2}))?$/.exec(name);
    if (name === 'code' || name === 'year' || name === 'yyyymm') tokens.push({ kind: name });
    else if (seq !== null) {
      const width = seq[1] === undefined ? 1 : Number(seq[1]);
      if (width < 1 || width > MAX_SEQ_WIDTH) problems.push(`流水号位数应在 1 到 ${MAX_SEQ_WIDTH} 之间，收到 {${name}}。`);
      tokens.push({ kind: 'seq', width: Math.min(Math.max(width, 1), MAX_SEQ_WIDTH) });
    } else problems.push(`未知占位符 {${name}}。${PLACEHOLDER_HELP}。`);
    i = end + 1;
  }
  return tokens;
}

/** Compiles a template, or lists every problem with it in Chinese. */
export function compileIndexTemplate(
  template: string,
): { readonly ok: true; readonly template: IndexTemplate } | { readonly ok: false; readonly problems: readonly string[] } {
  const problems: string[] = [];
  const source = template.trim();
  if (source === '') return { ok: false, problems: ['索引号模板不能为空。'] };
  if (source.length > MAX_TEMPLATE_LENGTH) problems.push(`索引号模板不超过 ${MAX_TEMPLATE_LENGTH} 个字符。`);
  const tokens = tokenise(source, problems);
  const count = (kind: IndexTemplateToken['kind']) => tokens.filter((t) => t.kind === kind).length;
  for (const t of tokens) {
    if (t.kind === 'literal' && !LITERAL.test(t.text)) {
      problems.push(`模板中的“${t.text}”含有不能使用的字符：固定部分只能使用字母、数字和分隔符 / - _ .。`);
    }
  }
  if (count('code') !== 1) problems.push('模板须包含且只包含一个机构代码 {code}，以便区分不同机构的索引号。');
  if (count('year') + count('yyyymm') !== 1) problems.push('模板须包含且只包含一个年份 {year} 或年月 {yyyymm}：流水号按年重置。');
  if (count('seq') !== 1) problems.push('模板须包含且只包含一个流水号 {seq}（可写位数，如 {seq:05}）。');
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.kind !== 'literal' && next !== undefined && next.kind !== 'literal') {
      problems.push(`占位符 ${placeholderName(t)} 与 ${placeholderName(next)} 之间须有分隔符（如 / 或 -）。`);
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, template: { source, tokens } };
}

/** Lists the problems of a template in Chinese; empty when the template can be used. */
export function validateTemplate(template: string): string[] {
  const compiled = compileIndexTemplate(template);
  return compiled.ok ? [] : [...compiled.problems];
}

function compileOrThrow(template: string): IndexTemplate {
  const compiled = compileIndexTemplate(template);
  if (!compiled.ok) throw new IndexNumberError(`索引号模板“${template}”无效：${compiled.problems.join('')}`, compiled.problems);
  return compiled.template;
}

/** Builds the index number of an item from a template, its agency's code, its 生成日期 and its sequence number. */
export function formatIndexNumber(template: string, input: IndexNumberInput): string {
  const compiled = compileOrThrow(template);
  if (!CODE.test(input.code) || input.code.length > MAX_CODE_LENGTH) {
    throw new IndexNumberError(`机构代码“${input.code}”不能用于索引号：应为大写字母和数字（组织机构代码可含“-”），不超过 ${MAX_CODE_LENGTH} 位。`);
  }
  if (!isCalendarDate(input.formedOn)) throw new IndexNumberError(`生成日期“${input.formedOn}”不是有效日期（格式 YYYY-MM-DD）。`);
  if (!Number.isSafeInteger(input.seq) || input.seq < 1 || String(input.seq).length > MAX_SEQ_WIDTH) {
    throw new IndexNumberError(`流水号应为 1 到 ${'9'.repeat(MAX_SEQ_WIDTH)} 之间的整数，收到“${String(input.seq)}”。`);
  }
  return compiled.tokens
    .map((t) => {
      switch (t.kind) {
        case 'literal':
          return t.text;
        case 'code':
          return input.code;
        case 'year':
          return input.formedOn.slice(0, 4);
        case 'yyyymm':
          return input.formedOn.slice(0, 4) + input.formedOn.slice(5, 7);
        case 'seq':
          // The width is a minimum, as in printf: 100000 under {seq:05} prints in full.
          return String(input.seq).padStart(t.width, '0');
        default: {
          const unreachable: never = t;
          return unreachable;
        }
      }
    })
    .join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function normaliseInput(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[—–－]/g, '-')
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** Reads an index number against a template (tolerating full-width characters, spaces and lower case), or explains in Chinese why it does not fit. */
export function parseIndexNumber(
  template: string,
  text: string,
): { readonly ok: true; readonly value: ParsedIndexNumber } | { readonly ok: false; readonly problem: string } {
  const compiled = compileOrThrow(template);
  const input = normaliseInput(text);
  const groups: Array<IndexTemplateToken['kind']> = [];
  const pattern = compiled.tokens
    .map((t) => {
      switch (t.kind) {
        case 'literal':
          return escapeRegExp(t.text.toUpperCase());
        case 'code':
          groups.push('code');
          return '([0-9A-Z]+(?:-[0-9A-Z]+)*?)';
        case 'year':
          groups.push('year');
          return '(\\d{4})';
        case 'yyyymm':
          groups.push('yyyymm');
          return '(\\d{6})';
        case 'seq':
          groups.push('seq');
          return `(\\d{${t.width},})`;
        default: {
          const unreachable: never = t;
          return unreachable;
        }
      }
    })
    .join('');
  const m = new RegExp(`^${pattern}$`).exec(input);
  const mismatch = `索引号“${text}”与模板 ${compiled.source} 不符（例：${formatIndexNumber(compiled.source, { code: '11370900004341590P', formedOn: '2024-03-01', seq: 150 })}）。`;
  if (m === null) return { ok: false, problem: mismatch };
  let code = '';
  let year = 0;
  let month: number | null = null;
  let seq = 0;
  groups.forEach((kind, i) => {
    const value = m[i + 1] as string;
    if (kind === 'code') code = value;
    else if (kind === 'year') year = Number(value);
    else if (kind === 'yyyymm') {
      year = Number(value.slice(0, 4));
      month = Number(value.slice(4, 6));
    } else if (kind === 'seq') seq = Number(value);
  });
  if (year < 1900 || year > 2199) return { ok: false, problem: `索引号“${text}”中的年份 ${year} 不合理。` };
  if (month !== null && (month < 1 || month > 12)) return { ok: false, problem: `索引号“${text}”中的月份 ${month} 无效。` };
  if (seq < 1) return { ok: false, problem: `索引号“${text}”中的流水号应从 1 开始。` };
  const formedOn = `${String(year)}-${String(month ?? 1).padStart(2, '0')}-01`;
  // Only the canonical spelling is accepted (e.g. 012345 under {seq:05} is a typo, not 12345).
  if (formatIndexNumber(compiled.source, { code, formedOn, seq }) !== input) return { ok: false, problem: mismatch };
  return { ok: true, value: { code, year, month, seq } };
}

/** The counter a sequence number is drawn from: the agency owning the code, and the year of the item's 生成日期 (the sequence restarts each year). */
export function indexSequenceScope(input: { readonly codeOwnerAgencyId: number; readonly formedOn: string }): {
  readonly agencyId: number;
  readonly year: number;
} {
  if (!isCalendarDate(input.formedOn)) throw new IndexNumberError(`生成日期“${input.formedOn}”不是有效日期（格式 YYYY-MM-DD）。`);
  return { agencyId: input.codeOwnerAgencyId, year: Number(input.formedOn.slice(0, 4)) };
}

/** An agency as far as index numbering is concerned. */
export interface IndexCodeHolder {
  readonly id: number;
  readonly creditCode: string | null;
  readonly orgCode: string | null;
}

/**
 * The code an agency's index numbers are built on and the agency that owns it: its own credit code
 * (else organisation code), or, for a unit without one, its nearest ancestor's — so the unit draws
 * from the ancestor's counter and numbers never collide. `lineage` runs from the agency to the root.
 */
export function findIndexCode(lineage: readonly IndexCodeHolder[]): { readonly code: string; readonly ownerAgencyId: number } | null {
  for (const agency of lineage) {
    const code = agency.creditCode ?? agency.orgCode;
    if (code !== null && code !== '') return { code, ownerAgencyId: agency.id };
  }
  return null;
}
