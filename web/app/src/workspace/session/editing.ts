/**
 * Editing commands of the workspace that are more than one façade call: relabelling with attribute
 * defaults, attributes, occlusion, z-order, groups, lock and hide, copy/paste/duplicate, image tags and
 * skeleton point visibility. Each works on the selection unless given ids.
 */
import type { AnyObject, AttributeValue, Visibility } from "@annota/canvas-core";
import { initialValue, isValidValue } from "../attributes";
import type { SavedTag } from "../document/wire";
import { tagToCanvas } from "../document/wire";
import { labelFitsKind } from "../labels";
import type { WorkspaceController } from "./controller";

function selectedObjects(c: WorkspaceController, ids?: readonly string[]): AnyObject[] {
  const wanted = new Set(ids ?? c.snapshot().selection);
  return c.snapshot().objects.filter((o) => wanted.has(o.id));
}

/** Gives objects another label; attributes the new label shares (and accepts) keep their value. */
export function relabel(c: WorkspaceController, labelId: number, ids?: readonly string[]): boolean {
  const label = c.label(labelId);
  const objects = selectedObjects(c, ids);
  if (label === undefined || objects.length === 0 || c.canvas === null) return false;
  const misfits = objects.filter((o) => !labelFitsKind(label.kind, o.kind));
  if (misfits.length > 0) {
    c.say("labelKindMismatch", { label: label.name, kind: misfits[0]?.kind ?? "" });
    return false;
  }
  c.canvas.updateObjects(
    objects.map((o) => {
      const attributes: Record<string, AttributeValue> = {};
      for (const spec of label.attributes) {
        const kept = o.attributes[spec.name];
        const value = kept !== undefined && isValidValue(spec, kept) ? kept : initialValue(spec);
        if (value !== null) attributes[spec.name] = value;
      }
      return { id: o.id, patch: { labelId, attributes } };
    }),
  );
  return true;
}

export function setAttribute(c: WorkspaceController, name: string, value: AttributeValue, ids?: readonly string[]): void {
  const objects = selectedObjects(c, ids);
  if (objects.length === 0) return;
  c.canvas?.updateObjects(objects.map((o) => ({ id: o.id, patch: { attributes: { ...o.attributes, [name]: value } } })));
}

export function setOccluded(c: WorkspaceController, occluded: boolean, ids?: readonly string[]): void {
  const objects = selectedObjects(c, ids).filter((o) => o.kind !== "tag");
  if (objects.length > 0) c.canvas?.updateObjects(objects.map((o) => ({ id: o.id, patch: { occluded } })));
}

/** Q: occluded on when any selected object is not, else off. */
export function toggleOccluded(c: WorkspaceController): void {
  const objects = selectedObjects(c).filter((o) => o.kind !== "tag");
  if (objects.length === 0) return;
  setOccluded(c, objects.some((o) => !o.occluded));
}

export function reorder(c: WorkspaceController, to: "front" | "back", ids?: readonly string[]): void {
  const objects = selectedObjects(c, ids).filter((o) => o.kind !== "tag");
  if (objects.length > 0) c.canvas?.reorder(objects.map((o) => o.id), to);
}

/** Puts the shapes in one new group (a number not used on this image); tags have no group on the server. */
export function group(c: WorkspaceController, ids?: readonly string[]): void {
  const objects = selectedObjects(c, ids).filter((o) => o.kind !== "tag");
  if (objects.length < 2) {
    c.say("groupNeedsTwo");
    return;
  }
  const used = c.snapshot().objects.map((o) => o.groupId ?? 0);
  const next = Math.max(0, ...used) + 1;
  c.canvas?.updateObjects(objects.map((o) => ({ id: o.id, patch: { groupId: next } })));
}

export function ungroup(c: WorkspaceController, ids?: readonly string[]): void {
  const objects = selectedObjects(c, ids).filter((o) => o.groupId !== null);
  if (objects.length > 0) c.canvas?.updateObjects(objects.map((o) => ({ id: o.id, patch: { groupId: null } })));
}

