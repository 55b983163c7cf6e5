/** The tools on track states: what they edit becomes a keyframe; a track outside the frame is out of their reach. */
import { beforeEach, describe, expect, it } from "vitest";

import type { Editor } from "../../src/editor";
import { at, boxKeyframe, key, testEditor, wireTrack } from "../support/fixtures";

let editor: Editor;

function keyframes(id: string): number[] {
  return editor.store.track(id)!.keyframes.map((k) => k.frame);
}

beforeEach(() => {
  editor = testEditor().editor;
  editor.view.actualSize();
  editor.tracks.load(
    {
      tracks: [
        wireTrack("car", [boxKeyframe(0, [0, 0, 10, 10]), boxKeyframe(10, [100, 0, 110, 10])]),
        wireTrack("gone", [boxKeyframe(0, [300, 300, 340, 340], { outside: true })]),
        { id: "sky", kind: "mask", label_id: 5, keyframes: [{ frame: 0, bbox: [500, 500, 502, 501], rle: [0, 2] }] },
      ],
    },
    5,
  );
});

describe("tools on tracks", () => {
  it("nudges an interpolated state with the arrow keys into a keyframe", () => {
    editor.select(["car"]);
    expect(editor.tool.keyDown(key("ArrowRight", { shift: true }))).toBe(true);
    expect(keyframes("car")).toEqual([0, 5, 10]);
    expect(editor.store.get("car")!.geometry).toMatchObject({ x1: 60, x2: 70 });
  });

  it("leaves a track outside the frame alone: no nudge, no Tab, no Ctrl+A", () => {
    editor.select(["gone"]);
    expect(editor.tool.keyDown(key("ArrowLeft"))).toBe(false);
    editor.select([]);
    editor.tool.keyDown(key("Tab"));
    editor.tool.keyDown(key("Tab"));
    editor.tool.keyDown(key("a", { ctrl: true }));
    expect(editor.selected()).not.toContain("gone");
    expect(editor.store.history()).toEqual([]);
  });

  it("paints into a selected mask track: one stroke, one keyframe", () => {
    editor.setActiveLabel(5);
    editor.select(["sky"]);
    editor.setTool("brush");
    editor.setBrushSize(4);
    editor.tool.pointerDown(at(510, 510));
    editor.tool.pointerMove(at(520, 510));
    editor.tool.pointerUp(at(520, 510));
    expect(keyframes("sky")).toEqual([0, 5]);
    expect(editor.store.history().map((c) => c.label)).toEqual(["paint mask"]);
  });

  it("draws a polygon as a track in track mode", () => {
    editor.setActiveLabel(3);
    editor.tracks.setDrawMode("track");
    editor.setTool("polygon");
    for (const [x, y] of [[200, 200], [260, 200], [230, 250]] as const) {
      editor.tool.pointerDown(at(x, y));
      editor.tool.pointerUp(at(x, y));
    }
    editor.tool.keyDown(key("Enter"));
    const drawn = editor.store.tracks().find((t) => t.kind === "polygon")!;
    expect(drawn.keyframes.map((k) => k.frame)).toEqual([5]);
    expect(editor.store.history().map((c) => c.label)).toEqual(["draw polygon track"]);
  });

  it("starts history and pending changes over when a job is loaded again", () => {
    editor.tracks.toggleKeyframe("car");
    editor.tracks.load({ tracks: [wireTrack("car", [boxKeyframe(0, [0, 0, 10, 10])])] }, 0);
    expect(editor.store.canUndo).toBe(false);
    expect(editor.hasUnsavedChanges()).toBe(false);
  });
});
