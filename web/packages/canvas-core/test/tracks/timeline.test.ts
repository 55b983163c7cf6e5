import { describe, expect, it } from "vitest";

import { keyframeAfter, keyframeBefore, timelineOf } from "../../src/tracks/timeline";
import { putKeyframe } from "../../src/tracks/keyframes";
import { boxTrack } from "../support/fixtures";

const t = boxTrack("t", [
  [2, 0, 0, 1, 1],
  [5, 0, 0, 1, 1, "outside"],
  [9, 0, 0, 1, 1],
  [12, 0, 0, 1, 1, "outside"],
  [14, 0, 0, 1, 1, "outside"],
]);

describe("timeline of a track", () => {
  it("lists the keyframe frames in order", () => {
    expect(timelineOf(t).keyframes).toEqual([2, 5, 9, 12, 14]);
  });

  it("gives each outside span up to the frame before the next keyframe, open after an outside last keyframe", () => {
    expect(timelineOf(t).outside).toEqual([
      { start: 5, stop: 8 },
      { start: 12, stop: null },
    ]);
  });

  it("marks the keyframes a tracker wrote", () => {
    expect(timelineOf(putKeyframe(t, { ...t.keyframes[2]!, source: "tracker" })).tracked).toEqual([9]);
  });

  it("names the track, its kind and label", () => {
    expect(timelineOf(t)).toMatchObject({ id: "t", kind: "rectangle", labelId: 1 });
  });
});

describe("keyframe navigation", () => {
  it("finds the next keyframe strictly after a frame", () => {
    expect([keyframeAfter(t, 0), keyframeAfter(t, 2), keyframeAfter(t, 6), keyframeAfter(t, 14)]).toEqual([2, 5, 9, null]);
  });

  it("finds the previous keyframe strictly before a frame", () => {
    expect([keyframeBefore(t, 2), keyframeBefore(t, 3), keyframeBefore(t, 9), keyframeBefore(t, 99)]).toEqual([null, 2, 5, 14]);
  });
});
