/**
 * 年度报告 in the console: choose agency and year, see the draft compiled from the records with
 * every consistency rule checked, enter what the system cannot know, finalise (frozen, hashed,
 * audited), publish to the portal, or start a correction. Exports: HTML, DOCX, CSV, JSON.
 */
import { Hono, type Context } from 'hono';
import { can } from '../../domain/access/roles.ts';
import { REPORT_FORMATS, defaultFormatFor } from '../../domain/reports/index.ts';
import { renderReportCsv } from '../../documents/report-csv.ts';
import { renderReportDocx } from '../../documents/report-docx.ts';
import { renderReportHtml } from '../../documents/report-html.tsx';
import { renderReportJson } from '../../documents/report-json.ts';
import { ServiceError, ValidationError } from '../../services/errors.ts';
import type { ReportView } from '../../services/compile-annual-report.ts';
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
    return c.html(<ReportPage c={c} agencies={agencies} options={options} view={view} />);
  });

  const exportRoute = (kind: 'html' | 'docx' | 'csv' | 'json') => async (c: Context<AppEnv>) => {
    const view = await c.get('services').reports.compile(c.get('actor')!, optionsOf(c.req.query(), 0));
    const name = `${view.agency.name}${view.report.year}年政府信息公开工作年度报告`;
    if (kind === 'html') return serveReportHtml(c, renderReportHtml(view.report, { note: view.frozen ? `定稿 ${view.stored?.finalisedAt ?? ''} · SHA-256 ${view.stored?.contentHash ?? ''}` : '草稿' }));
    if (kind === 'csv') {
      c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.csv`)}`);
      return c.body(`\uFEFF${renderReportCsv(view.report)}`, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
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

function ReportPage(props: { c: Context<AppEnv>; agencies: Array<{ id: number; name: string }>; options: ReturnType<typeof optionsOf>; view: ReportView | undefined; error?: string }) {
  const { c, options, view } = props;
  const qs = `agency=${options.agencyId}&year=${options.year}&format=${options.format}&subunits=${options.includeSubunits ? 1 : 0}`;
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
              <caption class="visually-hidden">由记录统计的数据</caption>
              <thead>
                <tr>
                  <th scope="col">项目</th>
                  <th scope="col">数值</th>
                  <th scope="col">来源记录数</th>
                </tr>
              </thead>
              <tbody>
                {(view.report.figures ?? []).slice(0, 40).map((f) => (
                  <tr>
                    <td>{f.label}</td>
                    <td>
                      {f.value}
                      {f.unit}
                    </td>
                    <td title={f.recordIds.slice(0, 50).join('、')}>{f.recordIds.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
