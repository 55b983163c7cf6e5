/** Ellipse: `points [cx,cy,rx,ry]` + `rotation` (degrees clockwise about the centre). */
import type { Issue, Loc } from "../errors";
import { box, type Box } from "../geometry/box";
import { distanceToEllipse, insideEllipse } from "../geometry/ellipse";
import { rotateAround, type Point } from "../geometry/point";
import type { EllipseGeometry } from "../model/geometry";
import { describe, readNumberList, type Json } from "../model/read";
import type { DrawParams, PathSink } from "../render/context";
import { MIN_EXTENT, ROTATE_HANDLE_OFFSET_PX, type DragModifiers, type Handle, type HandleDrag, type HandleView, type KindUtil } from "./kind";
import { readRotation, rotationToward } from "./rotation";

/** Axis handles by id, as the unit direction from the centre in the ellipse's own frame. */
const AXES: Readonly<Record<string, readonly [number, number]>> = { e: [1, 0], s: [0, 1], w: [-1, 0], n: [0, -1] };

/** The ellipse inscribed in the box through two corners. */
export function ellipseFromCorners(a: Point, b: Point): EllipseGeometry {
  return { cx: (a.x + b.x) / 2, cy: (a.y + b.y) / 2, rx: Math.abs(b.x - a.x) / 2, ry: Math.abs(b.y - a.y) / 2, rotation: 0 };
}

function centre(g: EllipseGeometry): Point {
  return { x: g.cx, y: g.cy };
}

export const ellipseKind: KindUtil<"ellipse"> = {
  kind: "ellipse",
  collection: "shapes",
  wireFields: ["points", "rotation"],
  closed: true,

  parse(wire: Json, loc: Loc, issues: Issue[]): EllipseGeometry | null {
    const pts = readNumberList(wire, "points", loc, issues, { length: 4 });
    const rotation = readRotation(wire.rotation);
    if (rotation === "invalid") issues.push({ loc: [...loc, "rotation"], msg: `expected degrees, got ${describe(wire.rotation)}`, type: "invalid" });
    if (pts === null || rotation === "invalid") return null;
    const [cx, cy, rx, ry] = pts as [number, number, number, number];
    if (!(rx > 0) || !(ry > 0)) {
      issues.push({ loc: [...loc, "points"], msg: `expected radii rx, ry > 0, got ${rx}, ${ry}`, type: "invalid" });
      return null;
    }
    return { cx, cy, rx, ry, rotation };
  },

  serialize(g: EllipseGeometry): Record<string, unknown> {
    return { points: [g.cx, g.cy, g.rx, g.ry], rotation: g.rotation };
  },

  bbox(g: EllipseGeometry): Box {
    const t = (g.rotation * Math.PI) / 180;
    const cos = Math.cos(t);
    const sin = Math.sin(t);
    const hw = Math.sqrt(g.rx * g.rx * cos * cos + g.ry * g.ry * sin * sin);
    const hh = Math.sqrt(g.rx * g.rx * sin * sin + g.ry * g.ry * cos * cos);
    return box(g.cx - hw, g.cy - hh, g.cx + hw, g.cy + hh);
  },

  hitTest(g: EllipseGeometry, p: Point, tolerance: number): number | null {
    const q = rotateAround(p, centre(g), -g.rotation);
    const x = q.x - g.cx;
    const y = q.y - g.cy;
    if (insideEllipse(x, y, g.rx, g.ry)) return 0;
    const d = distanceToEllipse(x, y, g.rx, g.ry);
    return d <= tolerance ? d : null;
  },

  handles(g: EllipseGeometry, view: HandleView): Handle[] {
    const c = centre(g);
    const out: Handle[] = Object.entries(AXES).map(([id, [ux, uy]]) => {
      const p = rotateAround({ x: g.cx + ux * g.rx, y: g.cy + uy * g.ry }, c, g.rotation);
      return { id, role: "resize", x: p.x, y: p.y };
    });
    const r = rotateAround({ x: g.cx, y: g.cy - g.ry - ROTATE_HANDLE_OFFSET_PX / view.scale }, c, g.rotation);
    out.push({ id: "rotate", role: "rotate", x: r.x, y: r.y });
    return out;
  },

  /** Axis handles resize symmetrically about the centre; shift scales both radii together. */
  dragHandle(g: EllipseGeometry, handleId: string, to: Point, mods: DragModifiers): HandleDrag<EllipseGeometry> | null {
    if (handleId === "rotate") return { geometry: { ...g, rotation: rotationToward(centre(g), to, mods.shift) }, handleId };
    const axis = AXES[handleId];
    if (axis === undefined) return null;
    const q = rotateAround(to, centre(g), -g.rotation);
    const horizontal = axis[0] !== 0;
    const r = Math.max(Math.abs(horizontal ? q.x - g.cx : q.y - g.cy), MIN_EXTENT);
    if (mods.shift) {
      const k = r / (horizontal ? g.rx : g.ry);
      return { geometry: { ...g, rx: Math.max(g.rx * k, MIN_EXTENT), ry: Math.max(g.ry * k, MIN_EXTENT) }, handleId };
    }
    return { geometry: horizontal ? { ...g, rx: r } : { ...g, ry: r }, handleId };
  },

  translate(g: EllipseGeometry, dx: number, dy: number): EllipseGeometry {
    return { ...g, cx: g.cx + dx, cy: g.cy + dy };
  },

  traceOutline(path: PathSink, g: EllipseGeometry, _params: DrawParams): void {
    const t = (g.rotation * Math.PI) / 180;
    // Start a new sub-path at the arc's start, or ellipse() joins it to the previous object.
    path.moveTo(g.cx + g.rx * Math.cos(t), g.cy + g.rx * Math.sin(t));
    path.ellipse(g.cx, g.cy, g.rx, g.ry, t, 0, 2 * Math.PI);
  },
};
