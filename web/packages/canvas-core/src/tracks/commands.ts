/**
 * The track commands as pure functions: each takes tracks (and the state on the current frame)
 * and returns the tracks to write, or the problem that stops it. The editor turns a result into
 * one change set; a problem becomes an `error` event (something the user tried and cannot do).
 *
 * | command          | result                                                                                     |
 * |------------------|--------------------------------------------------------------------------------------------|
 * | toggle keyframe  | a keyframe with the state shown (interpolated or held) is added; an existing one removed, never the last |
 * | split            | the first part ends with an outside keyframe on the frame; the second starts there         |
 * | merge            | one track (the earlier one's id and fields) with both keyframe lists                       |
 * | propagate        | keyframes with the state shown on the next N frames (N < 0: the previous ones)             |
 * | shape → track    | a track with one keyframe, the shape's frame; propagating a shape also ends it after N frames |
 * | track → shape    | the state shown becomes a shape on the frame; the track goes                               |
 */
import type { Issue } from "../errors";
import type { AnyTrack, TrackKeyframe, TrackState } from "../interpolation/model";
import type { AnyObject } from "../model/object";
import { splitAttributes } from "./edit";
import { dropKeyframe, keyframeAttributesThrough, keyframeIndex, putKeyframe, putKeyframes, withKeyframes } from "./keyframes";

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issue: Issue };

function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

function fail<T>(loc: Issue["loc"], msg: string, type: Issue["type"]): Outcome<T> {
  return { ok: false, issue: { loc, msg, type } };
}

function noState<T>(command: string, track: AnyTrack, frame: number): Outcome<T> {
  const first = (track.keyframes[0] as TrackKeyframe).frame;
  return fail([command, "id"], `track ${track.id} starts on frame ${first}; there is nothing on frame ${frame}`, "invalid_state");
}

/** A keyframe holding `state` as it is shown on `frame`. */
function keyframeOf(state: TrackState, frame: number, attributes: TrackKeyframe["attributes"] = {}): TrackKeyframe {
  return { frame, geometry: state.geometry, outside: state.outside, occluded: state.occluded, attributes, source: "manual" };
}

export function toggleKeyframe(track: AnyTrack, state: TrackState | null, frame: number): Outcome<AnyTrack> {
  if (state === null) return noState("toggleKeyframe", track, frame);
  if (keyframeIndex(track, frame) < 0) return ok(putKeyframe(track, keyframeOf(state, frame)));
  if (track.keyframes.length === 1) return fail(["toggleKeyframe", "id"], `frame ${frame} holds the only keyframe of track ${track.id}; delete the track instead`, "last_keyframe");
  return ok(dropKeyframe(track, frame));
}

/** Splits on `frame`: the first part keeps the keyframes before it, the second (id `newId`) starts on it. */
export function splitTrack(track: AnyTrack, state: TrackState | null, frame: number, newId: string): Outcome<[AnyTrack, AnyTrack]> {
  if (state === null) return noState("splitTrack", track, frame);
  const first = (track.keyframes[0] as TrackKeyframe).frame;
  if (frame <= first) return fail(["splitTrack", "frame"], `track ${track.id} starts on frame ${first}: split it on a later frame`, "invalid_state");
  const kfs = track.keyframes as readonly TrackKeyframe[];
  const before = kfs.filter((k) => k.frame < frame);
  const after = kfs.filter((k) => k.frame > frame);
  const i = before.length - (keyframeIndex(track, frame) < 0 ? 1 : 0);
  // The second part no longer inherits the first part's keyframes: it starts with the mutable attributes in force.
  const start = { ...keyframeOf(state, frame, keyframeAttributesThrough(track, i)), source: kfs[i]?.frame === frame ? (kfs[i] as TrackKeyframe).source : "manual" } as TrackKeyframe;
  const ended = (before.at(-1) as TrackKeyframe).outside ? before : [...before, { ...keyframeOf(state, frame), outside: true }];
  return ok([withKeyframes(track, ended), { ...withKeyframes(track, [start, ...after]), id: newId } as AnyTrack]);
}

/**
 * Merges two tracks of one label and kind whose keyframes do not overlap: the later one starts on
 * or after the earlier one's last keyframe. On a shared frame an outside keyframe gives way to a
 * visible one (the seam a split leaves). The result has the earlier track's id and fields.
 */
