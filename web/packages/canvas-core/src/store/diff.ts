/**
 * Folding the changes made since the last acknowledged save into the server's diff
 * (ADR 0001): per object, the state at the last save and the state now decide the operation.
 * create then update → create; create then delete → nothing; update then delete → delete;
 * changes that end where they started (a move undone) → nothing. Tracks fold the same way, a
 * track being the unit of saving: any keyframe edit sends the whole track in `update`.
 */
import type { AnyTrack } from "../interpolation/model";
import type { KindRegistry } from "../kinds/registry";
import type { AnyObject } from "../model/object";
import { isWireShape, toWire, type WireShape, type WireTag } from "../model/wire";
import { trackToWire, type WireTrack } from "../tracks/wire";
import type { DocumentChanges } from "./changes";

export interface CollectionDiff<W> {
  readonly create: W[];
  readonly update: W[];
  readonly delete: string[];
}

/** A save: what to send, and `through`, the journal position to pass to `acknowledge` once the server accepted it. */
export interface PendingDiff {
  readonly shapes: CollectionDiff<WireShape>;
  readonly tags: CollectionDiff<WireTag>;
  readonly tracks: CollectionDiff<WireTrack>;
  readonly through: number;
}

interface Span<T> {
  readonly before: T | null;
  after: T | null;
}

/** First `before` and last `after` per id, in first-touched order. */
export function foldChanges<T>(entries: readonly (readonly { readonly id: string; readonly before: T | null; readonly after: T | null }[])[]): Map<string, Span<T>> {
  const spans = new Map<string, Span<T>>();
  for (const changes of entries) {
    for (const c of changes) {
      const span = spans.get(c.id);
      if (span === undefined) spans.set(c.id, { before: c.before, after: c.after });
      else span.after = c.after;
    }
  }
  return spans;
}

function sameWire(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Adds one folded span to `target` as a create, an update, a delete, or nothing. */
function addSpan<T, W>(target: CollectionDiff<W>, id: string, before: T | null, after: T | null, wire: (t: T) => W, replaced: (a: T, b: T) => boolean): void {
  if (after === null) {
    if (before !== null) target.delete.push(id);
    return;
  }
  const now = wire(after);
  if (before === null) target.create.push(now);
  else if (replaced(before, after)) {
    // A kind never changes in place; should it, the server gets a delete and a create.
    target.delete.push(id);
    target.create.push(now);
  } else if (!sameWire(wire(before), now)) target.update.push(now);
}

export function buildDiff(entries: readonly DocumentChanges[], registry: KindRegistry, through: number): PendingDiff {
  const shapes: CollectionDiff<WireShape | WireTag> = { create: [], update: [], delete: [] };
  const tags: CollectionDiff<WireTag> = { create: [], update: [], delete: [] };
  const tracks: CollectionDiff<WireTrack> = { create: [], update: [], delete: [] };
  const kindChanged = (a: AnyObject | AnyTrack, b: AnyObject | AnyTrack): boolean => a.kind !== b.kind;
  for (const [id, { before, after }] of foldChanges(entries.map((e) => e.objects))) {
    const obj = after ?? before;
    if (obj === null) continue;
    const target = registry[obj.kind].collection === "tags" ? tags : shapes;
    addSpan<AnyObject, WireShape | WireTag>(target, id, before, after, (o) => toWire(o, registry), kindChanged);
  }
  for (const [id, { before, after }] of foldChanges(entries.map((e) => e.tracks))) {
    addSpan<AnyTrack, WireTrack>(tracks, id, before, after, (t) => trackToWire(t, registry), kindChanged);
  }
  // The collections are typed by construction: tags only hold tag rows, shapes only shape rows.
  return {
    shapes: { create: shapes.create.filter(isWireShape), update: shapes.update.filter(isWireShape), delete: shapes.delete },
    tags,
    tracks,
    through,
  };
}
