import { describe, expect, it } from "vitest";

import { boxesIntersect, type Box } from "../../src/geometry/box";
import { bindIndex, SpatialIndex } from "../../src/render/spatial-index";
import { AnnotationStore } from "../../src/store/store";
import { rect } from "../support/fixtures";

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBox(r: () => number): Box {
  const x = r() * 4000;
  const y = r() * 3000;
  return { minX: x, minY: y, maxX: x + r() * 200, maxY: y + r() * 200 };
}

describe("spatial index", () => {
  it("answers box queries exactly as a brute-force scan, through inserts, moves and deletes", () => {
    const r = rng(42);
    const index = new SpatialIndex();
    const truth = new Map<string, Box>();
    for (let i = 0; i < 3000; i++) {
      const b = randomBox(r);
      index.set(`o${i}`, b);
      truth.set(`o${i}`, b);
    }
    for (let i = 0; i < 1000; i++) {
      const id = `o${Math.floor(r() * 3000)}`;
      if (r() < 0.3) {
        index.delete(id);
        truth.delete(id);
      } else {
        const b = randomBox(r);
        index.set(id, b);
        truth.set(id, b);
      }
    }
    expect(index.size).toBe(truth.size);
    for (let q = 0; q < 200; q++) {
      const query = randomBox(r);
      const expected = [...truth].filter(([, b]) => boxesIntersect(b, query)).map(([id]) => id).sort();
      expect(index.search(query).sort()).toEqual(expected);
    }
  });

  it("bulk-loads and then stays in step with the store", () => {
    const store = new AnnotationStore();
    const index = new SpatialIndex();
    bindIndex(index, store);
    store.load([rect("a", 0, 0, 10, 10), rect("b", 100, 100, 110, 110)]);
    expect(index.search({ minX: 0, minY: 0, maxX: 200, maxY: 200 }).sort()).toEqual(["a", "b"]);
    store.apply({ update: [rect("a", 500, 500, 510, 510)], delete: ["b"], create: [rect("c", 5, 5, 6, 6)] }, "edit");
    expect(index.search({ minX: 0, minY: 0, maxX: 200, maxY: 200 })).toEqual(["c"]);
    expect(index.boxOf("a")).toMatchObject({ minX: 500 });
    store.undo();
    expect(index.search({ minX: 0, minY: 0, maxX: 200, maxY: 200 }).sort()).toEqual(["a", "b"]);
  });

  it("leaves objects without geometry (tags) out", () => {
    const store = new AnnotationStore();
    const index = new SpatialIndex();
    bindIndex(index, store);
    store.load([rect("a", 0, 0, 10, 10), { ...rect("t", 0, 0, 1, 1), kind: "tag", geometry: {} } as never]);
    expect(index.size).toBe(1);
  });
});
