/** The image layer: the image itself (brightness/contrast/saturation are a CSS filter on this layer) and the pixel grid. */
import { visibleImageRect } from "../viewport";
import type { DrawContext } from "./context";
import { clearLayer, setImageTransform } from "./object-layer";
import type { RenderScene } from "./scene";
import { PIXEL_GRID_MIN_SCALE } from "./view-options";

export interface ImageLayerStats {
  readonly image: boolean;
  /** Grid lines drawn (0 when the grid is off or the zoom too low). */
  readonly gridLines: number;
}

/** Smoothing off when zoomed in, so that pixels stay square. */
function setSmoothing(ctx: DrawContext, on: boolean): void {
  const c = ctx as DrawContext & { imageSmoothingEnabled?: boolean };
  if ("imageSmoothingEnabled" in c) c.imageSmoothingEnabled = on;
}

export function renderImageLayer(ctx: DrawContext, scene: RenderScene): ImageLayerStats {
  clearLayer(ctx, scene);
  const image = scene.image();
  if (image === null) return { image: false, gridLines: 0 };
  setImageTransform(ctx, scene);
  const v = scene.viewport();
  setSmoothing(ctx, v.scale < 2);
  ctx.drawImage(image.source, 0, 0, image.width, image.height);
  if (!scene.options().pixelGrid || v.scale < PIXEL_GRID_MIN_SCALE) return { image: true, gridLines: 0 };
  const r = visibleImageRect(v);
  const x0 = Math.max(0, Math.floor(r.minX));
  const x1 = Math.min(image.width, Math.ceil(r.maxX));
  const y0 = Math.max(0, Math.floor(r.minY));
  const y1 = Math.min(image.height, Math.ceil(r.maxY));
  ctx.beginPath();
  let lines = 0;
  for (let x = x0; x <= x1; x++, lines++) {
    ctx.moveTo(x, y0);
    ctx.lineTo(x, y1);
  }
  for (let y = y0; y <= y1; y++, lines++) {
    ctx.moveTo(x0, y);
    ctx.lineTo(x1, y);
  }
  ctx.setLineDash([]);
  ctx.strokeStyle = "rgba(128, 128, 128, 0.45)";
  ctx.lineWidth = 1 / v.scale;
  ctx.stroke();
  return { image: true, gridLines: lines };
}
