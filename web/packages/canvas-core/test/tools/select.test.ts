import { beforeEach, describe, expect, it } from "vitest";

import type { Editor } from "../../src/editor";
import type { CanvasError } from "../../src/errors";
import type { SkeletonGeometry } from "../../src/model/geometry";
import type { SelectTool } from "../../src/tools/select";
import { at, click, drag, key, testEditor, wireRect } from "../support/fixtures";

let editor: Editor;
let tool: SelectTool;
let errors: CanvasError[];

function geometryOf(id: string): unknown {
  return editor.store.get(id)?.geometry;
}

beforeEach(() => {
  editor = testEditor().editor;
  editor.view.actualSize(); // 1 screen px = 1 image px: thresholds read as image units
  editor.setObjects({
    shapes: [
      wireRect("a", 0, 0, 100, 100),
      wireRect("b", 200, 0, 300, 100),
      wireRect("c", 20, 20, 40, 40),
      { id: "p", label_id: 1, kind: "polygon", points: [500, 500, 700, 500, 600, 700] },
    ],
  });
  editor.setTool("select");
  tool = editor.tool as SelectTool;
  errors = [];
  editor.on("error", ({ error }) => errors.push(error));
});

describe("select tool", () => {
  it("starts idle", () => {
    expect(tool.state).toBe("idle");
  });

  it("selects an object on press and settles on release (idle → pointing_object → idle)", () => {
    tool.pointerDown(at(250, 50));
    expect(tool.state).toBe("pointing_object");
    expect(editor.selected()).toEqual(["b"]);
    tool.pointerUp(at(250, 50));
    expect(tool.state).toBe("idle");
  });

  it("picks the smaller of two nested objects", () => {
    click(editor, 30, 30);
    expect(editor.selected()).toEqual(["c"]);
  });

  it("adds with Shift-click and removes a selected one with Shift-click", () => {
    click(editor, 250, 50);
    click(editor, 80, 80, { shift: true });
    expect(editor.selected()).toEqual(["b", "a"]);
    click(editor, 250, 50, { shift: true });
    expect(editor.selected()).toEqual(["a"]);
  });

  it("narrows a multiple selection to the clicked one without Shift", () => {
    editor.select(["a", "b"]);
    click(editor, 250, 50);
    expect(editor.selected()).toEqual(["b"]);
  });

  it("clears the selection on a click on empty canvas, but not with Shift (pointing_canvas → idle)", () => {
    editor.select(["a"]);
    tool.pointerDown(at(1000, 1000, { shift: true }));
    expect(tool.state).toBe("pointing_canvas");
    tool.pointerUp(at(1000, 1000, { shift: true }));
    expect(editor.selected()).toEqual(["a"]);
    click(editor, 1000, 1000);
    expect(editor.selected()).toEqual([]);
  });

  it("box-selects objects wholly inside the marquee (pointing_canvas → brushing → idle)", () => {
    tool.pointerDown(at(-10, -10));
    tool.pointerMove(at(150, 150));
    expect(tool.state).toBe("brushing");
    expect(tool.overlay()).toEqual([{ type: "marquee", box: { minX: -10, minY: -10, maxX: 150, maxY: 150 } }]);
    tool.pointerUp(at(150, 150));
    expect(editor.selected()).toEqual(["a", "c"]);
    expect(tool.overlay()).toEqual([]);
  });

  it("drops the marquee on Escape and keeps the selection (brushing → idle)", () => {
    editor.select(["b"]);
    tool.pointerDown(at(-10, -10));
    tool.pointerMove(at(150, 150));
    tool.keyDown(key("Escape"));
    expect(tool.state).toBe("idle");
    expect(tool.overlay()).toEqual([]);
    expect(editor.selected()).toEqual(["b"]);
  });

  it("adds to the selection with a Shift marquee", () => {
    editor.select(["b"]);
    drag(editor, [-5, -5], [50, 50], { shift: true });
    expect(editor.selected()).toEqual(["b", "c"]);
  });

  it("moves the selection by dragging as one change set (pointing_object → translating → idle)", () => {
    tool.pointerDown(at(250, 50));
    tool.pointerMove(at(251, 50));
    expect(tool.state).toBe("pointing_object");
    tool.pointerMove(at(260, 70));
    expect(tool.state).toBe("translating");
    tool.pointerMove(at(270, 90));
    tool.pointerUp(at(270, 90));
    expect(tool.state).toBe("idle");
    expect(geometryOf("b")).toEqual({ x1: 220, y1: 40, x2: 320, y2: 140, rotation: 0 });
    expect(editor.store.history().map((c) => c.label)).toEqual(["move"]);
    editor.undo();
    expect(geometryOf("b")).toMatchObject({ x1: 200, y1: 0 });
  });

  it("moves every selected object together, and along one axis with Shift", () => {
    editor.select(["a", "b"]);
    drag(editor, [250, 50], [280, 55], { shift: true });
    expect(geometryOf("a")).toMatchObject({ x1: 30, y1: 0 });
    expect(geometryOf("b")).toMatchObject({ x1: 230, y1: 0 });
  });

  it("puts a drag back on Escape (translating → idle)", () => {
    tool.pointerDown(at(250, 50));
    tool.pointerMove(at(300, 80));
    expect(tool.keyDown(key("Escape"))).toBe(true);
    expect(tool.state).toBe("idle");
    expect(geometryOf("b")).toMatchObject({ x1: 200, y1: 0 });
    expect(editor.store.canUndo).toBe(false);
  });

  it("resizes through a handle (pointing_handle → dragging_handle → idle)", () => {
    click(editor, 250, 50);
    tool.pointerDown(at(301, 101));
    expect(tool.state).toBe("pointing_handle");
    tool.pointerMove(at(331, 121));
    expect(tool.state).toBe("dragging_handle");
    tool.pointerUp(at(331, 121));
    expect(geometryOf("b")).toEqual({ x1: 200, y1: 0, x2: 330, y2: 120, rotation: 0 });
    expect(editor.store.history().map((c) => c.label)).toEqual(["resize"]);
  });

  it("moves a narrow object pressed in its middle instead of grabbing a side handle", () => {
    editor.setObjects({ shapes: [wireRect("thin", 0, 0, 12, 60)] });
    click(editor, 6, 30);
    drag(editor, [6, 30], [16, 30]);
    expect(geometryOf("thin")).toEqual({ x1: 10, y1: 0, x2: 22, y2: 60, rotation: 0 });
  });

  it("does nothing for a click on a handle (pointing_handle → idle)", () => {
    click(editor, 250, 50);
    tool.pointerDown(at(300, 100));
    tool.pointerUp(at(300, 100));
    expect(tool.state).toBe("idle");
    expect(editor.store.canUndo).toBe(false);
  });

  it("rotates with the rotate handle", () => {
    click(editor, 250, 50);
    drag(editor, [250, -24], [350, 50]);
    expect((editor.store.get("b")?.geometry as { rotation: number }).rotation).toBeCloseTo(90, 0);
    expect(editor.store.history().at(-1)?.label).toBe("rotate");
  });

  it("puts a handle drag back on Escape (dragging_handle → idle)", () => {
    click(editor, 250, 50);
    tool.pointerDown(at(300, 100));
    tool.pointerMove(at(400, 200));
    tool.cancel();
    expect(tool.state).toBe("idle");
    expect(geometryOf("b")).toMatchObject({ x2: 300, y2: 100 });
  });

  it("moves a polygon vertex, inserts one by dragging an edge midpoint, and removes one with Alt-click", () => {
    click(editor, 600, 600);
    drag(editor, [700, 500], [720, 480]);
    expect(geometryOf("p")).toEqual({ points: [500, 500, 720, 480, 600, 700] });
    drag(editor, [610, 490], [610, 450]);
    expect(geometryOf("p")).toEqual({ points: [500, 500, 610, 450, 720, 480, 600, 700] });
    click(editor, 610, 450, { alt: true });
    expect(geometryOf("p")).toEqual({ points: [500, 500, 720, 480, 600, 700] });
    expect(editor.store.history().map((c) => c.label)).toEqual(["move vertex", "insert vertex", "delete vertex"]);
  });

  it("refuses to remove a vertex below the kind's minimum and says why", () => {
    click(editor, 600, 600);
    click(editor, 500, 500, { alt: true });
    expect(geometryOf("p")).toEqual({ points: [500, 500, 700, 500, 600, 700] });
    expect(errors.map((e) => e.type)).toEqual(["too_few_points"]);
  });

  it("cycles a skeleton joint's visibility with Alt-click", () => {
    editor.setObjects({ shapes: [{ id: "s", label_id: 4, kind: "skeleton", points: [1000, 1000, 950, 1100, 1050, 1100], visibility: ["visible", "visible", "visible"] }] });
    editor.select(["s"]);
    click(editor, 950, 1100, { alt: true });
    click(editor, 950, 1100, { alt: true });
    expect((editor.store.get("s")?.geometry as SkeletonGeometry).visibility).toEqual(["visible", "outside", "visible"]);
    click(editor, 950, 1100, { alt: true });
    expect((editor.store.get("s")?.geometry as SkeletonGeometry).visibility[1]).toBe("visible");
  });

  it("cycles through objects with Tab and back with Shift+Tab", () => {
    tool.keyDown(key("Tab"));
    expect(editor.selected()).toEqual(["a"]);
    tool.keyDown(key("Tab"));
    expect(editor.selected()).toEqual(["b"]);
    tool.keyDown(key("Tab", { shift: true }));
    tool.keyDown(key("Tab", { shift: true }));
    expect(editor.selected()).toEqual(["p"]);
  });

  it("deletes the selection with Delete, leaving locked objects", () => {
    editor.select(["a", "b"]);
    editor.setLocked(["b"], true);
    expect(tool.keyDown(key("Delete"))).toBe(true);
    expect(editor.store.has("a")).toBe(false);
    expect(editor.store.has("b")).toBe(true);
  });

  it("deletes the selection with Backspace too, and leaves the key alone when nothing is selected", () => {
    expect(tool.keyDown(key("Backspace"))).toBe(false);
    editor.select(["c"]);
    expect(tool.keyDown(key("Backspace"))).toBe(true);
    expect(editor.store.has("c")).toBe(false);
  });

  it("nudges the selection with the arrows, ten pixels with Shift", () => {
    editor.select(["a"]);
    tool.keyDown(key("ArrowRight"));
    tool.keyDown(key("ArrowDown", { shift: true }));
    expect(geometryOf("a")).toMatchObject({ x1: 1, y1: 10 });
  });

  it("selects everything with Ctrl+A and clears the selection with Escape", () => {
    tool.keyDown(key("a", { ctrl: true }));
    expect(editor.selected()).toHaveLength(4);
    tool.keyDown(key("Escape"));
    expect(editor.selected()).toEqual([]);
    expect(tool.keyDown(key("Escape"))).toBe(false);
  });

  it("does not pick hidden or locked objects on the canvas", () => {
    editor.setHidden(["c"], true);
    click(editor, 30, 30);
    expect(editor.selected()).toEqual(["a"]);
    editor.setLocked(["a"], true);
    click(editor, 30, 30);
    expect(editor.selected()).toEqual([]);
  });

  it("shows a move cursor over objects and a handle cursor over handles", () => {
    tool.pointerMove(at(250, 50));
    expect(tool.cursor()).toBe("move");
    click(editor, 250, 50);
    tool.pointerMove(at(300, 100));
    expect(tool.cursor()).toBe("crosshair");
    tool.pointerMove(at(2000, 2000));
    expect(tool.cursor()).toBe("default");
  });

  it("ignores buttons other than the primary one", () => {
    tool.pointerDown(at(250, 50, { button: 2 }));
    expect(tool.state).toBe("idle");
    expect(editor.selected()).toEqual([]);
  });
});
