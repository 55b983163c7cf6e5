/** The video commands through the façade: whole-job loading, frames, track commands, timeline queries, events. */
import { beforeEach, describe, expect, it } from "vitest";

import type { Editor } from "../src/editor";
import { CanvasError } from "../src/errors";
import type { CanvasEvents } from "../src/events";
import { facadeOf, type CanvasFacade } from "../src/facade";
import { boxKeyframe, drag, testEditor, wireRect, wireTrack } from "./support/fixtures";

let editor: Editor;
let canvas: CanvasFacade;
let events: { [K in keyof CanvasEvents]?: CanvasEvents[K][] };

function record<K extends keyof CanvasEvents>(name: K): void {
  canvas.on(name, (p) => {
    const list = (events[name] ??= []) as CanvasEvents[K][];
    list.push(p);
  });
}

function keyframes(id: string): number[] {
  return canvas.trackTimeline(id).keyframes.slice();
}

function x1(id: string): number {
  return (canvas.objects().find((o) => o.id === id)!.geometry as { x1: number }).x1;
}

/** car: a box moving 100 px right over frames 0–10; sign: a shape on frame 0; day: a tag on frames 0–20. */
function loadJob(frame = 5): void {
  canvas.setAnnotations(
    {
      shapes: [{ ...wireRect("sign", 500, 500, 520, 520), frame: 0 }],
      tags: [{ id: "day", label_id: 6, frame: 0, stop_frame: 20 }],
      tracks: [wireTrack("car", [boxKeyframe(0, [0, 0, 10, 10]), boxKeyframe(10, [100, 0, 110, 10])])],
    },
    frame,
  );
}

beforeEach(() => {
  editor = testEditor().editor;
  editor.view.actualSize();
  canvas = facadeOf(editor);
  loadJob();
  events = {};
  for (const name of ["objectsChanged", "tracksChanged", "frameChanged", "historyChanged", "error"] as const) record(name);
});

describe("loading a job and switching frames", () => {
  it("shows the frame's objects, each with how it is shown", () => {
    canvas.setFrame(0);
    expect(canvas.frameObjects().map((o) => [o.id, o.state, o.keyframe])).toEqual([
      ["sign", "shape", false],
      ["day", "tag", false],
      ["car", "keyframe", true],
    ]);
    canvas.setFrame(3);
    expect(canvas.frameObjects().map((o) => [o.id, o.state])).toEqual([
      ["day", "tag"],
      ["car", "interpolated"],
    ]);
  });

  it("emits the frame's objects as a load, then frameChanged", () => {
    canvas.setFrame(0);
    expect(events.objectsChanged?.map((e) => [e.cause, e.created.map((o) => o.id), e.updated.map((o) => o.id)])).toEqual([["load", ["sign"], ["car"]]]);
    expect(events.frameChanged).toEqual([{ frame: 0 }]);
    expect(canvas.frame()).toBe(0);
  });

  it("tells the timeline every track on load", () => {
    const seen: string[] = [];
    canvas.on("tracksChanged", (e) => seen.push(`${e.cause}:${e.created.map((t) => t.id).join()}`));
    loadJob(0);
    expect(seen).toEqual(["load:car"]);
  });

  it("refuses an invalid job, keeping what is loaded", () => {
    expect(() => canvas.setAnnotations({ tracks: [wireTrack("x", [])] }, 0)).toThrowError(CanvasError);
    expect(canvas.tracks().map((t) => t.id)).toEqual(["car"]);
  });

  it("keeps one image's objects per frame with setObjects, as before: no frame switching", () => {
    canvas.setObjects({ shapes: [wireRect("a", 0, 0, 1, 1)] }, 2);
    expect(() => canvas.setFrame(3)).toThrowError(/setAnnotations/);
    expect(canvas.tracks()).toEqual([]);
  });

  it("reverts a drag in progress before switching", () => {
    canvas.select(["car"]);
    editor.tool.pointerDown({ point: { x: 55, y: 5 }, button: 0, shift: false, alt: false, ctrl: false });
    editor.tool.pointerMove({ point: { x: 80, y: 5 }, button: 0, shift: false, alt: false, ctrl: false });
    canvas.setFrame(6);
    expect(editor.tool.state).toBe("idle");
    expect(keyframes("car")).toEqual([0, 10]);
  });
});

