/** Making new objects from tools: the active label's checks and the defaults of a new object. */
import { CanvasError } from "../errors";
import type { GeometryByKind, ShapeKind } from "../model/geometry";
import { labelAllowsKind, type Label } from "../model/label";
import type { AnnotationObject, AnyObject } from "../model/object";
import { trackFromShape } from "../tracks/commands";
import type { ToolContext } from "./tool";

/**
 * The active label when it allows `kind`; otherwise reports why (no label, or a label of
 * another kind) and returns null. `alsoAllowed` lists label kinds the tool converts to.
 */
export function labelFor(ctx: ToolContext, kind: ShapeKind, alsoAllowed: readonly string[] = []): Label | null {
  const label = ctx.activeLabel();
  if (label === null) {
    ctx.report(CanvasError.of(["activeLabel"], `choose a label before drawing a ${kind}`, "no_label"));
    return null;
  }
  if (!labelAllowsKind(label, kind) && !alsoAllowed.includes(label.kind)) {
    ctx.report(CanvasError.of(["activeLabel"], `label "${label.name}" allows ${label.kind} only, not ${kind}`, "kind_not_allowed"));
    return null;
  }
  return label;
}

/** A new manual object on the current frame, above every existing one. */
export function newObject<K extends ShapeKind>(ctx: ToolContext, kind: K, label: Label, geometry: GeometryByKind[K], id = ctx.newId()): AnnotationObject<K> {
  return {
    id,
    kind,
    labelId: label.id,
    frame: ctx.frame(),
    zOrder: ctx.store.topZOrder(),
    occluded: false,
    outside: false,
    attributes: { ...label.attributeDefaults },
    groupId: null,
    source: "manual",
    score: null,
    geometry,
    extra: {},
  };
}

/** Adds a drawn object as one action: a shape, or in track mode a track with one keyframe on the current frame (same id). */
export function addDrawn(ctx: ToolContext, obj: AnyObject, action: string): void {
  if (ctx.drawMode() === "shape") {
    ctx.store.apply({ create: [obj] }, action);
    return;
  }
  const track = trackFromShape(obj, obj.id, ctx.label(obj.labelId)?.mutableAttributes ?? new Set());
  if (track.ok) ctx.store.apply({ tracks: { create: [track.value] } }, `${action} track`);
  else ctx.report(new CanvasError([track.issue]));
}
