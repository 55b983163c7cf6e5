import { describe, expect, it } from "vitest";

import { distanceToEllipse, insideEllipse } from "../../src/geometry/ellipse";

/** Brute force: the smallest distance to 200,000 points sampled on the ellipse. */
function sampled(x: number, y: number, rx: number, ry: number): number {
  let best = Infinity;
  const n = 200_000;
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    best = Math.min(best, Math.hypot(x - rx * Math.cos(t), y - ry * Math.sin(t)));
  }
  return best;
}

describe("distanceToEllipse", () => {
  it.each([
    [30, 0, 20, 10],
    [0, 25, 20, 10],
    [15, 15, 20, 10],
    [1, 0.5, 200, 2],
    [-50, 40, 20, 10],
    [5, 1, 20, 10],
  ])("matches brute-force sampling for (%d, %d) and radii %d, %d", (x, y, rx, ry) => {
    expect(distanceToEllipse(x, y, rx, ry)).toBeCloseTo(sampled(x, y, rx, ry), 3);
  });

  it("is zero on the boundary", () => {
    expect(distanceToEllipse(20, 0, 20, 10)).toBeCloseTo(0, 9);
    expect(distanceToEllipse(0, -10, 20, 10)).toBeCloseTo(0, 9);
  });

  it("tells inside from outside", () => {
    expect(insideEllipse(19, 0, 20, 10)).toBe(true);
    expect(insideEllipse(15, 8, 20, 10)).toBe(false);
  });
});
