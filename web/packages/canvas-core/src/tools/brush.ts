/**
 * Mask brush and eraser. The brush paints into the selected mask of the active label (or a new
 * mask, which it then selects); the eraser clears pixels of the selected mask, and deletes the
 * mask when none is left. One stroke (down … up) is one change set.
 *
 * | state    | event                                       | next     | effect                               |
 * |----------|---------------------------------------------|----------|--------------------------------------|
 * | idle     | move                                        | idle     | the footprint follows the cursor     |
 * | idle     | down (brush: label allows masks)            | painting | paints a dot (preview)               |
 * | idle     | down (eraser: one mask selected)            | painting | erases a dot (preview)               |
 * | idle     | down otherwise                              | idle     | `error` event                        |
 * | painting | move                                        | painting | paints / erases along the way        |
 * | painting | up                                          | idle     | commits "paint mask" / "erase mask"  |
 * | any      | [ / ]                                       | same     | brush size −/+ 20 % (1 … 500 px)     |
 * | painting | Escape, cancel()                            | idle     | reverts the stroke                   |
 */
import { CanvasError } from "../errors";
import type { Point } from "../geometry/point";
import { paintStroke } from "../kinds/mask-paint";
import type { MaskBitmap } from "../kinds/mask-rle";
import { labelFor } from "./create";
import { maskChange, maskTarget, selectedMask, startBitmap, type MaskTarget } from "./mask-target";
import type { OverlayItem, Tool, ToolContext, ToolKey, ToolPointer } from "./tool";

type BrushState =
  | { readonly name: "idle" }
  | { readonly name: "painting"; readonly target: MaskTarget; readonly bitmap: MaskBitmap; readonly last: Point; readonly exists: boolean };

export const MIN_BRUSH_SIZE = 1;
export const MAX_BRUSH_SIZE = 500;

export class BrushTool implements Tool {
  private s: BrushState = { name: "idle" };
  private hover: Point | null = null;
  /** Diameter in image pixels. */
  private diameter = 20;

  constructor(
    private readonly ctx: ToolContext,
    readonly id: "brush" | "eraser",
  ) {}

  get state(): BrushState["name"] {
    return this.s.name;
  }

  get size(): number {
    return this.diameter;
  }

  set size(px: number) {
    this.diameter = Math.min(Math.max(px, MIN_BRUSH_SIZE), MAX_BRUSH_SIZE);
    this.ctx.overlayChanged();
  }

  private get value(): 0 | 1 {
    return this.id === "brush" ? 1 : 0;
  }

  private targetFor(): MaskTarget | null {
    if (this.id === "eraser") {
      const mask = selectedMask(this.ctx, null);
      if (mask === null) {
        this.ctx.report(CanvasError.of(["eraser"], "select one mask to erase from", "invalid_state"));
        return null;
      }
      const label = this.ctx.label(mask.labelId);
      if (label === undefined) {
        this.ctx.report(CanvasError.of(["eraser"], `the selected mask has unknown label ${mask.labelId}`, "not_found"));
        return null;
      }
      return { id: mask.id, existing: mask, label };
    }
    const label = labelFor(this.ctx, "mask");
    return label === null ? null : maskTarget(this.ctx, label);
  }

  private paint(s: Extract<BrushState, { name: "painting" }>, to: Point): void {
    const bitmap = paintStroke(s.bitmap, s.last, to, this.diameter / 2, this.value, this.ctx.imageSize());
    const change = maskChange(this.ctx, s.target, bitmap, s.exists);
    this.ctx.store.updatePreview(change);
    this.s = { ...s, bitmap, last: to, exists: this.ctx.store.has(s.target.id) };
  }

  pointerDown(e: ToolPointer): void {
    if (e.button !== 0 || this.s.name !== "idle") return;
    const target = this.targetFor();
    if (target === null) return;
    this.ctx.store.beginPreview();
    const painting = { name: "painting", target, bitmap: startBitmap(target), last: e.point, exists: target.existing !== null } as const;
    this.paint(painting, e.point);
  }

  pointerMove(e: ToolPointer): void {
    this.hover = e.point;
    if (this.s.name === "painting") this.paint(this.s, e.point);
    this.ctx.overlayChanged();
  }

  pointerUp(_e: ToolPointer): void {
    const s = this.s;
    if (s.name !== "painting") return;
    this.s = { name: "idle" };
    const set = this.ctx.store.commitPreview(this.id === "brush" ? "paint mask" : "erase mask");
    if (set !== null && this.ctx.store.has(s.target.id) && !this.ctx.store.isSelected(s.target.id)) this.ctx.store.select([s.target.id]);
  }

  keyDown(e: ToolKey): boolean {
    if (e.key === "[" || e.key === "]") {
      this.size = e.key === "[" ? this.diameter / 1.2 : this.diameter * 1.2;
      return true;
    }
    if (e.key === "Escape" && this.s.name === "painting") {
      this.cancel();
      return true;
    }
    return false;
  }

  cancel(): void {
    if (this.s.name === "painting") this.ctx.store.cancelPreview();
    this.s = { name: "idle" };
    this.ctx.overlayChanged();
  }

  overlay(): readonly OverlayItem[] {
    return this.hover === null ? [] : [{ type: "brush", centre: this.hover, radius: this.diameter / 2, erase: this.id === "eraser" }];
  }

  cursor(): string {
    return "none";
  }
}
