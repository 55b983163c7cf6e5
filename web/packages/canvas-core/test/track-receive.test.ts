/** Taking the server's copy of one track (a tracker run) without losing the user's other work or history. */
import { beforeEach, describe, expect, it } from "vitest";

import type { Editor } from "../src/editor";
import { CanvasError } from "../src/errors";
import { facadeOf, type CanvasFacade } from "../src/facade";
import type { WireTrack } from "../src/tracks/wire";
import { boxKeyframe, drag, testEditor, wireRect, wireTrack } from "./support/fixtures";

let editor: Editor;
let canvas: CanvasFacade;

const CAR = [boxKeyframe(0, [0, 0, 10, 10]), boxKeyframe(10, [100, 0, 110, 10])];

/** The car as a tracker run left it: its start keyframe, then one keyframe per frame up to `last`. */
function tracked(last: number): WireTrack {
  const keyframes = [boxKeyframe(0, [0, 0, 10, 10])];
  for (let f = 1; f <= last; f++) keyframes.push(boxKeyframe(f, [f * 5, 0, f * 5 + 10, 10], { source: "tracker" }));
  return wireTrack("car", keyframes) as unknown as WireTrack;
}

function keyframes(id: string): number[] {
  return canvas.trackTimeline(id).keyframes.slice();
}

function pendingIds(): { shapes: string[]; tracks: string[] } {
  const d = canvas.pendingDiff();
  const ids = (c: { create: { id?: unknown }[]; update: { id?: unknown }[]; delete: string[] }) => [...c.create.map((o) => `create ${String(o.id)}`), ...c.update.map((o) => `update ${String(o.id)}`), ...c.delete.map((id) => `delete ${id}`)];
  return { shapes: ids(d.shapes), tracks: ids(d.tracks) };
}

/** Saves what is pending, as the workspace does. */
function saveAll(): void {
  canvas.acknowledge(canvas.pendingDiff().through);
}

beforeEach(() => {
  editor = testEditor().editor;
  editor.view.actualSize();
  canvas = facadeOf(editor);
  canvas.setAnnotations({ shapes: [{ ...wireRect("sign", 500, 500, 520, 520), frame: 0 }, { ...wireRect("dot", 300, 300, 310, 310), frame: 0 }], tracks: [wireTrack("car", CAR)] }, 0);
});

describe("receiving one track from the server", () => {
  it("replaces that track's keyframes and leaves my unsaved edit of another object pending", () => {
    canvas.updateObjects([{ id: "sign", patch: { geometry: { points: [400, 400, 420, 420] } } }]);

    canvas.receiveTrack(tracked(4));

    expect(keyframes("car")).toEqual([0, 1, 2, 3, 4]);
    expect(canvas.trackTimeline("car").tracked).toEqual([1, 2, 3, 4]);
    expect(pendingIds()).toEqual({ shapes: ["update sign"], tracks: [] });
  });

  it("keeps the history of my edits: undo goes back through the run, then through my edit", () => {
    canvas.updateObjects([{ id: "sign", patch: { geometry: { points: [400, 400, 420, 420] } } }]);
    saveAll();

    canvas.receiveTrack(tracked(4), { run: "run 1" });
    expect(canvas.undo()).toBe(true);
    expect(keyframes("car")).toEqual([0, 10]);
    expect(canvas.undo()).toBe(true);

    expect((canvas.objects().find((o) => o.id === "sign")!.geometry as { x1: number }).x1).toBe(500);
    expect(pendingIds()).toEqual({ shapes: ["update sign"], tracks: ["update car"] });
  });

  it("joins the copies of one run into one change set, which an undo takes back and a redo brings back", () => {
    canvas.receiveTrack(tracked(2), { run: "run 1" });
    canvas.updateObjects([{ id: "dot", patch: { geometry: { points: [0, 300, 10, 310] } } }]);
    canvas.receiveTrack(tracked(6), { run: "run 1" });
    saveAll();

    expect(editor.store.history().map((s) => s.label)).toEqual(["server copy", "edit"]);
    canvas.undo();
    canvas.undo();
    expect(keyframes("car")).toEqual([0, 10]);
    expect(pendingIds().tracks).toEqual(["update car"]);
    canvas.redo();
    expect(keyframes("car")).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(pendingIds().tracks).toEqual([]);
  });

  it("starts a new change set when an edit of the same track came after the run's", () => {
    canvas.receiveTrack(tracked(2), { run: "run 1" });
    canvas.setFrame(5);
    canvas.toggleKeyframe("car");
    canvas.receiveTrack(tracked(6), { run: "run 1" });

    expect(editor.store.history().map((s) => s.run ?? s.label)).toEqual(["run 1", "toggle keyframe", "run 1"]);
    canvas.undo();
    expect(keyframes("car")).toEqual([0, 1, 2, 5]);
  });

  it("takes the place of the shape the run started from, which an undo brings back", () => {
    const fromSign = wireTrack("sign-track", [boxKeyframe(0, [500, 500, 520, 520]), boxKeyframe(1, [505, 500, 525, 520], { source: "tracker" })]);
    canvas.select(["sign"]);

    canvas.receiveTrack(fromSign as unknown as WireTrack, { replaces: ["sign"], run: "run 2" });

    expect(canvas.objects().map((o) => o.id)).toEqual(["dot", "car", "sign-track"]);
    expect(pendingIds()).toEqual({ shapes: [], tracks: [] });
    canvas.undo();
    expect(canvas.objects().map((o) => o.id).sort()).toEqual(["car", "dot", "sign"]);
    expect(pendingIds()).toEqual({ shapes: ["create sign"], tracks: ["delete sign-track"] });
  });

  it("changes nothing and records nothing when the copy is what the editor has", () => {
    canvas.receiveTrack(wireTrack("car", CAR) as unknown as WireTrack, { run: "run 1" });

    expect(canvas.pendingDiff().tracks.update).toEqual([]);
    expect(editor.store.canUndo).toBe(false);
  });

  it("does not interrupt a drag of another object", () => {
    drag(editor, [305, 305], [305, 305], {}, 0); // a click: selects the dot
    editor.tool.pointerDown({ point: { x: 305, y: 305 }, button: 0, shift: false, alt: false, ctrl: false });
    editor.tool.pointerMove({ point: { x: 345, y: 305 }, button: 0, shift: false, alt: false, ctrl: false });

    canvas.receiveTrack(tracked(3), { run: "run 1" });
    editor.tool.pointerUp({ point: { x: 345, y: 305 }, button: 0, shift: false, alt: false, ctrl: false });

    expect((canvas.objects().find((o) => o.id === "dot")!.geometry as { x1: number }).x1).toBe(340);
    expect(keyframes("car")).toEqual([0, 1, 2, 3]);
  });

  it("refuses a copy that is not a track, naming where, and changes nothing", () => {
    const bad = wireTrack("car", [{ frame: 0, points: [0, 0, 10], rotation: 0 }]) as unknown as WireTrack;

    expect(() => canvas.receiveTrack(bad)).toThrow(CanvasError);
    try {
      canvas.receiveTrack(bad);
    } catch (error) {
      expect((error as CanvasError).issues[0]?.loc.slice(0, 3)).toEqual(["receiveTrack", "keyframes", 0]);
    }
    expect(keyframes("car")).toEqual([0, 10]);
  });
});
