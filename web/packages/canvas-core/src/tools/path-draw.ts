/**
 * Tools that draw by clicking vertices: polygon, polyline and points. Polygon and polyline
 * also trace: hold the button and drag to lay points along the way.
 *
 * | state    | event                                   | next     | effect                                       |
 * |----------|-----------------------------------------|----------|----------------------------------------------|
 * | idle     | down (label allows the kind)            | pressing |                                              |
 * | idle     | down (no label / wrong kind)            | idle     | `error` event                                |
 * | pressing | move past the drag threshold (tracing)  | tracing  | the pressed point and this one are added     |
 * | pressing | up near the first point (polygon, ≥3)   | idle     | creates the polygon                          |
 * | pressing | up near the last point (polyline, ≥2)   | idle     | creates the polyline                         |
 * | pressing | up                                      | drawing  | adds the pressed point                       |
 * | drawing  | move                                    | drawing  | rubber band to the cursor                    |
 * | drawing  | down                                    | pressing |                                              |
 * | tracing  | move                                    | tracing  | adds a point every few screen pixels         |
 * | tracing  | up                                      | drawing  |                                              |
 * | any busy | Enter                                   | idle     | creates the object (too few points: `error`, state kept) |
 * | any busy | Backspace                               | same     | removes the last point; none left → idle     |
 * | any      | Escape, cancel()                        | idle     | drops the points                             |
 *
 * In draw mode "track" the object becomes a track with one keyframe on the current frame. A
 * polygon drawn with a label whose kind is `mask` is filled into a mask instead (into the
 * selected mask of that label, or a new one; a selected mask track gets a keyframe).
 */
import { CanvasError } from "../errors";
import type { Point } from "../geometry/point";
import { fillPolygon } from "../kinds/mask-paint";
import type { Label } from "../model/label";
import type { AnyObject } from "../model/object";
import { addDrawn, labelFor, newObject } from "./create";
import { maskChange, maskTarget, startBitmap } from "./mask-target";
import { screenDistance, type OverlayItem, type Tool, type ToolContext, type ToolKey, type ToolPointer } from "./tool";

type PathState =
  | { readonly name: "idle" }
  | { readonly name: "pressing"; readonly points: readonly number[]; readonly down: Point; readonly label: Label }
  | { readonly name: "drawing"; readonly points: readonly number[]; readonly cursor: Point | null; readonly label: Label }
  | { readonly name: "tracing"; readonly points: readonly number[]; readonly label: Label };

interface PathRules {
  readonly minPoints: number;
  /** A click near the first point closes the shape. */
  readonly closeOnFirst: boolean;
  /** A click near the last point ends the shape. */
  readonly finishOnLast: boolean;
  /** Dragging with the button held lays points. */
  readonly trace: boolean;
}

const RULES: Readonly<Record<PathDrawTool["id"], PathRules>> = {
  polygon: { minPoints: 3, closeOnFirst: true, finishOnLast: false, trace: true },
  polyline: { minPoints: 2, closeOnFirst: false, finishOnLast: true, trace: true },
  points: { minPoints: 1, closeOnFirst: false, finishOnLast: false, trace: false },
};

function near(ctx: ToolContext, points: readonly number[], index: number, p: Point): boolean {
  const q = { x: points[2 * index] as number, y: points[2 * index + 1] as number };
  return screenDistance(ctx, q, p) <= ctx.settings.closeDistancePx;
}

export class PathDrawTool implements Tool {
  private s: PathState = { name: "idle" };
  private readonly rules: PathRules;

  constructor(
    private readonly ctx: ToolContext,
    readonly id: "polygon" | "polyline" | "points",
  ) {
    this.rules = RULES[id];
  }

  get state(): PathState["name"] {
    return this.s.name;
  }

  /** The vertices so far (for tests and the overlay). */
  get points(): readonly number[] {
    return this.s.name === "idle" ? [] : this.s.points;
  }

  private set(next: PathState): void {
    this.s = next;
    this.ctx.overlayChanged();
  }

