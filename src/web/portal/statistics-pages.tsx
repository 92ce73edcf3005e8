/**
 * 依申请公开统计 on the portal: the requests each agency of the portal's tree received and handled in a
 * year, by channel and by outcome (the rows of the annual report's table 三), with the year selectable —
 * counts only, no applicant's name, request text or tracking number ever reaches this page.
 */
import { Hono } from 'hono';
import { OUTCOME_GROUPS, OUTCOME_GROUP_LABELS, outcomeDefinition, outcomesInGroup } from '../../domain/requests/index.ts';
import { REQUEST_CHANNEL_GROUPS, REQUEST_CHANNEL_GROUP_LABELS } from '../../domain/reports/index.ts';
import type { YearlyRequestStatistics } from '../../domain/statistics/index.ts';
import type { PublicRequestStatistics } from '../../services/request-statistics.ts';
import type { AppEnv } from '../context.ts';
import { BarChart } from '../views/charts.tsx';
import { Breadcrumb } from '../views/layout.tsx';
import { loadPortal, PortalPage, type PortalData } from './portal-routes.tsx';
import { PORTAL_SECTIONS } from './portal-sections.ts';

export const REQUEST_STATISTICS_SLUG = 'request-statistics';

const shortGroup = (label: string) => label.replace(/^（.）/, '').replace(/（.*）$/, '');

/** Routes of the statistics page (registered before the portal's catch-all section route). */
export function statisticsRoutes() {
  const app = new Hono<AppEnv>();
  app.get(`/xxgk/${REQUEST_STATISTICS_SLUG}`, async (c) => {
    const data = await loadPortal(c);
    const raw = c.req.query('year');
    const year = raw && /^\d{4}$/.test(raw) ? Number(raw) : undefined;
    const stats = await c.get('services').requestStatistics(data.agency.id, year === undefined ? {} : { year });
    return c.html(<StatisticsPage c={c} data={data} stats={stats} />);
  });
  return app;
}

