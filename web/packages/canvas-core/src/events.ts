/** The façade's typed events, and a small emitter for them. */
import type { CanvasError } from "./errors";
import type { AnyTrack } from "./interpolation/model";
import type { Box } from "./geometry/box";
import type { Point } from "./geometry/point";
import type { AnyObject } from "./model/object";
import type { ChangeCause, StoreEvent } from "./store/changes";
import type { ToolId } from "./tools/tool";

export interface CanvasEvents {
  /** Objects were created, updated or deleted. `cause` "preview" marks live drag updates, which a UI may skip. */
  objectsChanged: {
    readonly cause: ChangeCause;
    readonly created: readonly AnyObject[];
    readonly updated: readonly AnyObject[];
    readonly deleted: readonly string[];
  };
  selectionChanged: { readonly ids: readonly string[] };
  /** The active tool, or its state, changed. */
  toolChanged: { readonly tool: ToolId; readonly state: string };
  viewportChanged: { readonly scale: number; readonly offsetX: number; readonly offsetY: number; readonly visible: Box };
  /** The pointer moved: image coordinates (floats), and whether they are on the image; null point when it left the canvas. */
  cursorMoved: { readonly point: Point | null; readonly inside: boolean };
  historyChanged: { readonly canUndo: boolean; readonly canRedo: boolean };
  /** The pending diff became empty (after `acknowledge`) or not. */
  saveStateChanged: { readonly pending: boolean };
  /** Something the user tried could not be done (wrong label kind, too few points, ...). */
  error: { readonly error: CanvasError };
  /** Another frame of the job is shown (`setFrame`); its objects arrived just before in `objectsChanged` (cause `load`). */
  frameChanged: { readonly frame: number };
  /** Tracks of the job were created, updated (any keyframe) or deleted, on whatever frame: timelines redraw from this. */
  tracksChanged: {
    readonly cause: ChangeCause;
    readonly created: readonly AnyTrack[];
    readonly updated: readonly AnyTrack[];
    readonly deleted: readonly string[];
  };
}

export type CanvasEventName = keyof CanvasEvents;

/** Every event name, for code (and the README test) that needs them at run time. */
export const CANVAS_EVENT_NAMES = [
  "objectsChanged",
  "selectionChanged",
  "toolChanged",
  "viewportChanged",
  "cursorMoved",
  "historyChanged",
  "saveStateChanged",
  "error",
  "frameChanged",
  "tracksChanged",
] as const satisfies readonly CanvasEventName[];
export type CanvasEventHandler<K extends CanvasEventName> = (payload: CanvasEvents[K]) => void;

export class Emitter<E extends object> {
  private readonly handlers = new Map<keyof E, Set<(payload: never) => void>>();

  on<K extends keyof E>(type: K, handler: (payload: E[K]) => void): () => void {
    let set = this.handlers.get(type);
    if (set === undefined) {
      set = new Set();
      this.handlers.set(type, set);
    }
    set.add(handler as (payload: never) => void);
    return () => set.delete(handler as (payload: never) => void);
  }

  emit<K extends keyof E>(type: K, payload: E[K]): void {
    const set = this.handlers.get(type);
    if (set === undefined) return;
    for (const h of set) (h as (payload: E[K]) => void)(payload);
  }

  clear(): void {
    this.handlers.clear();
  }
}

/** Changes sorted into what was created, updated (the new value) and deleted (the id). */
function sorted<T>(changes: readonly { readonly id: string; readonly before: T | null; readonly after: T | null }[]): { created: T[]; updated: T[]; deleted: string[] } {
  const created: T[] = [];
  const updated: T[] = [];
  const deleted: string[] = [];
  for (const c of changes) {
    if (c.after === null) deleted.push(c.id);
    else if (c.before === null) created.push(c.after);
    else updated.push(c.after);
  }
  return { created, updated, deleted };
}

/** The façade events a store event becomes. */
export function forwardStoreEvent(e: StoreEvent, events: Emitter<CanvasEvents>): void {
  if (e.type === "objects") events.emit("objectsChanged", { cause: e.cause, ...sorted<AnyObject>(e.changes) });
  else if (e.type === "tracks") events.emit("tracksChanged", { cause: e.cause, ...sorted<AnyTrack>(e.changes) });
  else if (e.type === "frame") events.emit("frameChanged", { frame: e.frame });
  else if (e.type === "selection") events.emit("selectionChanged", { ids: e.selected });
  else if (e.type === "history") events.emit("historyChanged", { canUndo: e.canUndo, canRedo: e.canRedo });
  else if (e.type === "saved") events.emit("saveStateChanged", { pending: e.pending });
}

// Compile-time check that CANVAS_EVENT_NAMES lists every event.
const allEventsListed: [Exclude<CanvasEventName, (typeof CANVAS_EVENT_NAMES)[number]>] extends [never] ? true : never = true;
void allEventsListed;
