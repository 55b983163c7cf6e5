/**
 * The R-tree (rbush) over the bounds of the store's objects, kept in step with the store's
 * events. It answers "what may be under this point / inside this view" for hit testing and
 * viewport culling, so neither walks all objects.
 */
import RBush from "rbush";

import type { Box } from "../geometry/box";
import { kindUtil } from "../kinds/registry";
import type { AnnotationStore } from "../store/store";
import type { StoreEvent } from "../store/changes";

interface Entry {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  readonly id: string;
}

export class SpatialIndex {
  private readonly tree = new RBush<Entry>(16);
  private readonly entries = new Map<string, Entry>();

  get size(): number {
    return this.entries.size;
  }

  /** Sets (or, with null, removes) the bounds of `id`. */
  set(id: string, b: Box | null): void {
    const old = this.entries.get(id);
    if (old !== undefined) {
      if (b !== null && old.minX === b.minX && old.minY === b.minY && old.maxX === b.maxX && old.maxY === b.maxY) return;
      this.tree.remove(old);
      this.entries.delete(id);
    }
    if (b === null) return;
    const entry: Entry = { minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY, id };
    this.entries.set(id, entry);
    this.tree.insert(entry);
  }

  delete(id: string): void {
    this.set(id, null);
  }

  /** Replaces everything at once (bulk loading builds a better tree than inserting one by one). */
  load(items: Iterable<{ readonly id: string; readonly box: Box }>): void {
    this.tree.clear();
    this.entries.clear();
    const list: Entry[] = [];
    for (const { id, box: b } of items) {
      const entry: Entry = { minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY, id };
      this.entries.set(id, entry);
      list.push(entry);
    }
    this.tree.load(list);
  }

  boxOf(id: string): Box | undefined {
    return this.entries.get(id);
  }

  /** Ids whose bounds intersect `b`, in no particular order. */
  search(b: Box): string[] {
    return this.tree.search(b).map((e) => e.id);
  }
}

/**
 * Keeps `index` equal to the bounds of `store`'s objects; returns the unsubscribe function. A
 * track state outside the frame is left out: it is listed, but neither drawn nor picked.
 */
export function bindIndex(index: SpatialIndex, store: AnnotationStore): () => void {
  const bounds = (id: string): Box | null => {
    const obj = store.get(id);
    return obj === undefined || store.isOutsideState(id) ? null : kindUtil(store.registry, obj).bbox(obj.geometry);
  };
  const reload = (): void => {
    const items: { id: string; box: Box }[] = [];
    for (const obj of store.unordered()) {
      const b = bounds(obj.id);
      if (b !== null) items.push({ id: obj.id, box: b });
    }
    index.load(items);
  };
  reload();
  return store.subscribe((event: StoreEvent) => {
    if (event.type !== "objects") return;
    if (event.cause === "load") reload();
    else for (const c of event.changes) index.set(c.id, bounds(c.id));
  });
}
