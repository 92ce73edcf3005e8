/**
 * 年度报告 in the console: choose agency and year, see the draft compiled from the records with
 * every consistency rule checked, enter what the system cannot know, finalise (frozen, hashed,
 * audited), publish to the portal, or start a correction. Exports: HTML, DOCX, CSV, JSON.
 */
import { Hono, type Context } from 'hono';
import { can } from '../../domain/access/roles.ts';
import { REPORT_FORMATS, defaultFormatFor, findFigure, formatFigureNumber, isApplicantCellFigure, type CellRef, type Figure, type FigureKey, type FigureSource } from '../../domain/reports/index.ts';
import { renderReportCsv } from '../../documents/report-csv.ts';
import { renderReportDocx } from '../../documents/report-docx.ts';
import { ReportTableView, renderReportHtml } from '../../documents/report-html.tsx';
import { printedTablesOf } from '../../documents/report-layout.ts';
import { renderReportJson } from '../../documents/report-json.ts';
import { UnreadableReportDocumentError } from '../../documents/report-document-reader.ts';
import { readReportDocumentInWorker } from '../../documents/read-in-worker.ts';
import { ServiceError, ValidationError } from '../../services/errors.ts';
import type { ReportView } from '../../services/compile-annual-report.ts';
import type { FigureTrace, TracedKind } from '../../services/trace-report-figures.ts';
import type { AppEnv } from '../context.ts';
import { field, readForm } from '../forms.ts';
import { serveReportHtml } from '../report-document.ts';
import { CsrfField, Field } from '../views/layout.tsx';
import { ConsolePage } from './console-page.tsx';

const FORMAT_LABELS: Record<string, string> = { '2021': '2021 年格式（国办公开办函〔2021〕30号）', '2019': '2019 年试行格式（国办公开办函〔2019〕60号）', '2008': '2008 年条例时期叙述体' };

function optionsOf(q: Record<string, string>, fallbackAgency: number) {
  const year = Number(q.year) || 2025;
  return { agencyId: Number(q.agency) || fallbackAgency, year, format: (q.format || defaultFormatFor(year)) as never, includeSubunits: q.subunits === '1' };
}

