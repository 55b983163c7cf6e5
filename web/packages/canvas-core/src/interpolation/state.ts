/** A track's state on any frame (docs/interpolation.md, "The state on a frame") and over a range of frames. */
import { CanvasError, type Issue } from "../errors";
import type { KindUtil } from "../kinds/kind";
import { KIND_REGISTRY } from "../kinds/registry";
import type { ShapeKind } from "../model/geometry";
import { segment, type Segment } from "./kinds";
import type { Attributes, Track, TrackKeyframe, TrackState, WireTrackState } from "./model";

/** The state of `track` on `frame`, or null before its first keyframe. */
export function shapeAt<K extends ShapeKind>(track: Track<K>, frame: number): TrackState<K> | null {
  return new TrackStates(track).at(frame);
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
  const walk = new TrackStates(track);
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
export function previousIndex(keyframes: readonly TrackKeyframe[], frame: number, lo: number): number {
  let hi = keyframes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((keyframes[mid] as TrackKeyframe).frame <= frame) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Work counters of `TrackStates`, summed over every track that shares them (performance tests read them). */
export interface TrackStateStats {
  /** Segments built (one per pair of keyframes evaluated, while cached). */
  segments: number;
  /** Keyframe attribute maps merged into the attributes in force. */
  merges: number;
}

/** Segments kept per track: playback and stepping touch one or two pairs of keyframes at a time. */
const CACHED_SEGMENTS = 8;

/**
 * Rules 2 to 5 for one track on any frames, in any order: each keyframe pair's segment is built
 * once while it stays among the last few used, and the attributes in force after each keyframe
 * are merged once. A track is immutable, so the cache lives as long as the track object.
 */
export class TrackStates<K extends ShapeKind> {
  /** `attributesAfter[i]`: the attributes in force from keyframe i on, filled from 0 upwards. */
  private readonly attributesAfter: Attributes[] = [];
  private readonly segments = new Map<number, Segment<K>>();

  constructor(
    readonly track: Track<K>,
    private readonly stats: TrackStateStats = { segments: 0, merges: 0 },
  ) {}

  /** The state on `frame`, or null before the first keyframe (rule 1). */
  at(frame: number): TrackState<K> | null {
    const i = previousIndex(this.track.keyframes, frame, 0);
    return i < 0 ? null : this.state(i, frame);
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
    const done = this.attributesAfter;
    for (let k = done.length; k <= i; k++) {
      const base = k === 0 ? this.track.attributes : (done[k - 1] as Attributes);
      const own = (this.track.keyframes[k] as TrackKeyframe<K>).attributes;
      // A keyframe that sets nothing leaves the same attributes in force: share them.
      if (k > 0 && Object.keys(own).length === 0) done.push(base);
      else {
        this.stats.merges++;
        done.push(Object.freeze({ ...base, ...own }));
      }
    }
    return done[i] as Attributes;
  }

  private segmentAfter(i: number): Segment<K> {
    let path = this.segments.get(i);
    if (path !== undefined) {
      // Most recently used last, so the first entry is the one to evict.
      this.segments.delete(i);
      this.segments.set(i, path);
      return path;
    }
    const keyframes = this.track.keyframes;
    path = segment(this.track.kind, (keyframes[i] as TrackKeyframe<K>).geometry, (keyframes[i + 1] as TrackKeyframe<K>).geometry);
    this.stats.segments++;
    this.segments.set(i, path);
    if (this.segments.size > CACHED_SEGMENTS) this.segments.delete(this.segments.keys().next().value as number);
    return path;
  }
}
