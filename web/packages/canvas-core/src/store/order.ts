/**
 * Z-order of the store's objects: by `zOrder`, then by when the id was first added. The sorted
 * list is rebuilt lazily after a create, delete or zOrder change (a list already in order, as a
 * load leaves it, is only checked); a geometry edit replaces the object in place, so dragging one
 * object never re-sorts 10,000.
 */
import type { AnyObject } from "../model/object";

export class ObjectOrder {
  /** First-added counter per id; kept after a delete so that undo puts the object back where it was. */
  private readonly added = new Map<string, number>();
  private next = 0;
  private sorted: AnyObject[] | null = null;
  private ranks = new Map<string, number>();

  add(id: string): void {
    if (!this.added.has(id)) this.added.set(id, this.next++);
    this.sorted = null;
  }

  remove(_id: string): void {
    this.sorted = null;
  }

  invalidate(): void {
    this.sorted = null;
  }

  clear(): void {
    this.added.clear();
    this.next = 0;
    this.sorted = null;
  }

  replace(id: string, obj: AnyObject): void {
    if (this.sorted === null) return;
    const r = this.ranks.get(id);
    if (r === undefined) this.sorted = null;
    else this.sorted[r] = obj;
  }

  ordered(objects: ReadonlyMap<string, AnyObject>): readonly AnyObject[] {
    if (this.sorted === null) {
      const list = [...objects.values()];
      const compare = (a: AnyObject, b: AnyObject): number => a.zOrder - b.zOrder || (this.added.get(a.id) ?? 0) - (this.added.get(b.id) ?? 0);
      // A load adds objects in their order, which is usually already sorted: checking costs one pass, sorting n log n.
      let inOrder = true;
      for (let i = 1; i < list.length && inOrder; i++) inOrder = compare(list[i - 1] as AnyObject, list[i] as AnyObject) <= 0;
      if (!inOrder) list.sort(compare);
      const ranks = new Map<string, number>();
      for (let i = 0; i < list.length; i++) ranks.set((list[i] as AnyObject).id, i);
      this.sorted = list;
      this.ranks = ranks;
    }
    return this.sorted;
  }

  rank(id: string, objects: ReadonlyMap<string, AnyObject>): number {
    this.ordered(objects);
    return this.ranks.get(id) ?? -1;
  }
}