export function setHidden(c: WorkspaceController, ids: readonly string[], hidden: boolean): void {
  c.canvas?.setHidden(ids, hidden);
  const next = new Set(c.snapshot().hidden);
  for (const id of ids) {
    if (hidden) next.add(id);
    else next.delete(id);
  }
  c.update({ hidden: next });
}

export function setLocked(c: WorkspaceController, ids: readonly string[], locked: boolean): void {
  c.canvas?.setLocked(ids, locked);
  const next = new Set(c.snapshot().locked);
  for (const id of ids) {
    if (locked) next.add(id);
    else next.delete(id);
  }
  c.update({ locked: next });
}

/** H: hides the selection, or shows it again when all of it is hidden. */
export function toggleHidden(c: WorkspaceController): void {
  const ids = c.snapshot().selection;
  if (ids.length > 0) setHidden(c, ids, !ids.every((id) => c.snapshot().hidden.has(id)));
}

export function toggleLocked(c: WorkspaceController): void {
  const ids = c.snapshot().selection;
  if (ids.length > 0) setLocked(c, ids, !ids.every((id) => c.snapshot().locked.has(id)));
}

/** Shift+H: hides every object, or shows them all when all are hidden. */
export function toggleHideAll(c: WorkspaceController, ids?: readonly string[]): void {
  const all = ids ?? c.snapshot().objects.filter((o) => o.kind !== "tag").map((o) => o.id);
  setHidden(c, all, !all.every((id) => c.snapshot().hidden.has(id)));
}

export function copy(c: WorkspaceController): void {
  const n = c.canvas?.copy() ?? 0;
  c.say(n > 0 ? "copied" : "nothingToCopy", { count: n });
}

export function paste(c: WorkspaceController): void {
  const ids = c.canvas?.paste() ?? [];
  if (ids.length === 0) c.say("nothingToPaste");
}

/** Ctrl+D: copies the selection and pastes it in place (the copies are selected, ready to move). */
export function duplicate(c: WorkspaceController): void {
  if ((c.canvas?.copy() ?? 0) > 0) c.canvas?.paste();
  else c.say("nothingToCopy");
}

export function deleteSelected(c: WorkspaceController): void {
  const locked = c.snapshot().selection.filter((id) => c.snapshot().locked.has(id));
  c.canvas?.deleteSelected();
  if (locked.length > 0) c.say("lockedNotDeleted", { count: locked.length });
}

/** Adds an image-level tag of a tag label (the given one, else the active one, else the first). */
export function addTag(c: WorkspaceController, labelId?: number): void {
  const active = c.snapshot().activeLabel;
  const label =
    (labelId === undefined ? undefined : c.label(labelId)) ??
    (active !== null && c.label(active)?.kind === "tag" ? c.label(active) : undefined) ??
    c.labels.find((l) => l.kind === "tag");
  if (label === undefined || label.kind !== "tag") {
    c.say("noTagLabel");
    return;
  }
  const attributes: Record<string, AttributeValue> = {};
  for (const spec of label.attributes) {
    const v = initialValue(spec);
    if (v !== null) attributes[spec.name] = v;
  }
  const tag: SavedTag = { id: c.newId(), label_id: label.id, frame: c.snapshot().frame, attributes, source: "manual", score: null };
  // One undoable action, saved like any other.
  const ids = c.canvas?.addObjects({ tags: [tagToCanvas(tag)] }) ?? [];
  c.canvas?.select(ids);
}

/** Sets one skeleton point visible, occluded or outside, as one undoable action (on a track: its keyframe here). */
export function setSkeletonPoint(c: WorkspaceController, id: string, index: number, visibility: Visibility): void {
  const object = c.snapshot().objects.find((o) => o.id === id);
  if (object === undefined || object.kind !== "skeleton" || index >= object.geometry.visibility.length) return;
  const next = [...object.geometry.visibility];
  next[index] = visibility;
  c.canvas?.updateObjects([{ id, patch: { geometry: { visibility: next } } }]);
}
