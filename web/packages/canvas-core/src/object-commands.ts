/** The editor's object commands that are more than one store call: edits (fields and geometry), paste, reorder, export. */
import { CanvasError, type Issue, type Loc } from "./errors";
import type { KindUtil } from "./kinds/kind";
import { kindUtil, type KindRegistry } from "./kinds/registry";
import type { Kind } from "./model/geometry";
import { labelAllowsKind, type Label, type LabelId } from "./model/label";
import type { AnyObject, GeometryPatch, ObjectPatch } from "./model/object";
import { toWire, type WireShape, type WireTag } from "./model/wire";
import type { ChangeRequest } from "./store/changes";
import type { AnnotationStore } from "./store/store";

export interface ObjectUpdate {
  readonly id: string;
  readonly patch: ObjectPatch;
}

/**
 * Validates every update first (unknown id, unknown label, label of another kind, a group on a
 * tag, geometry the kind refuses); throws them all at once, located as `updateObjects[2].patch.geometry.visibility`.
 */
export function updateRequest(store: AnnotationStore, labels: ReadonlyMap<LabelId, Label>, updates: readonly ObjectUpdate[]): ChangeRequest {
  const issues: Issue[] = [];
  const update: AnyObject[] = [];
  updates.forEach((u, i) => {
    const loc = ["updateObjects", i];
    const obj = store.get(u.id);
    if (obj === undefined) {
      issues.push({ loc: [...loc, "id"], msg: `no object ${u.id}`, type: "not_found" });
      return;
    }
    const before = issues.length;
    const { geometry: geometryPatch, ...fields } = u.patch;
    const labelId = fields.labelId;
    const label = labelId === undefined ? undefined : labels.get(labelId);
    if (labelId !== undefined && label === undefined) issues.push({ loc: [...loc, "patch", "labelId"], msg: `unknown label ${labelId}`, type: "not_found" });
    if (label !== undefined && !labelAllowsKind(label, obj.kind)) {
      issues.push({ loc: [...loc, "patch", "labelId"], msg: `label "${label.name}" does not allow ${obj.kind}`, type: "kind_not_allowed" });
    }
    if (obj.kind === "tag" && fields.groupId != null) issues.push({ loc: [...loc, "patch", "groupId"], msg: "a tag has no group", type: "invalid" });
    const geometry = geometryPatch === undefined ? obj.geometry : patchedGeometry(obj, geometryPatch, store.registry, [...loc, "patch", "geometry"], issues);
    if (issues.length === before) update.push({ ...obj, ...fields, geometry } as AnyObject);
  });
  if (issues.length > 0) throw new CanvasError(issues);
  return { update };
}

/** The object's geometry with the patch's wire fields put over it, as the kind parses it; null (and issues) when refused. */
function patchedGeometry(obj: AnyObject, patch: GeometryPatch, registry: KindRegistry, loc: Loc, issues: Issue[]): AnyObject["geometry"] | null {
  const util = kindUtil(registry, obj) as KindUtil<Kind>;
  const before = issues.length;
  for (const field of Object.keys(patch)) {
    if (!util.wireFields.includes(field)) {
      const has = util.wireFields.length === 0 ? "no geometry" : `only ${util.wireFields.join(", ")}`;
      issues.push({ loc: [...loc, field], msg: `a ${obj.kind} has ${has}`, type: "invalid" });
    }
  }
  if (issues.length > before) return null;
  return util.parse({ ...util.serialize(obj.geometry), ...patch }, loc, issues);
}

/** Fills in a new id where a wire object has none (objects added from outside the canvas). */
export function withIds(list: readonly unknown[] | undefined, newId: () => string): unknown[] | undefined {
  return list?.map((raw) => (typeof raw === "object" && raw !== null && !("id" in raw) ? { ...raw, id: newId() } : raw));
}

/** Issues for added objects whose label does not allow their kind, located in the input. */
export function labelKindIssues(objects: readonly AnyObject[], labels: ReadonlyMap<LabelId, Label>): Issue[] {
  const issues: Issue[] = [];
  let shape = 0;
  let tag = 0;
  for (const o of objects) {
    const loc = o.kind === "tag" ? ["tags", tag++, "label_id"] : ["shapes", shape++, "label_id"];
    const label = labels.get(o.labelId);
    if (label !== undefined && !labelAllowsKind(label, o.kind)) issues.push({ loc, msg: `label "${label.name}" does not allow ${o.kind}`, type: "kind_not_allowed" });
  }
  return issues;
}

/** Copies of `clipboard` with new ids, on `frame`, stacked above everything in the store in their own order. */
export function pasteCopies(clipboard: readonly AnyObject[], store: AnnotationStore, newId: () => string, frame: number): AnyObject[] {
  if (clipboard.length === 0) return [];
  const top = store.topZOrder();
  const base = Math.min(...clipboard.map((o) => o.zOrder));
  return clipboard.map((o) => ({ ...o, id: newId(), frame, zOrder: top + (o.zOrder - base), source: "manual", extra: {} }) as AnyObject);
}

/** Moves objects above (front) or below (back) every other object. */
export function reorderRequest(store: AnnotationStore, ids: readonly string[], to: "front" | "back"): ChangeRequest {
  const missing = ids.filter((id) => !store.has(id));
  if (missing.length > 0) throw new CanvasError(missing.map((id) => ({ loc: ["reorder", id], msg: `no object ${id}`, type: "not_found" as const })));
  const all = store.ordered();
  const z = to === "front" ? Math.max(...all.map((o) => o.zOrder)) + 1 : Math.min(...all.map((o) => o.zOrder)) - 1;
  return { update: ids.map((id) => ({ ...(store.get(id) as AnyObject), zOrder: z }) as AnyObject) };
}

/** The store's shown shapes and tags in wire form, apart (the states of tracks are left out). */
export function exportWire(store: AnnotationStore): { shapes: WireShape[]; tags: WireTag[] } {
  const shapes: WireShape[] = [];
  const tags: WireTag[] = [];
  for (const o of store.ordered()) {
    if (store.isTrack(o.id)) continue;
    const w = toWire(o, store.registry);
    if (o.kind === "tag") tags.push(w);
    else shapes.push(w as WireShape);
  }
  return { shapes, tags };
}
