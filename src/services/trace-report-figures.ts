/**
 * Traceability of the annual report (each number links to the records behind it): lists, a page at a
 * time, the items, requests, appeals or deliveries a figure counted — by the ids the compiler kept, or,
 * for figures the store counted in SQL, by running the figure's query again within the report's
 * agencies and year — and says for each record which of its fields made it count.
 */
import { GENRE_INFO, cessationOf, isGenre } from '../domain/publishing/index.ts';
import {
  APPEAL_KIND_LABELS,
  APPEAL_RESULT_LABELS,
  DELIVERY_CHANNEL_WORDING,
  OFFICIAL_DOCUMENT_GENRES,
  isDeliveryChannel,
  toReportRequest,
  type AppealKind,
  type AppealResult,
  type Figure,
  type ReportSnapshot,
} from '../domain/reports/index.ts';
import { APPLICANT_TYPE_LABELS, INTAKE_CHANNEL_LABELS, REPLY_TYPE_LABELS, outcomeLabelZh, type ReplyType, type RequestState } from '../domain/requests/index.ts';
import { chinaDateOf } from './china-time.ts';
import { NotFoundError } from './errors.ts';
import type { Repositories, TracedDelivery, TracedItem, TracedRequest } from './ports.ts';
import { channelCodesOf, deliveryScopeOf } from './report-channels.ts';

/** The kinds of record a figure counts. */
export type TracedKind = 'item' | 'request' | 'appeal' | 'delivery';

/** One record behind a figure, as the trace page lists it. */
export interface TracedRow {
  readonly kind: TracedKind;
  /** The record id as the figure holds it ('12', 'appeal-3', 'delivery-9'). */
  readonly id: string;
  /** Title (items), tracking number (requests), the case (appeals) or recipient (deliveries). */
  readonly title: string;
  /** 文号 or 索引号 (items), applicant type (requests); null when there is none. */
  readonly number: string | null;
  /** The record's date that matters for the figure. */
  readonly date: string | null;
  readonly agencyName: string;
  /** Which of the record's fields made it count. */
  readonly reason: string;
  /** The console page of the record, if it has one. */
  readonly href: string | null;
}

/** A page of the records behind a figure. */
export interface FigureTrace {
  readonly figure: Figure;
  /** How many records the figure counted (the list's full length). */
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly rows: readonly TracedRow[];
  /** Listed by running the figure's query again (not by stored ids); a frozen report's records may have changed since. */
  readonly requeried: boolean;
}

const PAGE_MAX = 200;

function kindOfId(id: string): TracedKind {
  if (id.startsWith('appeal-')) return 'appeal';
  if (id.startsWith('delivery-')) return 'delivery';
  return 'item';
}

const genreLabel = (genre: string) => (isGenre(genre) ? GENRE_INFO[genre].label : genre);

function itemReason(key: Figure['key'], item: TracedItem, year: number): { date: string | null; reason: string } {
  const first = `首次发布 ${item.firstPublishedOn}`;
  const genre = `体裁：${genreLabel(item.genre)}${(OFFICIAL_DOCUMENT_GENRES as readonly string[]).includes(item.genre) ? '（公文）' : ''}`;
  const ceased = item.validity === null ? null : cessationOf(item.validity);
  const ceasedText = ceased === null ? '未废止、未失效' : `${ceased.status === 'repealed' ? '废止' : '失效'}于 ${ceased.since}`;
  switch (key) {
    case 'proactive.items':
      return { date: item.firstPublishedOn, reason: `${first}（${String(year)}年首次发布）` };
    case 'proactive.documents':
      return { date: item.firstPublishedOn, reason: `${first}；${genre}` };
    case 'proactive.documents_fulltext':
    case 'proactive.documents_fulltext_rate':
      return { date: item.firstPublishedOn, reason: `${first}；${genre}；全文电子化：${item.hasElectronicFullText ? '是' : '否'}` };
    case 'proactive.regulations.issued':
    case 'proactive.normative.issued':
      return { date: item.formedOn, reason: `成文日期 ${item.formedOn}；${genre}` };
    case 'proactive.regulations.repealed':
    case 'proactive.normative.repealed':
      return { date: ceased?.since ?? null, reason: `${genreLabel(item.genre)}，${ceasedText}` };
    case 'proactive.regulations.in_force':
    case 'proactive.normative.in_force':
      return { date: item.formedOn, reason: `成文日期 ${item.formedOn}，至 ${String(year)}年12月31日${ceasedText === '未废止、未失效' ? '未废止、未失效' : `（${ceasedText}）`}` };
    default:
      return { date: item.firstPublishedOn, reason: `${first}；${genre}` };
  }
}

