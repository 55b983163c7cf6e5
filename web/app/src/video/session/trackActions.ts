/**
 * Track commands on the selection, for buttons and keys: keyframe, outside and occluded toggles, split,
 * merge, propagate, the draw mode, and moving between keyframes. Each tells the user (a workspace
 * message) when there is nothing it can act on; the canvas reports what it refuses (`last_keyframe`,
 * `tracks_overlap`, …) as an error event the workspace shows too.
 */
import type { CanvasFacade } from "@annota/canvas-core";
import type { WorkspaceController } from "../../workspace/session/controller";

function trackIds(canvas: CanvasFacade): Set<string> {
  return new Set(canvas.tracks().map((t) => t.id));
}

/** The selected objects that are tracks, in selection order. */
export function selectedTracks(c: WorkspaceController): string[] {
  const canvas = c.canvas;
  if (canvas === null) return [];
  const tracks = trackIds(canvas);
  return c.snapshot().selection.filter((id) => tracks.has(id));
}

function eachSelectedTrack(c: WorkspaceController, run: (canvas: CanvasFacade, id: string) => unknown): void {
  const canvas = c.canvas;
  const ids = selectedTracks(c);
  if (canvas === null || ids.length === 0) {
    c.say("video.selectTrack");
    return;
  }
  for (const id of ids) run(canvas, id);
}

export function toggleKeyframe(c: WorkspaceController): void {
  eachSelectedTrack(c, (canvas, id) => canvas.toggleKeyframe(id));
}

export function toggleOutside(c: WorkspaceController): void {
  eachSelectedTrack(c, (canvas, id) => canvas.toggleOutside(id));
}

/** Occluded from this frame on (a keyframe here) for tracks; the flag itself for shapes. */
export function toggleOccluded(c: WorkspaceController): void {
  const canvas = c.canvas;
  const ids = c.snapshot().selection.filter((id) => c.snapshot().objects.some((o) => o.id === id && o.kind !== "tag"));
  if (canvas === null || ids.length === 0) {
    c.say("video.selectObject");
    return;
  }
  for (const id of ids) canvas.toggleOccluded(id);
}

/** Splits the selected track on this frame; the second part (starting here) is selected. */
export function split(c: WorkspaceController): void {
  const ids = selectedTracks(c);
  const id = ids[0];
  if (ids.length !== 1 || id === undefined) {
    c.say("video.selectOneTrack");
    return;
  }
  c.canvas?.splitTrack(id);
}

/** Merges two selected tracks into the one that starts first. */
export function merge(c: WorkspaceController): void {
  const canvas = c.canvas;
  const ids = selectedTracks(c);
  if (canvas === null || ids.length !== 2) {
    c.say("video.mergeNeedsTwo");
    return;
  }
  const start = (id: string) => canvas.trackTimeline(id).keyframes[0] ?? 0;
  const [first, second] = [...ids].sort((a, b) => start(a) - start(b)) as [string, string];
  canvas.mergeTracks(first, second);
}

/** Repeats the selected object (track state or shape) as keyframes on the next `frames` frames. */
export function propagate(c: WorkspaceController, frames: number): void {
  const canvas = c.canvas;
  const selection = c.snapshot().selection;
  const id = selection[0];
  if (canvas === null || selection.length !== 1 || id === undefined || c.snapshot().objects.find((o) => o.id === id)?.kind === "tag") {
    c.say("video.selectObject");
    return;
  }
  if (!Number.isInteger(frames) || frames === 0) {
    c.say("video.badFrameCount");
    return;
  }
  const done = canvas.propagate(id, frames);
  if (done !== null) c.say("video.propagated", { count: Math.abs(frames) });
}

export function toggleDrawMode(c: WorkspaceController): void {
  c.setDrawMode(c.snapshot().drawMode === "track" ? "shape" : "track");
}

/** The frame of the nearest keyframe after (+1) or before (−1) this one, of the selected tracks or, with none selected, of any. */
export function keyframeFrom(c: WorkspaceController, direction: 1 | -1): number | null {
  const canvas = c.canvas;
  if (canvas === null) return null;
  const scope = selectedTracks(c).length > 0 ? "selection" : "all";
  return direction > 0 ? canvas.nextKeyframe(scope) : canvas.previousKeyframe(scope);
}