export function mergeTracks(a: AnyTrack, b: AnyTrack): Outcome<{ readonly merged: AnyTrack; readonly removed: string }> {
  if (a.labelId !== b.labelId || a.kind !== b.kind) {
    return fail(["mergeTracks"], `tracks ${a.id} (${a.kind}, label ${a.labelId}) and ${b.id} (${b.kind}, label ${b.labelId}) differ in label or kind`, "tracks_differ");
  }
  const [early, late] = (b.keyframes[0] as TrackKeyframe).frame < (a.keyframes[0] as TrackKeyframe).frame ? [b, a] : [a, b];
  const earlyLast = early.keyframes.at(-1) as TrackKeyframe;
  const lateFirst = late.keyframes[0] as TrackKeyframe;
  const seamResolves = lateFirst.frame === earlyLast.frame && earlyLast.outside !== lateFirst.outside;
  if (lateFirst.frame < earlyLast.frame || (lateFirst.frame === earlyLast.frame && !seamResolves)) {
    return fail(["mergeTracks"], `tracks ${early.id} and ${late.id} overlap: ${late.id} starts on frame ${lateFirst.frame}, before ${early.id}'s last keyframe on frame ${earlyLast.frame} ends`, "tracks_overlap");
  }
  const kfs = [...(early.keyframes as readonly TrackKeyframe[])];
  if (seamResolves && !earlyLast.outside) return ok({ merged: withKeyframes(early, [...kfs, ...(late.keyframes as readonly TrackKeyframe[]).slice(1)]), removed: late.id });
  if (seamResolves) kfs.pop();
  return ok({ merged: withKeyframes(early, [...kfs, ...(late.keyframes as readonly TrackKeyframe[])]), removed: late.id });
}

/** Frames `frame + 1 … frame + count` (count < 0: `frame + count … frame - 1`), none below 0. */
function framesOver(frame: number, count: number): number[] {
  const out: number[] = [];
  if (count > 0) for (let f = frame + 1; f <= frame + count; f++) out.push(f);
  else for (let f = Math.max(frame + count, 0); f < frame; f++) out.push(f);
  return out;
}

/** Keyframes with the state shown on `frame`, on it and on the `count` frames after (or before) it. */
export function propagateTrack(track: AnyTrack, state: TrackState | null, frame: number, count: number): Outcome<AnyTrack> {
  if (state === null) return noState("propagate", track, frame);
  if (state.outside) return fail(["propagate", "id"], `track ${track.id} is outside on frame ${frame}: there is no shape to propagate`, "invalid_state");
  const frames = framesOver(frame, count);
  const i = keyframeIndex(track, frame);
  const inForce = keyframeAttributesThrough(track, i < 0 ? track.keyframes.filter((k) => k.frame < frame).length - 1 : i);
  const start = (track.keyframes[0] as TrackKeyframe).frame;
  // Keyframes put before the track's start carry the mutable attributes in force, which they no longer inherit.
  const added = frames.map((f) => keyframeOf(state, f, f < start ? inForce : {}));
  if (i < 0) added.push(keyframeOf(state, frame));
  return ok(putKeyframes(track, added));
}

/** A track (id `id`) holding the shape on its frame; its attributes split into the track's and the keyframe's. */
export function trackFromShape(shape: AnyObject, id: string, mutable: ReadonlySet<string>): Outcome<AnyTrack> {
  if (shape.kind === "tag") return fail(["shapeToTrack", "id"], `${shape.id} is a tag: only shapes become tracks`, "invalid");
  const attrs = splitAttributes(shape.attributes, mutable);
  const kf: TrackKeyframe = { frame: shape.frame, geometry: shape.geometry, outside: shape.outside, occluded: shape.occluded, attributes: attrs.keyframe, source: shape.source };
  return ok({ id, kind: shape.kind, labelId: shape.labelId, zOrder: shape.zOrder, attributes: attrs.track, group: shape.groupId, source: shape.source, keyframes: [kf] } as AnyTrack);
}

/** A track from a shape, with the shape on its frame and the `count` frames after (before) it, absent after the last. */
export function propagateShape(shape: AnyObject, count: number, id: string, mutable: ReadonlySet<string>): Outcome<AnyTrack> {
  const made = trackFromShape(shape, id, mutable);
  if (!made.ok) return made;
  const first = made.value.keyframes[0] as TrackKeyframe;
  const state: TrackState = { ...first, keyframe: true, attributes: {} };
  const frames = framesOver(shape.frame, count);
  const last = Math.max(shape.frame, ...frames);
  // Keyframes before the shape's frame start the track: they carry its mutable attributes.
  const kfs = [...frames.map((f) => keyframeOf(state, f, f < shape.frame ? first.attributes : {})), { ...keyframeOf(state, last + 1), outside: true }];
  return ok(putKeyframes(made.value, kfs));
}

/** The state shown on `frame` as a shape (id `id`) on that frame. */
export function shapeFromState(track: AnyTrack, state: TrackState | null, frame: number, id: string): Outcome<AnyObject> {
  if (state === null) return noState("trackToShape", track, frame);
  if (state.outside) return fail(["trackToShape", "id"], `track ${track.id} is outside on frame ${frame}: there is no shape to keep`, "invalid_state");
  return ok({
    id,
    kind: track.kind,
    labelId: track.labelId,
    frame,
    zOrder: track.zOrder,
    occluded: state.occluded,
    outside: false,
    attributes: { ...state.attributes },
    groupId: track.group,
    source: state.source,
    score: null,
    geometry: state.geometry,
    extra: {},
  } as AnyObject);
}