  pointerDown(e: ToolPointer): void {
    if (e.button !== 0) return;
    const s = this.s;
    if (s.name === "drawing") {
      this.set({ name: "pressing", points: s.points, down: e.point, label: s.label });
      return;
    }
    if (s.name !== "idle") return;
    const label = labelFor(this.ctx, this.id, this.id === "polygon" ? ["mask"] : []);
    if (label === null) return;
    this.set({ name: "pressing", points: [], down: e.point, label });
  }

  pointerMove(e: ToolPointer): void {
    const s = this.s;
    if (s.name === "drawing") this.set({ ...s, cursor: e.point });
    else if (s.name === "pressing" && this.rules.trace && screenDistance(this.ctx, s.down, e.point) >= this.ctx.settings.dragThresholdPx) {
      this.set({ name: "tracing", points: [...s.points, s.down.x, s.down.y, e.point.x, e.point.y], label: s.label });
    } else if (s.name === "tracing") {
      const n = s.points.length;
      const last = { x: s.points[n - 2] as number, y: s.points[n - 1] as number };
      if (screenDistance(this.ctx, last, e.point) >= this.ctx.settings.traceSpacingPx) this.set({ ...s, points: [...s.points, e.point.x, e.point.y] });
    }
  }

  pointerUp(e: ToolPointer): void {
    const s = this.s;
    if (s.name === "tracing") {
      this.set({ name: "drawing", points: s.points, cursor: e.point, label: s.label });
      return;
    }
    if (s.name !== "pressing") return;
    const n = s.points.length / 2;
    if (this.rules.closeOnFirst && n >= this.rules.minPoints && near(this.ctx, s.points, 0, s.down)) this.finish(s.points, s.label);
    else if (this.rules.finishOnLast && n >= this.rules.minPoints && near(this.ctx, s.points, n - 1, s.down)) this.finish(s.points, s.label);
    else this.set({ name: "drawing", points: [...s.points, s.down.x, s.down.y], cursor: e.point, label: s.label });
  }

  keyDown(e: ToolKey): boolean {
    const s = this.s;
    if (s.name === "idle") return false;
    if (e.key === "Escape") {
      this.cancel();
      return true;
    }
    if (e.key === "Enter") {
      if (s.points.length / 2 >= this.rules.minPoints) this.finish(s.points, s.label);
      else this.ctx.report(CanvasError.of([this.id], `a ${this.id} needs at least ${this.rules.minPoints} points`, "too_few_points"));
      return true;
    }
    if (e.key === "Backspace") {
      const points = s.points.slice(0, -2);
      if (points.length === 0) this.set({ name: "idle" });
      else this.set({ name: "drawing", points, cursor: s.name === "drawing" ? s.cursor : null, label: s.label });
      return true;
    }
    return false;
  }

  private finish(points: readonly number[], label: Label): void {
    this.set({ name: "idle" });
    if (this.id === "polygon" && label.kind === "mask") {
      const target = maskTarget(this.ctx, label);
      const bitmap = fillPolygon(startBitmap(target), points, 1, this.ctx.imageSize());
      this.ctx.store.apply(maskChange(this.ctx, target, bitmap, target.existing !== null), "fill polygon into mask");
      return;
    }
    const obj: AnyObject = newObject(this.ctx, this.id, label, { points: points.slice() });
    addDrawn(this.ctx, obj, `draw ${this.id}`);
  }

  cancel(): void {
    if (this.s.name !== "idle") this.set({ name: "idle" });
  }

  overlay(): readonly OverlayItem[] {
    const s = this.s;
    if (s.name === "idle") return [];
    const cursor = s.name === "drawing" ? s.cursor : s.name === "pressing" ? s.down : null;
    return [{ type: "path", points: s.points, cursor: this.id === "points" ? null : cursor, closed: this.id === "polygon", labelId: s.label.id }];
  }

  cursor(): string {
    return "crosshair";
  }
}
