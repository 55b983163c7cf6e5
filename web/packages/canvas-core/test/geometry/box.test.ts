import { describe, expect, it } from "vitest";

import { boxContainsBox, boxFromCorners, boxOfPoints, boxesIntersect, expandBox, unionBox } from "../../src/geometry/box";

describe("box", () => {
  it("is built from corners given in any order", () => {
    expect(boxFromCorners(10, 20, 0, 5)).toEqual({ minX: 0, minY: 5, maxX: 10, maxY: 20 });
  });

  it("bounds a flat point list and is null for an empty one", () => {
    expect(boxOfPoints([3, 4, -1, 8, 2, 0])).toEqual({ minX: -1, minY: 0, maxX: 3, maxY: 8 });
    expect(boxOfPoints([])).toBeNull();
  });

  it("intersects boxes that share an edge but not separated ones", () => {
    const a = { minX: 0, minY: 0, maxX: 10, maxY: 10 };
    expect(boxesIntersect(a, { minX: 10, minY: 0, maxX: 20, maxY: 5 })).toBe(true);
    expect(boxesIntersect(a, { minX: 10.1, minY: 0, maxX: 20, maxY: 5 })).toBe(false);
  });

  it("expands, unions and tests containment", () => {
    const a = expandBox({ minX: 0, minY: 0, maxX: 1, maxY: 1 }, 1);
    expect(a).toEqual({ minX: -1, minY: -1, maxX: 2, maxY: 2 });
    expect(unionBox(a, { minX: 5, minY: -3, maxX: 6, maxY: 0 })).toEqual({ minX: -1, minY: -3, maxX: 6, maxY: 2 });
    expect(boxContainsBox(a, { minX: 0, minY: 0, maxX: 2, maxY: 2 })).toBe(true);
    expect(boxContainsBox(a, { minX: 0, minY: 0, maxX: 2.5, maxY: 2 })).toBe(false);
  });
});
