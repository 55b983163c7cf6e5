import { describe, expect, it } from "vitest";

import { distanceToEdges, nearestVertex, pointInPolygon, signedArea } from "../../src/geometry/polyline";

const square = [0, 0, 10, 0, 10, 10, 0, 10];

describe("vertex lists", () => {
  it("find points inside a polygon, including a concave one", () => {
    expect(pointInPolygon(square, 5, 5)).toBe(true);
    expect(pointInPolygon(square, 11, 5)).toBe(false);
    const u = [0, 0, 30, 0, 30, 30, 20, 30, 20, 10, 10, 10, 10, 30, 0, 30];
    expect(pointInPolygon(u, 15, 20)).toBe(false);
    expect(pointInPolygon(u, 5, 20)).toBe(true);
  });

  it("give a positive area for vertices running clockwise on screen", () => {
    expect(signedArea(square)).toBe(100);
    expect(signedArea([0, 10, 10, 10, 10, 0, 0, 0])).toBe(-100);
  });

  it("measure the distance to the edges, with or without the closing edge", () => {
    expect(distanceToEdges(square, 5, -3, true)).toBe(3);
    expect(distanceToEdges(square, -2, 5, true)).toBe(2);
    // Open, the left side (the closing edge) is missing: the nearest point is the corner (0, 10).
    expect(distanceToEdges(square, -2, 5, false)).toBeCloseTo(Math.hypot(2, 5));
  });

  it("find the nearest vertex", () => {
    expect(nearestVertex(square, 9, 11)).toEqual({ index: 2, distance: Math.hypot(1, 1) });
  });
});
