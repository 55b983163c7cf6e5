import { describe, expect, it } from "vitest";

import type { AnyTrack } from "../../src/interpolation/model";
import { shapeAt } from "../../src/interpolation/state";
import type { AnyObject } from "../../src/model/object";
import { editedTrack, splitAttributes } from "../../src/tracks/edit";
import { putKeyframe } from "../../src/tracks/keyframes";
import { stateObject } from "../../src/tracks/project";
import { boxTrack } from "../support/fixtures";

const t = { ...boxTrack("t", [[0, 0, 0, 10, 10], [10, 100, 0, 110, 10]]), attributes: { make: "vw" } } as AnyTrack;
const shownAt = (frame: number): AnyObject => stateObject(t, shapeAt(t, frame)!);
const NONE = new Set<string>();

describe("a track edited through its object", () => {
  it("brings the object back where it left when outside is cleared", () => {
    const gone = boxTrack("g", [[0, 0, 0, 10, 10], [4, 40, 0, 50, 10, "outside"]]);
    const shown = stateObject(gone, shapeAt(gone, 6)!);
    const back = editedTrack(gone, shown, { ...shown, outside: false }, 6, NONE);
    expect(back.keyframes.map((k) => [k.frame, k.outside])).toEqual([
      [0, false],
      [4, true],
      [6, false],
    ]);
    expect(back.keyframes[2]!.geometry).toEqual({ x1: 40, y1: 0, x2: 50, y2: 10, rotation: 0 });
  });

  it("writes a keyframe with `source: manual` over a tracker keyframe", () => {
    const tracked = putKeyframe(t, { ...t.keyframes[0]!, source: "tracker" });
    const shown = stateObject(tracked, shapeAt(tracked, 0)!);
    expect(editedTrack(tracked, shown, { ...shown, occluded: true }, 0, NONE).keyframes[0]).toMatchObject({ occluded: true, source: "manual" });
  });

  it("removes an immutable attribute from the track", () => {
    const shown = shownAt(5);
    expect(editedTrack(t, shown, { ...shown, attributes: {} }, 5, NONE).attributes).toEqual({});
  });

  it("leaves the keyframes alone when only the group changed", () => {
    const shown = shownAt(5);
    const next = editedTrack(t, shown, { ...shown, groupId: 7 }, 5, NONE);
    expect(next.group).toBe(7);
    expect(next.keyframes).toBe(t.keyframes);
  });

  it("splits attributes into the track's and the keyframe's by the label's mutable names", () => {
    expect(splitAttributes({ make: "vw", moving: true }, new Set(["moving"]))).toEqual({ track: { make: "vw" }, keyframe: { moving: true } });
  });
});
