/** Where the lines of a line chart go: one line per series over shared periods, rates on a 0..1 axis.
 * A period without a value breaks the line (nothing was measured then; no line is drawn through it). */
import { linearScale } from "./scale";

export interface SeriesInput {
  key: string;
  name: string;
  /** One value per period, in the periods' order; null where nothing was measured. */
  values: readonly (number | null)[];
}

export interface LineGeometry {
  key: string;
  name: string;
  /** SVG path data: `M x y L x y ...`, a new `M` after each gap. */
  path: string;
  /** The measured points, for markers. */
  points: { x: number; y: number; value: number }[];
}

export interface LineLayout {
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  plotTop: number;
  plotBottom: number;
  lines: LineGeometry[];
  xTicks: { label: string; x: number }[];
  yTicks: { value: number; y: number }[];
}

export interface LineLayoutOptions {
  periods: readonly string[];
  yTicks: readonly number[];
  width?: number;
  height?: number;
}

const round = (v: number) => Math.round(v * 100) / 100;

export function lineLayout(series: readonly SeriesInput[], options: LineLayoutOptions): LineLayout {
  const { periods, yTicks, width = 560, height = 220 } = options;
  const plotLeft = 44;
  const plotRight = width - 16;
  const plotTop = 10;
  const plotBottom = height - 24;
  const x = linearScale([0, Math.max(1, periods.length - 1)], [plotLeft, plotRight]);
  const yMin = yTicks[0] ?? 0;
  const yMax = yTicks[yTicks.length - 1] ?? 1;
  const y = linearScale([yMin, yMax], [plotBottom, plotTop]);
  const lines = series.map((s) => {
    const points: LineGeometry["points"] = [];
    let path = "";
    let drawing = false;
    s.values.forEach((value, i) => {
      if (value === null || !Number.isFinite(value) || i >= periods.length) {
        drawing = false;
        return;
      }
      const px = round(x(i));
      const py = round(y(Math.min(Math.max(value, yMin), yMax)));
      path += `${path === "" ? "" : " "}${drawing ? "L" : "M"} ${px} ${py}`;
      drawing = true;
      points.push({ x: px, y: py, value });
    });
    return { key: s.key, name: s.name, path, points };
  });
  return {
    width,
    height,
    plotLeft,
    plotRight,
    plotTop,
    plotBottom,
    lines,
    xTicks: periods.map((label, i) => ({ label, x: round(x(i)) })),
    yTicks: yTicks.map((value) => ({ value, y: round(y(value)) })),
  };
}

/** Every period any series has, in order (ISO dates sort as text). */
export function allPeriods(series: readonly { points: readonly { period: string }[] }[]): string[] {
  return [...new Set(series.flatMap((s) => s.points.map((p) => p.period)))].sort();
}

/** A series' values on `periods`, null where it has no point. */
export function valuesOn<P extends { period: string }>(points: readonly P[], periods: readonly string[], value: (p: P) => number | null): (number | null)[] {
  const byPeriod = new Map(points.map((p) => [p.period, p]));
  return periods.map((period) => {
    const point = byPeriod.get(period);
    return point === undefined ? null : value(point);
  });
}
