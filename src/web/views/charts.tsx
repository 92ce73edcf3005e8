/**
 * Charts drawn as SVG on the server: readable without JavaScript, named for screen readers (role="img"
 * with a <title> that states every value), coloured by classes from site.css (the CSP allows no inline
 * style), each with its data table beside it — the table, not the picture, is the record.
 */
import type { Child } from 'hono/jsx';

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { top: 16, right: 12, bottom: 44, left: 44 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;
/** Series beyond this many are folded into “其他” (the palette has this many distinct colours plus grey). */
export const MAX_SERIES = 6;

/** A round upper bound for the axis: 1, 2, 5 × 10ⁿ. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (max <= step * power) return step * power;
  return 10 * power;
}

const fmt = (v: number) => String(Math.round(v * 10) / 10);

function Axis(props: { max: number; unit: string }) {
  const ticks = [0, props.max / 2, props.max];
  return (
    <g class="chart-axis">
      {ticks.map((t) => {
        const y = PAD.top + PLOT_H * (1 - t / props.max);
        return (
          <g>
            <line x1={PAD.left} y1={y} x2={WIDTH - PAD.right} y2={y} class={t === 0 ? 'chart-baseline' : 'chart-grid'} />
            <text x={PAD.left - 6} y={y + 4} text-anchor="end" font-size="13">
              {fmt(t)}
            </text>
          </g>
        );
      })}
      <text x={4} y={PAD.top - 4} font-size="13">
        {props.unit}
      </text>
    </g>
  );
}

function XLabels(props: { labels: readonly string[] }) {
  const step = PLOT_W / Math.max(1, props.labels.length);
  return (
    <g class="chart-axis">
      {props.labels.map((l, i) => (
        <text x={PAD.left + i * step + step / 2} y={HEIGHT - PAD.bottom + 16} text-anchor="middle" font-size="13">
          {l}
        </text>
      ))}
    </g>
  );
}

function Figure(props: { id: string; title: string; spoken: string; svg: Child; table: Child; note?: string }) {
  return (
    <figure class="chart" aria-labelledby={`${props.id}-caption`}>
      <figcaption id={`${props.id}-caption`}>{props.title}</figcaption>
      <div class="chart-pair">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${props.id}-title`} class="chart-svg" preserveAspectRatio="xMidYMid meet">
          <title id={`${props.id}-title`}>{props.spoken}</title>
          {props.svg}
        </svg>
        <div class="table-scroll chart-table">{props.table}</div>
      </div>
      {props.note && <p class="hint">{props.note}</p>}
    </figure>
  );
}

/** One series of bars. */
export function BarChart(props: { id: string; title: string; data: ReadonlyArray<{ label: string; value: number }>; unit: string; note?: string }) {
  const max = niceMax(Math.max(0, ...props.data.map((d) => d.value)));
  const step = PLOT_W / Math.max(1, props.data.length);
  const y = (v: number) => PAD.top + PLOT_H * (1 - v / max);
  return (
    <Figure
      id={props.id}
      title={props.title}
      note={props.note}
      spoken={`${props.title}：${props.data.map((d) => `${d.label} ${d.value}${props.unit}`).join('，')}`}
      svg={
        <>
          <Axis max={max} unit={props.unit} />
          {props.data.map((d, i) => (
            <g>
              <rect x={PAD.left + i * step + step * 0.15} y={y(d.value)} width={step * 0.7} height={PAD.top + PLOT_H - y(d.value)} class="series-0" />
              {d.value > 0 && (
                <text x={PAD.left + i * step + step / 2} y={y(d.value) - 3} text-anchor="middle" font-size="13">
                  {d.value}
                </text>
              )}
            </g>
          ))}
          <XLabels labels={props.data.map((d) => d.label)} />
        </>
      }
      table={
        <table>
          <caption class="visually-hidden">{props.title}（数据表）</caption>
          <thead>
            <tr>
              <th scope="col">期间</th>
              <th scope="col">数量（{props.unit}）</th>
            </tr>
          </thead>
          <tbody>
            {props.data.map((d) => (
              <tr>
                <th scope="row">{d.label}</th>
                <td class="num">{d.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** Folds series beyond `MAX_SERIES − 1` into one “其他” series (keeps all when there are at most `MAX_SERIES`). */
export function foldSeries(series: ReadonlyArray<{ label: string; values: readonly number[] }>, width: number): Array<{ label: string; values: number[] }> {
  const all = series.map((s) => ({ label: s.label, values: [...s.values] }));
  if (all.length <= MAX_SERIES) return all;
  const kept = all.slice(0, MAX_SERIES - 1);
  const rest = all.slice(MAX_SERIES - 1);
  return [...kept, { label: `其他（${rest.length} 项）`, values: Array.from({ length: width }, (_, i) => rest.reduce((n, s) => n + (s.values[i] ?? 0), 0)) }];
}

/** Stacked bars: one bar per period, one coloured segment per series, a legend, and the table with totals. */
export function StackedBarChart(props: { id: string; title: string; periods: readonly string[]; labels?: readonly string[]; series: ReadonlyArray<{ label: string; values: readonly number[] }>; unit: string; note?: string; empty?: string }) {
  const labels = props.labels ?? props.periods;
  const series = foldSeries(props.series, props.periods.length);
  const totals = props.periods.map((_, i) => series.reduce((n, s) => n + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const step = PLOT_W / Math.max(1, props.periods.length);
  const h = (v: number) => (PLOT_H * v) / max;
  const spoken = `${props.title}：${props.periods.map((_, i) => `${labels[i]} 共 ${totals[i]}${props.unit}${series.filter((s) => (s.values[i] ?? 0) > 0).map((s) => `，${s.label} ${s.values[i]}`).join('')}`).join('；')}`;
  return (
    <Figure
      id={props.id}
      title={props.title}
      note={props.note}
      spoken={series.length === 0 ? `${props.title}：${props.empty ?? '没有数据'}` : spoken}
      svg={
        <>
          <Axis max={max} unit={props.unit} />
          {props.periods.map((_, i) => {
            let base = PAD.top + PLOT_H;
            return (
              <g>
                {series.map((s, k) => {
                  const v = s.values[i] ?? 0;
                  if (v === 0) return null;
                  base -= h(v);
                  return <rect x={PAD.left + i * step + step * 0.15} y={base} width={step * 0.7} height={h(v)} class={`series-${k}`} />;
                })}
                {totals[i]! > 0 && (
                  <text x={PAD.left + i * step + step / 2} y={base - 3} text-anchor="middle" font-size="13">
                    {totals[i]}
                  </text>
                )}
              </g>
            );
          })}
          <XLabels labels={labels} />
        </>
      }
      table={
        series.length === 0 ? (
          <p>{props.empty ?? '没有数据'}</p>
        ) : (
          <table>
            <caption class="visually-hidden">{props.title}（数据表）</caption>
            <thead>
              <tr>
                <th scope="col">期间</th>
                {series.map((s, k) => (
                  <th scope="col">
                    <span class={`swatch series-${k}`} aria-hidden="true"></span>
                    {s.label}
                  </th>
                ))}
                <th scope="col">合计</th>
              </tr>
            </thead>
            <tbody>
              {props.periods.map((_, i) => (
                <tr>
                  <th scope="row">{labels[i]}</th>
                  {series.map((s) => (
                    <td class="num">{s.values[i] ?? 0}</td>
                  ))}
                  <td class="num">{totals[i]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    />
  );
}

/** A line over the periods for a rate or an average; a period without a value (null) breaks the line and reads “—”. */
export function LineChart(props: { id: string; title: string; periods: readonly string[]; labels?: readonly string[]; values: ReadonlyArray<number | null>; unit: string; max?: number; valueLabel: string; note?: string }) {
  const labels = props.labels ?? props.periods;
  const max = props.max ?? niceMax(Math.max(0, ...props.values.map((v) => v ?? 0)));
  const step = PLOT_W / Math.max(1, props.periods.length);
  const x = (i: number) => PAD.left + i * step + step / 2;
  const y = (v: number) => PAD.top + PLOT_H * (1 - v / max);
  const segments: Array<Array<[number, number]>> = [];
  props.values.forEach((v, i) => {
    if (v === null) return;
    const last = segments[segments.length - 1];
    if (last && props.values[i - 1] !== null && i > 0) last.push([x(i), y(v)]);
    else segments.push([[x(i), y(v)]]);
  });
  return (
    <Figure
      id={props.id}
      title={props.title}
      note={props.note}
      spoken={`${props.title}：${props.values.map((v, i) => `${labels[i]} ${v === null ? '无' : `${v}${props.unit}`}`).join('，')}`}
      svg={
        <>
          <Axis max={max} unit={props.unit} />
          {segments.map((s) => (
            <polyline points={s.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ')} class="chart-line" fill="none" />
          ))}
          {props.values.map((v, i) =>
            v === null ? null : (
              <g>
                <circle cx={x(i)} cy={y(v)} r="4" class="chart-point" />
                <text x={x(i)} y={y(v) - 8} text-anchor="middle" font-size="13">
                  {fmt(v)}
                </text>
              </g>
            ),
          )}
          <XLabels labels={labels} />
        </>
      }
      table={
        <table>
          <caption class="visually-hidden">{props.title}（数据表）</caption>
          <thead>
            <tr>
              <th scope="col">期间</th>
              <th scope="col">
                {props.valueLabel}（{props.unit}）
              </th>
            </tr>
          </thead>
          <tbody>
            {props.values.map((v, i) => (
              <tr>
                <th scope="row">{labels[i]}</th>
                <td class="num">{v === null ? '—' : v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
