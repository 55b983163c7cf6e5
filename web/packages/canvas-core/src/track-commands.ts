/**
 * The editor's video commands: loading a whole job, switching frames, the track commands and the
 * queries a timeline and an object list need. Each command is one change set (undoable, in the
 * save diff); what the user tries and cannot do (remove the last keyframe, merge overlapping
 * tracks) is reported as an `error` event and changes nothing. Bad input (an unknown id) throws.
 */
import { CanvasError, type Issue } from "./errors";
import type { AnyTrack, TrackState } from "./interpolation/model";
import type { Label, LabelId } from "./model/label";
import type { AnyObject } from "./model/object";
import type { ChangeRequest } from "./store/changes";
import type { AnnotationStore } from "./store/store";
import { DRAW_MODES, type DrawMode } from "./tools/tool";
import { mergeTracks, propagateShape, propagateTrack, shapeFromState, splitTrack, toggleKeyframe, trackFromShape, type Outcome } from "./tracks/commands";
import { keyframeAfter, keyframeBefore, timelineOf, type TrackTimeline } from "./tracks/timeline";
import { parseJob, trackToWire, type JobAnnotationInput, type WireTrack } from "./tracks/wire";

/** How an object is shown on the current frame: a shape, a tag, or a track's state there. */
export type FrameObjectState = "shape" | "tag" | "keyframe" | "interpolated" | "outside";

/** One entry of the object list of the current frame. */
export interface FrameObject {
  readonly id: string;
  /** The object as drawn (for a track: its state on this frame, with the track's label, z-order and group). */
  readonly object: AnyObject;
  readonly track: boolean;
  /** `interpolated` also covers a state held after the last keyframe; `outside`: absent here, not drawn. */
  readonly state: FrameObjectState;
  /** A keyframe of the track is on this frame (an outside one too). */
  readonly keyframe: boolean;
}

/** How `receiveTrack` takes the server's copy of a track. */
export interface ReceiveTrackOptions {
  /** Shapes the track took the place of on the server (they go without a pending delete). */
  readonly replaces?: readonly string[];
  /** Copies of one tracker run (named as the caller likes) make one undoable change set. */
  readonly run?: string;
}

/** Whose keyframes `nextKeyframe` / `previousKeyframe` look at: the selected tracks, or every track. */
export type KeyframeScope = "selection" | "all";

/** What the track commands use of the editor. */
export interface TrackCommandContext {
  readonly store: AnnotationStore;
  labels(): ReadonlyMap<LabelId, Label>;
  newId(): string;
  /** Abandons the active tool's work in progress. */
  interrupt(): void;
  report(error: CanvasError): void;
}

export class TrackCommands {
  private mode: DrawMode = "shape";

  constructor(private readonly ctx: TrackCommandContext) {}

  private get store(): AnnotationStore {
    return this.ctx.store;
  }

  private mutable(labelId: LabelId): ReadonlySet<string> {
    return this.ctx.labels().get(labelId)?.mutableAttributes ?? new Set();
  }

  /** What the drawing tools make: shapes on the frame, or tracks starting there. */
  get drawMode(): DrawMode {
    return this.mode;
  }

  setDrawMode(mode: DrawMode): void {
    if (!DRAW_MODES.includes(mode)) throw CanvasError.of(["setDrawMode", "mode"], `unknown draw mode ${String(mode)}; expected one of ${DRAW_MODES.join(", ")}`, "invalid");
    this.mode = mode;
  }

  // ---- loading and frames ----

  /** Loads the whole job (`{shapes, tags, tracks}` of every frame) and shows `frame`; history and pending changes start over. */
  load(input: JobAnnotationInput, frame: number): void {
    if (!Number.isInteger(frame) || frame < 0) throw CanvasError.of(["setAnnotations", "frame"], `expected a frame number ≥ 0, got ${frame}`, "invalid");
    const labels = this.ctx.labels();
    const { objects, tracks } = parseJob(input, this.store.registry, { frame, ...(labels.size > 0 ? { labelIds: new Set(labels.keys()) } : {}) });
    this.ctx.interrupt();
    this.store.loadJob(objects, tracks, frame);
  }

  setFrame(frame: number): void {
    this.ctx.interrupt();
    this.store.setFrame(frame);
  }

