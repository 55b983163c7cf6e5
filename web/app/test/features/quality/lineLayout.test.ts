import { describe, expect, it } from "vitest";
import { allPeriods, lineLayout, valuesOn } from "../../../src/features/quality/charts/lineLayout";

const options = { periods: ["2026-11-02", "2026-11-09", "2026-11-16"], yTicks: [0, 0.5, 1], width: 300, height: 124 };
// the plot runs from x = 44 to 284 (120 px a period) and from y = 100 (0) up to 10 (1)

describe("lineLayout", () => {
  it("draws a series through its periods, higher values higher up", () => {
    const [line] = lineLayout([{ key: "a", name: "ada", values: [0, 0.5, 1] }], options).lines;
    expect(line?.path).toBe("M 44 100 L 164 55 L 284 10");
  });

  it("breaks the line where a period has no value", () => {
    const [line] = lineLayout([{ key: "a", name: "ada", values: [0.5, null, 1] }], options).lines;
    expect(line?.path).toBe("M 44 55 M 284 10");
    expect(line?.points.map((p) => p.value)).toEqual([0.5, 1]);
  });

  it("places a tick under each period and along the value axis", () => {
    const layout = lineLayout([], options);
    expect(layout.xTicks.map((t) => t.x)).toEqual([44, 164, 284]);
    expect(layout.yTicks).toEqual([
      { value: 0, y: 100 },
      { value: 0.5, y: 55 },
      { value: 1, y: 10 },
    ]);
  });
});

describe("allPeriods and valuesOn", () => {
  it("line the series up on every period any of them has", () => {
    const a = [{ period: "2026-11-09", accuracy: 0.8 }];
    const b = [{ period: "2026-11-02", accuracy: 0.5 }, { period: "2026-11-09", accuracy: null }];
    const periods = allPeriods([{ points: a }, { points: b }]);
    expect(periods).toEqual(["2026-11-02", "2026-11-09"]);
    expect(valuesOn(a, periods, (p) => p.accuracy)).toEqual([null, 0.8]);
    expect(valuesOn(b, periods, (p) => p.accuracy)).toEqual([0.5, null]);
  });
});
