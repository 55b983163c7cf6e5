/**
 * The overlay: selected objects and objects under live edit, their handles, the hovered
 * object's highlight, the active tool's drafts, and the crosshair. It is small, so it is
 * redrawn on every pointer move without touching the static layer. A selected track state
 * outside the frame is drawn nowhere.
 */
import type { Handle } from "../kinds/kind";
import { kindUtil } from "../kinds/registry";
import type { AnyObject } from "../model/object";
import { visibleHandles } from "../tools/handles";
import type { OverlayItem } from "../tools/tool";
import { toScreen } from "../viewport";
import type { DrawContext, DrawParams } from "./context";
import { drawObject, drawParams, styleOf } from "./draw-object";
import { clearLayer, overlayIds, setImageTransform } from "./object-layer";
import type { RenderScene } from "./scene";
import { UNKNOWN_LABEL_COLOR, effectiveFillOpacity } from "./view-options";

export interface OverlayLayerStats {
  /** Selected / edited objects drawn. */
  readonly objects: number;
  readonly handles: number;
}

const HANDLE_FILL = "#ffffff";
const SELECTED_FILL_BOOST = 0.15;

function drawHandles(ctx: DrawContext, handles: readonly Handle[], color: string, params: DrawParams): void {
  const px = params.pixel;
  ctx.setLineDash([]);
  ctx.lineWidth = 1.5 * px;
  ctx.strokeStyle = color;
  for (const role of ["edge", "vertex", "resize", "rotate"] as const) {
    ctx.beginPath();
    let any = false;
    for (const h of handles) {
      if (h.role !== role) continue;
      any = true;
      if (role === "resize") ctx.rect(h.x - 4 * px, h.y - 4 * px, 8 * px, 8 * px);
      else {
        const r = (role === "edge" ? 3 : role === "rotate" ? 5 : 4) * px;
        ctx.moveTo(h.x + r, h.y);
        ctx.arc(h.x, h.y, r, 0, 2 * Math.PI);
      }
    }
    if (!any) continue;
    ctx.globalAlpha = role === "edge" ? 0.7 : 1;
    ctx.fillStyle = HANDLE_FILL;
    ctx.fill();
    ctx.stroke();
    ctx.globalAlpha = 1;
  }
}

function drawItem(ctx: DrawContext, scene: RenderScene, item: OverlayItem, params: DrawParams): void {
  const px = params.pixel;
  switch (item.type) {
    case "draft": {
      const style = styleOf(scene, item.object);
      drawObject(ctx, scene, item.object, params, style);
      return;
    }
    case "path": {
      const color = scene.label(item.labelId)?.color ?? UNKNOWN_LABEL_COLOR;
      const pts = item.points;
      ctx.beginPath();
      for (let i = 0; i + 1 < pts.length; i += 2) {
        if (i === 0) ctx.moveTo(pts[0] as number, pts[1] as number);
        else ctx.lineTo(pts[i] as number, pts[i + 1] as number);
      }
      if (item.cursor !== null && pts.length > 0) ctx.lineTo(item.cursor.x, item.cursor.y);
      if (item.closed && pts.length >= 4) ctx.closePath();
      ctx.setLineDash([]);
      ctx.strokeStyle = color;
      ctx.lineWidth = scene.options().lineWidth * px;
      if (item.closed && effectiveFillOpacity(scene.options()) > 0) {
        ctx.globalAlpha = effectiveFillOpacity(scene.options());
        ctx.fillStyle = color;
        ctx.fill();
        ctx.globalAlpha = 1;
      }
      ctx.stroke();
      const vertices: Handle[] = [];
      for (let i = 0; i + 1 < pts.length; i += 2) vertices.push({ id: `v:${i / 2}`, role: "vertex", x: pts[i] as number, y: pts[i + 1] as number });
      drawHandles(ctx, vertices, color, params);
      return;
    }
    case "marquee": {
      const b = item.box;
      ctx.beginPath();
      ctx.rect(b.minX, b.minY, b.maxX - b.minX, b.maxY - b.minY);
      ctx.globalAlpha = 0.08;
      ctx.fillStyle = "#2f80ed";
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.setLineDash([4 * px, 3 * px]);
      ctx.strokeStyle = "#2f80ed";
      ctx.lineWidth = px;
      ctx.stroke();
      return;
    }
    case "brush": {
      ctx.beginPath();
      ctx.moveTo(item.centre.x + item.radius, item.centre.y);
      ctx.arc(item.centre.x, item.centre.y, item.radius, 0, 2 * Math.PI);
      ctx.setLineDash(item.erase ? [4 * px, 3 * px] : []);
      ctx.strokeStyle = "#ffffff";
      ctx.lineWidth = 1.5 * px;
      ctx.stroke();
      return;
    }
  }
}

function drawCrosshair(ctx: DrawContext, scene: RenderScene): void {
  const cursor = scene.cursor();
  if (cursor === null) return;
  const v = scene.viewport();
  const pr = scene.pixelRatio();
  const p = toScreen(v, cursor);
  ctx.setTransform(pr, 0, 0, pr, 0, 0);
  ctx.beginPath();
  ctx.moveTo(0, p.y);
  ctx.lineTo(v.screenWidth, p.y);
  ctx.moveTo(p.x, 0);
  ctx.lineTo(p.x, v.screenHeight);
  ctx.setLineDash([]);
  ctx.strokeStyle = "rgba(255, 255, 255, 0.7)";
  ctx.lineWidth = 1;
  ctx.stroke();
}

export function renderOverlayLayer(ctx: DrawContext, scene: RenderScene): OverlayLayerStats {
  clearLayer(ctx, scene);
  setImageTransform(ctx, scene);
  const v = scene.viewport();
  const params = drawParams(v.scale);
  const store = scene.store;
  const shown: AnyObject[] = [];
  for (const id of overlayIds(scene)) {
    const obj = store.get(id);
    if (obj !== undefined && obj.kind !== "tag" && !store.isHidden(id) && !store.isOutsideState(id)) shown.push(obj);
  }
  shown.sort((a, b) => store.rank(a.id) - store.rank(b.id));
  for (const obj of shown) {
    const base = styleOf(scene, obj);
    drawObject(ctx, scene, obj, params, { ...base, fillOpacity: Math.min(base.fillOpacity + SELECTED_FILL_BOOST, 1) }, 1.5);
  }
  const hovered = scene.hovered();
  const hoverObj = hovered === null ? undefined : store.get(hovered);
  if (hoverObj !== undefined && !store.isSelected(hoverObj.id) && !store.isHidden(hoverObj.id) && !store.isOutsideState(hoverObj.id)) {
    const style = styleOf(scene, hoverObj);
    ctx.beginPath();
    kindUtil(store.registry, hoverObj).traceOutline(ctx, hoverObj.geometry, params, scene.label(hoverObj.labelId));
    ctx.setLineDash([]);
    ctx.strokeStyle = style.color;
    ctx.lineWidth = style.lineWidth * 2.5 * params.pixel;
    ctx.stroke();
  }
  let handles = 0;
  const selected = store.selected();
  const single = selected.length === 1 ? store.get(selected[0] as string) : undefined;
  if (single !== undefined && !store.isLocked(single.id) && !store.isHidden(single.id) && !store.isOutsideState(single.id)) {
    const hs = visibleHandles(store.registry, single, v.scale);
    handles = hs.length;
    drawHandles(ctx, hs, styleOf(scene, single).color, params);
  }
  for (const item of scene.toolOverlay()) drawItem(ctx, scene, item, params);
  if (scene.options().crosshair) drawCrosshair(ctx, scene);
  return { objects: shown.length, handles };
}