/** How the report reads which article a 予以公开 reply used (the report service's `replyTypeOf`). */
export type ReplyTypeReader = (state: RequestState) => ReplyType | null;

function requestReason(key: Figure['key'], traced: TracedRequest, year: number, replyTypeOf: ReplyTypeReader): { date: string | null; reason: string } {
  const r = toReportRequest(traced.state, traced.dueOn, replyTypeOf(traced.state));
  const received = `收到日期 ${r.receivedOn ?? '（未确认）'}`;
  const closed = r.closedOn === null ? '尚未办结' : `办结 ${r.closedOn}`;
  const outcome = r.outcome === null ? '' : `办理结果：${outcomeLabelZh(r.outcome)}，`;
  const y = String(year);
  if (key === 'requests.received' || key.startsWith('requests.received.')) return { date: r.receivedOn, reason: `${received}（${y}年新收）；申请人：${APPLICANT_TYPE_LABELS[r.applicantType]}` };
  if (key.startsWith('requests.carried_in')) return { date: r.receivedOn, reason: `${received}，${y}年1月1日尚未办结；申请人：${APPLICANT_TYPE_LABELS[r.applicantType]}` };
  if (key.startsWith('requests.carried_out')) return { date: r.receivedOn, reason: `${received}，${y}年12月31日${closed === '尚未办结' ? '尚未办结' : `尚未办结（${closed}）`}；申请人：${APPLICANT_TYPE_LABELS[r.applicantType]}` };
  if (key.startsWith('requests.by_channel.')) return { date: r.receivedOn, reason: `${received}；申请方式：${INTAKE_CHANNEL_LABELS[r.channel]}` };
  if (key.startsWith('requests.by_outcome') || key === 'requests.closed' || key.startsWith('requests.closed.')) return { date: r.closedOn, reason: `${outcome}${closed}；申请人：${APPLICANT_TYPE_LABELS[r.applicantType]}` };
  if (key.startsWith('requests.reply.')) return { date: r.repliedOn, reason: `${outcome}答复 ${r.repliedOn ?? ''}（${r.replyType ? REPLY_TYPE_LABELS[r.replyType] : ''}）` };
  if (key.startsWith('requests.replied') || key === 'requests.on_time_rate') {
    const onTime = r.dueOn === null || (r.repliedOn !== null && r.repliedOn <= r.dueOn);
    return { date: r.repliedOn, reason: `答复 ${r.repliedOn ?? ''}，答复期限 ${r.dueOn ?? '当场答复'}（${onTime ? '按时' : '逾期'}）` };
  }
  if (key.startsWith('fees.')) {
    const fee = r.fee;
    return { date: fee?.paidOn ?? fee?.waivedOn ?? null, reason: fee ? `${fee.paidOn ? `缴费 ${fee.paidOn}` : `减免 ${fee.waivedOn ?? ''}`}，金额 ${String(fee.amountYuan)} 元` : '收费' };
  }
  return { date: r.receivedOn, reason: `${received}；${outcome}${closed}` };
}

