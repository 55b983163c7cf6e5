/** `updateObjects` with geometry patches (checked by each kind's parser), and the events every committed change gives. */
import { beforeEach, describe, expect, it } from "vitest";

import type { Editor } from "../src/editor";
import { CanvasError } from "../src/errors";
import type { CanvasEvents } from "../src/events";
import { boxKeyframe, drag, testEditor, wireRect, wireTrack } from "./support/fixtures";

let editor: Editor;
let changed: CanvasEvents["objectsChanged"][];

const pose = { id: "p", label_id: 4, kind: "skeleton", points: [50, 0, 0, 100, 100, 100], visibility: ["visible", "visible", "visible"] };

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof CanvasError) return e.issues.map((i) => `${i.loc.join(".")}: ${i.msg}`);
    throw e;
  }
  throw new Error("expected a CanvasError");
}

beforeEach(() => {
  editor = testEditor().editor;
  editor.view.actualSize();
  editor.setObjects({ shapes: [wireRect("a", 0, 0, 100, 100), pose, { id: "poly", label_id: 3, kind: "polygon", points: [0, 0, 10, 0, 5, 5] }], tags: [{ id: "t", label_id: 6 }] });
  changed = [];
  editor.on("objectsChanged", (e) => changed.push(e));
});

describe("updateObjects with a geometry patch", () => {
  it("sets a skeleton point's visibility as one undoable action, keeping the history", () => {
    editor.select(["a"]);
    editor.deleteSelected();
    editor.updateObjects([{ id: "p", patch: { geometry: { visibility: ["visible", "outside", "visible"] } } }]);
    expect(editor.store.get("p")?.geometry).toEqual({ points: [50, 0, 0, 100, 100, 100], visibility: ["visible", "outside", "visible"] });
    expect(editor.store.history().map((c) => c.label)).toEqual(["delete", "edit"]);
    expect(editor.pendingDiff().shapes.update).toMatchObject([{ id: "p", visibility: ["visible", "outside", "visible"] }]);
    editor.undo();
    expect(editor.store.get("p")?.geometry).toMatchObject({ visibility: ["visible", "visible", "visible"] });
    expect(editor.store.has("a")).toBe(false);
  });

  it("keeps the fields the patch does not name and changes other fields with it", () => {
    editor.updateObjects([{ id: "a", patch: { geometry: { rotation: 30 }, occluded: true } }]);
    expect(editor.store.get("a")).toMatchObject({ occluded: true, geometry: { x1: 0, y1: 0, x2: 100, y2: 100, rotation: 30 } });
  });

  it("moves the spatial index with the new geometry", () => {
    editor.updateObjects([{ id: "poly", patch: { geometry: { points: [200, 200, 300, 200, 250, 300] } } }]);
    expect(editor.index.boxOf("poly")).toMatchObject({ minX: 200, minY: 200, maxX: 300, maxY: 300 });
  });

  it("refuses geometry the kind refuses, and fields the kind has not, every problem at its place", () => {
    const issues = issuesOf(() =>
      editor.updateObjects([
        { id: "p", patch: { geometry: { visibility: ["visible", "hidden" as never, "visible"] } } },
        { id: "a", patch: { geometry: { points: [10, 10, 0, 0] } } },
        { id: "poly", patch: { geometry: { rle: [1] } } },
        { id: "t", patch: { geometry: { points: [1, 1] } } },
        { id: "p", patch: { geometry: { visibility: ["visible"] } } },
      ]),
    );
    expect(issues).toEqual([
      'updateObjects.0.patch.geometry.visibility.1: expected visible, occluded or outside, got "hidden"',
      "updateObjects.1.patch.geometry.points: expected x1 < x2 and y1 < y2, got [10, 10, 0, 0]",
      "updateObjects.2.patch.geometry.rle: a polygon has only points",
      "updateObjects.3.patch.geometry.points: a tag has no geometry",
      "updateObjects.4.patch.geometry.visibility: expected one visibility per point (3), got 1",
    ]);
    expect(editor.store.history()).toEqual([]);
  });

  it("refuses a group on a tag, which the server's tags do not have", () => {
    expect(issuesOf(() => editor.updateObjects([{ id: "t", patch: { groupId: 2 } }]))).toEqual(["updateObjects.0.patch.groupId: a tag has no group"]);
  });

  it("writes a track's keyframe on the frame shown", () => {
    editor.tracks.load({ tracks: [wireTrack("car", [boxKeyframe(0, [0, 0, 10, 10]), boxKeyframe(10, [100, 0, 110, 10])])] }, 5);
    editor.updateObjects([{ id: "car", patch: { geometry: { points: [40, 40, 60, 60] } } }]);
    expect(editor.store.track("car")?.keyframes.map((k) => k.frame)).toEqual([0, 5, 10]);
    expect(editor.pendingDiff().tracks.update).toHaveLength(1);
  });
});

describe("objectsChanged", () => {
  it("reports a finished drag as an action, from where the objects were before it", () => {
    editor.select(["a"]);
    drag(editor, [50, 50], [70, 50]);
    const actions = changed.filter((e) => e.cause !== "preview");
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ cause: "action", created: [], deleted: [], updated: [{ id: "a", geometry: { x1: 20, x2: 120 } }] });
  });

  it("reports each undo and redo of a drag once, with its cause", () => {
    editor.select(["a"]);
    drag(editor, [50, 50], [70, 50]);
    changed = [];
    editor.undo();
    editor.redo();
    expect(changed.map((e) => [e.cause, e.updated.map((o) => o.id)])).toEqual([
      ["undo", ["a"]],
      ["redo", ["a"]],
    ]);
  });

  it("reports a drag that ends where it started as nothing", () => {
    editor.select(["a"]);
    drag(editor, [50, 50], [50, 50]);
    expect(changed.filter((e) => e.cause !== "preview")).toEqual([]);
    expect(editor.store.canUndo).toBe(false);
  });
});
