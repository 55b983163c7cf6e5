import { describe, expect, it } from "vitest";
import { barLayout, shortName } from "../../../src/features/quality/charts/barLayout";

const options = { ticks: [0, 0.5, 1], width: 400, nameWidth: 100, rowHeight: 20, axisHeight: 20 };

describe("barLayout", () => {
  it("gives each item a row and a bar as long as its share of the axis", () => {
    const layout = barLayout(
      [
        { key: "a", name: "car", value: 1 },
        { key: "b", name: "person", value: 0.5 },
      ],
      options,
    );
    // the plot runs from x = 100 to x = 400 - 20 = 380: 280 px for 0..1
    expect(layout.bars.map((b) => b.width)).toEqual([280, 140]);
    expect(layout.bars.map((b) => b.y)).toEqual([3.5, 23.5]);
    expect(layout.height).toBe(60);
  });

  it("draws no bar for a rate with nothing measured", () => {
    expect(barLayout([{ key: "a", name: "car", value: null }], options).bars[0]?.width).toBe(0);
  });

  it("keeps values beyond the axis inside the plot", () => {
    const layout = barLayout([{ key: "a", name: "a", value: 3 }, { key: "b", name: "b", value: -1 }], options);
    expect(layout.bars.map((b) => b.width)).toEqual([280, 0]);
  });

  it("places the ticks along the axis", () => {
    expect(barLayout([], options).ticks).toEqual([
      { value: 0, x: 100 },
      { value: 0.5, x: 240 },
      { value: 1, x: 380 },
    ]);
  });
});

describe("shortName", () => {
  it("keeps a short name whole and cuts a long one with an ellipsis", () => {
    expect(shortName("car")).toBe("car");
    expect(shortName("pedestrian crossing sign", 10)).toBe("pedestria…");
    expect([...shortName("pedestrian crossing sign", 10)]).toHaveLength(10);
  });
});
