/** Painting objects: batched outlines for the static layer, one at a time for the overlay. */
import { boxHeight, boxWidth, type Box } from "../geometry/box";
import { kindUtil } from "../kinds/registry";
import type { AnyObject } from "../model/object";
import type { DrawContext, DrawParams, PathSink, ShapeStyle } from "./context";
import type { RenderScene } from "./scene";
import { colorFor, effectiveFillOpacity } from "./view-options";

/** Objects smaller than this on screen (largest side) are drawn as their bounding box. */
export const SIMPLIFY_BELOW_PX = 4;

export function drawParams(scale: number): DrawParams {
  return { scale, pixel: 1 / scale };
}

export function styleOf(scene: RenderScene, obj: AnyObject): ShapeStyle {
  const o = scene.options();
  return {
    color: colorFor(o, obj.id, obj.labelId, (id) => scene.label(id)?.color),
    fillOpacity: effectiveFillOpacity(o),
    lineWidth: o.lineWidth,
  };
}

/**
 * How an outline is stroked: solid; dashed when occluded; dotted for a track state that is not a
 * stored keyframe (interpolated between keyframes, or held after the last), so that the keyframes
 * the user set stand out; dash-dot when both.
 */
export type Stroke = "solid" | "occluded" | "interpolated" | "occluded-interpolated";

/** Dash patterns in screen pixels. */
export const STROKE_DASHES: Readonly<Record<Stroke, readonly number[]>> = {
  solid: [],
  occluded: [6, 4],
  interpolated: [2, 3],
  "occluded-interpolated": [6, 3, 2, 3],
};

export function strokeOf(scene: RenderScene, obj: AnyObject): Stroke {
  const interpolated = scene.store.trackState(obj.id)?.keyframe === false;
  if (interpolated) return obj.occluded ? "occluded-interpolated" : "interpolated";
  return obj.occluded ? "occluded" : "solid";
}

export function isTiny(b: Box | undefined | null, scale: number): boolean {
  return b !== undefined && b !== null && Math.max(boxWidth(b), boxHeight(b)) * scale < SIMPLIFY_BELOW_PX;
}

/** Adds one object's outline (or, when tiny, its bounds) to the current path. */
export function traceObject(path: PathSink, scene: RenderScene, obj: AnyObject, params: DrawParams, simplified: Box | null): void {
  if (simplified !== null) {
    path.rect(simplified.minX, simplified.minY, Math.max(boxWidth(simplified), params.pixel), Math.max(boxHeight(simplified), params.pixel));
    return;
  }
  kindUtil(scene.store.registry, obj).traceOutline(path, obj.geometry, params, scene.label(obj.labelId));
}

/** Fills (closed outlines, when the style has a fill) and strokes the current path. */
export function paintPath(ctx: DrawContext, style: ShapeStyle, params: DrawParams, closed: boolean, stroke: Stroke, widthFactor = 1): void {
  if (closed && style.fillOpacity > 0) {
    ctx.globalAlpha = style.fillOpacity;
    ctx.fillStyle = style.color;
    ctx.fill();
    ctx.globalAlpha = 1;
  }
  ctx.strokeStyle = style.color;
  ctx.lineWidth = style.lineWidth * widthFactor * params.pixel;
  ctx.setLineDash(STROKE_DASHES[stroke].map((d) => d * params.pixel));
  ctx.stroke();
}

/** One object on its own: detail, then outline filled and stroked. */
export function drawObject(ctx: DrawContext, scene: RenderScene, obj: AnyObject, params: DrawParams, style: ShapeStyle, widthFactor = 1): void {
  const util = kindUtil(scene.store.registry, obj);
  const b = util.bbox(obj.geometry);
  const tiny = isTiny(b, params.scale) ? b : null;
  if (tiny === null && util.drawDetail !== undefined) util.drawDetail(ctx, obj.geometry, style, params);
  ctx.beginPath();
  traceObject(ctx, scene, obj, params, tiny);
  paintPath(ctx, style, params, util.closed || tiny !== null, strokeOf(scene, obj), widthFactor);
}
