import { describe, expect, it } from "vitest";

import { KIND_REGISTRY } from "../../src/kinds/registry";
import { MAX_HANDLES, handleAt, visibleHandles } from "../../src/tools/handles";
import { obj, rect } from "../support/fixtures";

describe("visible handles", () => {
  it("are all shown on a large object", () => {
    expect(visibleHandles(KIND_REGISTRY, rect("a", 0, 0, 100, 100), 1).map((h) => h.id)).toEqual(["nw", "n", "ne", "e", "se", "s", "sw", "w", "rotate"]);
  });

  it("are hidden on an object a few pixels wide on screen (level of detail)", () => {
    expect(visibleHandles(KIND_REGISTRY, rect("a", 0, 0, 100, 100), 0.05)).toEqual([]);
  });

  it("drop edge-insert handles on short edges", () => {
    const p = obj("p", "polygon", { points: [0, 0, 100, 0, 100, 10] });
    expect(visibleHandles(KIND_REGISTRY, p, 1).map((h) => h.id)).toEqual(["v:0", "v:1", "v:2", "e:0", "e:2"]);
  });

  it("are not drawn at all for a huge vertex count seen whole", () => {
    const pts: number[] = [];
    for (let i = 0; i <= MAX_HANDLES; i++) pts.push(i, (i * 7) % 13);
    expect(visibleHandles(KIND_REGISTRY, obj("p", "polyline", { points: pts }), 1)).toEqual([]);
  });
});

describe("handle under the pointer", () => {
  it("is the nearest within the radius, vertices before edge handles", () => {
    const hs = [
      { id: "e:0", role: "edge" as const, x: 0, y: 0 },
      { id: "v:0", role: "vertex" as const, x: 5, y: 0 },
    ];
    expect(handleAt(hs, { x: 1, y: 0 }, 1, 7)?.id).toBe("v:0");
    expect(handleAt(hs, { x: -6, y: 0 }, 1, 7)?.id).toBe("e:0");
    expect(handleAt(hs, { x: 20, y: 0 }, 1, 7)).toBeNull();
    // The radius is in screen pixels: at scale 10, 1 image px away is 10 px away.
    expect(handleAt(hs, { x: 6, y: 0 }, 10, 7)).toBeNull();
  });
});