  /**
   * The server's copy of one track (a tracker run wrote into it) in place of the editor's, with the
   * shapes it `replaces` gone (the shape a run started from): not a pending change, one undoable change
   * set (joined by later copies of the same `run`). The user's work in progress and other edits stay.
   */
  receiveTrack(input: WireTrack, options: ReceiveTrackOptions = {}): void {
    const labels = this.ctx.labels();
    let track: AnyTrack | undefined;
    try {
      track = parseJob({ tracks: [input] }, this.store.registry, { frame: this.store.frame, ...(labels.size > 0 ? { labelIds: new Set(labels.keys()) } : {}) }).tracks[0];
    } catch (error) {
      if (!(error instanceof CanvasError)) throw error;
      throw new CanvasError(error.issues.map((i) => ({ ...i, loc: ["receiveTrack", ...i.loc.slice(2)] })));
    }
    if (track === undefined) throw CanvasError.of(["receiveTrack"], "expected a track", "invalid");
    const before = this.store.track(track.id) ?? null;
    const gone = (options.replaces ?? []).flatMap((id) => {
      const shape = this.store.documentObject(id);
      return shape === undefined ? [] : [{ id, before: shape, after: null }];
    });
    const same = before !== null && JSON.stringify(trackToWire(before, this.store.registry)) === JSON.stringify(trackToWire(track, this.store.registry));
    if (same && gone.length === 0) return;
    this.store.receive({ objects: gone, tracks: same ? [] : [{ id: track.id, before, after: track }] }, options.run ?? null);
  }

  // ---- queries ----

  /** The objects of the current frame, bottom to top, each with how it is shown. */
  frameObjects(): FrameObject[] {
    return this.store.ordered().map((object) => {
      const s = this.store.trackState(object.id);
      if (s === undefined) return { id: object.id, object, track: false, state: object.kind === "tag" ? "tag" : "shape", keyframe: false };
      return { id: object.id, object, track: true, state: s.outside ? "outside" : s.keyframe ? "keyframe" : "interpolated", keyframe: s.keyframe };
    });
  }

  timeline(id: string): TrackTimeline {
    return timelineOf(this.track("trackTimeline", id));
  }

  /** Every track's timeline, in the order tracks were loaded or created. */
  timelines(): TrackTimeline[] {
    return this.store.tracks().map(timelineOf);
  }

  nextKeyframe(scope: KeyframeScope = "selection"): number | null {
    const frames = this.scoped(scope).map((t) => keyframeAfter(t, this.store.frame)).filter((f): f is number => f !== null);
    return frames.length === 0 ? null : Math.min(...frames);
  }

  previousKeyframe(scope: KeyframeScope = "selection"): number | null {
    const frames = this.scoped(scope).map((t) => keyframeBefore(t, this.store.frame)).filter((f): f is number => f !== null);
    return frames.length === 0 ? null : Math.max(...frames);
  }

  private scoped(scope: KeyframeScope): AnyTrack[] {
    if (scope === "all") return this.store.tracks();
    return this.store.selected().map((id) => this.store.track(id)).filter((t): t is AnyTrack => t !== undefined);
  }

  exportTracks(): WireTrack[] {
    return this.store.tracks().map((t) => trackToWire(t, this.store.registry));
  }

  // ---- commands ----

  /** Adds a keyframe holding what is shown on this frame, or removes the keyframe here (never the only one). */
  toggleKeyframe(id: string): boolean {
    const track = this.track("toggleKeyframe", id);
    const next = toggleKeyframe(track, this.state(id), this.store.frame);
    return this.write(next, (t) => ({ tracks: { update: [t] } }), "toggle keyframe") !== null;
  }

  /** The track leaves the frame from here on (an outside keyframe), or comes back here where it left. */
  toggleOutside(id: string): boolean {
    return this.toggle("toggleOutside", id, "outside");
  }

  /** Flips `occluded` from this frame on (a keyframe here); on a shape, flips the shape's. */
  toggleOccluded(id: string): boolean {
    const shape = this.store.documentObject(id);
    if (shape === undefined || shape.kind === "tag") return this.toggle("toggleOccluded", id, "occluded");
    this.ctx.interrupt();
    return this.store.apply({ update: [{ ...shape, occluded: !shape.occluded }] }, "toggle occluded") !== null;
  }

  private toggle(command: string, id: string, field: "outside" | "occluded"): boolean {
    const track = this.track(command, id);
    const shown = this.store.get(id);
    if (shown === undefined) return this.refuse(noStateIssue(command, track, this.store.frame));
    this.ctx.interrupt();
    return this.store.apply({ update: [{ ...shown, [field]: !shown[field] }] }, `toggle ${field}`) !== null;
  }

