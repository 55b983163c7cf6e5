/**
 * Which handles of a selected object are shown and grabbable at the current zoom. The select
 * tool and the renderer both ask here, so a handle can be grabbed exactly when it is drawn.
 */
import { boxHeight, boxWidth } from "../geometry/box";
import type { Point } from "../geometry/point";
import type { Handle } from "../kinds/kind";
import { kindUtil, type KindRegistry } from "../kinds/registry";
import type { AnyObject } from "../model/object";

/** Below this size on screen an object shows no handles (level of detail). */
export const HANDLES_MIN_OBJECT_PX = 10;
/** An edge shorter than this on screen gets no insert handle at its midpoint. */
export const EDGE_HANDLE_MIN_EDGE_PX = 24;
/** Resize handles nearer than this to the object's centre are dropped, so that a press in the middle of a narrow object moves it. */
export const RESIZE_HANDLE_MIN_CENTRE_PX = 12;
/** More handles than this (a 5,000-point polygon seen whole) are not drawn: zoom in to edit. */
export const MAX_HANDLES = 600;

export function visibleHandles(registry: KindRegistry, obj: AnyObject, scale: number): Handle[] {
  const util = kindUtil(registry, obj);
  const b = util.bbox(obj.geometry);
  if (b === null) return [];
  if (Math.max(boxWidth(b), boxHeight(b)) * scale < HANDLES_MIN_OBJECT_PX && obj.kind !== "points") return [];
  const all = util.handles(obj.geometry, { scale });
  const byId = new Map(all.map((h) => [h.id, h]));
  const cx = (b.minX + b.maxX) / 2;
  const cy = (b.minY + b.maxY) / 2;
  const out = all.filter((h) => {
    if (h.role === "resize") return Math.hypot(h.x - cx, h.y - cy) * scale >= RESIZE_HANDLE_MIN_CENTRE_PX;
    if (h.role !== "edge") return true;
    const from = byId.get(`v:${h.id.slice(2)}`);
    // Twice the midpoint's distance to the edge's first vertex is the edge length.
    return from !== undefined && 2 * Math.hypot(h.x - from.x, h.y - from.y) * scale >= EDGE_HANDLE_MIN_EDGE_PX;
  });
  return out.length > MAX_HANDLES ? [] : out;
}

const PRIORITY: Readonly<Record<Handle["role"], number>> = { vertex: 0, resize: 1, rotate: 2, edge: 3 };

/** The handle within `radiusPx` screen pixels of `p`: the nearest, vertices before resize, rotate and edge handles. */
export function handleAt(handles: readonly Handle[], p: Point, scale: number, radiusPx: number): Handle | null {
  let best: Handle | null = null;
  let bestKey = Infinity;
  for (const h of handles) {
    const d = Math.hypot(h.x - p.x, h.y - p.y) * scale;
    if (d > radiusPx) continue;
    const key = PRIORITY[h.role] * 1e6 + d;
    if (key < bestKey) {
      best = h;
      bestKey = key;
    }
  }
  return best;
}