/** Routes under /console/reports. */
export function reportRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const q = c.req.query();
    const services = c.get('services');
    const actor = c.get('actor')!;
    const agencies = (await services.agencies.all()).filter((a) => can(actor.grants, 'report.compile', a.path) && (a.kind === 'town_gov' || a.kind === 'county_gov' || a.kind === 'department' || a.kind === 'station'));
    if (agencies.length === 0) throw new ServiceError('您没有编制年度报告的权限', 403);
    const options = optionsOf(q, agencies[0]!.id);
    const view = q.year ? await services.reports.compile(actor, options) : undefined;
    const assessmentQuote = view && !view.frozen ? await services.assessment.quoteForReport(actor, options.agencyId, options.year) : null;
    return c.html(<ReportPage c={c} agencies={agencies} options={options} view={view} assessmentQuote={assessmentQuote} />);
  });

  const exportRoute = (kind: 'html' | 'docx' | 'csv' | 'json') => async (c: Context<AppEnv>) => {
    const view = await c.get('services').reports.compile(c.get('actor')!, optionsOf(c.req.query(), 0));
    const name = `${view.agency.name}${view.report.year}年政府信息公开工作年度报告`;
    if (kind === 'html') return serveReportHtml(c, renderReportHtml(view.report, { note: view.frozen ? `定稿 ${view.stored?.finalisedAt ?? ''} · SHA-256 ${view.stored?.contentHash ?? ''}` : '草稿' }));
    if (kind === 'csv') {
      c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.csv`)}`);
      return c.body(renderReportCsv(view.report), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    if (kind === 'json') return c.body(renderReportJson(view.report, view.findings, { id: view.stored?.id ?? null, includeSubunits: view.stored?.includeSubunits ?? false, status: view.stored?.status ?? null, contentHash: view.stored?.contentHash ?? null, finalisedAt: view.stored?.finalisedAt ?? null }), 200, { 'Content-Type': 'application/json; charset=utf-8' });
    const bytes = await renderReportDocx(view.report);
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.docx`)}`);
    return c.body(bytes as unknown as ArrayBuffer, 200, { 'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
  };
  app.get('/export.html', exportRoute('html'));
  app.get('/export.docx', exportRoute('docx'));
  app.get('/export.csv', exportRoute('csv'));
  app.get('/export.json', exportRoute('json'));

  // Traceability: the records behind one figure of the draft (or frozen) report, a page at a time.
  app.get('/trace', async (c) => {
    const q = c.req.query();
    const options = optionsOf(q, 0);
    const pageNo = Math.max(1, Math.floor(Number(q.page) || 1));
    const { view, trace } = await c.get('services').reports.traceFigure(c.get('actor')!, options, q.figure ?? '', { offset: (pageNo - 1) * TRACE_PAGE, limit: TRACE_PAGE });
    return c.html(<TracePage c={c} options={options} view={view} trace={trace} figureKey={q.figure ?? ''} pageNo={pageNo} />);
  });

  // Import of a past report: a filled official report (DOCX or HTML) or this platform's JSON.
  app.post('/import', async (c) => {
    const form = await readForm(c);
    const services = c.get('services');
    const actor = c.get('actor')!;
    const agencyId = Number(field(form, 'agency'));
    const yearText = field(form, 'year').trim();
    const file = form['file'];
    const back = (message: string, status: 400 | 409) =>
      (async () => {
        const agencies = (await services.agencies.all()).filter((a) => can(actor.grants, 'report.compile', a.path));
        return c.html(<ReportPage c={c} agencies={agencies} options={optionsOf({ agency: String(agencyId) }, agencies[0]?.id ?? 0)} view={undefined} importError={message} />, status);
      })();
    if (!(file instanceof File) || file.size === 0) return back('请选择要导入的年度报告文件（Word .docx、网页 .html 或 JSON）。', 400);
    if (file.size > 20 * 1048576) return back('文件过大（上限 20 MB）。', 400);
    const year = yearText === '' ? undefined : Number(yearText);
    if (year !== undefined && !(Number.isInteger(year) && year >= 2008 && year <= 9999)) return back('年度应为四位数字。', 400);
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      const isJson = /\.json$/i.test(file.name) || /^\s*[{[]/.test(new TextDecoder().decode(bytes.subarray(0, 64)));
      const result = isJson
        ? await services.reports.importPast(actor, { agencyId, json: new TextDecoder().decode(bytes) })
        : await services.reports.importPastDocument(actor, { agencyId, content: await readReportDocumentInWorker(bytes, c.get('webConfig').readingOptions), ...(year !== undefined && { year }) });
      const notes = result.notes.length > 0 ? `&notes=${encodeURIComponent(result.notes.slice(0, 5).join('；'))}` : '';
      return c.redirect(`/console/reports?agency=${result.stored.agencyId}&year=${result.stored.year}&format=${result.stored.format}&subunits=0&done=import${notes}`, 303);
    } catch (e) {
      if (e instanceof UnreadableReportDocumentError) return back(e.message, 400);
      if (e instanceof ServiceError && e.status !== 403 && e.status !== 404) return back(e.message, e instanceof ValidationError ? 400 : 409);
      throw e;
    }
  });

  app.post('/save', async (c) => {
    const form = await readForm(c);
    const q = Object.fromEntries(['agency', 'year', 'format', 'subunits'].map((k) => [k, field(form, k)]));
    const options = optionsOf(q, 0);
    const back = `/console/reports?agency=${options.agencyId}&year=${options.year}&format=${options.format}&subunits=${options.includeSubunits ? 1 : 0}`;
    const services = c.get('services');
    const actor = c.get('actor')!;
    const action = field(form, 'action');
    try {
      if (action === 'save') {
        const num = (k: string) => field(form, k);
        await services.reports.saveDraft(actor, options, {
          licensingDecisions: num('licensingDecisions') || 0,
          penaltyDecisions: num('penaltyDecisions') || 0,
          enforcementDecisions: num('enforcementDecisions') || 0,
          feesCollectedWanYuan: num('feesCollectedWanYuan') || 0,
          printedMaterials: num('printedMaterials') || null,
          narrative: { overview: field(form, 'overview') || undefined, problems: field(form, 'problems') || undefined, other: field(form, 'other') || undefined },
        });
      } else if (action === 'finalise') {
        await services.reports.finalise(actor, Number(field(form, 'id')));
      } else if (action === 'publish') {
        await services.reports.publish(actor, Number(field(form, 'id')));
      } else if (action === 'supersede') {
        await services.reports.supersede(actor, Number(field(form, 'id')), field(form, 'reason'));
      }
    } catch (e) {
      if (!(e instanceof ServiceError) || e.status === 403 || e.status === 404) throw e;
      const agencies = (await services.agencies.all()).filter((a) => can(actor.grants, 'report.compile', a.path));
      const view = await services.reports.compile(actor, options);
      return c.html(<ReportPage c={c} agencies={agencies} options={options} view={view} error={e instanceof ValidationError ? e.message : e.message} />, 409);
    }
    return c.redirect(`${back}&done=${action}`, 303);
  });

  return app;
}

const TRACE_PAGE = 50;

const SOURCE_LABELS: Record<FigureSource, string> = { items: '主动公开信息', requests: '政府信息公开申请', appeals: '复议诉讼案件', deliveries: '发送记录', manual: '人工填报', previous_report: '上年报告' };
const KIND_LABELS: Record<TracedKind, string> = { item: '信息', request: '申请', appeal: '案件', delivery: '发送' };

const queryOf = (options: ReturnType<typeof optionsOf>) =>
  `agency=${options.agencyId}&year=${options.year}&format=${options.format}&subunits=${options.includeSubunits ? 1 : 0}`;

/** The value of a figure as the report prints it, with its unit. */
function figureText(f: Figure): string {
  if (f.value === null) return '—';
  const unit = { count: '', ratio: '', wan_yuan: ' 万元', yuan: ' 元' }[f.unit];
  return `${formatFigureNumber(f.value, f.unit)}${unit}`;
}

/** The link from a figure to its records (or what it is when none lie behind it). */
function FigureSourceCell(props: { figure: Figure; qs: string }) {
  const f = props.figure;
  if (f.source === 'manual' || f.source === 'previous_report') return <span class="hint">{SOURCE_LABELS[f.source]}</span>;
  const n = f.query != null ? f.value : f.recordIds.length;
  return (
    // WCAG 2.5.3 (label in name): the visible text starts the accessible name; the figure is named after it.
    <a href={`/console/reports/trace?${props.qs}&figure=${encodeURIComponent(f.key)}`}>
      {n === null ? '查看' : `${String(n)} 条`}
      {SOURCE_LABELS[f.source]}
      <span class="visually-hidden">（{f.label}的来源记录）</span>
    </a>
  );
}

function TracePage(props: { c: Context<AppEnv>; options: ReturnType<typeof optionsOf>; view: ReportView; trace: FigureTrace | null; figureKey: string; pageNo: number }) {
  const { c, options, view, trace } = props;
  const qs = queryOf(options);
  const figure = findFigure(view.report.figures ?? [], props.figureKey as FigureKey)!;
  const pages = trace === null ? 1 : Math.max(1, Math.ceil(trace.total / trace.limit));
  const link = (n: number) => `/console/reports/trace?${qs}&figure=${encodeURIComponent(figure.key)}&page=${n}`;
  const mismatch = trace !== null && figure.unit === 'count' && figure.value !== null && trace.total !== figure.value;
  return (
    <ConsolePage c={c} title={`来源记录：${figure.label}`}>
      <p class="breadcrumb">
        <a href={`/console/reports?${qs}`}>
          返回{view.agency.name}
          {String(view.report.year)}年度报告
        </a>
      </p>
      <h1>来源记录：{figure.label}</h1>
      <p>
        报告中的数值：<strong>{figureText(figure)}</strong>
        {figure.cell && `（${figure.cell.table === 'table3' ? '表三' : figure.cell.table === 'table4' ? '表四' : '表二'}）`}
        {view.frozen ? '；报告已定稿，按定稿时记录的范围列出。' : '；草稿，按当前记录编制。'}
      </p>
      {trace === null ? (
        <p class="notice">这项数据由{SOURCE_LABELS[figure.source]}得来，没有对应的记录。</p>
      ) : (
        <>
          <p>
            共 {String(trace.total)} 条{SOURCE_LABELS[figure.source]}
            {trace.requeried && '（按统计条件重新查询）'}。
          </p>
          {mismatch && (
            <div class="notice bad" role="alert">
              <p>
                按当前记录查得 {String(trace.total)} 条，与报告中的 {String(figure.value)} 不一致：定稿后记录有变动。
              </p>
            </div>
          )}
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">{figure.label}的来源记录，第 {String(props.pageNo)} 页</caption>
              <thead>
                <tr>
                  <th scope="col">序号</th>
                  <th scope="col">标题或编号</th>
                  <th scope="col">文号、索引号或类别</th>
                  <th scope="col">日期</th>
                  <th scope="col">单位</th>
                  <th scope="col">计入依据</th>
                </tr>
              </thead>
              <tbody>
                {trace.rows.map((r, i) => (
                  <tr>
                    <td>{String(trace.offset + i + 1)}</td>
                    <th scope="row">
                      <span class="badge">{KIND_LABELS[r.kind]}</span> {r.href ? <a href={r.href}>{r.title}</a> : r.title}
                    </th>
                    <td>{r.number ?? '—'}</td>
                    <td>{r.date ?? '—'}</td>
                    <td>{r.agencyName}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 && (
            <nav class="actions" aria-label="分页">
              {props.pageNo > 1 && <a href={link(props.pageNo - 1)}>上一页</a>}
              <span>
                第 {String(props.pageNo)} / {String(pages)} 页
              </span>
              {props.pageNo < pages && <a href={link(props.pageNo + 1)}>下一页</a>}
            </nav>
          )}
        </>
      )}
    </ConsolePage>
  );
}

/** The report's tables with every number drawn from records linked to those records (table 三 cell by cell). */
function TracedTables(props: { view: ReportView; qs: string }) {
  const { report } = props.view;
  const tables = printedTablesOf(report, report.tables.map((t) => t.id));
  if (tables.length === 0) return null;
  const byCell = new Map<string, Figure>();
  const at = (ref: CellRef) => `${ref.table}|${ref.row}|${ref.column}`;
  for (const f of report.figures ?? []) if (f.cell && f.source !== 'manual' && f.source !== 'previous_report' && !byCell.has(at(f.cell))) byCell.set(at(f.cell), f);
  const href = (ref: CellRef) => {
    const f = byCell.get(at(ref));
    // A zero has no records to open.
    return f && f.value !== 0 ? `/console/reports/trace?${props.qs}&figure=${encodeURIComponent(f.key)}` : null;
  };
  return (
    <section aria-labelledby="traced-tables">
      <h2 id="traced-tables">统计表（点击数字核对来源记录）</h2>
      {tables.map((t) => (
        <div class="table-scroll report-table">
          <ReportTableView table={t} href={href} />
        </div>
      ))}
    </section>
  );
}

function ReportPage(props: { c: Context<AppEnv>; agencies: Array<{ id: number; name: string }>; options: ReturnType<typeof optionsOf>; view: ReportView | undefined; error?: string; importError?: string; assessmentQuote?: string | null }) {
  const { c, options, view } = props;
  const qs = queryOf(options);
  const manual = view?.stored?.manualInputs;
  const csrf = c.get('csrfToken');
  const hidden = (
    <>
      <CsrfField token={csrf} />
      <input type="hidden" name="agency" value={String(options.agencyId)} />
      <input type="hidden" name="year" value={String(options.year)} />
      <input type="hidden" name="format" value={String(options.format)} />
      <input type="hidden" name="subunits" value={options.includeSubunits ? '1' : ''} />
    </>
  );
  // The applicant columns of table 三 are traced from the table itself; a report without it (2008) lists them.
  const hasTableThree = view?.report.tables.some((t) => t.id === 'table3') ?? false;
  const errors = view?.findings.filter((f) => !f.passed && f.level === 'error') ?? [];
  const warnings = view?.findings.filter((f) => !f.passed && f.level === 'warning') ?? [];
  return (
    <ConsolePage c={c} title="年度报告">
      <h1>政府信息公开工作年度报告</h1>
      {props.error && (
        <div class="notice bad" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      <form method="get" action="/console/reports" class="filters">
        <div class="field">
          <label for="f-agency">机关</label>
          <select id="f-agency" name="agency">
            {props.agencies.map((a) => (
              <option value={String(a.id)} selected={a.id === options.agencyId}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <Field name="year" label="年度" value={String(options.year)} inputmode="numeric" />
        <div class="field">
          <label for="f-format">格式</label>
          <select id="f-format" name="format">
            {REPORT_FORMATS.map((f) => (
              <option value={f} selected={f === options.format}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <input type="checkbox" id="f-subunits" name="subunits" value="1" checked={options.includeSubunits} /> <label for="f-subunits">含所属站所、村（社区）（全镇汇总）</label>
        </div>
        <button type="submit">编制</button>
      </form>
      {c.req.query('done') === 'import' && (
        <div class="notice ok" role="status">
          <p>已导入往年报告，作为该年度的定稿报告，供下一年度计算“上年结转”。</p>
          {c.req.query('notes') && <p class="hint">{c.req.query('notes')}</p>}
        </div>
      )}
      <details open={props.importError !== undefined}>
        <summary>导入往年报告（Word、网页或 JSON）</summary>
        {props.importError && (
          <div class="notice bad" role="alert">
            <p>{props.importError}</p>
          </div>
        )}
        <form method="post" action="/console/reports/import" enctype="multipart/form-data" class="stack">
          <CsrfField token={c.get('csrfToken')} />
          <div class="field">
            <label for="i-agency">机关</label>
            <select id="i-agency" name="agency">
              {props.agencies.map((a) => (
                <option value={String(a.id)} selected={a.id === options.agencyId}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="i-file">已填好的年度报告文件</label>
            <input id="i-file" name="file" type="file" accept=".docx,.html,.htm,.json,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/html,application/json" aria-describedby="i-file-hint" />
            <p id="i-file-hint" class="hint">2019 或 2021 格式的正式报告（Word .docx 或网页 .html），读取表二、表三、表四；或本系统导出的 JSON。</p>
          </div>
          <Field name="year" label="年度（标题中没有年度时填写）" value="" inputmode="numeric" />
          <button type="submit" class="secondary">导入</button>
        </form>
      </details>
      {view && (
        <>
          <p>
            状态：{view.stored ? { draft: '草稿', final: '已定稿', superseded: '已被更正版本替代' }[view.stored.status] : '未保存'}
            {view.stored?.published ? '，已在门户发布' : ''}
            {view.stored?.contentHash ? `，SHA-256 ${view.stored.contentHash.slice(0, 16)}…` : ''}
          </p>
          <div class={`notice ${errors.length ? 'bad' : 'ok'}`}>
            <p>{errors.length ? `校验发现 ${errors.length} 处错误，须改正后才能定稿：` : '全部勾稽规则校验通过。'}</p>
            <ul>
              {[...errors, ...warnings].map((f) => (
                <li>
                  {f.level === 'error' ? '错误' : '提示'}：{f.message}
                </li>
              ))}
            </ul>
          </div>
          <p class="actions">
            <a href={`/console/reports/export.html?${qs}`}>预览（HTML）</a>
            <a href={`/console/reports/export.docx?${qs}`}>下载 Word</a>
            <a href={`/console/reports/export.csv?${qs}`}>表格 CSV</a>
            <a href={`/console/reports/export.json?${qs}`}>JSON</a>
          </p>
          <h2>主要数据（点击可核对来源记录）</h2>
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">报告中的数据及其来源记录</caption>
              <thead>
                <tr>
                  <th scope="col">项目</th>
                  <th scope="col">数值</th>
                  <th scope="col">来源</th>
                </tr>
              </thead>
              <tbody>
                {(view.report.figures ?? []).filter((f) => !(hasTableThree && isApplicantCellFigure(f.key))).map((f) => (
                  <tr>
                    <th scope="row">{f.label}</th>
                    <td>{figureText(f)}</td>
                    <td>
                      <FigureSourceCell figure={f} qs={qs} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <TracedTables view={view} qs={qs} />
          {!view.frozen && (
            <form method="post" action="/console/reports/save" class="stack">
              {hidden}
              <input type="hidden" name="action" value="save" />
              <h2>需要人工填写的内容</h2>
              <Field name="licensingDecisions" label="行政许可本年处理决定数量" value={String(manual?.licensingDecisions ?? 0)} inputmode="numeric" />
              <Field name="penaltyDecisions" label="行政处罚本年处理决定数量" value={String(manual?.penaltyDecisions ?? 0)} inputmode="numeric" />
              <Field name="enforcementDecisions" label="行政强制本年处理决定数量" value={String(manual?.enforcementDecisions ?? 0)} inputmode="numeric" />
              <Field name="feesCollectedWanYuan" label="行政事业性收费本年收费金额（万元）" value={String(manual?.feesCollectedWanYuan ?? 0)} inputmode="decimal" />
              <Field name="printedMaterials" label="分发的宣传资料（份）" value={manual?.printedMaterials == null ? '' : String(manual.printedMaterials)} inputmode="numeric" />
              {(['overview', 'problems', 'other'] as const).map((k) => (
                <div class="field">
                  <label for={`f-${k}`}>{{ overview: '总体情况（概述）', problems: '存在的主要问题及改进情况', other: '其他需要报告的事项' }[k]}</label>
                  <textarea id={`f-${k}`} name={k} rows={4}>
                    {manual?.narrative?.[k] ?? ''}
                  </textarea>
                </div>
              ))}
              {props.assessmentQuote && (
                <section aria-labelledby="assessment-quote" class="notice">
                  <h3 id="assessment-quote">本年度考核结果（可引用到“其他需要报告的事项”）</h3>
                  <p>{props.assessmentQuote}</p>
                  <p class="hint">
                    由<a href="/console/assessment">考核评估</a>按记录计算；需要时复制到上面的文本框。
                  </p>
                </section>
              )}
              <button type="submit">保存草稿</button>
            </form>
          )}
          {view.stored && (
            <div class="actions">
              {view.stored.status === 'draft' && (
                <form method="post" action="/console/reports/save" class="inline-form">
                  {hidden}
                  <input type="hidden" name="action" value="finalise" />
                  <input type="hidden" name="id" value={String(view.stored.id)} />
                  <button type="submit">定稿</button>
                </form>
              )}
              {view.stored.status === 'final' && !view.stored.published && (
                <form method="post" action="/console/reports/save" class="inline-form">
                  {hidden}
                  <input type="hidden" name="action" value="publish" />
                  <input type="hidden" name="id" value={String(view.stored.id)} />
                  <button type="submit">发布到门户“政府信息公开年报”栏目</button>
                </form>
              )}
              {view.stored.status === 'final' && (
                <form method="post" action="/console/reports/save" class="stack">
                  {hidden}
                  <input type="hidden" name="action" value="supersede" />
                  <input type="hidden" name="id" value={String(view.stored.id)} />
                  <Field name="reason" label="更正理由" />
                  <button type="submit" class="secondary">
                    发布更正版本（原定稿不修改）
                  </button>
                </form>
              )}
            </div>
          )}
        </>
      )}
    </ConsolePage>
  );
}
