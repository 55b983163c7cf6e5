import type { AnyTrack } from "../interpolation/model";
import type { AnyObject } from "../model/object";

/** One object's change: `before` null for a create, `after` null for a delete. */
export interface ObjectChange {
  readonly id: string;
  readonly before: AnyObject | null;
  readonly after: AnyObject | null;
}

/** One track's change: `before` null for a create, `after` null for a delete. */
export interface TrackChange {
  readonly id: string;
  readonly before: AnyTrack | null;
  readonly after: AnyTrack | null;
}

/** What one action changed in the job: shapes and tags (on any frame), and tracks. */
export interface DocumentChanges {
  readonly objects: readonly ObjectChange[];
  readonly tracks: readonly TrackChange[];
}

/** One user action (draw, move, delete, paste, ...): what it changed and the selection around it. */
export interface ChangeSet {
  readonly label: string;
  /** Shapes and tags created, updated or deleted (on whatever frame they are). */
  readonly changes: readonly ObjectChange[];
  /** Tracks created, updated (a keyframe edit rewrites the whole track) or deleted. */
  readonly tracks: readonly TrackChange[];
  /** The frame shown when the action was made. */
  readonly frame: number;
  readonly selectionBefore: readonly string[];
  readonly selectionAfter: readonly string[];
  /** Set on a change set the server made (`receive`: a tracker run); later copies of the same run join it. */
  readonly run?: string;
}

/**
 * What a command asks the store to do in one action. `update` and `delete` may name a track: an
 * update is an edit of the object the track shows on the current frame (see `tracks/edit.ts`), a
 * delete deletes the track. `tracks` writes whole tracks.
 */
export interface ChangeRequest {
  readonly create?: readonly AnyObject[];
  readonly update?: readonly AnyObject[];
  readonly delete?: readonly string[];
  readonly tracks?: {
    readonly create?: readonly AnyTrack[];
    readonly update?: readonly AnyTrack[];
    readonly delete?: readonly string[];
  };
}

/**
 * Why objects changed: a user action, undo/redo, a load (also a frame switch: the frame's objects
 * replace the previous frame's), or a live preview during a drag (not yet an action).
 */
export type ChangeCause = "action" | "undo" | "redo" | "load" | "preview";

export type StoreEvent =
  /** The objects shown on the current frame changed (shapes, tags, the states of tracks). */
  | { readonly type: "objects"; readonly cause: ChangeCause; readonly changes: readonly ObjectChange[] }
  /** Tracks of the job changed (whichever frames they cover). */
  | { readonly type: "tracks"; readonly cause: ChangeCause; readonly changes: readonly TrackChange[] }
  /** The current frame changed (after the objects of the new frame). */
  | { readonly type: "frame"; readonly frame: number }
  | { readonly type: "selection"; readonly selected: readonly string[] }
  | { readonly type: "flags"; readonly ids: readonly string[] }
  | { readonly type: "history"; readonly canUndo: boolean; readonly canRedo: boolean }
  /** A live edit started or ended (committed or cancelled); `ids` are the objects it touched. */
  | { readonly type: "preview"; readonly active: boolean; readonly ids: readonly string[] }
  | { readonly type: "saved"; readonly pending: boolean };

export type StoreListener = (event: StoreEvent) => void;

export function invert<C extends ObjectChange | TrackChange>(changes: readonly C[]): C[] {
  const out: C[] = [];
  for (let i = changes.length - 1; i >= 0; i--) {
    const c = changes[i] as C;
    out.push({ id: c.id, before: c.after, after: c.before } as C);
  }
  return out;
}

export function invertDocument(changes: DocumentChanges): DocumentChanges {
  return { objects: invert(changes.objects), tracks: invert(changes.tracks) };
}

export function isEmpty(changes: DocumentChanges): boolean {
  return changes.objects.length === 0 && changes.tracks.length === 0;
}
