/** What a timeline shows of a track (keyframes, outside spans) and keyframe navigation. */
import type { AnyTrack, TrackKeyframe } from "../interpolation/model";
import { previousIndex } from "../interpolation/state";
import type { Kind } from "../model/geometry";

/** Frames `start` to `stop`, both included; `stop` null: to the end of the job. */
export interface FrameSpan {
  readonly start: number;
  readonly stop: number | null;
}

export interface TrackTimeline {
  readonly id: string;
  readonly kind: Kind;
  readonly labelId: number;
  /** Frames holding a keyframe, in order. */
  readonly keyframes: readonly number[];
  /** Where the object is absent: from each outside keyframe to the frame before the next keyframe. */
  readonly outside: readonly FrameSpan[];
  /** Frames with a keyframe written by a tracker (`source: "tracker"`). */
  readonly tracked: readonly number[];
}

/** Tracks never change in place (an edit makes a new one): a timeline is computed once per track value. */
const TIMELINES = new WeakMap<AnyTrack, TrackTimeline>();

export function timelineOf(track: AnyTrack): TrackTimeline {
  let timeline = TIMELINES.get(track);
  if (timeline === undefined) {
    timeline = computeTimeline(track);
    TIMELINES.set(track, timeline);
  }
  return timeline;
}

function computeTimeline(track: AnyTrack): TrackTimeline {
  const kfs = track.keyframes as readonly TrackKeyframe[];
  const outside: FrameSpan[] = [];
  kfs.forEach((k, i) => {
    if (!k.outside) return;
    const next = kfs[i + 1];
    const last = outside.at(-1);
    // Outside keyframes in a row make one span.
    if (last !== undefined && last.stop === k.frame - 1) outside[outside.length - 1] = { start: last.start, stop: next === undefined ? null : next.frame - 1 };
    else outside.push({ start: k.frame, stop: next === undefined ? null : next.frame - 1 });
  });
  return {
    id: track.id,
    kind: track.kind,
    labelId: track.labelId,
    keyframes: kfs.map((k) => k.frame),
    outside,
    tracked: kfs.filter((k) => k.source === "tracker").map((k) => k.frame),
  };
}

/** The frame of the track's first keyframe after `frame`, or null. */
export function keyframeAfter(track: AnyTrack, frame: number): number | null {
  const next = track.keyframes[previousIndex(track.keyframes, frame, 0) + 1];
  return next === undefined ? null : next.frame;
}

/** The frame of the track's last keyframe before `frame`, or null. */
export function keyframeBefore(track: AnyTrack, frame: number): number | null {
  const i = previousIndex(track.keyframes, frame - 1, 0);
  return i < 0 ? null : (track.keyframes[i] as TrackKeyframe).frame;
}
