import { describe, expect, it } from "vitest";
import { JobDocument } from "../../../src/workspace/document/jobDocument";
import { WorkspaceError } from "../../../src/workspace/errors";
import { diff, rect, tag } from "../support";
import type { SavedTrack } from "../../../src/workspace/document/wire";

function track(id: string, frames: number[]): SavedTrack {
  return { id, kind: "rectangle", label_id: 1, z_order: 0, attributes: {}, group: null, source: "manual", keyframes: frames.map((frame) => ({ frame, outside: false, occluded: false, attributes: {}, source: "manual", points: [0, 0, 1, 1], rotation: 0 })) };
}

describe("JobDocument", () => {
  const doc = () => JobDocument.fromBody({ revision: 4, shapes: [rect("a", 0, 0, 0, 1, 1), rect("b", 1, 0, 0, 1, 1)], tags: [tag("t", 0)] });

  it("gives each frame its own shapes and tags, in the canvas's form", () => {
    const input = doc().frameInput(0);
    expect(input.shapes?.map((s) => (s as { id: string }).id)).toEqual(["a"]);
    expect(input.tags?.map((s) => (s as { id: string }).id)).toEqual(["t"]);
    expect((input.shapes?.[0] as Record<string, unknown>).group_id).toBeUndefined();
  });

  it("moves a shape to another frame when an update changes its frame", () => {
    const d = doc();
    d.apply(diff((x) => x.shapes.update.push(rect("a", 1, 0, 0, 2, 2))));
    expect(d.frameShapes(0)).toEqual([]);
    expect(d.frameShapes(1).map((s) => s.id).sort()).toEqual(["a", "b"]);
  });

  it("applies creates and deletes and counts what is left on a frame", () => {
    const d = doc();
    d.apply(diff((x) => {
      x.shapes.create.push(rect("c", 0, 0, 0, 1, 1));
      x.shapes.delete.push("a");
      x.tags.delete.push("t");
    }));
    expect(d.countOnFrame(0)).toBe(1);
    expect(d.has("shapes", "a")).toBe(false);
  });

  it("shows a frame-range tag on every frame of its range", () => {
    const d = JobDocument.fromBody({ revision: 0, tags: [{ ...tag("r", 2), stop_frame: 4 }] });
    expect([1, 2, 3, 4, 5].map((f) => d.frameTags(f).length)).toEqual([0, 1, 1, 1, 0]);
  });

  it("rejects a document whose objects have no id, naming each one", () => {
    const bad = () => JobDocument.fromBody({ revision: 1, shapes: [{ ...rect("a", 0, 0, 0, 1, 1), id: null }] });
    expect(bad).toThrow(WorkspaceError);
    expect(bad).toThrow("document.shapes[0].id: a stored object has no id");
  });

  it("holds a video job's tracks: applies their changes and gives the canvas the whole job", () => {
    const d = JobDocument.fromBody({ revision: 1, shapes: [rect("a", 3, 0, 0, 1, 1)], tracks: [track("t1", [0, 9]), track("t2", [4])] });
    d.apply({ ...diff(() => undefined), tracks: { create: [track("t3", [1])], update: [track("t1", [0, 5, 9])], delete: ["t2"] } });
    expect(d.tracks.map((t) => [t.id, t.keyframes.map((k) => k.frame)])).toEqual([
      ["t1", [0, 5, 9]],
      ["t3", [1]],
    ]);
    expect(d.has("tracks", "t2")).toBe(false);
    const input = d.jobInput();
    expect([input.shapes?.length, input.tracks?.length]).toEqual([1, 2]);
    expect(d.shapeFrames()).toEqual([3]);
  });
});
