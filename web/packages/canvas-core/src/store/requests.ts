/**
 * A change request checked against the job and turned into the document changes it makes: shape
 * and tag rows, and tracks. An update or delete naming a track edits or deletes that track (an
 * update is an edit of the object it shows on the current frame). Every problem is collected
 * first, so an invalid request changes nothing.
 */
import { CanvasError, type Issue } from "../errors";
import type { AnyTrack } from "../interpolation/model";
import type { AnyObject } from "../model/object";
import { editedTrack } from "../tracks/edit";
import type { ChangeRequest, DocumentChanges, ObjectChange, TrackChange } from "./changes";
import type { JobContent } from "./content";

/** The label's mutable attribute names (they live on keyframes). */
export type MutableAttributes = (labelId: number) => ReadonlySet<string>;

export function documentChanges(
  request: ChangeRequest,
  content: JobContent,
  shown: ReadonlyMap<string, AnyObject>,
  mutable: MutableAttributes,
): DocumentChanges {
  const issues: Issue[] = [];
  const objects: ObjectChange[] = [];
  // Several edits of one track in a request apply one after the other.
  const tracks = new Map<string, { before: AnyTrack | null; after: AnyTrack | null }>();
  const trackNow = (id: string): AnyTrack | null | undefined => (tracks.has(id) ? tracks.get(id)?.after : content.track(id));
  const setTrack = (id: string, after: AnyTrack | null): void => {
    const span = tracks.get(id);
    if (span === undefined) tracks.set(id, { before: content.track(id) ?? null, after });
    else span.after = after;
  };
  const creating = new Set<string>();
  const create = (id: string, loc: Issue["loc"]): boolean => {
    if (content.has(id) || creating.has(id)) {
      issues.push({ loc, msg: `object ${id} already exists`, type: "not_found" });
      return false;
    }
    creating.add(id);
    return true;
  };

  (request.create ?? []).forEach((o, i) => {
    if (create(o.id, ["create", i, "id"])) objects.push({ id: o.id, before: null, after: o });
  });
  (request.update ?? []).forEach((o, i) => {
    const item = content.item(o.id);
    if (item !== undefined) {
      if (item !== o) objects.push({ id: o.id, before: item, after: o });
      return;
    }
    const track = trackNow(o.id);
    const before = shown.get(o.id);
    if (track === undefined || track === null) issues.push({ loc: ["update", i, "id"], msg: `no object ${o.id}`, type: "not_found" });
    else if (before === undefined) issues.push({ loc: ["update", i, "id"], msg: `track ${o.id} shows nothing on frame ${content.frame}`, type: "invalid_state" });
    else if (o.kind !== track.kind) issues.push({ loc: ["update", i, "kind"], msg: `track ${o.id} is a ${track.kind}, not a ${o.kind}`, type: "invalid" });
    else if (before !== o) setTrack(o.id, editedTrack(track, before, o, content.frame, mutable(o.labelId)));
  });
  (request.delete ?? []).forEach((id, i) => {
    const item = content.item(id);
    if (item !== undefined) objects.push({ id, before: item, after: null });
    else if (trackNow(id) != null) setTrack(id, null);
    else issues.push({ loc: ["delete", i], msg: `no object ${id}`, type: "not_found" });
  });
  const t = request.tracks ?? {};
  (t.create ?? []).forEach((track, i) => {
    if (create(track.id, ["tracks", "create", i, "id"])) tracks.set(track.id, { before: null, after: track });
  });
  (t.update ?? []).forEach((track, i) => {
    if (trackNow(track.id) == null) issues.push({ loc: ["tracks", "update", i, "id"], msg: `no track ${track.id}`, type: "not_found" });
    else setTrack(track.id, track);
  });
  (t.delete ?? []).forEach((id, i) => {
    if (trackNow(id) == null) issues.push({ loc: ["tracks", "delete", i], msg: `no track ${id}`, type: "not_found" });
    else setTrack(id, null);
  });
  if (issues.length > 0) throw new CanvasError(issues);
  const trackChanges: TrackChange[] = [];
  for (const [id, { before, after }] of tracks) if (before !== after) trackChanges.push({ id, before, after });
  return { objects, tracks: trackChanges };
}

/**
 * The changes a live edit makes to the objects shown (the job is written when it is committed).
 * Ids the preview created may be created again; every other id must be shown, or new for a create.
 */
export function previewChanges(
  request: ChangeRequest,
  content: JobContent,
  shown: ReadonlyMap<string, AnyObject>,
  touched: ReadonlyMap<string, AnyObject | null>,
): ObjectChange[] {
  const issues: Issue[] = [];
  (request.create ?? []).forEach((o, i) => {
    if (shown.has(o.id) || (content.has(o.id) && !touched.has(o.id))) issues.push({ loc: ["create", i, "id"], msg: `object ${o.id} already exists`, type: "not_found" });
  });
  (request.update ?? []).forEach((o, i) => {
    if (!shown.has(o.id)) issues.push({ loc: ["update", i, "id"], msg: `no object ${o.id}`, type: "not_found" });
  });
  (request.delete ?? []).forEach((id, i) => {
    if (!shown.has(id)) issues.push({ loc: ["delete", i], msg: `no object ${id}`, type: "not_found" });
  });
  if (issues.length > 0) throw new CanvasError(issues);
  const changes: ObjectChange[] = [];
  for (const o of request.create ?? []) changes.push({ id: o.id, before: null, after: o });
  for (const o of request.update ?? []) if (shown.get(o.id) !== o) changes.push({ id: o.id, before: shown.get(o.id) ?? null, after: o });
  for (const id of request.delete ?? []) changes.push({ id, before: shown.get(id) ?? null, after: null });
  return changes;
}
