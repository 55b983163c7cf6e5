import { describe, expect, it } from "vitest";

import { distanceToSegment, normalizeDegrees, rotateAround } from "../../src/geometry/point";

describe("point geometry", () => {
  it("rotate clockwise on screen for positive degrees", () => {
    const p = rotateAround({ x: 1, y: 0 }, { x: 0, y: 0 }, 90);
    expect(p.x).toBeCloseTo(0);
    expect(p.y).toBeCloseTo(1);
  });

  it("normalise degrees into [0, 360)", () => {
    expect(normalizeDegrees(-90)).toBe(270);
    expect(normalizeDegrees(720)).toBe(0);
    expect(normalizeDegrees(361)).toBe(1);
  });

  it("measure the distance to a segment's end when past it", () => {
    expect(distanceToSegment(13, 4, 0, 0, 10, 0)).toBe(5);
    expect(distanceToSegment(5, 4, 0, 0, 10, 0)).toBe(4);
  });
});
