/**
 * Tools that draw by spanning a box: rectangle, ellipse, and skeleton (the label's template
 * scaled into the box). A box is spanned by a drag, or by two clicks.
 *
 * | state    | event                         | next     | effect                                    |
 * |----------|-------------------------------|----------|-------------------------------------------|
 * | idle     | down (label allows the kind)  | pointing | first corner                              |
 * | idle     | down (no label / wrong kind)  | idle     | `error` event                             |
 * | pointing | move past the drag threshold  | dragging |                                           |
 * | pointing | up                            | placing  | the first corner stays; a click ends it   |
 * | dragging | move                          | dragging | the draft follows (Shift: square)         |
 * | dragging | up                            | idle     | creates the object (a flat box: nothing)  |
 * |          |                               |          | (draw mode "track": a track, one keyframe) |
 * | placing  | move                          | placing  | the draft follows                         |
 * | placing  | down                          | idle     | creates the object at the second corner   |
 * | any      | Escape, cancel()              | idle     | drops the draft                           |
 */
import { boxFromCorners, type Box } from "../geometry/box";
import type { Point } from "../geometry/point";
import { ellipseFromCorners } from "../kinds/ellipse";
import { rectangleFromCorners } from "../kinds/rectangle";
import { skeletonFromTemplate } from "../kinds/skeleton";
import { CanvasError } from "../errors";
import type { Label } from "../model/label";
import type { AnyObject } from "../model/object";
import { addDrawn, labelFor, newObject } from "./create";
import { screenDistance, type OverlayItem, type Tool, type ToolContext, type ToolKey, type ToolPointer } from "./tool";

type BoxState =
  | { readonly name: "idle" }
  | { readonly name: "pointing"; readonly start: Point; readonly label: Label }
  | { readonly name: "dragging"; readonly start: Point; readonly current: Point; readonly label: Label; readonly square: boolean }
  | { readonly name: "placing"; readonly start: Point; readonly current: Point; readonly label: Label; readonly square: boolean };

/** Builds the object for a box, with the given id; null when the label cannot make one. */
type BuildObject = (ctx: ToolContext, b: Box, label: Label, id: string) => AnyObject | null;

/** A box narrower or lower than this, in screen pixels, creates nothing. */
export const MIN_BOX_PX = 2;

function corner(start: Point, current: Point, square: boolean): Point {
  if (!square) return current;
  const side = Math.max(Math.abs(current.x - start.x), Math.abs(current.y - start.y));
  return { x: start.x + Math.sign(current.x - start.x || 1) * side, y: start.y + Math.sign(current.y - start.y || 1) * side };
}

export class BoxDrawTool implements Tool {
  private s: BoxState = { name: "idle" };

  constructor(
    private readonly ctx: ToolContext,
    readonly id: "rectangle" | "ellipse" | "skeleton",
    private readonly build: BuildObject,
  ) {}

  get state(): BoxState["name"] {
    return this.s.name;
  }

  private box(start: Point, current: Point, square: boolean): Box {
    const c = corner(start, current, square);
    return boxFromCorners(start.x, start.y, c.x, c.y);
  }

  private finish(start: Point, current: Point, label: Label, square: boolean): void {
    this.s = { name: "idle" };
    this.ctx.overlayChanged();
    const b = this.box(start, current, square);
    const min = MIN_BOX_PX / this.ctx.scale();
    if (b.maxX - b.minX < min || b.maxY - b.minY < min) return;
    const obj = this.build(this.ctx, b, label, this.ctx.newId());
    if (obj !== null) addDrawn(this.ctx, obj, `draw ${this.id}`);
  }

  pointerDown(e: ToolPointer): void {
    if (e.button !== 0) return;
    const s = this.s;
    if (s.name === "placing") {
      this.finish(s.start, e.point, s.label, e.shift);
      return;
    }
    if (s.name !== "idle") return;
    const label = labelFor(this.ctx, this.id);
    if (label === null) return;
    if (this.id === "skeleton" && label.skeleton === null) {
      this.ctx.report(CanvasError.of(["activeLabel"], `label "${label.name}" has no skeleton template`, "invalid"));
      return;
    }
    this.s = { name: "pointing", start: e.point, label };
  }

  pointerMove(e: ToolPointer): void {
    const s = this.s;
    if (s.name === "pointing") {
      if (screenDistance(this.ctx, s.start, e.point) < this.ctx.settings.dragThresholdPx) return;
      this.s = { name: "dragging", start: s.start, current: e.point, label: s.label, square: e.shift };
    } else if (s.name === "dragging" || s.name === "placing") {
      this.s = { ...s, current: e.point, square: e.shift };
    } else return;
    this.ctx.overlayChanged();
  }

  pointerUp(e: ToolPointer): void {
    const s = this.s;
    if (s.name === "pointing") this.s = { name: "placing", start: s.start, current: e.point, label: s.label, square: e.shift };
    else if (s.name === "dragging") this.finish(s.start, e.point, s.label, e.shift);
  }

  keyDown(e: ToolKey): boolean {
    if (e.key !== "Escape" || this.s.name === "idle") return false;
    this.cancel();
    return true;
  }

  cancel(): void {
    const had = this.s.name !== "idle";
    this.s = { name: "idle" };
    if (had) this.ctx.overlayChanged();
  }

  overlay(): readonly OverlayItem[] {
    const s = this.s;
    if (s.name !== "dragging" && s.name !== "placing") return [];
    const obj = this.build(this.ctx, this.box(s.start, s.current, s.square), s.label, "draft");
    return obj === null ? [] : [{ type: "draft", object: obj }];
  }

  cursor(): string {
    return "crosshair";
  }
}

export const buildRectangle: BuildObject = (ctx, b, label, id) =>
  newObject(ctx, "rectangle", label, rectangleFromCorners({ x: b.minX, y: b.minY }, { x: b.maxX, y: b.maxY }), id);

export const buildEllipse: BuildObject = (ctx, b, label, id) =>
  newObject(ctx, "ellipse", label, ellipseFromCorners({ x: b.minX, y: b.minY }, { x: b.maxX, y: b.maxY }), id);

export const buildSkeleton: BuildObject = (ctx, b, label, id) =>
  label.skeleton === null ? null : newObject(ctx, "skeleton", label, skeletonFromTemplate(label.skeleton, b), id);
