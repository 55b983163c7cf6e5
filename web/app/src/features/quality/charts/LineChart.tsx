import { useId } from "react";
import { lineLayout, type SeriesInput } from "./lineLayout";

interface LineChartProps {
  title: string;
  series: readonly SeriesInput[];
  periods: readonly string[];
  formatPeriod: (period: string) => string;
  yTicks: readonly number[];
  formatTick: (value: number) => string;
  testId?: string;
}

/** Series of a figure over time in inline SVG, one colour per series, with a legend; the table beside it
 * holds the figures. */
export function LineChart({ title, series, periods, formatPeriod, yTicks, formatTick, testId }: LineChartProps) {
  const titleId = useId();
  const layout = lineLayout(series, { periods, yTicks });
  return (
    <figure className="quality-line">
      <svg className="quality-chart" viewBox={`0 0 ${layout.width} ${layout.height}`} width="100%" role="img" aria-labelledby={titleId} data-testid={testId}>
        <title id={titleId}>{title}</title>
        {layout.yTicks.map((tick) => (
          <g key={tick.value} className="quality-chart__tick">
            <line x1={layout.plotLeft} x2={layout.plotRight} y1={tick.y} y2={tick.y} />
            <text x={layout.plotLeft - 6} y={tick.y} textAnchor="end" dominantBaseline="middle">
              {formatTick(tick.value)}
            </text>
          </g>
        ))}
        {layout.xTicks.map((tick) => (
          <text key={tick.label} className="quality-chart__period" x={tick.x} y={layout.height - 6} textAnchor="middle">
            {formatPeriod(tick.label)}
          </text>
        ))}
        {layout.lines.map((line, i) => (
          <g key={line.key} className={`quality-line__series quality-line__series--${i % 6}`} data-series={line.key}>
            <path d={line.path} fill="none" />
            {line.points.map((p) => (
              <circle key={`${p.x}`} cx={p.x} cy={p.y} r={3} data-value={p.value} />
            ))}
          </g>
        ))}
      </svg>
      <figcaption className="quality-legend">
        {layout.lines.map((line, i) => (
          <span key={line.key} className="quality-legend__item">
            <span className={`quality-legend__swatch quality-line__series--${i % 6}`} aria-hidden="true" />
            {line.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
