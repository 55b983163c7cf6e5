import { beforeEach, describe, expect, it } from "vitest";

import type { Editor } from "../../src/editor";
import type { CanvasError } from "../../src/errors";
import type { BoxDrawTool } from "../../src/tools/box-draw";
import { at, drag, key, testEditor } from "../support/fixtures";

let editor: Editor;
let errors: CanvasError[];

function tool(): BoxDrawTool {
  return editor.tool as BoxDrawTool;
}

beforeEach(() => {
  editor = testEditor().editor;
  editor.view.actualSize();
  editor.setActiveLabel(1);
  errors = [];
  editor.on("error", ({ error }) => errors.push(error));
});

describe("rectangle tool", () => {
  beforeEach(() => editor.setTool("rectangle"));

  it("draws by dragging (idle → pointing → dragging → idle)", () => {
    tool().pointerDown(at(10, 20));
    expect(tool().state).toBe("pointing");
    tool().pointerMove(at(60, 80));
    expect(tool().state).toBe("dragging");
    expect(tool().overlay()).toMatchObject([{ type: "draft", object: { kind: "rectangle", geometry: { x1: 10, y1: 20, x2: 60, y2: 80 } } }]);
    tool().pointerUp(at(60.5, 80.25));
    expect(tool().state).toBe("idle");
    expect(editor.objects()).toMatchObject([{ id: "id-1", kind: "rectangle", labelId: 1, source: "manual", geometry: { x1: 10, y1: 20, x2: 60.5, y2: 80.25, rotation: 0 } }]);
    expect(editor.store.history().map((c) => c.label)).toEqual(["draw rectangle"]);
  });

  it("draws with two clicks (pointing → placing → idle)", () => {
    tool().pointerDown(at(100, 100));
    tool().pointerUp(at(100, 100));
    expect(tool().state).toBe("placing");
    tool().pointerMove(at(50, 150));
    expect(tool().overlay()).toHaveLength(1);
    tool().pointerDown(at(40, 160));
    expect(tool().state).toBe("idle");
    expect(editor.objects()[0]?.geometry).toEqual({ x1: 40, y1: 100, x2: 100, y2: 160, rotation: 0 });
  });

  it("draws a square with Shift", () => {
    drag(editor, [0, 0], [50, 20], { shift: true });
    expect(editor.objects()[0]?.geometry).toEqual({ x1: 0, y1: 0, x2: 50, y2: 50, rotation: 0 });
  });

  it("creates nothing for a flat box", () => {
    drag(editor, [0, 0], [50, 1]);
    expect(editor.objects()).toEqual([]);
  });

  it("drops the draft on Escape from dragging and from placing", () => {
    tool().pointerDown(at(0, 0));
    tool().pointerMove(at(30, 30));
    expect(tool().keyDown(key("Escape"))).toBe(true);
    expect(tool().state).toBe("idle");
    tool().pointerDown(at(0, 0));
    tool().pointerUp(at(0, 0));
    tool().cancel();
    expect(tool().state).toBe("idle");
    expect(tool().keyDown(key("Escape"))).toBe(false);
    expect(editor.objects()).toEqual([]);
  });

  it("refuses to start without an active label", () => {
    editor.setActiveLabel(null);
    tool().pointerDown(at(0, 0));
    expect(tool().state).toBe("idle");
    expect(errors.map((e) => e.type)).toEqual(["no_label"]);
  });

  it("refuses a label that allows another kind", () => {
    editor.setActiveLabel(3);
    tool().pointerDown(at(0, 0));
    expect(tool().state).toBe("idle");
    expect(errors[0]?.message).toBe('activeLabel: label "road" allows polygon only, not rectangle');
  });

  it("gives new objects the label's attribute defaults and puts them on top", () => {
    const attributes = [
      { name: "parked", kind: "checkbox", values: [], default: true, mutable: false, required: false, min: null, max: null, step: null },
      { name: "colour", kind: "select", values: ["red", "blue"], default: null, mutable: false, required: true, min: null, max: null, step: null },
    ];
    editor.setLabels([{ id: 1, project_id: 1, name: "car", color: "#f00", kind: "any", position: 0, skeleton: null, attributes }]);
    editor.setActiveLabel(1);
    editor.setObjects({ shapes: [{ id: "x", label_id: 1, kind: "points", points: [1, 1], z_order: 4 }] });
    editor.setTool("rectangle");
    drag(editor, [0, 0], [50, 50]);
    expect(editor.store.get("id-1")).toMatchObject({ attributes: { parked: true, colour: "red" }, zOrder: 4 });
  });
});

describe("ellipse tool", () => {
  it("draws the ellipse inscribed in the dragged box", () => {
    editor.setTool("ellipse");
    drag(editor, [0, 0], [100, 50]);
    expect(editor.objects()[0]).toMatchObject({ kind: "ellipse", geometry: { cx: 50, cy: 25, rx: 50, ry: 25, rotation: 0 } });
  });
});

describe("skeleton tool", () => {
  it("places the label's template scaled into the dragged box", () => {
    editor.setActiveLabel(4);
    editor.setTool("skeleton");
    drag(editor, [100, 100], [200, 300]);
    expect(editor.objects()[0]).toMatchObject({ kind: "skeleton", geometry: { points: [150, 100, 100, 300, 200, 300], visibility: ["visible", "visible", "visible"] } });
  });

  it("needs a label with a template", () => {
    editor.setTool("skeleton");
    tool().pointerDown(at(0, 0));
    expect(tool().state).toBe("idle");
    expect(errors.map((e) => e.message)).toEqual(['activeLabel: label "car" has no skeleton template']);
  });
});
