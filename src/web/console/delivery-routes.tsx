/**
 * 发布渠道 in the console: the delivery log (per item, request, channel, status, period and agency),
 * each delivery with its attempts and the provider's messages, retry and cancel; the counts per
 * channel and period that the annual report uses; the 一周一更新 finding; and the notice boards'
 * weekly sheets (DOCX and PDF, with QR codes) and their printing. The channel accounts are in
 * channel-settings-routes.tsx.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { can } from '../../domain/access/roles.ts';
import { maskEmail, maskMobile } from '../../domain/privacy/masking.ts';
import { publicUrlProblem } from '../../channels/channel-adapter.ts';
import { MESSAGE_TEMPLATE_LABELS } from '../../channels/message-templates.ts';
import { renderNoticeBoardSheet } from '../../channels/notice-board-channel.ts';
import { MissingChineseFontError, renderNoticeBoardSheetPdf } from '../../channels/notice-board-pdf.ts';
import { chinaDateOf } from '../../services/china-time.ts';
import { ServiceError, ValidationError } from '../../services/errors.ts';
import {
  CHANNEL_NAMES,
  DELIVERY_DECIDE_PERMISSIONS,
  DELIVERY_VIEW_PERMISSIONS,
  OUTBOX_CHANNELS,
  QUEUED_DELIVERY_STATUS_LABELS,
  type NoticeBoardSheet,
} from '../../services/manage-deliveries.ts';
import type { Actor, DeliveryLogEvent, OutboxChannel, QueuedDelivery, QueuedDeliveryStatus } from '../../services/ports.ts';
import { formatLocal } from '../../services/sign-in.ts';
import type { Agency } from '../../domain/organisations/agency.ts';
import type { AppEnv } from '../context.ts';
import { field, readForm } from '../forms.ts';
import { CsrfField, Field } from '../views/layout.tsx';
import { ConsolePage } from './console-page.tsx';

const PAGE_SIZE = 50;


/**
 * Subscribers' addresses (e-mail and SMS lists, public subscriptions) are personal data the log
 * does not need in full; an applicant's own contact is shown, since the case's staff handle it anyway.
 */
function recipientShown(d: Pick<QueuedDelivery, 'recipient' | 'requestId'>): string {
  if (d.requestId !== null) return d.recipient;
  if (d.recipient.includes('@')) return maskEmail(d.recipient);
  const digits = d.recipient.replace(/\D/g, '');
  return /^\+?\d{11,15}$/.test(d.recipient.trim()) ? maskMobile(digits.slice(-11)) : d.recipient;
}
/** The status filter: one status, or `pending` for everything not yet finished. */
const STATUS_FILTERS = ['queued', 'sending', 'sent', 'failed', 'cancelled', 'manual', 'uncertain', 'pending'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];
const STATUS_FILTER_LABELS: Record<StatusFilter, string> = { ...QUEUED_DELIVERY_STATUS_LABELS, pending: '未完成（待发送、发送中、待人工发布、结果不明）' };
const PENDING: QueuedDeliveryStatus[] = ['queued', 'sending', 'manual', 'uncertain'];

const EVENT_LABELS: Record<DeliveryLogEvent['type'], string> = {
  queued: '进入发送队列',
  sending: '开始发送',
  sent: '发送成功',
  failed: '发送失败',
  retry_scheduled: '稍后自动重试',
  deferred: '暂缓发送（限量）',
  manual: '待人工发布',
  retried: '人工重新发送',
  cancelled: '已取消',
  recovered: '中断后恢复',
  uncertain: '结果不明（待人工核实）',
  confirmed_sent: '人工核实，确认已送达',
};

