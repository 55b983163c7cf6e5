import { describe, expect, it } from "vitest";

import { KIND_REGISTRY, isKind } from "../../src/kinds/registry";
import { tagKind } from "../../src/kinds/tag";
import { KINDS } from "../../src/model/geometry";
import { RecordingContext } from "../support/recording-context";

describe("kind registry", () => {
  it("has one util per kind, each registered under its own name", () => {
    expect(Object.keys(KIND_REGISTRY).sort()).toEqual([...KINDS].sort());
    for (const kind of KINDS) expect(KIND_REGISTRY[kind].kind).toBe(kind);
  });

  it("saves tags in the tags collection and every other kind in shapes", () => {
    expect(KINDS.filter((k) => KIND_REGISTRY[k].collection === "tags")).toEqual(["tag"]);
  });

  it("recognises only registered kinds", () => {
    expect(isKind(KIND_REGISTRY, "mask")).toBe(true);
    expect(isKind(KIND_REGISTRY, "cuboid")).toBe(false);
    expect(isKind(KIND_REGISTRY, "toString")).toBe(false);
  });
});

describe("tag", () => {
  it("has no bounds, is never hit and draws nothing", () => {
    const g = tagKind.parse({}, [], [])!;
    const ctx = new RecordingContext();
    tagKind.traceOutline(ctx, g, { scale: 1, pixel: 1 });
    expect(tagKind.bbox(g)).toBeNull();
    expect(tagKind.hitTest(g, { x: 0, y: 0 }, 100)).toBeNull();
    expect(tagKind.handles(g, { scale: 1 })).toEqual([]);
    expect(ctx.calls).toEqual([]);
  });
});
