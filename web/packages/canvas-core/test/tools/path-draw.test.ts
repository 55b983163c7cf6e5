import { beforeEach, describe, expect, it } from "vitest";

import type { Editor } from "../../src/editor";
import type { CanvasError } from "../../src/errors";
import { decodeMask } from "../../src/kinds/mask-rle";
import type { PathDrawTool } from "../../src/tools/path-draw";
import { at, click, key, testEditor } from "../support/fixtures";

let editor: Editor;
let errors: CanvasError[];

function tool(): PathDrawTool {
  return editor.tool as PathDrawTool;
}

beforeEach(() => {
  editor = testEditor().editor;
  editor.view.actualSize();
  editor.setActiveLabel(1);
  errors = [];
  editor.on("error", ({ error }) => errors.push(error));
});

describe("polygon tool", () => {
  beforeEach(() => editor.setTool("polygon"));

  it("adds a point per click (idle → pressing → drawing) and closes on the first point", () => {
    tool().pointerDown(at(0, 0));
    expect(tool().state).toBe("pressing");
    tool().pointerUp(at(0, 0));
    expect(tool().state).toBe("drawing");
    click(editor, 100, 0);
    tool().pointerMove(at(100, 90));
    expect(tool().overlay()).toEqual([{ type: "path", points: [0, 0, 100, 0], cursor: { x: 100, y: 90 }, closed: true, labelId: 1 }]);
    click(editor, 100, 100);
    click(editor, 3, 2);
    expect(tool().state).toBe("idle");
    expect(editor.objects()).toMatchObject([{ kind: "polygon", geometry: { points: [0, 0, 100, 0, 100, 100] } }]);
  });

  it("does not close on the first point with fewer than three points", () => {
    click(editor, 0, 0);
    click(editor, 100, 0);
    click(editor, 1, 1);
    expect(tool().points).toEqual([0, 0, 100, 0, 1, 1]);
  });

  it("finishes with Enter once it has three points, and says why not before", () => {
    click(editor, 0, 0);
    click(editor, 100, 0);
    expect(tool().keyDown(key("Enter"))).toBe(true);
    expect(tool().state).toBe("drawing");
    expect(errors.map((e) => e.type)).toEqual(["too_few_points"]);
    click(editor, 50, 80);
    tool().keyDown(key("Enter"));
    expect(editor.objects()).toHaveLength(1);
  });

  it("removes the last point with Backspace, and stops when none is left", () => {
    click(editor, 0, 0);
    click(editor, 100, 0);
    tool().keyDown(key("Backspace"));
    expect(tool().points).toEqual([0, 0]);
    tool().keyDown(key("Backspace"));
    expect(tool().state).toBe("idle");
  });

  it("traces points while the button is held (pressing → tracing → drawing)", () => {
    tool().pointerDown(at(0, 0));
    tool().pointerMove(at(10, 0));
    expect(tool().state).toBe("tracing");
    for (let x = 11; x <= 60; x++) tool().pointerMove(at(x, 0));
    tool().pointerUp(at(60, 0));
    expect(tool().state).toBe("drawing");
    // The press point, the first move, then one point every 6 screen px.
    expect(tool().points.filter((_, i) => i % 2 === 0)).toEqual([0, 10, 16, 22, 28, 34, 40, 46, 52, 58]);
  });

  it("drops everything on Escape", () => {
    click(editor, 0, 0);
    tool().keyDown(key("Escape"));
    expect(tool().state).toBe("idle");
    expect(tool().overlay()).toEqual([]);
    expect(tool().keyDown(key("Escape"))).toBe(false);
  });

  it("fills the polygon into a mask when the label is a mask label", () => {
    editor.setActiveLabel(5);
    click(editor, 0, 0);
    click(editor, 10, 0);
    click(editor, 10, 10);
    click(editor, 0, 10);
    tool().keyDown(key("Enter"));
    const [m] = editor.objects();
    expect(m).toMatchObject({ kind: "mask", labelId: 5, geometry: { x1: 0, y1: 0, x2: 10, y2: 10, rle: [0, 100] } });
    expect(editor.store.history().map((c) => c.label)).toEqual(["fill polygon into mask"]);
  });

  it("fills into the selected mask of the same label", () => {
    editor.setActiveLabel(5);
    editor.setObjects({ shapes: [{ id: "m", label_id: 5, kind: "mask", bbox: [0, 0, 2, 2], rle: [0, 4] }] });
    editor.select(["m"]);
    editor.setTool("polygon");
    for (const [x, y] of [[4, 0], [6, 0], [6, 2]] as const) click(editor, x, y);
    tool().keyDown(key("Enter"));
    expect(editor.objects()).toHaveLength(1);
    const bm = decodeMask(editor.objects()[0]!.geometry as never);
    expect([bm.x, bm.width, bm.count()]).toEqual([0, 6, 4 + 1 + 2]);
  });

  it("refuses a label of another kind", () => {
    editor.setActiveLabel(2);
    tool().pointerDown(at(0, 0));
    expect(tool().state).toBe("idle");
    expect(errors.map((e) => e.type)).toEqual(["kind_not_allowed"]);
  });
});

describe("polyline tool", () => {
  it("finishes when the last point is clicked again", () => {
    editor.setTool("polyline");
    click(editor, 0, 0);
    click(editor, 50, 0);
    click(editor, 51, 1);
    expect(editor.objects()).toMatchObject([{ kind: "polyline", geometry: { points: [0, 0, 50, 0] } }]);
  });
});

describe("points tool", () => {
  it("adds points on clicks, never traces, and finishes with Enter", () => {
    editor.setTool("points");
    click(editor, 5, 5);
    tool().pointerDown(at(20, 20));
    tool().pointerMove(at(60, 60));
    expect(tool().state).toBe("pressing");
    tool().pointerUp(at(60, 60));
    expect(tool().overlay()).toMatchObject([{ type: "path", cursor: null }]);
    tool().keyDown(key("Enter"));
    expect(editor.objects()).toMatchObject([{ kind: "points", geometry: { points: [5, 5, 20, 20] } }]);
  });
});
