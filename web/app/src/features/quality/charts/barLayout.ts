/** Where the bars of a horizontal bar chart go: one row per item, lengths on a shared linear axis. */
import { linearScale } from "./scale";

export interface BarInput {
  key: string;
  /** What the row is (a label, a job, a conflict type), already translated. */
  name: string;
  /** null: nothing measured; the row is drawn without a bar. */
  value: number | null;
}

export interface BarGeometry extends BarInput {
  y: number;
  width: number;
}

export interface TickGeometry {
  value: number;
  x: number;
}

export interface BarLayout {
  width: number;
  height: number;
  /** Where the axis starts: left of it are the row names. */
  plotLeft: number;
  plotRight: number;
  rowHeight: number;
  barHeight: number;
  bars: BarGeometry[];
  ticks: TickGeometry[];
}

export interface BarLayoutOptions {
  /** The axis ticks; the last one is the axis end (values beyond it are drawn to the end). */
  ticks: readonly number[];
  width?: number;
  nameWidth?: number;
  rowHeight?: number;
  /** Room under the rows for the tick values. */
  axisHeight?: number;
}

/** A row name that fits left of the axis: cut to `max` characters with an ellipsis (the table has it whole). */
export function shortName(name: string, max = 20): string {
  const chars = [...name];
  return chars.length <= max ? name : `${chars.slice(0, max - 1).join("")}…`;
}

export function barLayout(items: readonly BarInput[], options: BarLayoutOptions): BarLayout {
  const { ticks, width = 480, nameWidth = 140, rowHeight = 22, axisHeight = 20 } = options;
  const plotLeft = nameWidth;
  const plotRight = width - 20;
  const first = ticks[0] ?? 0;
  const last = ticks[ticks.length - 1] ?? 1;
  const x = linearScale([first, last], [plotLeft, plotRight]);
  const barHeight = Math.round(rowHeight * 0.64);
  const clamp = (v: number) => Math.min(Math.max(v, first), last);
  return {
    width,
    height: items.length * rowHeight + axisHeight,
    plotLeft,
    plotRight,
    rowHeight,
    barHeight,
    bars: items.map((item, i) => ({
      ...item,
      y: i * rowHeight + (rowHeight - barHeight) / 2,
      width: item.value === null ? 0 : x(clamp(item.value)) - plotLeft,
    })),
    ticks: ticks.map((value) => ({ value, x: x(value) })),
  };
}