describe("editing a track on the canvas", () => {
  it("drags an interpolated state into a new keyframe, undoable from another frame", () => {
    canvas.select(["car"]);
    drag(editor, [55, 5], [75, 5]);
    expect(keyframes("car")).toEqual([0, 5, 10]);
    expect(x1("car")).toBe(70);
    canvas.setFrame(9);
    expect(canvas.undo()).toBe(true);
    expect(keyframes("car")).toEqual([0, 10]);
    expect(x1("car")).toBe(90);
  });

  it("sends the edited track whole in the pending diff", () => {
    canvas.select(["car"]);
    drag(editor, [55, 5], [75, 5]);
    const d = canvas.pendingDiff();
    expect(d.tracks.update.map((t) => [t.id, t.keyframes.map((k) => k.frame)])).toEqual([["car", [0, 5, 10]]]);
    expect(canvas.hasUnsavedChanges()).toBe(true);
    canvas.acknowledge(d.through);
    expect(canvas.hasUnsavedChanges()).toBe(false);
  });

  it("emits tracksChanged with the updated track", () => {
    canvas.toggleKeyframe("car");
    expect(events.tracksChanged?.map((e) => [e.cause, e.updated.map((t) => t.id)])).toEqual([["action", ["car"]]]);
  });

  it("draws a track in track mode, a shape otherwise", () => {
    canvas.setActiveLabel(1);
    canvas.setDrawMode("track");
    canvas.setTool("rectangle");
    drag(editor, [200, 200], [260, 240]);
    expect(canvas.drawMode()).toBe("track");
    const drawn = canvas.tracks().find((t) => t.id !== "car")!;
    expect(drawn.keyframes.map((k) => k.frame)).toEqual([5]);
    expect(canvas.exportObjects().shapes).toEqual([]);
    expect(canvas.exportTracks().map((t) => t.id)).toContain(drawn.id);
    canvas.setDrawMode("shape");
    drag(editor, [300, 300], [360, 340]);
    expect(canvas.exportObjects().shapes).toHaveLength(1);
  });

  it("refuses an unknown draw mode", () => {
    expect(() => canvas.setDrawMode("film" as "track")).toThrowError(CanvasError);
  });
});

