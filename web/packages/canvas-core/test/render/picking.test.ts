import { describe, expect, it } from "vitest";

import { parseLabels } from "../../src/model/label";
import { objectsInBox, pickAll, pickAt, type PickScene } from "../../src/render/picking";
import { bindIndex, SpatialIndex } from "../../src/render/spatial-index";
import { AnnotationStore } from "../../src/store/store";
import { LABELS, obj, rect } from "../support/fixtures";

function scene(...objects: ReturnType<typeof rect>[]): PickScene {
  const store = new AnnotationStore();
  const index = new SpatialIndex();
  bindIndex(index, store);
  store.load(objects);
  const labels = new Map(parseLabels(LABELS).map((l) => [l.id, l]));
  return { store, index, label: (id) => labels.get(id) };
}

describe("picking", () => {
  it("prefers a higher zOrder, then the smaller object, then the one drawn later", () => {
    const s = scene(rect("big", 0, 0, 100, 100), rect("small", 10, 10, 20, 20), rect("late", 10, 10, 20, 20), rect("top", 50, 50, 200, 200, { zOrder: 1 }));
    expect(pickAll(s, { x: 15, y: 15 }, 0).map((p) => p.id)).toEqual(["late", "small", "big"]);
    expect(pickAt(s, { x: 60, y: 60 }, 0)?.id).toBe("top");
  });

  it("uses the tolerance near an edge", () => {
    const s = scene(rect("a", 0, 0, 10, 10));
    expect(pickAt(s, { x: 12, y: 5 }, 1)).toBeNull();
    expect(pickAt(s, { x: 12, y: 5 }, 3)).toEqual({ id: "a", distance: 2 });
  });

  it("hits a skeleton on its template's edges", () => {
    const s = scene(obj("s", "skeleton", { points: [50, 0, 0, 100, 100, 100], visibility: ["visible", "visible", "visible"] }, { labelId: 4 }) as never);
    expect(pickAt(s, { x: 25, y: 50 }, 1)?.id).toBe("s");
  });

  it("selects in a box only objects wholly inside, never hidden or locked ones", () => {
    const s = scene(rect("in", 10, 10, 20, 20), rect("across", 90, 90, 120, 120), rect("hidden", 30, 30, 40, 40), rect("locked", 50, 50, 60, 60));
    s.store.setHidden(["hidden"], true);
    s.store.setLocked(["locked"], true);
    expect(objectsInBox(s, { minX: 0, minY: 0, maxX: 100, maxY: 100 })).toEqual(["in"]);
  });
});
