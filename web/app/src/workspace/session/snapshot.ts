/** What the workspace's React panels render: one immutable snapshot, replaced on every change. */
import type { AnyObject, DrawMode, FrameObjectState, ToolId, ViewOptions } from "@annota/canvas-core";
import type { DrawingTool } from "../labels";
import type { SaveState } from "../save/saveEngine";

export type ImageState = "loading" | "ready" | "error";

/** A message for the user, by i18n key under `workspace.messages`, with its values. */
export interface WorkspaceMessage {
  readonly key: string;
  readonly values: Readonly<Record<string, string | number>>;
  readonly id: number;
}

export interface WorkspaceSnapshot {
  readonly frame: number;
  readonly imageState: ImageState;
  /** The current image's objects, bottom to top (tags included). */
  readonly objects: readonly AnyObject[];
  readonly selection: readonly string[];
  readonly tool: ToolId;
  readonly toolState: string;
  readonly lastDrawingTool: DrawingTool | null;
  readonly activeLabel: number | null;
  readonly hidden: ReadonlySet<string>;
  readonly locked: ReadonlySet<string>;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** A video job: how each object of `objects` is on this frame (keyframe, interpolated, outside, shape); null for images. */
  readonly states: ReadonlyMap<string, FrameObjectState> | null;
  /** Counts changes to the job's tracks (on any frame): what timelines redraw on. */
  readonly tracksVersion: number;
  /** What the drawing tools make: shapes, or tracks (video). */
  readonly drawMode: DrawMode;
  readonly view: ViewOptions;
  readonly save: SaveState;
  /** Changes on the canvas not yet taken into the save queue (they will be within FLUSH_DELAY_MS). */
  readonly unflushed: boolean;
  readonly message: WorkspaceMessage | null;
  /** Set while the conflict choice is being carried out. */
  readonly resolving: boolean;
}

/** The pointer in image coordinates: changes on every move, so it has its own channel. */
export interface CursorSnapshot {
  readonly x: number;
  readonly y: number;
  readonly inside: boolean;
}

/** Screen pixels per image pixel and the image origin on screen (CSS pixels from the canvas's corner). */
export interface ViewSnapshot {
  readonly scale: number;
  readonly offsetX: number;
  readonly offsetY: number;
}