/** Lists a page of the records behind one figure of a report compiled (or frozen) for agencies and a year. */
export async function traceFigure(
  repos: Repositories,
  report: ReportSnapshot,
  figure: Figure,
  page: { offset: number; limit: number },
  replyTypeOf: ReplyTypeReader,
): Promise<FigureTrace> {
  const offset = Math.max(0, Math.floor(page.offset));
  const limit = Math.min(PAGE_MAX, Math.max(1, Math.floor(page.limit)));
  const year = report.year;
  if (figure.query != null) {
    const agencyIds = report.scopeAgencyIds;
    if (agencyIds === undefined) throw new NotFoundError('该报告没有记录统计范围，无法重新查询来源记录');
    if (figure.query.source === 'deliveries') {
      const { total, rows } = await repos.reports.listDeliveries({ ...deliveryScopeOf(agencyIds, year), channels: channelCodesOf(figure.query.channel), offset, limit });
      return { figure, total, offset, limit, requeried: true, rows: rows.map(deliveryRow) };
    }
    const { total, rows } = await repos.reports.listItems({ agencyIds, year, officialGenres: OFFICIAL_DOCUMENT_GENRES, key: figure.query.key, offset, limit });
    return { figure, total, offset, limit, requeried: true, rows: rows.map((item) => itemRow(figure, item, year)) };
  }
  const ids = figure.recordIds.slice(offset, offset + limit);
  const rows: TracedRow[] = [];
  if (figure.source === 'requests') {
    for (const r of await repos.reports.requestsByIds(ids.map(Number))) {
      const { date, reason } = requestReason(figure.key, r, year, replyTypeOf);
      rows.push({ kind: 'request', id: r.id, title: r.trackingNumber, number: APPLICANT_TYPE_LABELS[r.state.record.applicant.type], date, agencyName: r.agencyName, reason, href: `/console/requests/${r.id}` });
    }
  } else {
    const byKind = { item: [] as number[], appeal: [] as number[], delivery: [] as number[], request: [] as number[] };
    for (const id of ids) byKind[kindOfId(id)].push(Number(id.replace(/^\D+-/, '')));
    const found = new Map<string, TracedRow>();
    for (const item of await repos.reports.itemsByIds(byKind.item)) found.set(item.id, itemRow(figure, item, year));
    for (const a of await repos.reports.appealsByIds(byKind.appeal)) {
      const kind = APPEAL_KIND_LABELS[a.kind as AppealKind] ?? a.kind;
      const result = APPEAL_RESULT_LABELS[a.result as AppealResult] ?? a.result;
      found.set(a.id, { kind: 'appeal', id: a.id, title: a.body, number: kind, date: a.closedOn ?? a.filedOn, agencyName: a.agencyName, reason: `${kind}，${a.filedOn} 提起；${result}${a.closedOn ? `（审结 ${a.closedOn}）` : ''}`, href: '/console/appeals' });
    }
    for (const d of await repos.reports.deliveriesByIds(byKind.delivery)) found.set(d.id, deliveryRow(d));
    for (const id of ids) {
      const row = found.get(id);
      if (row !== undefined) rows.push(row);
    }
  }
  return { figure, total: figure.recordIds.length, offset, limit, requeried: false, rows };
}

function deliveryRow(d: TracedDelivery): TracedRow {
  const sentOn = d.sentAt === null ? null : chinaDateOf(new Date(d.sentAt));
  const channel = isDeliveryChannel(d.channel) ? DELIVERY_CHANNEL_WORDING[d.channel].label : d.channel;
  return { kind: 'delivery', id: d.id, title: d.recipient, number: null, date: sentOn, agencyName: d.agencyName, reason: `${channel}，发送于 ${sentOn ?? ''}`, href: null };
}

function itemRow(figure: Figure, item: TracedItem, year: number): TracedRow {
  const { date, reason } = itemReason(figure.key, item, year);
  return { kind: 'item', id: item.id, title: item.title, number: item.documentNumber ?? item.indexNumber, date, agencyName: item.agencyName, reason, href: `/console/items/${item.id}` };
}