  /** Splits the track on this frame; returns the id of the second part (which starts here), or null when refused. */
  splitTrack(id: string): string | null {
    const track = this.track("splitTrack", id);
    const newId = this.ctx.newId();
    const parts = splitTrack(track, this.state(id), this.store.frame, newId);
    return this.written(this.write(parts, ([first, second]) => ({ tracks: { update: [first], create: [second] } }), "split track"), newId);
  }

  /** Merges two tracks of one label and kind into the one that starts first; returns its id, or null when refused. */
  mergeTracks(first: string, second: string): string | null {
    const a = this.track("mergeTracks", first);
    const b = this.track("mergeTracks", second);
    if (first === second) throw CanvasError.of(["mergeTracks"], `cannot merge track ${first} with itself`, "invalid");
    const done = this.write(mergeTracks(a, b), (m) => ({ tracks: { update: [m.merged], delete: [m.removed] } }), "merge tracks");
    return this.written(done, done?.merged.id ?? "");
  }

  /**
   * Repeats what is shown on this frame on the next `frames` frames (negative: the previous ones) as
   * keyframes. A shape becomes a track doing so (absent after the last of those frames). Returns the
   * track's id, or null when refused.
   */
  propagate(id: string, frames: number): string | null {
    if (!Number.isInteger(frames) || frames === 0) throw CanvasError.of(["propagate", "frames"], `expected a non-zero whole number of frames, got ${frames}`, "invalid");
    const shape = this.store.documentObject(id);
    if (shape !== undefined) {
      const newId = this.ctx.newId();
      const made = propagateShape(shape, frames, newId, this.mutable(shape.labelId));
      return this.written(this.write(made, (t) => ({ delete: [id], tracks: { create: [t] } }), "propagate"), newId);
    }
    const track = this.track("propagate", id);
    return this.written(this.write(propagateTrack(track, this.state(id), this.store.frame, frames), (t) => ({ tracks: { update: [t] } }), "propagate"), id);
  }

  /** Turns a shape into a track with one keyframe on the shape's frame; returns the track's id. */
  shapeToTrack(id: string): string | null {
    const shape = this.store.documentObject(id);
    if (shape === undefined) throw CanvasError.of(["shapeToTrack", "id"], `no shape ${id}`, "not_found");
    const newId = this.ctx.newId();
    return this.written(this.write(trackFromShape(shape, newId, this.mutable(shape.labelId)), (t) => ({ delete: [id], tracks: { create: [t] } }), "convert to track"), newId);
  }

  /** Keeps what the track shows on this frame as a shape there and deletes the track; returns the shape's id. */
  trackToShape(id: string): string | null {
    const track = this.track("trackToShape", id);
    const newId = this.ctx.newId();
    return this.written(this.write(shapeFromState(track, this.state(id), this.store.frame, newId), (s) => ({ create: [s], tracks: { delete: [id] } }), "convert to shape"), newId);
  }

  /** Deletes a track, every keyframe of it. */
  deleteTrack(id: string): void {
    this.track("deleteTrack", id);
    this.ctx.interrupt();
    this.store.apply({ tracks: { delete: [id] } }, "delete track");
  }

  // ---- helpers ----

  private track(command: string, id: string): AnyTrack {
    const track = this.store.track(id);
    if (track === undefined) throw CanvasError.of([command, "id"], `no track ${id}`, "not_found");
    return track;
  }

  private state(id: string): TrackState | null {
    return this.store.trackState(id) ?? null;
  }

  private refuse(issue: Issue): false {
    this.ctx.report(new CanvasError([issue]));
    return false;
  }

  /** Applies an outcome's request as one action; null (and an `error` event) when refused. */
  private write<T>(outcome: Outcome<T>, request: (value: T) => ChangeRequest, label: string): T | null {
    if (!outcome.ok) {
      this.refuse(outcome.issue);
      return null;
    }
    this.ctx.interrupt();
    this.store.apply(request(outcome.value), label);
    return outcome.value;
  }

  /** After a command that made or kept object `id`: selects it when shown, and returns it (null when refused). */
  private written(done: unknown, id: string): string | null {
    if (done === null) return null;
    if (this.store.has(id)) this.store.select([id]);
    return id;
  }
}

function noStateIssue(command: string, track: AnyTrack, frame: number): Issue {
  return { loc: [command, "id"], msg: `track ${track.id} starts on frame ${track.keyframes[0]?.frame ?? 0}; there is nothing on frame ${frame}`, type: "invalid_state" };
}
