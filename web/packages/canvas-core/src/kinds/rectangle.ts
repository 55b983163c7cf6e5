/** Rectangle: `points [x1,y1,x2,y2]` + `rotation` (degrees clockwise about the centre). */
import type { Issue, Loc } from "../errors";
import { box, type Box } from "../geometry/box";
import { rotateAround, type Point } from "../geometry/point";
import type { RectangleGeometry } from "../model/geometry";
import { describe, readNumberList, type Json } from "../model/read";
import type { DrawParams, PathSink } from "../render/context";
import { MIN_EXTENT, ROTATE_HANDLE_OFFSET_PX, type DragModifiers, type Handle, type HandleDrag, type HandleView, type KindUtil } from "./kind";
import { readRotation, rotationToward } from "./rotation";

/** Resize handles by id, as (hx, hy): -1 moves the min side, 1 the max side, 0 neither. */
const RESIZE: Readonly<Record<string, readonly [number, number]>> = {
  nw: [-1, -1],
  n: [0, -1],
  ne: [1, -1],
  e: [1, 0],
  se: [1, 1],
  s: [0, 1],
  sw: [-1, 1],
  w: [-1, 0],
};

function resizeId(hx: number, hy: number): string {
  return (hy < 0 ? "n" : hy > 0 ? "s" : "") + (hx < 0 ? "w" : hx > 0 ? "e" : "");
}

export function rectangleCentre(g: RectangleGeometry): Point {
  return { x: (g.x1 + g.x2) / 2, y: (g.y1 + g.y2) / 2 };
}

/** The rectangle through two opposite corners given in any order, unrotated. */
export function rectangleFromCorners(a: Point, b: Point): RectangleGeometry {
  return { x1: Math.min(a.x, b.x), y1: Math.min(a.y, b.y), x2: Math.max(a.x, b.x), y2: Math.max(a.y, b.y), rotation: 0 };
}

/** Corners clockwise on screen from the top-left (before rotation), after rotation. */
export function rectangleCorners(g: RectangleGeometry): [Point, Point, Point, Point] {
  const c = rectangleCentre(g);
  const r = g.rotation;
  return [
    rotateAround({ x: g.x1, y: g.y1 }, c, r),
    rotateAround({ x: g.x2, y: g.y1 }, c, r),
    rotateAround({ x: g.x2, y: g.y2 }, c, r),
    rotateAround({ x: g.x1, y: g.y2 }, c, r),
  ];
}

function resize(g: RectangleGeometry, handle: readonly [number, number], to: Point, keepAspect: boolean): HandleDrag<RectangleGeometry> {
  let [hx, hy] = handle;
  const c = rectangleCentre(g);
  // Work in the rectangle's own frame: `to` rotated back about the old centre.
  const local = rotateAround(to, c, -g.rotation);
  let u1 = g.x1;
  let u2 = g.x2;
  let v1 = g.y1;
  let v2 = g.y2;
  if (keepAspect && hx !== 0 && hy !== 0) {
    const ax = hx > 0 ? u1 : u2;
    const ay = hy > 0 ? v1 : v2;
    let dx = local.x - ax;
    let dy = local.y - ay;
    const ratio = (g.x2 - g.x1) / (g.y2 - g.y1);
    if (Math.abs(dx) / ratio > Math.abs(dy)) dy = (Math.sign(dy) || hy) * (Math.abs(dx) / ratio);
    else dx = (Math.sign(dx) || hx) * Math.abs(dy) * ratio;
    if (hx > 0) u2 = ax + dx;
    else u1 = ax + dx;
    if (hy > 0) v2 = ay + dy;
    else v1 = ay + dy;
  } else {
    if (hx > 0) u2 = local.x;
    else if (hx < 0) u1 = local.x;
    if (hy > 0) v2 = local.y;
    else if (hy < 0) v1 = local.y;
  }
  // Dragging a side past the opposite one flips the rectangle; the handle becomes the opposite one.
  if (u1 > u2) {
    [u1, u2] = [u2, u1];
    hx = -hx;
  }
  if (v1 > v2) {
    [v1, v2] = [v2, v1];
    hy = -hy;
  }
  if (u2 - u1 < MIN_EXTENT) {
    if (hx < 0) u1 = u2 - MIN_EXTENT;
    else u2 = u1 + MIN_EXTENT;
  }
  if (v2 - v1 < MIN_EXTENT) {
    if (hy < 0) v1 = v2 - MIN_EXTENT;
    else v2 = v1 + MIN_EXTENT;
  }
  // The side opposite the handle stays where it is on screen: the new centre, rotated about the old one.
  const nc = rotateAround({ x: (u1 + u2) / 2, y: (v1 + v2) / 2 }, c, g.rotation);
  const w = u2 - u1;
  const h = v2 - v1;
  return {
    geometry: { x1: nc.x - w / 2, y1: nc.y - h / 2, x2: nc.x + w / 2, y2: nc.y + h / 2, rotation: g.rotation },
    handleId: resizeId(hx, hy),
  };
}

