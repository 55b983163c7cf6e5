import { beforeEach, describe, expect, it } from "vitest";

import type { Editor } from "../../src/editor";
import type { CanvasError } from "../../src/errors";
import { decodeMask } from "../../src/kinds/mask-rle";
import type { MaskGeometry } from "../../src/model/geometry";
import type { BrushTool } from "../../src/tools/brush";
import { at, drag, key, testEditor } from "../support/fixtures";

let editor: Editor;
let errors: CanvasError[];

function tool(): BrushTool {
  return editor.tool as BrushTool;
}

function mask(id: string): MaskGeometry {
  const o = editor.store.get(id);
  if (o?.kind !== "mask") throw new Error(`${id} is not a mask`);
  return o.geometry;
}

beforeEach(() => {
  editor = testEditor().editor;
  editor.view.actualSize();
  editor.setActiveLabel(5);
  editor.setBrushSize(10);
  errors = [];
  editor.on("error", ({ error }) => errors.push(error));
});

describe("brush", () => {
  beforeEach(() => editor.setTool("brush"));

  it("paints a new mask in one change set and selects it (idle → painting → idle)", () => {
    tool().pointerDown(at(100, 100));
    expect(tool().state).toBe("painting");
    for (let x = 100; x <= 200; x += 10) tool().pointerMove(at(x, 100));
    tool().pointerUp(at(200, 100));
    expect(tool().state).toBe("idle");
    expect(mask("id-1")).toMatchObject({ x1: 95, y1: 95, x2: 205, y2: 105 });
    expect(editor.store.history().map((c) => c.label)).toEqual(["paint mask"]);
    expect(editor.selected()).toEqual(["id-1"]);
  });

  it("paints the next stroke into the selected mask", () => {
    drag(editor, [100, 100], [120, 100]);
    drag(editor, [100, 300], [120, 300]);
    expect(editor.objects()).toHaveLength(1);
    expect(mask("id-1")).toMatchObject({ y1: 95, y2: 305 });
  });

  it("is clipped to the image", () => {
    drag(editor, [0, 0], [1, 1]);
    expect(mask("id-1")).toMatchObject({ x1: 0, y1: 0 });
  });

  it("reverts the stroke on Escape", () => {
    tool().pointerDown(at(100, 100));
    tool().pointerMove(at(150, 100));
    expect(tool().keyDown(key("Escape"))).toBe(true);
    expect(tool().state).toBe("idle");
    expect(editor.objects()).toEqual([]);
  });

  it("changes size with [ and ], within bounds, and shows its footprint", () => {
    tool().keyDown(key("]"));
    expect(tool().size).toBeCloseTo(12);
    tool().keyDown(key("["));
    tool().keyDown(key("["));
    expect(tool().size).toBeCloseTo(10 / 1.2);
    tool().size = 10_000;
    expect(tool().size).toBe(500);
    tool().pointerMove(at(7, 8));
    expect(tool().overlay()).toEqual([{ type: "brush", centre: { x: 7, y: 8 }, radius: 250, erase: false }]);
  });

  it("needs a label that allows masks", () => {
    editor.setActiveLabel(2);
    tool().pointerDown(at(0, 0));
    expect(tool().state).toBe("idle");
    expect(errors.map((e) => e.type)).toEqual(["kind_not_allowed"]);
  });
});

describe("eraser", () => {
  beforeEach(() => {
    editor.setObjects({ shapes: [{ id: "m", label_id: 5, kind: "mask", bbox: [0, 0, 100, 10], rle: [0, 1000] }] });
    editor.setTool("eraser");
  });

  it("needs one selected mask", () => {
    tool().pointerDown(at(50, 5));
    expect(tool().state).toBe("idle");
    expect(errors.map((e) => e.message)).toEqual(["eraser: select one mask to erase from"]);
  });

  it("clears pixels of the selected mask", () => {
    editor.select(["m"]);
    drag(editor, [50, -5], [50, 15]);
    const bm = decodeMask(mask("m"));
    expect(bm.count()).toBe(1000 - 100);
    expect(editor.store.history().map((c) => c.label)).toEqual(["erase mask"]);
  });

  it("deletes the mask when no pixel is left, and undo brings it back", () => {
    editor.select(["m"]);
    editor.setBrushSize(40);
    drag(editor, [0, 5], [100, 5], {}, 20);
    expect(editor.store.has("m")).toBe(false);
    editor.undo();
    expect(decodeMask(mask("m")).count()).toBe(1000);
  });
});
