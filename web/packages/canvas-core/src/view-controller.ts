/** The editor's current view and its commands: zoom, pan, fit, 1:1, resize. */
import type { Box } from "./geometry/box";
import type { Point } from "./geometry/point";
import * as vp from "./viewport";

/** Zoom step of zoomIn / zoomOut. */
export const ZOOM_STEP = 1.25;

export class ViewController {
  private state: vp.ViewportState;
  private ratio: number;

  /** `changed` hears every new view; `resized` is true when the screen size or pixel ratio changed. */
  constructor(
    width: number,
    height: number,
    pixelRatio: number,
    private readonly limits: vp.ViewportLimits,
    private readonly changed: (view: vp.ViewportState, resized: boolean) => void,
  ) {
    this.ratio = pixelRatio;
    this.state = vp.createViewport(width, height, 0, 0, limits);
  }

  get viewport(): vp.ViewportState {
    return this.state;
  }

  /** Device pixels per CSS pixel. */
  get pixelRatio(): number {
    return this.ratio;
  }

  set(next: vp.ViewportState): void {
    if (vp.sameViewport(next, this.state)) return;
    this.state = next;
    this.changed(next, false);
  }

  /** A new image size: limits recomputed and the view fitted. */
  showImage(width: number, height: number): void {
    this.set(vp.withImage(this.state, width, height, this.limits));
  }

  zoomIn(at: Point = vp.screenCentre(this.state)): void {
    this.set(vp.zoomAt(this.state, at, ZOOM_STEP));
  }

  zoomOut(at: Point = vp.screenCentre(this.state)): void {
    this.set(vp.zoomAt(this.state, at, 1 / ZOOM_STEP));
  }

  fit(): void {
    this.set(vp.fit(this.state));
  }

  actualSize(): void {
    this.set(vp.actualSize(this.state));
  }

  panBy(dx: number, dy: number): void {
    this.set(vp.panBy(this.state, dx, dy));
  }

  zoomToBox(b: Box): void {
    this.set(vp.zoomToBox(this.state, b));
  }

  /** New canvas size in CSS pixels (and device pixel ratio); the view keeps its centre. */
  resize(width: number, height: number, pixelRatio = this.ratio): void {
    this.ratio = pixelRatio;
    this.state = vp.resizeScreen(this.state, width, height, this.limits);
    this.changed(this.state, true);
  }
}
