import { describe, expect, it } from "vitest";
import { countTicks, linearScale, niceStep, RATE_TICKS } from "../../../src/features/quality/charts/scale";

describe("linearScale", () => {
  it("maps the domain's ends onto the range's ends and what lies between proportionally", () => {
    const x = linearScale([0, 1], [100, 500]);
    expect([x(0), x(0.25), x(1)]).toEqual([100, 200, 500]);
  });

  it("maps every value of a flat domain to the start of the range", () => {
    expect(linearScale([3, 3], [10, 90])(3)).toBe(10);
  });
});

describe("niceStep", () => {
  it("rounds the step up to 1, 2 or 5 times a power of ten", () => {
    expect(niceStep(7, 4)).toBe(2);
    expect(niceStep(100, 4)).toBe(50);
    expect(niceStep(0.9, 4)).toBe(0.5);
    expect(niceStep(40, 4)).toBe(10);
  });
});

describe("countTicks", () => {
  it("runs from 0 to the first round value at or above the largest count", () => {
    expect(countTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(countTicks(120)).toEqual([0, 50, 100, 150]);
  });

  it("never cuts counts into fractions", () => {
    expect(countTicks(2)).toEqual([0, 1, 2]);
  });

  it("still draws an axis when every count is zero", () => {
    expect(countTicks(0)).toEqual([0, 1]);
  });
});

describe("the rate axis", () => {
  it("goes from 0 to 100 % by quarters", () => {
    expect(RATE_TICKS).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});
