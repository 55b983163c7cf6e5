import { beforeEach, describe, expect, it } from "vitest";

import type { Editor } from "../src/editor";
import type { ScreenPointer } from "../src/input";
import * as vp from "../src/viewport";
import { testEditor, wireRect } from "./support/fixtures";

let editor: Editor;

function p(x: number, y: number, over: Partial<ScreenPointer> = {}): ScreenPointer {
  return { x, y, button: 0, shift: false, alt: false, ctrl: false, ...over };
}

function k(key: string, over: { shift?: boolean; ctrl?: boolean } = {}): { key: string; shift: boolean; alt: boolean; ctrl: boolean } {
  return { key, shift: false, alt: false, ctrl: false, ...over };
}

beforeEach(() => {
  editor = testEditor().editor;
  // 2 screen px per image px, image (0, 0) at screen (100, 50).
  editor.setViewport({ ...editor.viewport, scale: 2, offsetX: 100, offsetY: 50 });
  editor.setObjects({ shapes: [wireRect("a", 0, 0, 100, 100)] });
});

describe("input", () => {
  it("hands tools image coordinates, floats included", () => {
    editor.setActiveLabel(1);
    editor.setTool("rectangle");
    editor.inputs.pointerDown(p(101, 51));
    editor.inputs.pointerMove(p(151, 91));
    editor.inputs.pointerUp(p(151, 91));
    expect(editor.objects().at(-1)?.geometry).toEqual({ x1: 0.5, y1: 0.5, x2: 25.5, y2: 20.5, rotation: 0 });
  });

  it("reports the cursor in image coordinates, and when it leaves", () => {
    const seen: unknown[] = [];
    editor.on("cursorMoved", (e) => seen.push(e));
    editor.inputs.pointerMove(p(103, 57));
    editor.inputs.pointerMove(p(0, 0));
    editor.inputs.pointerLeave();
    expect(seen).toEqual([
      { point: { x: 1.5, y: 3.5 }, inside: true },
      { point: { x: -50, y: -25 }, inside: false },
      { point: null, inside: false },
    ]);
  });

  it("highlights the object under the cursor with the select tool", () => {
    editor.inputs.pointerMove(p(150, 150));
    expect(editor.hover).toBe("a");
    editor.inputs.pointerMove(p(700, 550));
    expect(editor.hover).toBeNull();
  });

  it("zooms with the wheel about the cursor", () => {
    const before = vp.toImage(editor.viewport, { x: 321, y: 222 });
    editor.inputs.wheel({ x: 321, y: 222, deltaY: -300, ctrl: false });
    expect(editor.viewport.scale).toBeGreaterThan(2);
    const after = vp.toImage(editor.viewport, { x: 321, y: 222 });
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it("pans with the middle button and with Space held, without reaching the tool", () => {
    editor.inputs.pointerDown(p(300, 300, { button: 1 }));
    editor.inputs.pointerMove(p(320, 310, { button: 1 }));
    editor.inputs.pointerUp(p(320, 310, { button: 1 }));
    expect([editor.viewport.offsetX, editor.viewport.offsetY]).toEqual([120, 60]);
    expect(editor.inputs.keyDown(k(" "))).toBe(true);
    editor.inputs.pointerDown(p(150, 150));
    expect(editor.inputs.panning).toBe(true);
    editor.inputs.pointerMove(p(140, 150));
    editor.inputs.pointerUp(p(140, 150));
    editor.inputs.keyUp(k(" "));
    expect(editor.viewport.offsetX).toBe(110);
    expect(editor.selected()).toEqual([]);
    expect(editor.store.canUndo).toBe(false);
  });

  it("binds undo, redo, copy, paste, zoom and delete keys the tool leaves alone", () => {
    editor.select(["a"]);
    expect(editor.inputs.keyDown(k("c", { ctrl: true }))).toBe(true);
    expect(editor.inputs.keyDown(k("v", { ctrl: true }))).toBe(true);
    expect(editor.objects()).toHaveLength(2);
    editor.inputs.keyDown(k("z", { ctrl: true }));
    expect(editor.objects()).toHaveLength(1);
    editor.inputs.keyDown(k("Z", { ctrl: true, shift: true }));
    expect(editor.objects()).toHaveLength(2);
    editor.inputs.keyDown(k("z", { ctrl: true }));
    editor.inputs.keyDown(k("y", { ctrl: true }));
    expect(editor.objects()).toHaveLength(2);
    editor.inputs.keyDown(k("+"));
    expect(editor.viewport.scale).toBeCloseTo(2.5);
    editor.inputs.keyDown(k("-"));
    expect(editor.viewport.scale).toBeCloseTo(2);
    editor.setTool("rectangle");
    expect(editor.inputs.keyDown(k("Delete"))).toBe(true);
    expect(editor.objects()).toHaveLength(1);
    expect(editor.inputs.keyDown(k("q"))).toBe(false);
  });
});
