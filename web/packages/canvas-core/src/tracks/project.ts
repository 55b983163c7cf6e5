/**
 * What a track shows on a frame: its state (docs/interpolation.md) as an object like a shape's,
 * so that the renderer, picking and tools handle it as they handle shapes. States come from a
 * cache per track (`TrackStates`: segments per keyframe pair, attributes per keyframe), so a
 * frame switch costs a binary search and one evaluation per track.
 */
import type { AnyTrack, TrackState } from "../interpolation/model";
import { TrackStates, type TrackStateStats } from "../interpolation/state";
import type { ShapeKind } from "../model/geometry";
import type { AnyObject } from "../model/object";

/** The object of a track on the state's frame: the track's label, z-order and group, the state's geometry and flags. */
export function stateObject(track: AnyTrack, state: TrackState): AnyObject {
  return {
    id: track.id,
    kind: track.kind,
    labelId: track.labelId,
    frame: state.frame,
    zOrder: track.zOrder,
    occluded: state.occluded,
    outside: state.outside,
    attributes: state.attributes,
    groupId: track.group,
    source: state.source,
    score: null,
    geometry: state.geometry,
    extra: {},
  } as AnyObject;
}

/** `TrackStates` per track id, rebuilt when the track object changes (an edit makes a new one). */
export class TrackStateCache {
  readonly stats: TrackStateStats = { segments: 0, merges: 0 };
  private readonly byId = new Map<string, TrackStates<ShapeKind>>();

  /** The state of `track` on `frame`, or null before its first keyframe. */
  at(track: AnyTrack, frame: number): TrackState | null {
    let states = this.byId.get(track.id);
    if (states === undefined || states.track !== track) {
      states = new TrackStates<ShapeKind>(track, this.stats);
      this.byId.set(track.id, states);
    }
    return states.at(frame);
  }

  forget(id: string): void {
    this.byId.delete(id);
  }

  clear(): void {
    this.byId.clear();
  }
}
