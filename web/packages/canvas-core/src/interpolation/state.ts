/** A track's state on any frame (docs/interpolation.md, "The state on a frame") and over a range of frames. */
import { CanvasError, type Issue } from "../errors";
import type { KindUtil } from "../kinds/kind";
import { KIND_REGISTRY } from "../kinds/registry";
import type { ShapeKind } from "../model/geometry";
import { segment, type Segment } from "./kinds";
import type { Attributes, Track, TrackKeyframe, TrackState, WireTrackState } from "./model";

/** The state of `track` on `frame`, or null before its first keyframe. */
export function shapeAt<K extends ShapeKind>(track: Track<K>, frame: number): TrackState<K> | null {
  const i = previousIndex(track.keyframes, frame, 0);
  return i < 0 ? null : new Walk(track).state(i, frame);
}

/**
 * The states on frames start, start + step, … up to `stop` included, leaving out frames before the
 * first keyframe; outside states are included. Same as `shapeAt` frame by frame, in linear time.
 * Throws a CanvasError located at `start`, `stop` or `step` for a bad range.
 */
export function expand<K extends ShapeKind>(track: Track<K>, start: number, stop: number, step = 1): TrackState<K>[] {
  const issues: Issue[] = [];
  for (const [name, value] of [["start", start], ["stop", stop], ["step", step]] as const) {
    if (!Number.isInteger(value)) issues.push({ loc: [name], msg: `expected an integer, got ${value}`, type: "invalid" });
  }
  if (Number.isInteger(step) && step < 1) issues.push({ loc: ["step"], msg: `step must be >= 1, got ${step}`, type: "invalid" });
  if (Number.isInteger(start) && Number.isInteger(stop) && stop < start) issues.push({ loc: ["stop"], msg: `stop ${stop} is before start ${start}`, type: "invalid" });
  if (issues.length > 0) throw new CanvasError(issues);
  const keyframes = track.keyframes;
  const walk = new Walk(track);
  const states: TrackState<K>[] = [];
  let i = -1;
  for (let frame = start; frame <= stop; frame += step) {
    if (i + 1 < keyframes.length && (keyframes[i + 1] as TrackKeyframe<K>).frame <= frame) i = previousIndex(keyframes, frame, i + 1);
    if (i >= 0) states.push(walk.state(i, frame));
  }
  return states;
}

/** The wire form of a state: frame, keyframe, outside, occluded, source, attributes and the kind's geometry fields. */
export function stateToWire<K extends ShapeKind>(kind: K, state: TrackState<K>): WireTrackState {
  const util = KIND_REGISTRY[kind] as KindUtil<K>;
  return {
    frame: state.frame,
    keyframe: state.keyframe,
    outside: state.outside,
    occluded: state.occluded,
    source: state.source,
    attributes: { ...state.attributes },
    ...util.serialize(state.geometry),
  };
}

/** The index of the last keyframe on or before `frame`, searching from `lo`; `lo - 1` when there is none. */
function previousIndex(keyframes: readonly TrackKeyframe[], frame: number, lo: number): number {
  let hi = keyframes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((keyframes[mid] as TrackKeyframe).frame <= frame) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Rules 2 to 5 for frames visited in increasing order; each keyframe pair's segment is built once. */
class Walk<K extends ShapeKind> {
  private mergedThrough = -1;
  private attributes: Attributes;
  private segmentFrom = -1;
  private path: Segment<K> | null = null;

  constructor(private readonly track: Track<K>) {
    this.attributes = Object.freeze({ ...track.attributes });
  }

  /** The state on `frame`, whose previous keyframe (on or before it) is keyframe `i`. */
  state(i: number, frame: number): TrackState<K> {
    const keyframes = this.track.keyframes;
    const previous = keyframes[i] as TrackKeyframe<K>;
    const onKeyframe = previous.frame === frame;
    const following = keyframes[i + 1];
    let geometry = previous.geometry;
    if (!onKeyframe && !previous.outside && following !== undefined) {
      geometry = this.segmentAfter(i)((frame - previous.frame) / (following.frame - previous.frame));
    }
    return {
      frame,
      geometry,
      keyframe: onKeyframe,
      outside: previous.outside,
      occluded: previous.occluded,
      attributes: this.attributesThrough(i),
      source: previous.source,
    };
  }

  private attributesThrough(i: number): Attributes {
    if (i === this.mergedThrough) return this.attributes;
    // Walking forward, merge only the keyframes passed since; otherwise start over.
    const forward = i > this.mergedThrough;
    let merged: Record<string, Attributes[string]> = forward ? { ...this.attributes } : { ...this.track.attributes };
    for (let k = forward ? this.mergedThrough + 1 : 0; k <= i; k++) merged = { ...merged, ...(this.track.keyframes[k] as TrackKeyframe<K>).attributes };
    this.attributes = Object.freeze(merged);
    this.mergedThrough = i;
    return this.attributes;
  }

  private segmentAfter(i: number): Segment<K> {
    if (this.path === null || this.segmentFrom !== i) {
      const keyframes = this.track.keyframes;
      this.path = segment(this.track.kind, (keyframes[i] as TrackKeyframe<K>).geometry, (keyframes[i + 1] as TrackKeyframe<K>).geometry);
      this.segmentFrom = i;
    }
    return this.path;
  }
}
