/** A bar chart drawn as SVG on the server: readable without JavaScript, labelled for screen readers, with its data table beside it. */

export function BarChart(props: { title: string; data: Array<{ label: string; value: number }>; unit: string }) {
  const width = 640;
  const height = 220;
  const pad = { top: 20, right: 10, bottom: 40, left: 36 };
  const max = Math.max(1, ...props.data.map((d) => d.value));
  const barW = (width - pad.left - pad.right) / Math.max(1, props.data.length);
  const y = (v: number) => pad.top + (height - pad.top - pad.bottom) * (1 - v / max);
  const id = `chart-${props.title.length}-${props.data.length}`;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title`} width="100%">
        <title id={`${id}-title`}>
          {props.title}：{props.data.map((d) => `${d.label} ${d.value}${props.unit}`).join('，')}
        </title>
        <line x1={pad.left} y1={height - pad.bottom} x2={width - pad.right} y2={height - pad.bottom} stroke="#5b6472" />
        {props.data.map((d, i) => (
          <g>
            <rect x={pad.left + i * barW + 4} y={y(d.value)} width={barW - 8} height={height - pad.bottom - y(d.value)} fill="#0b4f9c" />
            <text x={pad.left + i * barW + barW / 2} y={y(d.value) - 4} text-anchor="middle" font-size="12" fill="#1a1a1a">
              {d.value}
            </text>
            <text x={pad.left + i * barW + barW / 2} y={height - pad.bottom + 16} text-anchor="middle" font-size="11" fill="#4a4a4a">
              {d.label}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>{props.title}</figcaption>
    </figure>
  );
}