const TEMPLATE_LABELS: Record<string, string> = { ...MESSAGE_TEMPLATE_LABELS, notice_board_sheet: '公开栏张贴单' };

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const dateOn = z.preprocess(blankToUndefined, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').optional());
const id = z.preprocess(blankToUndefined, z.coerce.number({ error: '编号须为数字' }).int('编号须为整数').positive('编号须为正整数').optional());
const filterSchema = z.object({
  channel: z.preprocess(blankToUndefined, z.enum(OUTBOX_CHANNELS as [OutboxChannel, ...OutboxChannel[]], { error: '未知的渠道' }).optional()),
  status: z.preprocess(blankToUndefined, z.enum(STATUS_FILTERS, { error: '未知的状态' }).optional()),
  from: dateOn,
  to: dateOn,
  agency: id,
  item: id,
  request: id,
  page: z.preprocess(blankToUndefined, z.coerce.number({ error: '页码须为数字' }).int('页码须为整数').min(1, '页码从 1 开始').max(100_000, '页码过大').default(1)),
});
type LogFilter = z.infer<typeof filterSchema>;

/** A query string of the values given (empty ones left out). */
export const queryOf = (f: Partial<Record<string, string | number | undefined>>): string =>
  new URLSearchParams(Object.entries(f).flatMap(([k, v]): Array<[string, string]> => (v === undefined || v === '' ? [] : [[k, String(v)]]))).toString();

/** Agencies whose deliveries the actor may see (for the filters). */
async function viewableAgencies(c: Context<AppEnv>): Promise<Agency[]> {
  const actor = c.get('actor')!;
  return (await c.get('services').agencies.all()).filter((a) => DELIVERY_VIEW_PERMISSIONS.some((p) => can(actor.grants, p, a.path)));
}

const canDecideOn = (actor: Actor, agency: Pick<Agency, 'path'> | undefined): boolean => agency !== undefined && DELIVERY_DECIDE_PERMISSIONS.some((p) => can(actor.grants, p, agency.path));

/** The portal's address for links and QR codes: GONGKAI_PUBLIC_URL, or the address this page was opened at. */
function publicUrlOf(c: Context<AppEnv>): { url: string; configured: boolean } {
  const configured = c.get('webConfig').publicUrl;
  return configured ? { url: configured, configured: true } : { url: new URL(c.req.url).origin, configured: false };
}

/** A status or error message box. */
export function Notice(props: { kind: 'ok' | 'bad' | 'warn'; children?: unknown }) {
  return (
    <div class={`notice ${props.kind}`} role={props.kind === 'ok' ? 'status' : 'alert'}>
      <p>{props.children as never}</p>
    </div>
  );
}

/** Why the link channels send nothing yet (no GONGKAI_PUBLIC_URL), the same words the worker logs. */
export function PublicUrlWarning(props: { c: Context<AppEnv> }) {
  const problem = publicUrlProblem(props.c.get('webConfig').publicUrl);
  return problem ? <Notice kind="warn">{problem}</Notice> : null;
}

function SubNav(props: { current: string }) {
  const links = [
    ['/console/deliveries', '发送记录'],
    ['/console/deliveries/counts', '各渠道发送统计'],
    ['/console/deliveries/stale', '一周一更新检查'],
    ['/console/deliveries/notice-board', '公开栏张贴单'],
  ] as const;
  return (
    <nav class="actions" aria-label="发布渠道">
      {links.map(([href, label]) => (
        <a href={href} aria-current={href === props.current ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}

/** Routes under /console/deliveries. */
export function deliveryRoutes() {
  const app = new Hono<AppEnv>();

  // ---- the delivery log --------------------------------------------------------------------

  app.get('/', async (c) => {
    const services = c.get('services');
    const actor = c.get('actor')!;
    const parsed = filterSchema.safeParse(c.req.query());
    const agencies = await viewableAgencies(c);
    if (agencies.length === 0) throw new ServiceError('您没有查看发送记录的权限', 403);
    if (!parsed.success) {
      const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? '_'), i.message]));
      return c.html(<LogPage c={c} agencies={agencies} filter={{ page: 1 }} raw={c.req.query()} errors={errors} result={undefined} />, 400);
    }
    const f = parsed.data;
    try {
      const result = await services.deliveries.list(actor, {
        ...(f.agency !== undefined && { agencyId: f.agency }),
        ...(f.item !== undefined && { itemId: f.item }),
        ...(f.request !== undefined && { requestId: f.request }),
        ...(f.channel && { channel: f.channel }),
        ...(f.status && { statuses: f.status === 'pending' ? PENDING : [f.status] }),
        ...(f.from && { fromOn: f.from }),
        ...(f.to && { toOn: f.to }),
        limit: PAGE_SIZE,
        offset: (f.page - 1) * PAGE_SIZE,
      });
      return c.html(<LogPage c={c} agencies={agencies} filter={f} raw={c.req.query()} errors={{}} result={result} />);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return c.html(<LogPage c={c} agencies={agencies} filter={f} raw={c.req.query()} errors={{ ...e.fieldErrors, _: e.message }} result={undefined} />, 400);
    }
  });

  /** The delivery with its log, and whether the actor may retry or cancel it. */
  async function loadDelivery(c: Context<AppEnv>, deliveryId: number) {
    const { delivery, events } = await c.get('services').deliveries.get(c.get('actor')!, deliveryId);
    const agency = await c.get('services').agencies.get(delivery.agencyId);
    return { delivery, events, canDecide: canDecideOn(c.get('actor')!, agency) };
  }

  app.get('/:id{[0-9]+}', async (c) => c.html(<DeliveryPage c={c} {...await loadDelivery(c, Number(c.req.param('id')))} />));

  app.post('/:id{[0-9]+}/:action{retry|cancel|mark-published|confirm-sent}', async (c) => {
    const services = c.get('services');
    const actor = c.get('actor')!;
    const deliveryId = Number(c.req.param('id'));
    const action = c.req.param('action');
    try {
      if (action === 'retry') await services.deliveries.retry(actor, deliveryId);
      else if (action === 'cancel') await services.deliveries.cancel(actor, deliveryId);
      else if (action === 'confirm-sent') await services.deliveries.confirmSent(actor, deliveryId);
      else await services.deliveries.markPublished(actor, deliveryId);
    } catch (e) {
      if (!(e instanceof ServiceError) || e.status === 403 || e.status === 404) throw e;
      return c.html(<DeliveryPage c={c} {...await loadDelivery(c, deliveryId)} error={e.message} />, 409);
    }
    return c.redirect(`/console/deliveries/${deliveryId}?done=${action}`, 303);
  });

  // ---- counts per channel and period ---------------------------------------------------------

  app.get('/counts', async (c) => {
    const services = c.get('services');
    const actor = c.get('actor')!;
    const agencies = await viewableAgencies(c);
    if (agencies.length === 0) throw new ServiceError('您没有查看发送统计的权限', 403);
    const today = chinaDateOf(services.deps.clock.now());
    const parsed = filterSchema.pick({ from: true, to: true, agency: true }).safeParse(c.req.query());
    const q = parsed.success ? parsed.data : {};
    const period = { fromOn: q.from ?? `${today.slice(0, 4)}-01-01`, toOn: q.to ?? `${today.slice(0, 4)}-12-31`, ...(q.agency !== undefined && { agencyId: q.agency }) };
    let error: string | undefined = parsed.success ? undefined : parsed.error.issues.map((i) => i.message).join('；');
    let counts: Awaited<ReturnType<typeof services.deliveries.counts>> = [];
    if (!error) {
      try {
        counts = await services.deliveries.counts(actor, period);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        error = e.message;
      }
    }
    return c.html(
      <ConsolePage c={c} title="各渠道发送统计">
        <h1>各渠道发送统计</h1>
        <SubNav current="/console/deliveries/counts" />
        {error && <Notice kind="bad">{error}</Notice>}
        <form method="get" action="/console/deliveries/counts" class="filters">
          <Field name="from" label="起始日期" type="date" value={period.fromOn} />
          <Field name="to" label="截止日期" type="date" value={period.toOn} />
          <AgencySelect agencies={agencies} value={period.agencyId} label="机构（含下级单位）" />
          <button type="submit">统计</button>
        </form>
        <p class="hint">
          按北京时间统计：已发送的按发送时间，其余按进入队列的时间。年度报告中“短信消息××条”等发布渠道数据按同一口径由发送记录统计。点击数字查看对应的发送记录。
        </p>
        {!error && (
          <div class="table-scroll">
            <table>
              <caption>
                {period.fromOn} 至 {period.toOn} 各渠道发送条数
              </caption>
              <thead>
                <tr>
                  <th scope="col">渠道</th>
                  <th scope="col">年报用语</th>
                  <th scope="col">已发送</th>
                  <th scope="col">发送失败</th>
                  <th scope="col">已取消</th>
                  <th scope="col">未完成</th>
                </tr>
              </thead>
              <tbody>
                {counts.map((row) => {
                  const link = (status: StatusFilter) => `/console/deliveries?${queryOf({ channel: row.channel, status, from: period.fromOn, to: period.toOn, agency: period.agencyId })}`;
                  const cell = (n: number, status: StatusFilter) => (n === 0 ? '0' : <a href={link(status)}>{n}</a>);
                  return (
                    <tr>
                      <th scope="row">{CHANNEL_NAMES[row.channel]}</th>
                      <td>
                        {row.label}
                        {row.sent}
                        {row.measure}
                      </td>
                      <td>{cell(row.sent, 'sent')}</td>
                      <td>{cell(row.failed, 'failed')}</td>
                      <td>{cell(row.cancelled, 'cancelled')}</td>
                      <td>{cell(row.pending, 'pending')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </ConsolePage>,
      error ? 400 : 200,
    );
  });

  // ---- 一周一更新 ------------------------------------------------------------------------------

  app.get('/stale', async (c) => {
    const services = c.get('services');
    const actor = c.get('actor')!;
    const agencies = await viewableAgencies(c);
    if (agencies.length === 0) throw new ServiceError('您没有查看发送记录的权限', 403);
    const parsed = filterSchema.pick({ agency: true, channel: true }).safeParse(c.req.query());
    const q = parsed.success ? parsed.data : {};
    const check = await services.deliveries.lastStaleCheck(actor, { ...(q.agency !== undefined && { agencyId: q.agency }), ...(q.channel && { channel: q.channel }) });
    const mayCheck = DELIVERY_DECIDE_PERMISSIONS.some((p) => can(actor.grants, p));
    const byId = new Map(agencies.map((a) => [a.id, a]));
    return c.html(
      <ConsolePage c={c} title="一周一更新检查">
        <h1>一周一更新检查</h1>
        <SubNav current="/console/deliveries/stale" />
        {c.req.query('done') === 'check' && <Notice kind="ok">已完成检查。</Notice>}
        {!parsed.success && <Notice kind="bad">{parsed.error.issues.map((i) => i.message).join('；')}</Notice>}
        <p>
          已启用的微信公众号、政务微博和信息公开栏，如本机构及下级单位在该渠道一周内没有发布，即列入清单（政务新媒体和公开栏一周一更新）。系统每天检查一次。
          {q.agency !== undefined && (
            <>
              {' '}
              当前只显示{byId.get(q.agency)?.name ?? '所选机构'}自己的账号。<a href="/console/deliveries/stale">查看全部</a>
            </>
          )}
        </p>
        <p>{check ? `最近检查于 ${formatLocal(check.checkedAt)}（北京时间）。` : '尚未检查过。'}</p>
        {mayCheck && (
          <form method="post" action="/console/deliveries/stale/check" class="inline-form">
            <CsrfField token={c.get('csrfToken')} />
            <button type="submit" class="secondary">立即检查</button>
          </form>
        )}
        {check && check.findings.length === 0 && <Notice kind="ok">各渠道一周内均有更新。</Notice>}
        {check && check.findings.length > 0 && (
          <div class="table-scroll">
            <table>
              <caption>一周未更新的渠道（{check.findings.length} 个）</caption>
              <thead>
                <tr>
                  <th scope="col">机构</th>
                  <th scope="col">渠道</th>
                  <th scope="col">最近一次发布</th>
                  <th scope="col">说明</th>
                </tr>
              </thead>
              <tbody>
                {check.findings.map((f) => (
                  <tr>
                    <th scope="row">{f.agencyName}</th>
                    <td>{CHANNEL_NAMES[f.channel]}</td>
                    <td>{f.lastSentAt ? formatLocal(f.lastSentAt) : '尚无'}</td>
                    <td>
                      {f.message} <a href={`/console/deliveries?${queryOf({ agency: f.agencyId, channel: f.channel })}`}>查看发送记录<span class="visually-hidden">（{f.agencyName}{CHANNEL_NAMES[f.channel]}）</span></a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ConsolePage>,
    );
  });

  app.post('/stale/check', async (c) => {
    await c.get('services').deliveries.checkStaleChannels(c.get('actor')!);
    return c.redirect('/console/deliveries/stale?done=check', 303);
  });

  // ---- notice boards -------------------------------------------------------------------------

  const sheetQuery = z.object({ agency: id, week: dateOn });
  async function loadSheet(c: Context<AppEnv>, q: { agency?: string | undefined; week?: string | undefined }): Promise<{ agencies: Agency[]; agency: Agency; week: string; sheet: NoticeBoardSheet }> {
    const agencies = await viewableAgencies(c);
    if (agencies.length === 0) throw new ServiceError('您没有查看公开栏张贴单的权限', 403);
    const parsed = sheetQuery.safeParse(q);
    if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => i.message).join('；'));
    // A village's own board by default: the first unit the actor sees that is a village, else the first agency.
    const agency = parsed.data.agency !== undefined ? agencies.find((a) => a.id === parsed.data.agency) : (agencies.find((a) => a.kind.includes('village')) ?? agencies[0]);
    if (!agency) throw new ServiceError('您没有查看该机构公开栏的权限', 403);
    const week = parsed.data.week ?? chinaDateOf(c.get('services').deps.clock.now());
    const sheet = await c.get('services').deliveries.noticeBoardSheet(c.get('actor')!, agency.id, week);
    return { agencies, agency, week, sheet };
  }

  app.get('/notice-board', async (c) => {
    const { agencies, agency, week, sheet } = await loadSheet(c, c.req.query());
    return c.html(<NoticeBoardPage c={c} agencies={agencies} agency={agency} week={week} sheet={sheet} />);
  });

  const download = (kind: 'docx' | 'pdf') => async (c: Context<AppEnv>) => {
    const { sheet } = await loadSheet(c, c.req.query());
    const name = `${sheet.boardName}${sheet.weekStartOn}至${sheet.weekEndOn}.${kind}`;
    let bytes: Uint8Array;
    try {
      bytes = kind === 'docx' ? await renderNoticeBoardSheet(sheet, { publicUrl: publicUrlOf(c).url }) : await renderNoticeBoardSheetPdf(sheet, { publicUrl: publicUrlOf(c).url });
    } catch (e) {
      if (!(e instanceof MissingChineseFontError)) throw e;
      const { agencies, agency, week } = await loadSheet(c, c.req.query());
      return c.html(<NoticeBoardPage c={c} agencies={agencies} agency={agency} week={week} sheet={sheet} error={e.message} />, 503);
    }
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
    const type = kind === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/pdf';
    return c.body(bytes as unknown as ArrayBuffer, 200, { 'Content-Type': type });
  };
  app.get('/notice-board/sheet.docx', download('docx'));
  app.get('/notice-board/sheet.pdf', download('pdf'));

  app.post('/notice-board/printed', async (c) => {
    const form = await readForm(c);
    const q = { agency: field(form, 'agency'), week: field(form, 'week') };
    const { agencies, agency, week, sheet } = await loadSheet(c, q);
    try {
      await c.get('services').deliveries.recordNoticeBoardPrinted(c.get('actor')!, agency.id, week);
    } catch (e) {
      if (!(e instanceof ServiceError) || e.status === 403 || e.status === 404) throw e;
      return c.html(<NoticeBoardPage c={c} agencies={agencies} agency={agency} week={week} sheet={sheet} error={e.message} />, e.status === 409 ? 409 : 400);
    }
    return c.redirect(`/console/deliveries/notice-board?${queryOf({ agency: agency.id, week, done: 'printed' })}`, 303);
  });

  return app;
}

// ---- views ---------------------------------------------------------------------------------

/** A select of agencies (optionally with “全部”). */
export function AgencySelect(props: { agencies: Agency[]; value: number | undefined; label: string; name?: string; all?: boolean }) {
  const name = props.name ?? 'agency';
  return (
    <div class="field">
      <label for={`f-${name}`}>{props.label}</label>
      <select id={`f-${name}`} name={name}>
        {props.all !== false && <option value="">全部</option>}
        {props.agencies.map((a) => (
          <option value={String(a.id)} selected={a.id === props.value}>
            {a.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function summaryOf(d: QueuedDelivery): string {
  const p = d.payload;
  const title = typeof p.title === 'string' ? p.title : typeof p.trackingNumber === 'string' ? `申请 ${p.trackingNumber}` : typeof p.weekStartOn === 'string' ? `${p.weekStartOn} 起一周` : '';
  return [TEMPLATE_LABELS[d.template] ?? d.template, title].filter(Boolean).join('：');
}

function LogPage(props: {
  c: Context<AppEnv>;
  agencies: Agency[];
  filter: Partial<LogFilter>;
  raw: Record<string, string>;
  errors: Record<string, string>;
  result: { total: number; items: QueuedDelivery[] } | undefined;
}) {
  const { c, filter, result, errors } = props;
  const names = new Map(props.agencies.map((a) => [a.id, a.name]));
  const raw = props.raw;
  const pages = result ? Math.max(1, Math.ceil(result.total / PAGE_SIZE)) : 1;
  const page = filter.page ?? 1;
  const base = { channel: raw.channel, status: raw.status, from: raw.from, to: raw.to, agency: raw.agency, item: raw.item, request: raw.request };
  const scope = filter.item !== undefined ? `信息 ${filter.item} 的` : filter.request !== undefined ? `申请 ${filter.request} 的` : '';
  return (
    <ConsolePage c={c} title="发布渠道发送记录">
      <h1>{scope}发送记录</h1>
      <SubNav current="/console/deliveries" />
      <PublicUrlWarning c={c} />
      {Object.keys(errors).length > 0 && <Notice kind="bad">{errors._ ?? Object.values(errors).join('；')}</Notice>}
      <form method="get" action="/console/deliveries" class="filters">
        {filter.item !== undefined && <input type="hidden" name="item" value={String(filter.item)} />}
        {filter.request !== undefined && <input type="hidden" name="request" value={String(filter.request)} />}
        <div class="field">
          <label for="f-channel">渠道</label>
          <select id="f-channel" name="channel">
            <option value="">全部</option>
            {OUTBOX_CHANNELS.map((ch) => (
              <option value={ch} selected={raw.channel === ch}>
                {CHANNEL_NAMES[ch]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-status">状态</label>
          <select id="f-status" name="status">
            <option value="">全部</option>
            {STATUS_FILTERS.map((s) => (
              <option value={s} selected={raw.status === s}>
                {STATUS_FILTER_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <AgencySelect agencies={props.agencies} value={filter.agency} label="机构（含下级单位）" />
        <Field name="from" label="起始日期" type="date" value={raw.from} error={errors.from} />
        <Field name="to" label="截止日期" type="date" value={raw.to} error={errors.to} />
        <button type="submit">筛选</button>
      </form>
      {(filter.item !== undefined || filter.request !== undefined) && (
        <p>
          <a href="/console/deliveries">查看全部发送记录</a>
          {filter.item !== undefined && (
            <>
              {' '}
              · <a href={`/console/items/${filter.item}`}>返回信息</a>
            </>
          )}
          {filter.request !== undefined && (
            <>
              {' '}
              · <a href={`/console/requests/${filter.request}`}>返回申请</a>
            </>
          )}
        </p>
      )}
      {result && (
        <>
          <p>共 {result.total} 条{result.total > PAGE_SIZE ? `，第 ${page}/${pages} 页` : ''}。</p>
          {result.items.length > 0 && (
            <div class="table-scroll">
              <table>
                <caption class="visually-hidden">发送记录（新的在前）</caption>
                <thead>
                  <tr>
                    <th scope="col">编号</th>
                    <th scope="col">进入队列</th>
                    <th scope="col">渠道</th>
                    <th scope="col">机构</th>
                    <th scope="col">接收方</th>
                    <th scope="col">内容</th>
                    <th scope="col">状态</th>
                    <th scope="col">尝试次数</th>
                    <th scope="col">服务商返回的信息</th>
                  </tr>
                </thead>
                <tbody>
                  {result.items.map((d) => (
                    <tr>
                      <td>
                        <a href={`/console/deliveries/${d.id}`}>
                          <span class="visually-hidden">发送记录 </span>
                          {d.id}
                        </a>
                      </td>
                      <td>{formatLocal(d.createdAt)}</td>
                      <td>{CHANNEL_NAMES[d.channel]}</td>
                      <td>{names.get(d.agencyId) ?? d.agencyId}</td>
                      <td class="mono">{recipientShown(d)}</td>
                      <td>{summaryOf(d)}</td>
                      <td>
                        <span class="badge">{QUEUED_DELIVERY_STATUS_LABELS[d.status]}</span>
                      </td>
                      <td>{d.attempts}</td>
                      <td>{d.lastError ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 && (
            <nav class="actions" aria-label="翻页">
              {page > 1 && <a href={`/console/deliveries?${queryOf({ ...base, page: page - 1 })}`}>上一页</a>}
              {page < pages && <a href={`/console/deliveries?${queryOf({ ...base, page: page + 1 })}`}>下一页</a>}
            </nav>
          )}
        </>
      )}
    </ConsolePage>
  );
}

function DeliveryPage(props: { c: Context<AppEnv>; delivery: QueuedDelivery; events: DeliveryLogEvent[]; canDecide: boolean; error?: string }) {
  const { c, delivery: d, events } = props;
  const csrf = c.get('csrfToken');
  const done = c.req.query('done');
  const p = d.payload;
  return (
    <DeliveryPageShell c={c} d={d}>
      {props.error && <Notice kind="bad">{props.error}</Notice>}
      {done && <Notice kind="ok">{{ retry: '已重新排入发送队列。', cancel: '已取消发送。', 'mark-published': '已登记为人工发布。', 'confirm-sent': '已确认送达。' }[done] ?? '已保存。'}</Notice>}
      <dl class="contact">
        <dt>状态</dt>
        <dd>{QUEUED_DELIVERY_STATUS_LABELS[d.status]}</dd>
        <dt>渠道</dt>
        <dd>{CHANNEL_NAMES[d.channel]}</dd>
        <dt>接收方</dt>
        <dd class="mono">{recipientShown(d)}</dd>
        <dt>内容</dt>
        <dd>{summaryOf(d)}</dd>
        {d.itemId !== null && (
          <>
            <dt>信息</dt>
            <dd>
              <a href={`/console/items/${d.itemId}`}>{typeof p.title === 'string' ? p.title : `信息 ${d.itemId}`}</a>
            </dd>
          </>
        )}
        {d.requestId !== null && (
          <>
            <dt>申请</dt>
            <dd>
              <a href={`/console/requests/${d.requestId}`}>{typeof p.trackingNumber === 'string' ? p.trackingNumber : `申请 ${d.requestId}`}</a>
            </dd>
          </>
        )}
        <dt>进入队列</dt>
        <dd>{formatLocal(d.createdAt)}</dd>
        <dt>已尝试</dt>
        <dd>{d.attempts} 次</dd>
        {d.status === 'queued' && d.nextAttemptAt && (
          <>
            <dt>下次发送</dt>
            <dd>{formatLocal(d.nextAttemptAt)} 以后</dd>
          </>
        )}
        {d.sentAt && (
          <>
            <dt>发送时间</dt>
            <dd>{formatLocal(d.sentAt)}</dd>
          </>
        )}
        {d.providerMessageId && (
          <>
            <dt>服务商消息编号</dt>
            <dd class="mono">{d.providerMessageId}</dd>
          </>
        )}
        {d.lastError && (
          <>
            <dt>最近一次错误</dt>
            <dd>{d.lastError}</dd>
          </>
        )}
        <dt>幂等键</dt>
        <dd class="mono">{d.idempotencyKey}</dd>
      </dl>
      {d.output && (
        <div class="field">
          <label for="f-output">可直接复制发布的文字</label>
          <textarea id="f-output" rows={5} readonly>
            {d.output}
          </textarea>
        </div>
      )}
      {props.canDecide && (
        <div class="actions">
          {(d.status === 'failed' || d.status === 'cancelled' || d.status === 'uncertain') && <ActionForm id={d.id} action="retry" label="重新发送" csrf={csrf} />}
          {d.status === 'uncertain' && <ActionForm id={d.id} action="confirm-sent" label="已核实收到，确认已送达" csrf={csrf} />}
          {d.status === 'manual' && <ActionForm id={d.id} action="mark-published" label="已人工发布，登记为已发送" csrf={csrf} />}
          {(d.status === 'queued' || d.status === 'failed' || d.status === 'manual') && <ActionForm id={d.id} action="cancel" label="取消发送" csrf={csrf} danger />}
        </div>
      )}
      <h2>发送过程</h2>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">每次尝试及服务商返回的信息</caption>
          <thead>
            <tr>
              <th scope="col">时间（北京时间）</th>
              <th scope="col">事件</th>
              <th scope="col">说明（服务商返回的信息）</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr>
                <td>{formatLocal(e.at)}</td>
                <td>{EVENT_LABELS[e.type] ?? e.type}</td>
                <td>{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </DeliveryPageShell>
  );
}

function DeliveryPageShell(props: { c: Context<AppEnv>; d: QueuedDelivery; children?: unknown }) {
  return (
    <ConsolePage c={props.c} title={`发送记录 ${props.d.id}`}>
      <p class="breadcrumb">
        <a href="/console/deliveries">发送记录</a>
      </p>
      <h1>
        发送记录 {props.d.id}（{CHANNEL_NAMES[props.d.channel]}）
      </h1>
      {props.children as never}
    </ConsolePage>
  );
}

function ActionForm(props: { id: number; action: string; label: string; csrf: string; danger?: boolean }) {
  return (
    <form method="post" action={`/console/deliveries/${props.id}/${props.action}`} class="inline-form">
      <CsrfField token={props.csrf} />
      <button type="submit" class={props.danger ? 'danger' : undefined}>
        {props.label}
      </button>
    </form>
  );
}

function NoticeBoardPage(props: { c: Context<AppEnv>; agencies: Agency[]; agency: Agency; week: string; sheet: NoticeBoardSheet; error?: string }) {
  const { c, sheet, agency } = props;
  const actor = c.get('actor')!;
  const qs = queryOf({ agency: agency.id, week: props.week });
  const origin = publicUrlOf(c);
  const mayRecord = canDecideOn(actor, agency);
  return (
    <ConsolePage c={c} title="公开栏张贴单">
      <h1>信息公开栏张贴单</h1>
      <SubNav current="/console/deliveries/notice-board" />
      {props.error && <Notice kind="bad">{props.error}</Notice>}
      {c.req.query('done') === 'printed' && <Notice kind="ok">已登记本周张贴，计入信息公开栏发布期数。</Notice>}
      <form method="get" action="/console/deliveries/notice-board" class="filters">
        <AgencySelect agencies={props.agencies} value={agency.id} label="公开栏所属机构" all={false} />
        <Field name="week" label="所在周的任一天" type="date" value={props.week} />
        <button type="submit">查看</button>
      </form>
      <h2>
        {sheet.boardName}：{sheet.weekStartOn} 至 {sheet.weekEndOn}（共 {sheet.items.length} 条）
      </h2>
      <p>{sheet.printedAt ? `本周张贴单已于 ${formatLocal(sheet.printedAt)} 登记张贴。` : '本周张贴单尚未登记张贴。'}</p>
      {sheet.items.length > 0 && (
        <>
          <ol>
            {sheet.items.map((i) => (
              <li>
                {i.title}（{i.publishedOn}
                {i.indexNumber ? `，${i.indexNumber}` : ''}）
              </li>
            ))}
          </ol>
          <p class="actions">
            <a class="button" href={`/console/deliveries/notice-board/sheet.docx?${qs}`}>下载 Word 张贴单</a>
            <a class="button secondary" href={`/console/deliveries/notice-board/sheet.pdf?${qs}`}>下载 PDF 张贴单</a>
          </p>
          <p class="hint">
            每条信息附二维码，扫码打开门户上的信息页面（{origin.url}）。
            {!origin.configured && '未设置 GONGKAI_PUBLIC_URL，二维码使用当前访问的地址；对外发布前请由管理员设置门户对外网址。'}
          </p>
          {mayRecord && !sheet.printedAt && (
            <form method="post" action="/console/deliveries/notice-board/printed" class="stack">
              <CsrfField token={c.get('csrfToken')} />
              <input type="hidden" name="agency" value={String(agency.id)} />
              <input type="hidden" name="week" value={props.week} />
              <button type="submit">已打印张贴，登记本周一期</button>
            </form>
          )}
        </>
      )}
    </ConsolePage>
  );
}
