/**
 * The privacy and confidentiality review of an item version (the seed report's promise:
 * “确保发布的每一条主动公开信息不违反保密有关政策”): every text of the item — title, summary, body,
 * each attachment — is scanned; the reviewer masks findings or records why they are intended;
 * publication stays blocked while a `block` finding is unresolved. The original is kept; the public
 * sees the masked title, summary and body.
 */
import { applyReviewDecisions, findingId, htmlToText, scanText, unreadableFinding, type Finding, type ReviewDecision, type ScanOptions } from '../privacy/index.ts';
import type { ItemContent } from './item.ts';
import type { ScanSummary } from './item-workflow.ts';

/** Where a finding was found: a field of the item or an attachment (by file id). */
export type ReviewSource = 'title' | 'summary' | 'body' | `attachment:${string}`;

/** A finding with the text it was found in. */
export interface SourcedFinding extends Finding {
  readonly source: ReviewSource;
  /** Unique within the version: `source#kind@start-end`. */
  readonly id: string;
}

/** A reviewer's decision on one sourced finding. */
export type SourcedDecision =
  | { readonly id: string; readonly action: 'mask'; readonly by: string; readonly at: string }
  | { readonly id: string; readonly action: 'intended'; readonly reason: string; readonly by: string; readonly at: string }
  /** An unreadable attachment checked by eye by the reviewer, with what they checked. */
  | { readonly id: string; readonly action: 'checked'; readonly reason: string; readonly by: string; readonly at: string };

/** What a reviewer can decide on a finding. */
export type FindingAction = SourcedDecision['action'];

/** The texts of a version to scan: its fields and the extracted text of each attachment. */
export function reviewTextsOf(content: ItemContent, attachmentTexts: ReadonlyMap<string, string>): Map<ReviewSource, string> {
  const texts = new Map<ReviewSource, string>([
    ['title', content.title],
    ['summary', content.summary],
    ['body', htmlToText(content.bodyHtml)],
  ]);
  for (const a of content.attachments) texts.set(`attachment:${a.fileId}`, attachmentTexts.get(a.fileId) ?? '');
  return texts;
}

/**
 * Scans every text of a version; each text not (fully) read — `unread` maps its source to why —
 * also gets a blocking “未能自动检测” finding.
 */
export function scanItemTexts(texts: ReadonlyMap<ReviewSource, string>, options: ScanOptions, unread: ReadonlyMap<ReviewSource, string> = new Map()): SourcedFinding[] {
  const out: SourcedFinding[] = [];
  for (const [source, text] of texts) {
    const note = unread.get(source);
    if (note !== undefined) {
      const f = unreadableFinding(note);
      out.push({ ...f, source, id: `${source}#${findingId(f)}` });
    }
    for (const f of scanText(text, options)) out.push({ ...f, source, id: `${source}#${findingId(f)}` });
  }
  return out;
}

/** Why a decision cannot be taken, in Chinese, or null when it can. */
export function decisionProblem(finding: SourcedFinding, action: FindingAction, reason: string): string | null {
  if (finding.kind === 'unreadable') {
    if (action !== 'checked') return '未能自动检测的附件不能打码或直接标为确需公开：请逐页人工核对后勾选“已人工核对”，并写明核对情况。';
    if (reason.trim().length < 4) return '请写明人工核对的情况（如：已逐页核对扫描件，未见身份证号、手机号等个人信息，无密级标志）。';
    return null;
  }
  if (action === 'checked') return '只有“未能自动检测”的附件需要人工核对确认；其他检测发现请打码或标为确需公开。';
  if (action === 'intended' && reason.trim().length < 2) return '标为“确需公开”须写明理由（如：村干部公开的值班电话、当事人书面同意公开）。';
  if (action === 'mask' && finding.kind === 'secret_marking') return '涉密标志不能打码了事：含密级标志的文件不得公开；如已解密，请标为“确需公开”并写明解密依据。';
  if (action === 'mask' && finding.source.startsWith('attachment:')) return '附件中的内容无法在线打码：请替换为脱敏后的附件并退回修改，或标为“确需公开”并写明理由。';
  return null;
}

/** Summarises what is still open, for the workflow's recordScan (条例第十四、十五条). */
export function summariseReview(findings: readonly SourcedFinding[], decisions: readonly SourcedDecision[]): ScanSummary {
  const decided = new Set(decisions.map((d) => d.id));
  const open = findings.filter((f) => !decided.has(f.id));
  return { unresolvedBlocking: open.filter((f) => f.severity === 'block').length, unresolvedWarnings: open.filter((f) => f.severity === 'warn').length };
}

function masksFor(source: ReviewSource, findings: readonly SourcedFinding[], decisions: readonly SourcedDecision[]): { findings: Finding[]; decisions: ReviewDecision[] } {
  const own = findings.filter((f) => f.source === source);
  const ids = new Set(own.map((f) => f.id));
  return {
    findings: own,
    decisions: decisions
      .filter((d) => ids.has(d.id) && d.action === 'mask')
      .map((d) => ({ findingId: d.id.slice(d.id.indexOf('#') + 1), action: 'mask' as const })),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The public form of a version: title and summary with masked findings replaced, and the body HTML
 * with each masked finding's text replaced wherever it occurs (offsets refer to the body's plain text,
 * so the HTML is rewritten by the matched text itself).
 */
export function publicContentOf(content: Pick<ItemContent, 'title' | 'summary' | 'bodyHtml'>, findings: readonly SourcedFinding[], decisions: readonly SourcedDecision[]) {
  const field = (source: 'title' | 'summary', text: string) => {
    const m = masksFor(source, findings, decisions);
    return applyReviewDecisions(text, m.findings, m.decisions).text;
  };
  let bodyHtml = content.bodyHtml;
  const maskedIds = new Set(decisions.filter((d) => d.action === 'mask').map((d) => d.id));
  for (const f of findings) {
    if (f.source !== 'body' || !maskedIds.has(f.id)) continue;
    bodyHtml = bodyHtml.split(escapeHtml(f.text)).join(escapeHtml(f.masked)).split(f.text).join(f.masked);
  }
  return { title: field('title', content.title), summary: field('summary', content.summary), bodyHtml };
}
