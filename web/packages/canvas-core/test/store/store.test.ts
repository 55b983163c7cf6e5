import { describe, expect, it } from "vitest";

import { CanvasError } from "../../src/errors";
import type { StoreEvent } from "../../src/store/changes";
import { AnnotationStore } from "../../src/store/store";
import { rect } from "../support/fixtures";

function loaded(...ids: string[]): AnnotationStore {
  const s = new AnnotationStore();
  s.load(ids.map((id, i) => rect(id, i * 10, 0, i * 10 + 5, 5)));
  return s;
}

function moved(s: AnnotationStore, id: string, dx: number): ReturnType<typeof rect> {
  const o = s.get(id)!;
  if (o.kind !== "rectangle") throw new Error("rectangle expected");
  return { ...o, geometry: { ...o.geometry, x1: o.geometry.x1 + dx, x2: o.geometry.x2 + dx } };
}

describe("annotation store", () => {
  it("keeps objects by id in z-order, then in the order they were added", () => {
    const s = new AnnotationStore();
    s.load([rect("a", 0, 0, 1, 1, { zOrder: 2 }), rect("b", 0, 0, 1, 1), rect("c", 0, 0, 1, 1)]);
    expect(s.ordered().map((o) => o.id)).toEqual(["b", "c", "a"]);
    expect(s.rank("a")).toBe(2);
    expect(s.topZOrder()).toBe(2);
  });

  it("records one action as one change set and undoes and redoes it", () => {
    const s = loaded("a", "b");
    s.apply({ create: [rect("c", 0, 0, 1, 1)], update: [moved(s, "a", 5)], delete: ["b"] }, "mixed");
    expect(s.history().map((c) => c.label)).toEqual(["mixed"]);
    expect(s.undo()?.label).toBe("mixed");
    expect(s.ordered().map((o) => o.id)).toEqual(["a", "b"]);
    expect(s.get("a")?.geometry).toMatchObject({ x1: 0 });
    s.redo();
    expect(s.ordered().map((o) => o.id)).toEqual(["a", "c"]);
    expect(s.get("a")?.geometry).toMatchObject({ x1: 5 });
  });

  it("has unbounded undo: a thousand actions undo back to the start", () => {
    const s = loaded("a");
    for (let i = 0; i < 1000; i++) s.apply({ update: [moved(s, "a", 1)] }, "nudge");
    expect(s.get("a")?.geometry).toMatchObject({ x1: 1000 });
    let n = 0;
    while (s.undo() !== null) n++;
    expect(n).toBe(1000);
    expect(s.get("a")?.geometry).toMatchObject({ x1: 0 });
  });

  it("clears redo when a new action is taken", () => {
    const s = loaded("a");
    s.apply({ update: [moved(s, "a", 1)] }, "one");
    s.undo();
    expect(s.canRedo).toBe(true);
    s.apply({ update: [moved(s, "a", 2)] }, "two");
    expect(s.canRedo).toBe(false);
  });

  it("puts an undeleted object back at its place in the z-order", () => {
    const s = loaded("a", "b", "c");
    s.apply({ delete: ["a"] }, "delete");
    s.undo();
    expect(s.ordered().map((o) => o.id)).toEqual(["a", "b", "c"]);
  });

  it("rejects a whole request that names a missing or an existing id, changing nothing", () => {
    const s = loaded("a");
    expect(() => s.apply({ create: [rect("a", 0, 0, 1, 1)], delete: ["zz"] }, "bad")).toThrowError(CanvasError);
    expect(s.size).toBe(1);
    expect(s.canUndo).toBe(false);
  });

  it("restores the selection around undo and redo", () => {
    const s = loaded("a", "b");
    s.select(["a"]);
    s.apply({ delete: ["a"] }, "delete");
    expect(s.selected()).toEqual([]);
    s.undo();
    expect(s.selected()).toEqual(["a"]);
  });

  it("selects by replace, add, toggle and remove, and refuses unknown ids", () => {
    const s = loaded("a", "b", "c");
    s.select(["a"]);
    s.select(["b"], "add");
    expect(s.selected()).toEqual(["a", "b"]);
    s.select(["a", "c"], "toggle");
    expect(s.selected()).toEqual(["b", "c"]);
    s.select(["b"], "remove");
    expect(s.selected()).toEqual(["c"]);
    expect(() => s.select(["nope"])).toThrowError(/no object nope/);
  });

  it("keeps hidden and locked flags out of history", () => {
    const s = loaded("a");
    s.setHidden(["a"], true);
    s.setLocked(["a"], true);
    expect(s.isHidden("a") && s.isLocked("a")).toBe(true);
    expect(s.canUndo).toBe(false);
    expect(s.hasPendingChanges()).toBe(false);
  });

  it("turns a whole preview into one change set on commit", () => {
    const s = loaded("a");
    s.beginPreview();
    for (let i = 0; i < 10; i++) s.updatePreview({ update: [moved(s, "a", 1)] });
    expect(s.canUndo).toBe(false);
    const set = s.commitPreview("move");
    expect(set?.changes).toHaveLength(1);
    expect(set?.changes[0]?.before?.geometry).toMatchObject({ x1: 0 });
    expect(set?.changes[0]?.after?.geometry).toMatchObject({ x1: 10 });
    s.undo();
    expect(s.get("a")?.geometry).toMatchObject({ x1: 0 });
  });

  it("puts everything back when a preview is cancelled, created objects included", () => {
    const s = loaded("a");
    s.beginPreview();
    s.updatePreview({ update: [moved(s, "a", 3)], create: [rect("n", 0, 0, 1, 1)] });
    s.cancelPreview();
    expect(s.get("a")?.geometry).toMatchObject({ x1: 0 });
    expect(s.has("n")).toBe(false);
    expect(s.canUndo).toBe(false);
  });

  it("refuses a plain action while a preview is in progress", () => {
    const s = loaded("a");
    s.beginPreview();
    expect(() => s.apply({ delete: ["a"] }, "delete")).toThrowError(/preview is in progress/);
  });

  it("emits typed events for objects, selection, history and previews", () => {
    const s = loaded("a");
    const events: string[] = [];
    s.subscribe((e: StoreEvent) => events.push(e.type === "objects" ? `objects:${e.cause}` : e.type));
    s.select(["a"]);
    s.apply({ update: [moved(s, "a", 1)] }, "move");
    s.beginPreview();
    s.updatePreview({ update: [moved(s, "a", 1)] });
    s.commitPreview("move");
    s.undo();
    expect(events).toEqual(["selection", "objects:action", "history", "preview", "objects:preview", "preview", "objects:action", "history", "objects:undo", "history"]);
  });

  it("lets a listener unsubscribe", () => {
    const s = loaded("a");
    let n = 0;
    const off = s.subscribe(() => n++);
    off();
    s.select(["a"]);
    expect(n).toBe(0);
  });
});
