import { describe, expect, it } from "vitest";
import { foldDiffs, rebaseDiff } from "../../../src/workspace/save/diffAlgebra";
import type { Collection, SavedTrack, ServerDiff } from "../../../src/workspace/document/wire";
import { diff, rect, tag } from "../support";

describe("foldDiffs", () => {
  it("keeps a create followed by an update as one create of the latest version", () => {
    const folded = foldDiffs([diff((d) => d.shapes.create.push(rect("a", 0, 0, 0, 1, 1))), diff((d) => d.shapes.update.push(rect("a", 0, 5, 5, 9, 9)))]);
    expect(folded.shapes).toEqual({ create: [rect("a", 0, 5, 5, 9, 9)], update: [], delete: [] });
  });

  it("drops an object created then deleted", () => {
    const folded = foldDiffs([diff((d) => d.shapes.create.push(rect("a", 0, 0, 0, 1, 1))), diff((d) => d.shapes.delete.push("a"))]);
    expect(folded.shapes).toEqual({ create: [], update: [], delete: [] });
  });

  it("turns an update followed by a delete into a delete", () => {
    const folded = foldDiffs([diff((d) => d.shapes.update.push(rect("a", 0, 0, 0, 1, 1))), diff((d) => d.shapes.delete.push("a"))]);
    expect(folded.shapes).toEqual({ create: [], update: [], delete: ["a"] });
  });

  it("turns a delete followed by a create of the same id (an undone delete) into an update", () => {
    const folded = foldDiffs([diff((d) => d.shapes.delete.push("a")), diff((d) => d.shapes.create.push(rect("a", 0, 1, 1, 2, 2)))]);
    expect(folded.shapes).toEqual({ create: [], update: [rect("a", 0, 1, 1, 2, 2)], delete: [] });
  });

  it("folds tags apart from shapes", () => {
    const folded = foldDiffs([diff((d) => d.tags.create.push(tag("t", 0))), diff((d) => d.shapes.delete.push("t2"))]);
    expect(folded.tags.create).toEqual([tag("t", 0)]);
    expect(folded.shapes.delete).toEqual(["t2"]);
  });
});

describe("rebaseDiff", () => {
  const theirs = new Set(["kept", "created-by-both"]);
  const exists = (_c: Collection, id: string) => theirs.has(id);

  it("brings back an object they deleted and I edited, as a create", () => {
    const out = rebaseDiff(diff((d) => d.shapes.update.push(rect("gone", 0, 0, 0, 1, 1))), exists);
    expect(out.shapes.create.map((s) => s.id)).toEqual(["gone"]);
    expect(out.shapes.update).toEqual([]);
  });

  it("sends my create of an id the server already has as an update", () => {
    const out = rebaseDiff(diff((d) => d.shapes.create.push(rect("created-by-both", 0, 0, 0, 1, 1))), exists);
    expect(out.shapes.update.map((s) => s.id)).toEqual(["created-by-both"]);
  });

  it("drops deletes of objects already gone and keeps the others", () => {
    const out = rebaseDiff(diff((d) => d.shapes.delete.push("gone", "kept")), exists);
    expect(out.shapes.delete).toEqual(["kept"]);
  });
});

describe("tracks in saves", () => {
  const track = (id: string, frames: number[]): SavedTrack => ({ id, kind: "rectangle", label_id: 1, z_order: 0, attributes: {}, group: null, source: "manual", keyframes: frames.map((frame) => ({ frame, outside: false, occluded: false, attributes: {}, source: "manual", points: [0, 0, 1, 1], rotation: 0 })) });
  const withTracks = (tracks: ServerDiff["tracks"]): ServerDiff => ({ ...diff(() => undefined), tracks });

  it("fold like shapes: a track created then edited goes as one create of its last version", () => {
    const folded = foldDiffs([withTracks({ create: [track("t", [0])], update: [], delete: [] }), diff(() => undefined), withTracks({ create: [], update: [track("t", [0, 5])], delete: [] })]);
    expect(folded.tracks).toEqual({ create: [track("t", [0, 5])], update: [], delete: [] });
  });

  it("stay out of a fold of diffs that have none (image jobs send what they sent before)", () => {
    expect("tracks" in foldDiffs([diff(() => undefined), diff(() => undefined)])).toBe(false);
  });

  it("re-base like shapes: my edit of a track they deleted comes back as a create", () => {
    const out = rebaseDiff(withTracks({ create: [], update: [track("gone", [0])], delete: [] }), () => false);
    expect(out.tracks?.create.map((t) => t.id)).toEqual(["gone"]);
  });
});
