/** Tracks on the canvas: keyframe states solid, interpolated ones dotted, outside ones listed but neither drawn nor picked. */
import { beforeEach, describe, expect, it } from "vitest";

import type { Editor } from "../../src/editor";
import { STROKE_DASHES } from "../../src/render/draw-object";
import type { RecordingContext } from "../support/recording-context";
import { boxKeyframe, testEditor, wireTrack } from "../support/fixtures";

let editor: Editor;
let layers: { image: RecordingContext; objects: RecordingContext; overlay: RecordingContext };

function frame(): ReturnType<Editor["render"]> {
  for (const l of Object.values(layers)) l.reset();
  return editor.render();
}

/** The dash pattern each box (by its x) was stroked with: the pattern in force at the stroke ending its path. */
function dashes(ctx: RecordingContext): Map<number, readonly number[]> {
  const out = new Map<number, readonly number[]>();
  let dash: readonly number[] = [];
  let pending: number[] = [];
  for (const c of ctx.calls) {
    if (c.op === "setLineDash") dash = c.args[0] as number[];
    else if (c.op === "rect") pending.push(c.args[0] as number);
    else if (c.op === "stroke") {
      for (const x of pending) out.set(x, dash);
      pending = [];
    }
  }
  return out;
}

beforeEach(() => {
  ({ editor, layers } = testEditor());
  editor.view.actualSize();
  editor.view.panBy(-editor.viewport.offsetX, -editor.viewport.offsetY); // scale 1, image (0,0) at the top-left
  editor.tracks.load(
    {
      tracks: [
        // On frame 5: "key" sits on a keyframe, "moving" is interpolated, "hidden" is outside, "held" is past its last keyframe.
        wireTrack("key", [boxKeyframe(5, [0, 0, 10, 10])]),
        wireTrack("moving", [boxKeyframe(0, [100, 0, 110, 10]), boxKeyframe(10, [200, 0, 210, 10])]),
        wireTrack("hidden", [boxKeyframe(0, [300, 0, 310, 10]), boxKeyframe(3, [300, 0, 310, 10], { outside: true })]),
        wireTrack("held", [boxKeyframe(0, [400, 0, 410, 10], { occluded: true })]),
      ],
    },
    5,
  );
});

describe("rendering tracks", () => {
  it("strokes a keyframe state solid and a state between or after keyframes dotted", () => {
    frame();
    const d = dashes(layers.objects);
    expect(d.get(0)).toEqual(STROKE_DASHES.solid);
    expect(d.get(150)).toEqual(STROKE_DASHES.interpolated);
    expect(d.get(400)).toEqual(STROKE_DASHES["occluded-interpolated"]);
  });

  it("draws an outside state nowhere, even selected, and never picks it", () => {
    editor.select(["hidden"]);
    const stats = frame();
    expect(stats.objects?.drawn).toBe(3);
    expect(stats.overlay?.objects).toBe(0);
    expect(layers.objects.ops("rect").map((c) => c.args[0])).not.toContain(300);
    expect(editor.pickAt({ x: 305, y: 5 })).toBeNull();
    expect(editor.index.boxOf("hidden")).toBeUndefined();
    expect(editor.objects().map((o) => o.id)).toContain("hidden");
  });

  it("draws a selected interpolated state dotted on the overlay, with its handles", () => {
    editor.select(["moving"]);
    const stats = frame();
    expect(stats.overlay?.objects).toBe(1);
    expect(stats.overlay?.handles).toBeGreaterThan(0);
    expect(dashes(layers.overlay).get(150)).toEqual(STROKE_DASHES.interpolated);
  });

  it("redraws a state solid once a keyframe is set on its frame", () => {
    frame();
    editor.tracks.toggleKeyframe("moving");
    const stats = frame();
    expect(stats.objectsRegion).not.toBeNull();
    expect(dashes(layers.objects).get(150)).toEqual(STROKE_DASHES.solid);
  });

  it("draws each frame's states after a frame switch", () => {
    frame();
    editor.tracks.setFrame(10);
    frame();
    const d = dashes(layers.objects);
    expect(d.get(200)).toEqual(STROKE_DASHES.solid);
    expect(d.has(150)).toBe(false);
  });
});
