/**
 * Folding the changes made since the last acknowledged save into the server's diff
 * (ADR 0001): per object, the state at the last save and the state now decide the operation.
 * create then update → create; create then delete → nothing; update then delete → delete;
 * changes that end where they started (a move undone) → nothing.
 */
import type { KindRegistry } from "../kinds/registry";
import type { AnyObject } from "../model/object";
import { isWireShape, toWire, type WireShape, type WireTag } from "../model/wire";
import type { ObjectChange } from "./changes";

export interface CollectionDiff<W> {
  readonly create: W[];
  readonly update: W[];
  readonly delete: string[];
}

/** A save: what to send, and `through`, the journal position to pass to `acknowledge` once the server accepted it. */
export interface PendingDiff {
  readonly shapes: CollectionDiff<WireShape>;
  readonly tags: CollectionDiff<WireTag>;
  readonly through: number;
}

interface Span {
  readonly before: AnyObject | null;
  after: AnyObject | null;
}

/** First `before` and last `after` per id, in first-touched order. */
export function foldChanges(entries: readonly (readonly ObjectChange[])[]): Map<string, Span> {
  const spans = new Map<string, Span>();
  for (const changes of entries) {
    for (const c of changes) {
      const span = spans.get(c.id);
      if (span === undefined) spans.set(c.id, { before: c.before, after: c.after });
      else span.after = c.after;
    }
  }
  return spans;
}

function sameWire(a: WireShape | WireTag, b: WireShape | WireTag): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function buildDiff(entries: readonly (readonly ObjectChange[])[], registry: KindRegistry, through: number): PendingDiff {
  const shapes: CollectionDiff<WireShape> = { create: [], update: [], delete: [] };
  const tags: CollectionDiff<WireTag> = { create: [], update: [], delete: [] };
  for (const [id, { before, after }] of foldChanges(entries)) {
    const obj = after ?? before;
    if (obj === null) continue;
    const collection = registry[obj.kind].collection;
    const target: CollectionDiff<WireShape | WireTag> = collection === "tags" ? tags : shapes;
    if (before === null && after === null) continue;
    if (after === null) {
      target.delete.push(id);
      continue;
    }
    const wire = toWire(after, registry);
    if (before === null) {
      target.create.push(wire);
      continue;
    }
    if (before.kind !== after.kind) {
      // A kind never changes in place; should it, the server gets a delete and a create.
      target.delete.push(id);
      target.create.push(wire);
      continue;
    }
    if (!sameWire(toWire(before, registry), wire)) target.update.push(wire);
  }
  // The collections are typed by construction: tags only hold tag rows, shapes only shape rows.
  return {
    shapes: { create: shapes.create.filter(isWireShape), update: shapes.update.filter(isWireShape), delete: shapes.delete },
    tags,
    through,
  };
}
