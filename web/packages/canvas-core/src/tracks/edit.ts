/**
 * A track edited through its object on the current frame. Tools and object commands change the
 * object a track shows (drag, resize, nudge, a patch of label or attributes); the store turns
 * that change into the track's new state:
 *
 * | what changed on the object             | what changes on the track                                |
 * |----------------------------------------|----------------------------------------------------------|
 * | label, z-order, group                  | the track's fields (every frame)                          |
 * | an immutable attribute                 | the track's attributes (every frame)                      |
 * | geometry, occluded, outside            | the keyframe on this frame, created from the edited state |
 * | a mutable attribute (label spec)       | the keyframe on this frame, which sets it from here on    |
 *
 * A keyframe the user writes is `source: "manual"` (a corrected tracker keyframe becomes manual).
 */
import type { AnyTrack, TrackKeyframe } from "../interpolation/model";
import type { AnyObject, AttributeValue } from "../model/object";
import { keyframeOn, putKeyframe } from "./keyframes";

export interface AttributeSplit {
  /** Immutable: on the track. */
  readonly track: Record<string, AttributeValue>;
  /** Mutable (the label's spec says so): on a keyframe. */
  readonly keyframe: Record<string, AttributeValue>;
}

/** An object's attributes split the way a track keeps them (as the server's tracker does). */
export function splitAttributes(attributes: Readonly<Record<string, AttributeValue>>, mutable: ReadonlySet<string>): AttributeSplit {
  const track: Record<string, AttributeValue> = {};
  const keyframe: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(attributes)) (mutable.has(name) ? keyframe : track)[name] = value;
  return { track, keyframe };
}

/** The track after its object on `frame` changed from `before` (the state shown) to `after`. */
export function editedTrack(track: AnyTrack, before: AnyObject, after: AnyObject, frame: number, mutable: ReadonlySet<string>): AnyTrack {
  let next: AnyTrack = track;
  if (after.labelId !== track.labelId || after.zOrder !== track.zOrder || after.groupId !== track.group) {
    next = { ...next, labelId: after.labelId, zOrder: after.zOrder, group: after.groupId } as AnyTrack;
  }
  const trackAttributes: Record<string, AttributeValue> = { ...track.attributes };
  const keyframeAttributes: Record<string, AttributeValue> = {};
  let trackAttributesChanged = false;
  for (const [name, value] of Object.entries(after.attributes)) {
    if (before.attributes[name] === value) continue;
    if (mutable.has(name)) keyframeAttributes[name] = value;
    else {
      trackAttributes[name] = value;
      trackAttributesChanged = true;
    }
  }
  // A removed mutable attribute cannot be unset from a frame on (keyframes only set values); an immutable one goes.
  for (const name of Object.keys(before.attributes)) {
    if (!(name in after.attributes) && !mutable.has(name) && name in trackAttributes) {
      delete trackAttributes[name];
      trackAttributesChanged = true;
    }
  }
  if (trackAttributesChanged) next = { ...next, attributes: trackAttributes } as AnyTrack;
  const keyframeChanged =
    after.geometry !== before.geometry || after.occluded !== before.occluded || after.outside !== before.outside || Object.keys(keyframeAttributes).length > 0;
  if (!keyframeChanged) return next;
  const existing = keyframeOn(track, frame);
  const kf: TrackKeyframe = {
    frame,
    geometry: after.geometry as TrackKeyframe["geometry"],
    outside: after.outside,
    occluded: after.occluded,
    attributes: { ...existing?.attributes, ...keyframeAttributes },
    source: "manual",
  };
  return putKeyframe(next, kf);
}
