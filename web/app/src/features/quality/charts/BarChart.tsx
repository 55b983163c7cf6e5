import { useId } from "react";
import { barLayout, shortName, type BarInput } from "./barLayout";

interface BarChartProps {
  /** What the chart shows; read out by screen readers (the table beside it holds the figures). */
  title: string;
  bars: readonly BarInput[];
  ticks: readonly number[];
  formatTick: (value: number) => string;
  formatValue: (value: number | null) => string;
  testId?: string;
}

/** A horizontal bar chart in inline SVG: one row per item, its value written at the end of its bar. */
export function BarChart({ title, bars, ticks, formatTick, formatValue, testId }: BarChartProps) {
  const titleId = useId();
  const layout = barLayout(bars, { ticks });
  const axisY = bars.length * layout.rowHeight;
  return (
    <svg
      className="quality-chart"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width="100%"
      role="img"
      aria-labelledby={titleId}
      data-testid={testId}
    >
      <title id={titleId}>{title}</title>
      {layout.ticks.map((tick) => (
        <g key={tick.value} className="quality-chart__tick">
          <line x1={tick.x} x2={tick.x} y1={0} y2={axisY} />
          <text x={tick.x} y={axisY + 14} textAnchor="middle">
            {formatTick(tick.value)}
          </text>
        </g>
      ))}
      {layout.bars.map((bar) => (
        <g key={bar.key} className="quality-chart__row" data-value={bar.value ?? ""}>
          <text x={layout.plotLeft - 6} y={bar.y + layout.barHeight / 2} textAnchor="end" dominantBaseline="middle">
            {shortName(bar.name)}
          </text>
          <rect className="quality-chart__bar" x={layout.plotLeft} y={bar.y} width={bar.width} height={layout.barHeight} />
          <text className="quality-chart__value" x={layout.plotLeft + bar.width + 4} y={bar.y + layout.barHeight / 2} dominantBaseline="middle">
            {formatValue(bar.value)}
          </text>
        </g>
      ))}
    </svg>
  );
}
