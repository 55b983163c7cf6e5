/** One-shot actions of the select tool: keyboard cycling, deleting, nudging, removing a vertex. */
import { CanvasError } from "../errors";
import { kindUtil } from "../kinds/registry";
import { cycleVisibility } from "../kinds/skeleton";
import type { AnyObject } from "../model/object";
import type { ToolContext } from "./tool";

/** Objects the canvas lets the user act on: shown, not locked, with geometry, not a track outside the frame. */
export function editable(ctx: ToolContext, obj: AnyObject | undefined): obj is AnyObject {
  return obj !== undefined && obj.kind !== "tag" && !ctx.store.isHidden(obj.id) && !ctx.store.isLocked(obj.id) && !ctx.store.isOutsideState(obj.id);
}

export function selectedEditable(ctx: ToolContext): AnyObject[] {
  return ctx.store.selected().map((id) => ctx.store.get(id)).filter((o) => editable(ctx, o));
}

/** Tab selects the next object bottom to top (Shift+Tab the previous), wrapping around. */
export function cycleSelection(ctx: ToolContext, backwards: boolean): boolean {
  const list = ctx.store.ordered().filter((o) => editable(ctx, o));
  if (list.length === 0) return false;
  const current = ctx.store.selected().at(-1);
  const at = current === undefined ? -1 : list.findIndex((o) => o.id === current);
  const next = at === -1 ? (backwards ? list.length - 1 : 0) : (at + (backwards ? -1 : 1) + list.length) % list.length;
  ctx.store.select([(list[next] as AnyObject).id]);
  return true;
}

export function deleteSelected(ctx: ToolContext): boolean {
  const ids = selectedEditable(ctx).map((o) => o.id);
  if (ids.length === 0) return false;
  ctx.store.apply({ delete: ids }, "delete");
  return true;
}

export function nudgeSelected(ctx: ToolContext, dx: number, dy: number): boolean {
  const objs = selectedEditable(ctx);
  if (objs.length === 0) return false;
  ctx.store.apply({ update: objs.map((o) => translated(ctx, o, dx, dy)) }, "nudge");
  return true;
}

export function translated(ctx: ToolContext, obj: AnyObject, dx: number, dy: number): AnyObject {
  return { ...obj, geometry: kindUtil(ctx.kinds, obj).translate(obj.geometry, dx, dy) } as AnyObject;
}

/**
 * Alt+click on a vertex removes it, unless the kind's minimum number of points would be broken.
 * On a skeleton joint (joints are fixed by the template) it cycles the joint's visibility.
 */
export function alterVertex(ctx: ToolContext, obj: AnyObject, index: number): void {
  if (obj.kind === "skeleton") {
    ctx.store.apply({ update: [{ ...obj, geometry: cycleVisibility(obj.geometry, index) }] }, "change visibility");
    return;
  }
  const util = kindUtil(ctx.kinds, obj);
  if (util.vertices === undefined) return;
  const g = util.vertices.removeVertex(obj.geometry, index);
  if (g === null) {
    ctx.report(CanvasError.of(["objects", obj.id, "points"], `a ${obj.kind} cannot lose more points`, "too_few_points"));
    return;
  }
  ctx.store.apply({ update: [{ ...obj, geometry: g } as AnyObject] }, "delete vertex");
}

export const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};
