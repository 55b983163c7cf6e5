/** The editor's object commands that are more than one store call: edits, paste, reorder, export. */
import { CanvasError, type Issue } from "./errors";
import { labelAllowsKind, type Label, type LabelId } from "./model/label";
import type { AnyObject, ObjectPatch } from "./model/object";
import { toWire, type WireShape, type WireTag } from "./model/wire";
import type { ChangeRequest } from "./store/changes";
import type { AnnotationStore } from "./store/store";

export interface ObjectUpdate {
  readonly id: string;
  readonly patch: ObjectPatch;
}

/** Validates every update first (unknown id, unknown label, label of another kind); throws them all at once. */
export function updateRequest(store: AnnotationStore, labels: ReadonlyMap<LabelId, Label>, updates: readonly ObjectUpdate[]): ChangeRequest {
  const issues = updates.flatMap((u, i): Issue[] => {
    const obj = store.get(u.id);
    if (obj === undefined) return [{ loc: ["updateObjects", i, "id"], msg: `no object ${u.id}`, type: "not_found" }];
    const labelId = u.patch.labelId;
    if (labelId === undefined) return [];
    const label = labels.get(labelId);
    if (label === undefined) return [{ loc: ["updateObjects", i, "patch", "labelId"], msg: `unknown label ${labelId}`, type: "not_found" }];
    if (!labelAllowsKind(label, obj.kind)) {
      return [{ loc: ["updateObjects", i, "patch", "labelId"], msg: `label "${label.name}" does not allow ${obj.kind}`, type: "kind_not_allowed" }];
    }
    return [];
  });
  if (issues.length > 0) throw new CanvasError(issues);
  return { update: updates.map((u) => ({ ...(store.get(u.id) as AnyObject), ...u.patch }) as AnyObject) };
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
