/**
 * The static layer: every visible object that is not selected or being edited, redrawn only
 * when the view or the objects change (track states outside the frame are not in the index, so
 * never drawn). The spatial index culls what is off screen; objects
 * of one zOrder, colour and fill rule share one path, so 10,000 boxes cost a handful of
 * fill/stroke calls; tiny objects are drawn as their bounds.
 */
import { boxesIntersect, expandBox, type Box } from "../geometry/box";
import { MARKER_RADIUS_PX } from "../kinds/kind";
import { kindUtil } from "../kinds/registry";
import type { AnyObject } from "../model/object";
import { visibleImageRect } from "../viewport";
import type { DrawContext, ShapeStyle } from "./context";
import { drawParams, isTiny, paintPath, strokeOf, styleOf, traceObject, type Stroke } from "./draw-object";
import type { RenderScene } from "./scene";

export interface ObjectLayerStats {
  /** Objects drawn (after culling). */
  readonly drawn: number;
  /** Of those, drawn as their bounds (level of detail). */
  readonly simplified: number;
  /** Paths filled/stroked. */
  readonly batches: number;
  /** Points traced, roughly (a box counts 4): what the frame cost. */
  readonly points: number;
}

/**
 * A batch's path is cut after this many points: rasterisers sort a path's edges, so one huge
 * path costs more than several of moderate size (measured in Chromium's software raster:
 * 1,000 polygons of 50 points as one path took 3× as long as in paths of 8 polygons).
 */
export const MAX_PATH_POINTS = 1_500;

/** Rough number of points an object adds to a path. */
function pathPoints(obj: AnyObject): number {
  const g = obj.geometry as { points?: readonly number[] };
  return g.points === undefined ? 4 : g.points.length >> 1;
}

interface Batch {
  readonly style: ShapeStyle;
  readonly closed: boolean;
  readonly stroke: Stroke;
  readonly objects: AnyObject[];
}

/** Objects drawn on the overlay instead: the selection and whatever a live edit touches. */
export function overlayIds(scene: RenderScene): Set<string> {
  const ids = new Set(scene.store.selected());
  for (const id of scene.store.previewIds()) ids.add(id);
  return ids;
}

export function setImageTransform(ctx: DrawContext, scene: RenderScene): void {
  const v = scene.viewport();
  const pr = scene.pixelRatio();
  ctx.setTransform(pr * v.scale, 0, 0, pr * v.scale, pr * v.offsetX, pr * v.offsetY);
}

export function clearLayer(ctx: DrawContext, scene: RenderScene): void {
  const v = scene.viewport();
  const pr = scene.pixelRatio();
  ctx.setTransform(pr, 0, 0, pr, 0, 0);
  ctx.clearRect(0, 0, v.screenWidth, v.screenHeight);
}

/**
 * Shown objects with geometry in view (and, with `areas`, in one of those areas), bottom to
 * top, less `exclude`.
 */
export function visibleObjects(scene: RenderScene, exclude: ReadonlySet<string>, areas?: readonly Box[]): AnyObject[] {
  const v = scene.viewport();
  const view = expandBox(visibleImageRect(v), (scene.options().lineWidth * 2) / v.scale);
  const store = scene.store;
  const ids = areas === undefined ? scene.index.search(view) : [...new Set(areas.filter((a) => boxesIntersect(a, view)).flatMap((a) => scene.index.search(a)))];
  const ranked: number[] = [];
  for (const id of ids) {
    if (exclude.has(id) || store.isHidden(id)) continue;
    ranked.push(store.rank(id));
  }
  const order = store.ordered();
  return Int32Array.from(ranked)
    .sort()
    .reduce<AnyObject[]>((out, r) => {
      const o = order[r];
      if (o !== undefined) out.push(o);
      return out;
    }, []);
}

/** How far around an object's bounds its drawing reaches, in image units: the stroke and point markers. */
function drawingMargin(scene: RenderScene): number {
  return (scene.options().lineWidth * 2 + MARKER_RADIUS_PX + 2) / scene.viewport().scale;
}

/**
 * Redraws the layer, or with `region` only those boxes (image units): they are cleared and
 * every object reaching into them is drawn again, clipped to them.
 */
export function renderObjectLayer(ctx: DrawContext, scene: RenderScene, region: readonly Box[] | null = null): ObjectLayerStats {
  const areas = region?.map((b) => expandBox(b, drawingMargin(scene)));
  if (areas === undefined) clearLayer(ctx, scene);
  setImageTransform(ctx, scene);
  if (areas !== undefined) {
    ctx.save();
    ctx.beginPath();
    for (const a of areas) ctx.rect(a.minX, a.minY, a.maxX - a.minX, a.maxY - a.minY);
    ctx.clip();
    for (const a of areas) ctx.clearRect(a.minX, a.minY, a.maxX - a.minX, a.maxY - a.minY);
  }
  const stats = drawObjects(ctx, scene, visibleObjects(scene, overlayIds(scene), areas));
  if (areas !== undefined) ctx.restore();
  return stats;
}

function drawObjects(ctx: DrawContext, scene: RenderScene, objects: readonly AnyObject[]): ObjectLayerStats {
  const scale = scene.viewport().scale;
  const params = drawParams(scale);
  const batches = new Map<string, Batch>();
  let simplified = 0;
  for (const obj of objects) {
    const util = kindUtil(scene.store.registry, obj);
    const tiny = isTiny(scene.index.boxOf(obj.id), scale);
    const style = styleOf(scene, obj);
    const closed = util.closed || tiny;
    const stroke = strokeOf(scene, obj);
    const key = `${obj.zOrder}|${style.color}|${closed ? 1 : 0}|${stroke}`;
    let batch = batches.get(key);
    if (batch === undefined) {
      batch = { style, closed, stroke, objects: [] };
      batches.set(key, batch);
    }
    batch.objects.push(obj);
    if (tiny) simplified++;
  }
  let paths = 0;
  let points = 0;
  for (const batch of batches.values()) {
    // Pixels (mask runs) and joints first, outlines on top.
    for (const obj of batch.objects) {
      const util = kindUtil(scene.store.registry, obj);
      if (util.drawDetail !== undefined && !isTiny(scene.index.boxOf(obj.id), scale)) util.drawDetail(ctx, obj.geometry, batch.style, params);
    }
    let inPath = 0;
    ctx.beginPath();
    for (const obj of batch.objects) {
      const b = scene.index.boxOf(obj.id);
      const tiny = b !== undefined && isTiny(b, scale);
      const n = tiny ? 4 : pathPoints(obj);
      if (inPath > 0 && inPath + n > MAX_PATH_POINTS) {
        paintPath(ctx, batch.style, params, batch.closed, batch.stroke);
        paths++;
        ctx.beginPath();
        inPath = 0;
      }
      traceObject(ctx, scene, obj, params, tiny ? b : null);
      inPath += n;
      points += n;
    }
    paintPath(ctx, batch.style, params, batch.closed, batch.stroke);
    paths++;
  }
  return { drawn: objects.length, simplified, batches: paths, points };
}
