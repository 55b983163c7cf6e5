/**
 * Keyframe lists of a track: find, put, drop. A track is immutable; every edit returns a new one
 * with the same kind, its keyframes still sorted by frame, one per frame.
 */
import type { AnyTrack, TrackKeyframe } from "../interpolation/model";
import { previousIndex } from "../interpolation/state";

/** The index of the keyframe on `frame`, or -1. */
export function keyframeIndex(track: AnyTrack, frame: number): number {
  const i = previousIndex(track.keyframes, frame, 0);
  return i >= 0 && (track.keyframes[i] as TrackKeyframe).frame === frame ? i : -1;
}

export function keyframeOn(track: AnyTrack, frame: number): TrackKeyframe | undefined {
  const i = keyframeIndex(track, frame);
  return i < 0 ? undefined : track.keyframes[i];
}

/** The track with other keyframes; the caller keeps them of the track's kind (the kind never changes). */
export function withKeyframes(track: AnyTrack, keyframes: readonly TrackKeyframe[]): AnyTrack {
  return { ...track, keyframes } as AnyTrack;
}

/** Inserts `kf`, or replaces the keyframe on its frame. */
export function putKeyframe(track: AnyTrack, kf: TrackKeyframe): AnyTrack {
  return putKeyframes(track, [kf]);
}

/** Inserts or replaces several keyframes at once (one sort, whatever their number). */
export function putKeyframes(track: AnyTrack, added: readonly TrackKeyframe[]): AnyTrack {
  const byFrame = new Map<number, TrackKeyframe>(track.keyframes.map((k) => [k.frame, k]));
  for (const k of added) byFrame.set(k.frame, k);
  return withKeyframes(track, [...byFrame.values()].sort((a, b) => a.frame - b.frame));
}

/** Removes the keyframe on `frame` (the caller keeps at least one). */
export function dropKeyframe(track: AnyTrack, frame: number): AnyTrack {
  return withKeyframes(track, track.keyframes.filter((k) => k.frame !== frame));
}

/** The mutable attributes in force on keyframe `i`: every keyframe's own attributes up to it, merged in frame order. */
export function keyframeAttributesThrough(track: AnyTrack, i: number): Record<string, TrackKeyframe["attributes"][string]> {
  const out: Record<string, TrackKeyframe["attributes"][string]> = {};
  for (let k = 0; k <= i && k < track.keyframes.length; k++) Object.assign(out, (track.keyframes[k] as TrackKeyframe).attributes);
  return out;
}
