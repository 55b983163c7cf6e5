/** `TrackStates`: the cached evaluator behind `shapeAt` gives the same states in any order, building each segment once. */
import { describe, expect, it } from "vitest";

import { parseTrack } from "../../src/interpolation/wire";
import { shapeAt, TrackStates, type TrackStateStats } from "../../src/interpolation/state";

const polygon = parseTrack({
  id: "p",
  kind: "polygon",
  label_id: 1,
  attributes: { make: "vw" },
  keyframes: [
    { frame: 0, points: [0, 0, 10, 0, 10, 10, 0, 10], attributes: { moving: true } },
    { frame: 6, points: [20, 0, 25, 0, 30, 0, 30, 10, 20, 10] },
    { frame: 9, points: [20, 0, 30, 0, 30, 10], outside: true },
    { frame: 14, points: [0, 0, 10, 0, 5, 8], attributes: { moving: false }, occluded: true },
    { frame: 20, points: [5, 5, 15, 5, 10, 13] },
  ],
});

function shuffled(n: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  let seed = 11;
  for (let i = n - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("track states", () => {
  it("give exactly shapeAt's state on every frame, visited in any order", () => {
    const states = new TrackStates(polygon);
    for (const f of [...shuffled(25), ...shuffled(25)]) expect(states.at(f)).toEqual(shapeAt(polygon, f));
  });

  it("build each keyframe pair's segment once while stepping through the frames", () => {
    const stats: TrackStateStats = { segments: 0, merges: 0 };
    const states = new TrackStates(polygon, stats);
    for (let f = 0; f <= 25; f++) states.at(f);
    for (let f = 25; f >= 0; f--) states.at(f);
    // Interpolated pairs: 0→6, 6→9 and 14→20 (9 is outside: its frames hold).
    expect(stats.segments).toBe(3);
  });

  it("merge each keyframe's attributes once, sharing them across keyframes that set none", () => {
    const stats: TrackStateStats = { segments: 0, merges: 0 };
    const states = new TrackStates(polygon, stats);
    for (const f of shuffled(25)) states.at(f);
    expect(stats.merges).toBe(2);
    expect(states.at(16)!.attributes).toEqual({ make: "vw", moving: false });
  });

  it("is null before the first keyframe", () => {
    const late = parseTrack({ id: "l", kind: "points", label_id: 1, keyframes: [{ frame: 3, points: [1, 1] }] });
    expect(new TrackStates(late).at(2)).toBeNull();
  });
});
