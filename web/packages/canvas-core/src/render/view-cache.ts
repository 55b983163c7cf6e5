/**
 * Cheap pans and zooms over a heavy scene. When the last full render of the objects layer
 * traced many points, a frame that only changes the view moves the last full render as a
 * bitmap (one drawImage) instead of tracing every object again; the full render follows once
 * the view has been still for `SETTLE_MS`, and at least every `MAX_STALE_MS` during a long
 * gesture. Edges uncovered by a pan stay empty until then. Light scenes always render in full.
 */
import { sameViewport, type ViewportState } from "../viewport";
import type { DrawContext } from "./context";

/** A second, off-screen canvas of the objects layer's size that keeps the last full render. */
export interface LayerSnapshot {
  readonly ctx: DrawContext;
  readonly source: CanvasImageSource;
}

/** Scenes tracing fewer points than this are redrawn in full on every frame. */
export const MOVE_BITMAP_MIN_POINTS = 20_000;
export const SETTLE_MS = 150;
export const MAX_STALE_MS = 400;

export class ObjectLayerCache {
  private view: ViewportState | null = null;
  private pixelRatio = 1;
  private points = 0;
  private fullAt = -Infinity;
  private viewChangedAt = -Infinity;
  /** The layer shows a moved bitmap, not a full render of the current view. */
  stale = false;

  constructor(readonly snapshot: LayerSnapshot | undefined) {}

  /** Whether this frame, which changes only the view, may move the bitmap instead of redrawing. */
  canMove(view: ViewportState, now: number): boolean {
    const v = this.view;
    return (
      this.snapshot !== undefined &&
      v !== null &&
      this.points >= MOVE_BITMAP_MIN_POINTS &&
      v.screenWidth === view.screenWidth &&
      v.screenHeight === view.screenHeight &&
      now - this.fullAt < MAX_STALE_MS
    );
  }

  /** Whether a stale layer has waited long enough for its full render. */
  settled(now: number): boolean {
    return this.stale && now - this.viewChangedAt >= SETTLE_MS;
  }

  /** Draws the last full render onto `target` as seen from `view`. */
  move(target: DrawContext, view: ViewportState, now: number): void {
    const from = this.view;
    if (from === null || this.snapshot === undefined) return;
    const pr = this.pixelRatio;
    const k = view.scale / from.scale;
    target.setTransform(1, 0, 0, 1, 0, 0);
    target.clearRect(0, 0, view.screenWidth * pr, view.screenHeight * pr);
    target.setTransform(k, 0, 0, k, pr * (view.offsetX - k * from.offsetX), pr * (view.offsetY - k * from.offsetY));
    target.drawImage(this.snapshot.source, 0, 0, from.screenWidth * pr, from.screenHeight * pr);
    this.stale = !sameViewport(view, from);
    this.viewChangedAt = now;
  }

  /** Whether the layer shows a full render of exactly this view, so that a local redraw is valid. */
  shows(view: ViewportState, pixelRatio: number): boolean {
    return !this.stale && this.view !== null && this.pixelRatio === pixelRatio && sameViewport(this.view, view);
  }

  /** Records a full render (made into the snapshot when there is one) and shows it on `target`. */
  recordFull(target: DrawContext, view: ViewportState, pixelRatio: number, points: number, now: number): void {
    this.view = view;
    this.pixelRatio = pixelRatio;
    this.points = points;
    this.fullAt = now;
    this.stale = false;
    this.show(target);
  }

  /** Shows a local redraw made into the snapshot. */
  show(target: DrawContext): void {
    const v = this.view;
    if (this.snapshot === undefined || v === null) return;
    const w = v.screenWidth * this.pixelRatio;
    const h = v.screenHeight * this.pixelRatio;
    target.setTransform(1, 0, 0, 1, 0, 0);
    target.clearRect(0, 0, w, h);
    target.drawImage(this.snapshot.source, 0, 0, w, h);
  }
}
