/**
 * The part of the objects layer to redraw: nothing, a few boxes (an object selected, drawn,
 * moved, deleted — a local redraw, whatever the object count), or everything.
 */
import { unionBox, type Box } from "../geometry/box";

/** More boxes than this are merged into their union. */
export const MAX_DIRTY_BOXES = 16;

export class DirtyRegion {
  private list: Box[] = [];
  private everything = false;

  get all(): boolean {
    return this.everything;
  }

  get empty(): boolean {
    return !this.everything && this.list.length === 0;
  }

  get boxes(): readonly Box[] {
    return this.list;
  }

  addAll(): void {
    this.everything = true;
    this.list = [];
  }

  add(b: Box | null | undefined): void {
    if (b === null || b === undefined || this.everything) return;
    this.list.push({ minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY });
    if (this.list.length > MAX_DIRTY_BOXES) this.list = [this.list.reduce(unionBox)];
  }

  clear(): void {
    this.everything = false;
    this.list = [];
  }
}