function StatisticsPage(props: { c: Parameters<typeof PortalPage>[0]['c']; data: PortalData; stats: PublicRequestStatistics }) {
  const { c, data, stats } = props;
  const section = PORTAL_SECTIONS.find((s) => s.slug === REQUEST_STATISTICS_SLUG)!;
  const total = stats.total;
  return (
    <PortalPage c={c} data={data} title={stats.year ? `${stats.year}年${section.title}` : section.title} current={REQUEST_STATISTICS_SLUG}>
      <Breadcrumb items={[{ href: '/', label: '首页' }, { label: section.title }]} />
      <h1>{section.title}</h1>
      <p>{section.summary}</p>
      <p class="hint">依据：{section.basis}。统计口径与年度报告表三相同：收到申请之日按条例第三十一条确定，办理结果按答复、撤回或终止之日计入当年。</p>
      {stats.year === null || total === null ? (
        <div class="notice">
          <p>尚无政府信息公开申请的统计数据。</p>
        </div>
      ) : (
        <>
          <form method="get" action={`/xxgk/${REQUEST_STATISTICS_SLUG}`} class="filters">
            <div class="field">
              <label for="f-year">年份</label>
              <select id="f-year" name="year">
                {stats.years.map((y) => (
                  <option value={String(y)} selected={y === stats.year}>
                    {y}年
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">查看</button>
          </form>
          <h2>
            {stats.year}年{data.agency.name}及所属单位合计{stats.partial ? `（截至 ${stats.today}）` : ''}
          </h2>
          <Summary stats={total} />
          <ChannelTable year={stats.year} rows={stats.rows} total={total} />
          <OutcomeTable year={stats.year} rows={stats.rows} total={total} />
          <OutcomeDetail year={stats.year} total={total} />
          <BarChart id="stats-received-by-year" title="历年新收政府信息公开申请数量" unit="件" data={stats.receivedByYear.map((r) => ({ label: `${r.year}`, value: r.received }))} />
          <p>
            各年度的完整统计见<a href="/xxgk/annual-reports">政府信息公开工作年度报告</a>。本页只公布数量，不含申请人及申请内容等信息。
          </p>
        </>
      )}
    </PortalPage>
  );
}

function Summary(props: { stats: YearlyRequestStatistics }) {
  const s = props.stats;
  return (
    <dl class="stat-summary">
      <div>
        <dt>本年新收申请</dt>
        <dd>{s.received} 件</dd>
      </div>
      <div>
        <dt>上年结转</dt>
        <dd>{s.carriedIn} 件</dd>
      </div>
      <div>
        <dt>本年办结</dt>
        <dd>{s.closed} 件</dd>
      </div>
      <div>
        <dt>结转下年度继续办理</dt>
        <dd>{s.carriedOut} 件</dd>
      </div>
      <div>
        <dt>本年作出答复</dt>
        <dd>
          {s.replied} 件，其中按期答复 {s.repliedOnTime} 件
        </dd>
      </div>
    </dl>
  );
}

type Row = PublicRequestStatistics['rows'][number];

function ChannelTable(props: { year: number; rows: Row[]; total: YearlyRequestStatistics }) {
  return (
    <div class="table-scroll">
      <table>
        <caption>{props.year}年新收申请（按申请渠道，单位：件）</caption>
        <thead>
          <tr>
            <th scope="col">机关、单位</th>
            {REQUEST_CHANNEL_GROUPS.map((g) => (
              <th scope="col">{REQUEST_CHANNEL_GROUP_LABELS[g]}</th>
            ))}
            <th scope="col">合计</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <th scope="row">{r.agency.name}</th>
              {REQUEST_CHANNEL_GROUPS.map((g) => (
                <td class="num">{r.stats.byChannel[g]}</td>
              ))}
              <td class="num">{r.stats.received}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">合计</th>
            {REQUEST_CHANNEL_GROUPS.map((g) => (
              <td class="num">{props.total.byChannel[g]}</td>
            ))}
            <td class="num">{props.total.received}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function OutcomeTable(props: { year: number; rows: Row[]; total: YearlyRequestStatistics }) {
  const cells = (s: YearlyRequestStatistics) => (
    <>
      {OUTCOME_GROUPS.map((g) => (
        <td class="num">{s.byOutcomeGroup[g]}</td>
      ))}
      <td class="num">{s.closed}</td>
      <td class="num">{s.carriedOut}</td>
    </>
  );
  return (
    <div class="table-scroll">
      <table>
        <caption>{props.year}年办结申请（按办理结果，单位：件）</caption>
        <thead>
          <tr>
            <th scope="col">机关、单位</th>
            {OUTCOME_GROUPS.map((g) => (
              <th scope="col">{shortGroup(OUTCOME_GROUP_LABELS[g])}</th>
            ))}
            <th scope="col">办结合计</th>
            <th scope="col">结转下年度</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <th scope="row">{r.agency.name}</th>
              {cells(r.stats)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">合计</th>
            {cells(props.total)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function OutcomeDetail(props: { year: number; total: YearlyRequestStatistics }) {
  return (
    <div class="table-scroll">
      <table>
        <caption>{props.year}年办理结果明细（合计，按年度报告表三的行目）</caption>
        <thead>
          <tr>
            <th scope="col">办理结果</th>
            <th scope="col">件数</th>
          </tr>
        </thead>
        <tbody>
          {OUTCOME_GROUPS.flatMap((g) => {
            const outcomes = outcomesInGroup(g);
            const groupRow = (
              <tr>
                <th scope="row">{OUTCOME_GROUP_LABELS[g]}</th>
                <td class="num">{props.total.byOutcomeGroup[g]}</td>
              </tr>
            );
            if (outcomes.length === 1) return [groupRow];
            return [
              groupRow,
              ...outcomes.map((o) => (
                <tr>
                  <th scope="row" class="indent">
                    {outcomeDefinition(o).rowLabel}
                  </th>
                  <td class="num">{props.total.byOutcome[o]}</td>
                </tr>
              )),
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}
