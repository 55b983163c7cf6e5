/**
 * Mask: `bbox [x1,y1,x2,y2]` (integer pixels, x2/y2 exclusive) and `rle`, row-major run lengths
 * over the bbox starting with a run of 0s. Edited with the brush and eraser (`mask-paint.ts`),
 * not with handles.
 */
import type { Issue, Loc } from "../errors";
import { box, type Box } from "../geometry/box";
import type { Point } from "../geometry/point";
import type { MaskGeometry } from "../model/geometry";
import { readNumberList, type Json } from "../model/read";
import type { DrawContext, DrawParams, PathSink, ShapeStyle } from "../render/context";
import type { DragModifiers, Handle, HandleDrag, HandleView, KindUtil } from "./kind";
import { distanceToMask, maskRows } from "./mask-rle";

/** Masks stay visible in outline-only view: they have no outline to show. */
export const MASK_MIN_OPACITY = 0.35;

export const maskKind: KindUtil<"mask"> = {
  kind: "mask",
  collection: "shapes",
  wireFields: ["bbox", "rle"],
  closed: false,

  parse(wire: Json, loc: Loc, issues: Issue[]): MaskGeometry | null {
    const bb = readNumberList(wire, "bbox", loc, issues, { length: 4, integer: true });
    const rle = readNumberList(wire, "rle", loc, issues, { integer: true, min: 0 });
    if (bb === null || rle === null) return null;
    const [x1, y1, x2, y2] = bb as [number, number, number, number];
    if (!(x1 < x2) || !(y1 < y2)) {
      issues.push({ loc: [...loc, "bbox"], msg: `expected x1 < x2 and y1 < y2, got [${bb.join(", ")}]`, type: "invalid" });
      return null;
    }
    const total = rle.reduce((a, b) => a + b, 0);
    const area = (x2 - x1) * (y2 - y1);
    if (total !== area) {
      issues.push({ loc: [...loc, "rle"], msg: `runs cover ${total} pixels, the bbox has ${area}`, type: "invalid" });
      return null;
    }
    return { x1, y1, x2, y2, rle };
  },

  serialize(g: MaskGeometry): Record<string, unknown> {
    return { bbox: [g.x1, g.y1, g.x2, g.y2], rle: g.rle.slice() };
  },

  bbox(g: MaskGeometry): Box {
    return box(g.x1, g.y1, g.x2, g.y2);
  },

  /** A set pixel under `p` is 0; otherwise the distance to the nearest set pixel within tolerance. */
  hitTest(g: MaskGeometry, p: Point, tolerance: number): number | null {
    if (p.x < g.x1 - tolerance || p.x > g.x2 + tolerance || p.y < g.y1 - tolerance || p.y > g.y2 + tolerance) return null;
    const d = distanceToMask(g, p.x, p.y, tolerance);
    return d <= tolerance ? d : null;
  },

  handles(_g: MaskGeometry, _view: HandleView): Handle[] {
    return [];
  },

  dragHandle(_g: MaskGeometry, _handleId: string, _to: Point, _mods: DragModifiers): HandleDrag<MaskGeometry> | null {
    return null;
  },

  /** Masks live on the pixel grid: the offset is rounded to whole pixels. */
  translate(g: MaskGeometry, dx: number, dy: number): MaskGeometry {
    const ix = Math.round(dx);
    const iy = Math.round(dy);
    return { x1: g.x1 + ix, y1: g.y1 + iy, x2: g.x2 + ix, y2: g.y2 + iy, rle: g.rle };
  },

  traceOutline(_path: PathSink, _g: MaskGeometry, _params: DrawParams): void {},

  /** One path of one rectangle per span of set pixels, filled once. */
  drawDetail(ctx: DrawContext, g: MaskGeometry, style: ShapeStyle, _params: DrawParams): void {
    const rows = maskRows(g);
    ctx.beginPath();
    const height = g.y2 - g.y1;
    for (let j = 0; j < height; j++) {
      for (let k = rows.rowStart[j] as number; k < (rows.rowStart[j + 1] as number); k++) {
        const x0 = rows.spans[2 * k] as number;
        ctx.rect(x0, g.y1 + j, (rows.spans[2 * k + 1] as number) - x0, 1);
      }
    }
    const alpha = ctx.globalAlpha;
    ctx.globalAlpha = alpha * Math.max(style.fillOpacity, MASK_MIN_OPACITY);
    ctx.fillStyle = style.color;
    ctx.fill();
    ctx.globalAlpha = alpha;
  },
};
