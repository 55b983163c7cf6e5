/**
 * The objects shown on the current frame, by id and in z-order: shapes on the frame, tags
 * covering it, and each track's state there (with the state, which says keyframe, interpolated or
 * outside). Every change goes through `put`, which records it for the store's event.
 */
import type { TrackState } from "../interpolation/model";
import type { AnyObject } from "../model/object";
import type { ObjectChange } from "./changes";
import type { Shown } from "./content";
import { ObjectOrder } from "./order";

export class ShownObjects {
  readonly objects = new Map<string, AnyObject>();
  private readonly states = new Map<string, TrackState>();
  readonly order = new ObjectOrder();

  get(id: string): AnyObject | undefined {
    return this.objects.get(id);
  }

  has(id: string): boolean {
    return this.objects.has(id);
  }

  state(id: string): TrackState | undefined {
    return this.states.get(id);
  }

  ordered(): readonly AnyObject[] {
    return this.order.ordered(this.objects);
  }

  rank(id: string): number {
    return this.order.rank(id, this.objects);
  }

  /** Forgets everything, ranks included. */
  clear(): void {
    this.objects.clear();
    this.states.clear();
    this.order.clear();
  }

  /** Shows `id` as `shown`, or takes it out (null); a change is added to `out` when the object differs. */
  put(id: string, shown: Shown | null, out: ObjectChange[]): void {
    const before = this.objects.get(id) ?? null;
    const after = shown?.object ?? null;
    if (before === after) return;
    out.push({ id, before, after });
    if (shown === null) {
      this.objects.delete(id);
      this.states.delete(id);
      this.order.remove(id);
      return;
    }
    if (before === null) this.order.add(id);
    else if (before.zOrder !== shown.object.zOrder) this.order.invalidate();
    else this.order.replace(id, shown.object);
    this.objects.set(id, shown.object);
    if (shown.state === null) this.states.delete(id);
    else this.states.set(id, shown.state);
  }

  /** Shows `id`, under which nothing is shown yet: how a load fills the emptied frame, without comparing. */
  add(id: string, object: AnyObject, state: TrackState | null, out: ObjectChange[]): void {
    out.push({ id, before: null, after: object });
    this.objects.set(id, object);
    if (state !== null) this.states.set(id, state);
    this.order.add(id);
  }

  /** Changes the object of `id` keeping its state (a live edit, or its cancellation). */
  putObject(id: string, obj: AnyObject | null, out: ObjectChange[]): void {
    this.put(id, obj === null ? null : { object: obj, state: this.states.get(id) ?? null }, out);
  }
}
