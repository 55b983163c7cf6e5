/**
 * Tools are small explicit state machines. The editor feeds them pointer and key events whose
 * points are already in IMAGE coordinates, so a test drives a tool with plain numbers.
 */
import type { CanvasError } from "../errors";
import type { Box } from "../geometry/box";
import type { Point } from "../geometry/point";
import type { KindRegistry } from "../kinds/registry";
import type { Label, LabelId } from "../model/label";
import type { AnyObject } from "../model/object";
import type { Pick } from "../render/picking";
import type { AnnotationStore } from "../store/store";

export type ToolId = "select" | "rectangle" | "ellipse" | "polygon" | "polyline" | "points" | "skeleton" | "brush" | "eraser";

export const TOOL_IDS: readonly ToolId[] = ["select", "rectangle", "ellipse", "polygon", "polyline", "points", "skeleton", "brush", "eraser"];

/** What the drawing tools make: a shape on the current frame, or a track starting there (one keyframe). */
export type DrawMode = "shape" | "track";

export const DRAW_MODES: readonly DrawMode[] = ["shape", "track"];

export interface ToolPointer {
  /** Image coordinates (floats). */
  readonly point: Point;
  /** 0 primary, 1 middle, 2 secondary. */
  readonly button: number;
  readonly shift: boolean;
  readonly alt: boolean;
  /** Ctrl, or Cmd on macOS. */
  readonly ctrl: boolean;
}

export interface ToolKey {
  /** `KeyboardEvent.key`: "Enter", "Escape", "Backspace", "Tab", "[", ... */
  readonly key: string;
  readonly shift: boolean;
  readonly alt: boolean;
  readonly ctrl: boolean;
}

/** What a tool asks the renderer to draw on the overlay, in image coordinates. */
export type OverlayItem =
  /** A shape being drawn, drawn like an object of its label. */
  | { readonly type: "draft"; readonly object: AnyObject }
  /** Vertices clicked so far, with the rubber band to the cursor. */
  | { readonly type: "path"; readonly points: readonly number[]; readonly cursor: Point | null; readonly closed: boolean; readonly labelId: LabelId }
  /** The box-select rectangle. */
  | { readonly type: "marquee"; readonly box: Box }
  /** The brush or eraser footprint under the cursor. */
  | { readonly type: "brush"; readonly centre: Point; readonly radius: number; readonly erase: boolean };

export interface ToolSettings {
  /** How near the pointer must be to an object to hit it, in screen pixels. */
  readonly hitTolerancePx: number;
  /** Pointer travel that turns a press into a drag, in screen pixels. */
  readonly dragThresholdPx: number;
  /** How near the pointer must be to a handle to grab it, in screen pixels. */
  readonly handleRadiusPx: number;
  /** How near the first point a click closes a polygon, in screen pixels. */
  readonly closeDistancePx: number;
  /** Spacing of the points added while tracing a polygon with the button held, in screen pixels. */
  readonly traceSpacingPx: number;
}

export const DEFAULT_TOOL_SETTINGS: ToolSettings = {
  hitTolerancePx: 5,
  dragThresholdPx: 3,
  handleRadiusPx: 7,
  closeDistancePx: 8,
  traceSpacingPx: 6,
};

/** What tools may use of the editor. */
export interface ToolContext {
  readonly store: AnnotationStore;
  readonly kinds: KindRegistry;
  readonly settings: ToolSettings;
  /** Screen pixels per image pixel. */
  scale(): number;
  activeLabel(): Label | null;
  label(id: LabelId): Label | undefined;
  /** The object under `p` (hit tolerance applied), or null. */
  pick(p: Point): Pick | null;
  /** Pickable objects wholly inside `b`. */
  objectsInBox(b: Box): string[];
  /** The image size, to clip mask painting; null before an image is set. */
  imageSize(): { readonly width: number; readonly height: number } | null;
  frame(): number;
  /** Shapes or tracks (rectangle, ellipse, skeleton, polygon, polyline and points tools; masks are always shapes). */
  drawMode(): DrawMode;
  newId(): string;
  /** Emits an `error` event; the tool stays in a valid state. */
  report(error: CanvasError): void;
  /** Asks for the overlay to be redrawn (the tool's overlay items changed). */
  overlayChanged(): void;
}

export interface Tool {
  readonly id: ToolId;
  /** The current state's name, as documented in the tool's module. */
  readonly state: string;
  pointerDown(e: ToolPointer): void;
  pointerMove(e: ToolPointer): void;
  pointerUp(e: ToolPointer): void;
  /** True when the tool used the key (the editor then does not apply its own binding). */
  keyDown(e: ToolKey): boolean;
  /** Abandons what is in progress (Escape, tool switch, undo); back to the idle state. */
  cancel(): void;
  overlay(): readonly OverlayItem[];
  /** CSS cursor for the current state and pointer. */
  cursor(): string;
}

/** Pointer travel between two image points, in screen pixels. */
export function screenDistance(ctx: ToolContext, a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y) * ctx.scale();
}