describe("track commands", () => {
  it("toggles a keyframe on and off, keeping the state shown", () => {
    expect(canvas.toggleKeyframe("car")).toBe(true);
    expect(keyframes("car")).toEqual([0, 5, 10]);
    expect(canvas.frameObjects().find((o) => o.id === "car")?.state).toBe("keyframe");
    expect(canvas.toggleKeyframe("car")).toBe(true);
    expect(keyframes("car")).toEqual([0, 10]);
    expect(x1("car")).toBe(50);
  });

  it("reports the last keyframe instead of removing it", () => {
    canvas.setFrame(10);
    expect(canvas.toggleKeyframe("car")).toBe(true);
    canvas.setFrame(0);
    // Only frame 0 is left now.
    expect(canvas.toggleKeyframe("car")).toBe(false);
    expect(events.error?.at(-1)?.error.type).toBe("last_keyframe");
    expect(keyframes("car")).toEqual([0]);
  });

  it("takes the object out from this frame on, listed but not drawn or picked, and brings it back", () => {
    expect(canvas.toggleOutside("car")).toBe(true);
    expect(canvas.frameObjects().find((o) => o.id === "car")?.state).toBe("outside");
    expect(editor.pickAt({ x: 55, y: 5 })).toBeNull();
    canvas.setFrame(7);
    expect(canvas.frameObjects().find((o) => o.id === "car")?.state).toBe("outside");
    expect(canvas.trackTimeline("car").outside).toEqual([{ start: 5, stop: 9 }]);
    canvas.toggleOutside("car");
    expect(canvas.frameObjects().find((o) => o.id === "car")?.state).toBe("keyframe");
    expect(x1("car")).toBe(50);
  });

  it("toggles occluded on a track from this frame, and on a shape", () => {
    canvas.toggleOccluded("car");
    canvas.setFrame(8);
    expect(canvas.objects().find((o) => o.id === "car")?.occluded).toBe(true);
    canvas.setFrame(0);
    canvas.toggleOccluded("sign");
    expect(canvas.objects().find((o) => o.id === "sign")?.occluded).toBe(true);
  });

  it("splits a track in two, selecting the part that starts here; one undo joins them again", () => {
    const second = canvas.splitTrack("car")!;
    expect(canvas.selected()).toEqual([second]);
    expect(keyframes("car")).toEqual([0, 5]);
    expect(canvas.trackTimeline("car").outside).toEqual([{ start: 5, stop: null }]);
    expect(keyframes(second)).toEqual([5, 10]);
    canvas.undo();
    expect(canvas.tracks().map((t) => t.id)).toEqual(["car"]);
  });

  it("merges the two parts of a split back into one track", () => {
    const second = canvas.splitTrack("car")!;
    expect(canvas.mergeTracks(second, "car")).toBe("car");
    expect(canvas.tracks().map((t) => t.id)).toEqual(["car"]);
    expect(keyframes("car")).toEqual([0, 5, 10]);
  });

  it("reports tracks that cannot merge", () => {
    canvas.setAnnotations({ tracks: [wireTrack("a", [boxKeyframe(0, [0, 0, 1, 1])]), { ...wireTrack("b", [boxKeyframe(5, [0, 0, 1, 1])]), label_id: 2 }] }, 0);
    expect(canvas.mergeTracks("a", "b")).toBeNull();
    expect(events.error?.at(-1)?.error.type).toBe("tracks_differ");
    expect(canvas.tracks()).toHaveLength(2);
  });

  it("propagates a track's state over the next frames", () => {
    expect(canvas.propagate("car", 2)).toBe("car");
    expect(keyframes("car")).toEqual([0, 5, 6, 7, 10]);
  });

  it("propagates a shape into a track over N frames, ending after them", () => {
    canvas.setFrame(0);
    const id = canvas.propagate("sign", 3)!;
    expect(canvas.selected()).toEqual([id]);
    expect(keyframes(id)).toEqual([0, 1, 2, 3, 4]);
    expect(canvas.trackTimeline(id).outside).toEqual([{ start: 4, stop: null }]);
    const d = canvas.pendingDiff();
    expect([d.shapes.delete, d.tracks.create.map((t) => t.id)]).toEqual([["sign"], [id]]);
  });

  it("refuses to propagate over zero frames", () => {
    expect(() => canvas.propagate("car", 0)).toThrowError(/frames/);
  });

  it("converts a shape to a track and the track back to a shape", () => {
    canvas.setFrame(0);
    const track = canvas.shapeToTrack("sign")!;
    expect(canvas.frameObjects().find((o) => o.id === track)?.state).toBe("keyframe");
    const shape = canvas.trackToShape(track)!;
    expect(canvas.frameObjects().find((o) => o.id === shape)?.state).toBe("shape");
    expect(canvas.tracks().map((t) => t.id)).toEqual(["car"]);
    expect(canvas.exportObjects().shapes.find((s) => s.id === shape)).toMatchObject({ frame: 0, points: [500, 500, 520, 520] });
  });

  it("deletes a track with all its keyframes, from the command or the selection", () => {
    canvas.deleteTrack("car");
    expect(canvas.tracks()).toEqual([]);
    canvas.undo();
    canvas.select(["car"]);
    expect(canvas.deleteSelected()).toBe(1);
    expect(canvas.tracks()).toEqual([]);
  });

  it("throws for an id that is not a track", () => {
    expect(() => canvas.toggleKeyframe("sign")).toThrowError(/no track sign/);
    expect(() => canvas.trackTimeline("nope")).toThrowError(CanvasError);
  });

  it("reports a command on a frame before the track starts", () => {
    canvas.setAnnotations({ tracks: [wireTrack("late", [boxKeyframe(8, [0, 0, 1, 1])])] }, 2);
    expect(canvas.toggleOutside("late")).toBe(false);
    expect(canvas.toggleKeyframe("late")).toBe(false);
    expect(events.error?.map((e) => e.error.type)).toEqual(["invalid_state", "invalid_state"]);
  });
});

describe("keyframe navigation", () => {
  beforeEach(() => {
    canvas.setAnnotations(
      { tracks: [wireTrack("a", [boxKeyframe(2, [0, 0, 1, 1]), boxKeyframe(12, [0, 0, 1, 1])]), wireTrack("b", [boxKeyframe(4, [5, 5, 6, 6]), boxKeyframe(30, [5, 5, 6, 6])])] },
      6,
    );
  });

  it("finds the next and previous keyframe of the selection", () => {
    canvas.select(["b"]);
    expect([canvas.previousKeyframe(), canvas.nextKeyframe()]).toEqual([4, 30]);
  });

  it("finds the nearest keyframe of any track", () => {
    expect([canvas.previousKeyframe("all"), canvas.nextKeyframe("all")]).toEqual([4, 12]);
  });

  it("has none without a selected track", () => {
    expect(canvas.nextKeyframe()).toBeNull();
  });

  it("lists every track's timeline", () => {
    expect(canvas.timelines().map((t) => [t.id, t.keyframes])).toEqual([
      ["a", [2, 12]],
      ["b", [4, 30]],
    ]);
  });
});
