import { describe, expect, it } from "vitest";

import { CanvasError } from "../../src/errors";
import { KIND_REGISTRY } from "../../src/kinds/registry";
import { parseJob, trackToWire } from "../../src/tracks/wire";
import { boxKeyframe, wireRect, wireTrack } from "../support/fixtures";

function issues(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof CanvasError) return error.issues.map((i) => `${i.loc.join(".")}: ${i.type}`);
    throw error;
  }
  return [];
}

describe("reading a job", () => {
  it("reads shapes, tags and tracks of every frame", () => {
    const job = parseJob(
      { shapes: [{ ...wireRect("s", 0, 0, 1, 1), frame: 4 }], tags: [{ id: "d", label_id: 6, frame: 0, stop_frame: 9 }], tracks: [wireTrack("t", [boxKeyframe(2, [0, 0, 5, 5])])] },
      KIND_REGISTRY,
      { frame: 0 },
    );
    expect(job.objects.map((o) => `${o.id}@${o.frame}`)).toEqual(["s@4", "d@0"]);
    expect(job.tracks.map((t) => t.id)).toEqual(["t"]);
  });

  it("reports every problem of shapes and tracks at once, located", () => {
    const found = issues(() =>
      parseJob(
        { shapes: [{ id: "s", label_id: 1, kind: "rectangle", points: [1] }], tracks: [wireTrack("t", [boxKeyframe(5, [0, 0, 1, 1]), boxKeyframe(3, [0, 0, 1, 1])]), { ...wireTrack("u", []), label_id: 9 }] },
        KIND_REGISTRY,
        { frame: 0, labelIds: new Set([1]) },
      ),
    );
    expect(found).toEqual(["shapes.0.points: invalid", "tracks.0.keyframes.1.frame: invalid", "tracks.1.label_id: not_found", "tracks.1.keyframes: invalid"]);
  });

  it("refuses a track id that a shape already has", () => {
    expect(issues(() => parseJob({ shapes: [wireRect("x", 0, 0, 1, 1)], tracks: [wireTrack("x", [boxKeyframe(0, [0, 0, 1, 1])])] }, KIND_REGISTRY, { frame: 0 }))).toEqual([
      "tracks.0.id: invalid",
    ]);
  });
});

describe("writing a track", () => {
  it("round-trips the wire form", () => {
    const wire = {
      id: "t",
      kind: "rectangle",
      label_id: 1,
      z_order: 3,
      attributes: { make: "vw" },
      group: 2,
      source: "tracker",
      keyframes: [{ frame: 1, outside: false, occluded: true, attributes: { moving: true }, source: "tracker", points: [0, 0, 4, 4], rotation: 30 }],
    };
    const job = parseJob({ tracks: [wire] }, KIND_REGISTRY, { frame: 0 });
    expect(trackToWire(job.tracks[0]!, KIND_REGISTRY)).toEqual(wire);
  });
});
