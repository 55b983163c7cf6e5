import type { AnyObject } from "../model/object";

/** One object's change: `before` null for a create, `after` null for a delete. */
export interface ObjectChange {
  readonly id: string;
  readonly before: AnyObject | null;
  readonly after: AnyObject | null;
}

/** One user action (draw, move, delete, paste, ...): what it changed and the selection around it. */
export interface ChangeSet {
  readonly label: string;
  readonly changes: readonly ObjectChange[];
  readonly selectionBefore: readonly string[];
  readonly selectionAfter: readonly string[];
}

/** What a command asks the store to do in one action. */
export interface ChangeRequest {
  readonly create?: readonly AnyObject[];
  readonly update?: readonly AnyObject[];
  readonly delete?: readonly string[];
}

/** Why objects changed: a user action, undo/redo, a load, or a live preview during a drag (not yet an action). */
export type ChangeCause = "action" | "undo" | "redo" | "load" | "preview";

export type StoreEvent =
  | { readonly type: "objects"; readonly cause: ChangeCause; readonly changes: readonly ObjectChange[] }
  | { readonly type: "selection"; readonly selected: readonly string[] }
  | { readonly type: "flags"; readonly ids: readonly string[] }
  | { readonly type: "history"; readonly canUndo: boolean; readonly canRedo: boolean }
  /** A live edit started or ended (committed or cancelled); `ids` are the objects it touched. */
  | { readonly type: "preview"; readonly active: boolean; readonly ids: readonly string[] }
  | { readonly type: "saved"; readonly pending: boolean };

export type StoreListener = (event: StoreEvent) => void;

export function invert(changes: readonly ObjectChange[]): ObjectChange[] {
  const out: ObjectChange[] = [];
  for (let i = changes.length - 1; i >= 0; i--) {
    const c = changes[i] as ObjectChange;
    out.push({ id: c.id, before: c.after, after: c.before });
  }
  return out;
}
