/**
 * 统计分析 in the console: trends by month of a year or by year — items published by subject category and
 * by unit, requests received by channel and handled by outcome, the on-time reply rate and the mean working
 * days to reply — each as a server-rendered SVG chart with its data table beside it.
 */
import { Hono, type Context } from 'hono';
import { OUTCOME_GROUPS, OUTCOME_GROUP_LABELS } from '../../domain/requests/index.ts';
import { REQUEST_CHANNEL_GROUPS, REQUEST_CHANNEL_GROUP_LABELS } from '../../domain/reports/index.ts';
import { isTrendGranularity } from '../../domain/statistics/index.ts';
import type { TrendsView } from '../../services/build-trends.ts';
import { chinaDateOf } from '../../services/china-time.ts';
import type { AppEnv } from '../context.ts';
import { LineChart, StackedBarChart } from '../views/charts.tsx';
import { ConsolePage } from './console-page.tsx';

/** “（一）予以公开” → “予以公开”, “（二）部分公开（区分处理的…）” → “部分公开”. */
const shortGroup = (label: string) => label.replace(/^（.）/, '').replace(/（.*）$/, '');

/** Routes under /console/trends. */
export function trendRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const q = c.req.query();
    const thisYear = Number(chinaDateOf(c.get('services').deps.clock.now()).slice(0, 4));
    const granularity = isTrendGranularity(q.granularity) ? q.granularity : 'month';
    const year = /^\d{4}$/.test(q.year ?? '') ? Number(q.year) : thisYear;
    const unitId = /^\d+$/.test(q.unit ?? '') ? Number(q.unit) : undefined;
    const view = await c.get('services').trends(c.get('actor')!, { granularity, year, ...(unitId !== undefined && { unitId }) });
    return c.html(<TrendsPage c={c} view={view} />);
  });

  return app;
}

function TrendsPage(props: { c: Context<AppEnv>; view: TrendsView }) {
  const { c, view } = props;
  const { options } = view;
  const labels = view.periods.map((p) => (options.granularity === 'month' ? `${Number(p.slice(5, 7))}月` : `${p}年`));
  const scope = options.unitId !== undefined ? (view.units.find((u) => u.id === options.unitId)?.name ?? '') : '全部单位';
  const span = options.granularity === 'month' ? `${options.year}年各月` : `${view.periods[0] ?? ''}—${view.periods.at(-1) ?? ''}年各年`;
  const r = view.requests;
  return (
    <ConsolePage c={c} title="统计分析">
      <h1>统计分析</h1>
      <p>
        {scope}，{span}。数据截至 {view.today}。信息按首次发布日期计；申请按收到申请之日（条例第三十一条）计入“收到”，按办结之日计入“办结”，
        与年度报告表三的口径一致；答复用时按工作日历计算（不扣除补正、征求意见等不计入期限的时间）。
      </p>
      <form method="get" action="/console/trends" class="filters">
        <div class="field">
          <label for="f-granularity">统计方式</label>
          <select id="f-granularity" name="granularity">
            <option value="month" selected={options.granularity === 'month'}>
              按月（所选年份）
            </option>
            <option value="year" selected={options.granularity === 'year'}>
              按年（历年）
            </option>
          </select>
        </div>
        <div class="field">
          <label for="f-year">年份（按月统计时）</label>
          <select id="f-year" name="year">
            {[...view.years].reverse().map((y) => (
              <option value={String(y)} selected={y === options.year}>
                {y}年
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-unit">单位</label>
          <select id="f-unit" name="unit">
            <option value="">全部单位</option>
            {view.units.map((u) => (
              <option value={String(u.id)} selected={u.id === options.unitId}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">查看</button>
      </form>
      <h2>主动公开信息发布</h2>
      <StackedBarChart id="trend-items-category" title={`${span}发布的主动公开信息（按主题分类）`} periods={view.periods} labels={labels} series={view.itemsByCategory.rows} unit="条" empty="所选期间没有发布信息" />
      <StackedBarChart id="trend-items-unit" title={`${span}发布的主动公开信息（按单位）`} periods={view.periods} labels={labels} series={view.itemsByUnit.rows} unit="条" empty="所选期间没有发布信息" />
      <h2>依申请公开</h2>
      <StackedBarChart
        id="trend-requests-channel"
        title={`${span}收到的政府信息公开申请（按申请渠道）`}
        periods={view.periods}
        labels={labels}
        series={REQUEST_CHANNEL_GROUPS.map((g) => ({ label: REQUEST_CHANNEL_GROUP_LABELS[g], values: r.map((row) => row.received[g]) })).filter((s) => s.values.some((v) => v > 0))}
        unit="件"
        empty="所选期间没有收到申请"
      />
      <StackedBarChart
        id="trend-requests-outcome"
        title={`${span}办结的政府信息公开申请（按办理结果）`}
        periods={view.periods}
        labels={labels}
        series={OUTCOME_GROUPS.map((g) => ({ label: shortGroup(OUTCOME_GROUP_LABELS[g]), values: r.map((row) => row.closed[g]) })).filter((s) => s.values.some((v) => v > 0))}
        unit="件"
        empty="所选期间没有办结的申请"
      />
      <LineChart
        id="trend-on-time"
        title={`${span}按期答复率`}
        periods={view.periods}
        labels={labels}
        values={r.map((row) => row.onTimeRate)}
        unit="%"
        max={100}
        valueLabel="按期答复率"
        note={`答复件数：${r.flatMap((row, i) => (row.replied > 0 ? [`${labels[i]} ${row.replied} 件（按期 ${row.repliedOnTime} 件）`] : [])).join('；') || '无'}。没有答复的期间显示“—”。`}
      />
      <LineChart id="trend-workdays" title={`${span}平均答复用时`} periods={view.periods} labels={labels} values={r.map((row) => row.averageWorkdays)} unit="个工作日" valueLabel="平均答复用时" note="自收到申请之日的次日起至答复之日的工作日数的平均值；当场答复计 0。" />
    </ConsolePage>
  );
}
