import { beforeEach, describe, expect, it } from "vitest";

import type { Editor } from "../src/editor";
import { CanvasError } from "../src/errors";
import type { CanvasEvents } from "../src/events";
import * as vp from "../src/viewport";
import { at, drag, testEditor, wireRect } from "./support/fixtures";

let editor: Editor;
let events: { [K in keyof CanvasEvents]?: CanvasEvents[K][] };

function record<K extends keyof CanvasEvents>(name: K): void {
  editor.on(name, (p) => {
    const list = (events[name] ??= []) as CanvasEvents[K][];
    list.push(p);
  });
}

beforeEach(() => {
  editor = testEditor().editor;
  editor.view.actualSize();
  editor.setObjects({ shapes: [wireRect("a", 0, 0, 100, 100), wireRect("b", 200, 0, 300, 100)] });
  events = {};
  for (const name of ["objectsChanged", "selectionChanged", "toolChanged", "viewportChanged", "historyChanged", "saveStateChanged", "error"] as const) record(name);
});

describe("editor", () => {
  it("refuses invalid objects without touching what is loaded", () => {
    expect(() => editor.setObjects({ shapes: [wireRect("x", 0, 0, 1, 1), { id: "y", label_id: 42, kind: "points", points: [1] }] })).toThrowError(CanvasError);
    expect(editor.objects().map((o) => o.id)).toEqual(["a", "b"]);
  });

  it("loads a frame: objects, history and pending changes start over", () => {
    editor.deleteSelected();
    editor.select(["a"]);
    editor.deleteSelected();
    editor.setObjects({ shapes: [{ ...wireRect("c", 0, 0, 5, 5), frame: 3 }] }, 3);
    expect(editor.frame).toBe(3);
    expect(editor.store.canUndo).toBe(false);
    expect(editor.hasUnsavedChanges()).toBe(false);
    expect(events.objectsChanged?.at(-1)).toMatchObject({ cause: "load", created: [{ id: "c" }], deleted: ["b"] });
  });

  it("emits objectsChanged, selectionChanged and historyChanged for an action", () => {
    editor.select(["a"]);
    editor.deleteSelected();
    expect(events.selectionChanged).toEqual([{ ids: ["a"] }, { ids: [] }]);
    expect(events.objectsChanged).toEqual([{ cause: "action", created: [], updated: [], deleted: ["a"] }]);
    expect(events.historyChanged).toEqual([{ canUndo: true, canRedo: false }]);
  });

  it("emits toolChanged when the tool or its state changes", () => {
    editor.setActiveLabel(1);
    editor.setTool("rectangle");
    editor.inputs.pointerDown({ x: 10, y: 10, button: 0, shift: false, alt: false, ctrl: false });
    expect(events.toolChanged).toEqual([
      { tool: "rectangle", state: "idle" },
      { tool: "rectangle", state: "pointing" },
    ]);
  });

  it("cancels a drag in progress before undoing", () => {
    editor.select(["a"]);
    drag(editor, [50, 50], [60, 50]);
    editor.tool.pointerDown(at(60, 50));
    editor.tool.pointerMove(at(90, 90));
    expect(editor.undo()).toBe(true);
    expect(editor.tool.state).toBe("idle");
    expect(editor.store.get("a")?.geometry).toMatchObject({ x1: 0, y1: 0 });
  });

  it("copies and pastes in place with new ids, on top, as one action, selecting the copies", () => {
    editor.select(["a", "b"]);
    expect(editor.copy()).toBe(2);
    const ids = editor.paste();
    expect(ids).toEqual(["id-1", "id-2"]);
    expect(editor.selected()).toEqual(ids);
    expect(editor.store.get("id-1")?.geometry).toEqual(editor.store.get("a")?.geometry);
    expect(editor.store.history().map((c) => c.label)).toEqual(["paste"]);
    expect(editor.pendingDiff().shapes.create.map((w) => w.id)).toEqual(ids);
  });

  it("pastes onto the frame shown now", () => {
    editor.select(["a"]);
    editor.copy();
    editor.setObjects({}, 5);
    editor.paste();
    expect(editor.objects()).toMatchObject([{ id: "id-1", frame: 5 }]);
  });

  it("does not delete locked objects", () => {
    editor.select(["a", "b"]);
    editor.setLocked(["a"], true);
    expect(editor.deleteSelected()).toBe(1);
    expect(editor.objects().map((o) => o.id)).toEqual(["a"]);
  });

  it("adds shapes and tags from outside as one action, creating missing ids", () => {
    const ids = editor.addObjects({ shapes: [{ label_id: 1, kind: "points", points: [5, 5], source: "model", score: 0.8 }], tags: [{ label_id: 6 }] });
    expect(ids).toEqual(["id-1", "id-2"]);
    expect(editor.store.get("id-2")).toMatchObject({ kind: "tag", frame: 0 });
    expect(editor.store.history().map((c) => c.label)).toEqual(["add"]);
    expect(editor.pendingDiff().tags.create.map((t) => t.id)).toEqual(["id-2"]);
  });

  it("refuses to add an object whose label does not allow its kind", () => {
    expect(() => editor.addObjects({ shapes: [{ label_id: 3, kind: "points", points: [5, 5] }] })).toThrowError('shapes[0].label_id: label "road" does not allow points');
    expect(editor.objects()).toHaveLength(2);
  });

  it("edits labels and attributes as one action, refusing a label of another kind", () => {
    editor.updateObjects([{ id: "a", patch: { labelId: 2, attributes: { make: "vw" }, occluded: true } }]);
    expect(editor.store.get("a")).toMatchObject({ labelId: 2, attributes: { make: "vw" }, occluded: true });
    expect(() => editor.updateObjects([{ id: "a", patch: { labelId: 3 } }, { id: "zz", patch: {} }])).toThrowError(
      'updateObjects[0].patch.labelId: label "road" does not allow rectangle; updateObjects[1].id: no object zz',
    );
    expect(editor.store.history()).toHaveLength(1);
  });

  it("brings objects to the front and sends them to the back", () => {
    editor.reorder(["a"], "front");
    expect(editor.objects().map((o) => o.id)).toEqual(["b", "a"]);
    editor.reorder(["a"], "back");
    expect(editor.objects().map((o) => o.id)).toEqual(["a", "b"]);
  });

  it("exports the objects in wire form", () => {
    expect(editor.exportObjects()).toEqual({ shapes: [expect.objectContaining({ id: "a", points: [0, 0, 100, 100] }), expect.objectContaining({ id: "b" })], tags: [] });
  });

  it("names bad command arguments", () => {
    expect(() => editor.setTool("lasso" as never)).toThrowError(/setTool.tool: unknown tool lasso/);
    expect(() => editor.setActiveLabel(99)).toThrowError("setActiveLabel.id: unknown label 99");
    expect(() => editor.select(["zz"])).toThrowError(/no object zz/);
    expect(() => editor.zoomToObject("zz")).toThrowError(CanvasError);
    expect(() => editor.setImage({ source: {} as CanvasImageSource, width: 0, height: 10 })).toThrowError(/positive size/);
    expect(() => editor.setBrushSize(-1)).toThrowError(/positive size/);
  });

  it("forgets the active label when new labels no longer have it", () => {
    editor.setActiveLabel(2);
    editor.setLabels([{ id: 1, name: "car", color: "#f00", kind: "any" }]);
    expect(editor.activeLabel).toBeNull();
  });

  it("zooms in and out about the centre and to an object, emitting viewportChanged", () => {
    const centre = vp.toImage(editor.viewport, vp.screenCentre(editor.viewport));
    editor.view.zoomIn();
    expect(editor.viewport.scale).toBeCloseTo(1.25);
    const after = vp.toImage(editor.viewport, vp.screenCentre(editor.viewport));
    expect(after.x).toBeCloseTo(centre.x);
    editor.view.zoomOut();
    expect(editor.viewport.scale).toBeCloseTo(1);
    editor.zoomToObject("b");
    expect(vp.toScreen(editor.viewport, { x: 250, y: 50 }).x).toBeCloseTo(400);
    expect(events.viewportChanged).toHaveLength(3);
    expect(events.viewportChanged?.[0]?.visible.maxX).toBeGreaterThan(0);
  });

  it("tells the UI when pending changes are saved", () => {
    editor.select(["a"]);
    editor.deleteSelected();
    expect(editor.hasUnsavedChanges()).toBe(true);
    editor.acknowledge(editor.pendingDiff().through);
    expect(events.saveStateChanged).toEqual([{ pending: false }]);
  });

  it("keeps the view centre on resize", () => {
    const before = vp.toImage(editor.viewport, vp.screenCentre(editor.viewport));
    editor.view.resize(1000, 700, 2);
    const after = vp.toImage(editor.viewport, vp.screenCentre(editor.viewport));
    expect([after.x, after.y]).toEqual([before.x, before.y]);
    expect(editor.viewport.screenWidth).toBe(1000);
  });
});
