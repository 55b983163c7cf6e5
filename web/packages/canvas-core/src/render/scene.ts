/** What the renderer reads each frame; the editor implements it. */
import type { Point } from "../geometry/point";
import type { Label, LabelId } from "../model/label";
import type { AnnotationStore } from "../store/store";
import type { OverlayItem } from "../tools/tool";
import type { ViewportState } from "../viewport";
import type { SpatialIndex } from "./spatial-index";
import type { ViewOptions } from "./view-options";

/** The image under the annotations; `source` is anything `drawImage` takes. */
export interface CanvasImage {
  readonly source: CanvasImageSource;
  readonly width: number;
  readonly height: number;
}

export interface RenderScene {
  readonly store: AnnotationStore;
  readonly index: SpatialIndex;
  viewport(): ViewportState;
  /** Device pixels per CSS pixel of the canvases. */
  pixelRatio(): number;
  label(id: LabelId): Label | undefined;
  image(): CanvasImage | null;
  /** The active tool's drafts, marquee, brush footprint. */
  toolOverlay(): readonly OverlayItem[];
  /** The object under the cursor (select tool), highlighted on the overlay. */
  hovered(): string | null;
  /** The cursor in image coordinates, for the crosshair; null when outside the canvas. */
  cursor(): Point | null;
  options(): ViewOptions;
}