export const rectangleKind: KindUtil<"rectangle"> = {
  kind: "rectangle",
  collection: "shapes",
  wireFields: ["points", "rotation"],
  closed: true,

  parse(wire: Json, loc: Loc, issues: Issue[]): RectangleGeometry | null {
    const pts = readNumberList(wire, "points", loc, issues, { length: 4 });
    const rotation = readRotation(wire.rotation);
    if (rotation === "invalid") issues.push({ loc: [...loc, "rotation"], msg: `expected degrees, got ${describe(wire.rotation)}`, type: "invalid" });
    if (pts === null || rotation === "invalid") return null;
    const [x1, y1, x2, y2] = pts as [number, number, number, number];
    if (!(x1 < x2) || !(y1 < y2)) {
      issues.push({ loc: [...loc, "points"], msg: `expected x1 < x2 and y1 < y2, got [${pts.join(", ")}]`, type: "invalid" });
      return null;
    }
    return { x1, y1, x2, y2, rotation };
  },

  serialize(g: RectangleGeometry): Record<string, unknown> {
    return { points: [g.x1, g.y1, g.x2, g.y2], rotation: g.rotation };
  },

  bbox(g: RectangleGeometry): Box {
    if (g.rotation === 0) return box(g.x1, g.y1, g.x2, g.y2);
    const cs = rectangleCorners(g);
    const xs = cs.map((p) => p.x);
    const ys = cs.map((p) => p.y);
    return box(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
  },

  hitTest(g: RectangleGeometry, p: Point, tolerance: number): number | null {
    const q = g.rotation === 0 ? p : rotateAround(p, rectangleCentre(g), -g.rotation);
    const dx = Math.max(g.x1 - q.x, 0, q.x - g.x2);
    const dy = Math.max(g.y1 - q.y, 0, q.y - g.y2);
    const d = Math.hypot(dx, dy);
    return d <= tolerance ? d : null;
  },

  handles(g: RectangleGeometry, view: HandleView): Handle[] {
    const c = rectangleCentre(g);
    const hw = (g.x2 - g.x1) / 2;
    const hh = (g.y2 - g.y1) / 2;
    const out: Handle[] = Object.entries(RESIZE).map(([id, [hx, hy]]) => {
      const p = rotateAround({ x: c.x + hx * hw, y: c.y + hy * hh }, c, g.rotation);
      return { id, role: "resize", x: p.x, y: p.y };
    });
    const r = rotateAround({ x: c.x, y: g.y1 - ROTATE_HANDLE_OFFSET_PX / view.scale }, c, g.rotation);
    out.push({ id: "rotate", role: "rotate", x: r.x, y: r.y });
    return out;
  },

  dragHandle(g: RectangleGeometry, handleId: string, to: Point, mods: DragModifiers): HandleDrag<RectangleGeometry> | null {
    if (handleId === "rotate") return { geometry: { ...g, rotation: rotationToward(rectangleCentre(g), to, mods.shift) }, handleId };
    const handle = RESIZE[handleId];
    return handle === undefined ? null : resize(g, handle, to, mods.shift);
  },

  translate(g: RectangleGeometry, dx: number, dy: number): RectangleGeometry {
    return { x1: g.x1 + dx, y1: g.y1 + dy, x2: g.x2 + dx, y2: g.y2 + dy, rotation: g.rotation };
  },

  traceOutline(path: PathSink, g: RectangleGeometry, _params: DrawParams): void {
    if (g.rotation === 0) {
      path.rect(g.x1, g.y1, g.x2 - g.x1, g.y2 - g.y1);
      return;
    }
    const [a, b, c, d] = rectangleCorners(g);
    path.moveTo(a.x, a.y);
    path.lineTo(b.x, b.y);
    path.lineTo(c.x, c.y);
    path.lineTo(d.x, d.y);
    path.closePath();
  },
};
