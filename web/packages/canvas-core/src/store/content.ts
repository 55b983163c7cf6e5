/**
 * Everything the store holds for the job, whatever frame is shown: shapes and tags by id (shapes
 * indexed by frame), tracks by id, and the current frame. It answers what is shown on a frame:
 * the shapes on it, the tags covering it, and each track's state there.
 *
 * Two scopes: `objects` (`setObjects`: one image's objects, all shown, as the canvas always did)
 * and `job` (`setAnnotations`: every frame of the job, the current one shown).
 */
import type { AnyTrack, TrackState } from "../interpolation/model";
import type { AnyObject } from "../model/object";
import { stateObject, TrackStateCache } from "../tracks/project";

export type Scope = "objects" | "job";

/** What an id shows on the current frame: the object, and for a track its state. */
export interface Shown {
  readonly object: AnyObject;
  readonly state: TrackState | null;
}

/** The last frame a tag covers (`stop_frame`, kept as it came; a single-frame tag has none). */
function stopFrame(tag: AnyObject): number {
  const stop = tag.extra.stop_frame;
  return typeof stop === "number" ? stop : tag.frame;
}

export class JobContent {
  scope: Scope = "objects";
  frame = 0;
  readonly states = new TrackStateCache();
  private readonly items = new Map<string, AnyObject>();
  private readonly shapesByFrame = new Map<number, Set<string>>();
  private readonly tagIds = new Set<string>();
  private readonly trackMap = new Map<string, AnyTrack>();

  reset(scope: Scope, frame: number, objects: readonly AnyObject[], tracks: readonly AnyTrack[]): void {
    this.scope = scope;
    this.frame = frame;
    this.items.clear();
    this.shapesByFrame.clear();
    this.tagIds.clear();
    this.trackMap.clear();
    this.states.clear();
    for (const o of objects) this.putItem(o.id, o);
    for (const t of tracks) this.trackMap.set(t.id, t);
  }

  // ---- the document ----

  item(id: string): AnyObject | undefined {
    return this.items.get(id);
  }

  track(id: string): AnyTrack | undefined {
    return this.trackMap.get(id);
  }

  has(id: string): boolean {
    return this.items.has(id) || this.trackMap.has(id);
  }

  allItems(): IterableIterator<AnyObject> {
    return this.items.values();
  }

  allTracks(): IterableIterator<AnyTrack> {
    return this.trackMap.values();
  }

  get trackCount(): number {
    return this.trackMap.size;
  }

  /** Sets (or, with null, removes) a shape or tag. Shapes are indexed by frame in the job scope only: the objects scope shows them all. */
  putItem(id: string, obj: AnyObject | null): void {
    const old = this.items.get(id);
    if (old !== undefined) {
      if (old.kind === "tag") this.tagIds.delete(id);
      else this.shapesByFrame.get(old.frame)?.delete(id);
      this.items.delete(id);
    }
    if (obj === null) return;
    this.items.set(id, obj);
    if (obj.kind === "tag") {
      this.tagIds.add(id);
      return;
    }
    if (this.scope === "objects") return;
    let ids = this.shapesByFrame.get(obj.frame);
    if (ids === undefined) {
      ids = new Set();
      this.shapesByFrame.set(obj.frame, ids);
    }
    ids.add(id);
  }

  putTrack(id: string, track: AnyTrack | null): void {
    if (track === null) {
      this.trackMap.delete(id);
      this.states.forget(id);
    } else this.trackMap.set(id, track);
  }

  // ---- what the current frame shows ----

  /** Whether a shape or tag is shown on the current frame. */
  private visible(obj: AnyObject): boolean {
    if (this.scope === "objects") return true;
    if (obj.kind === "tag") return obj.frame <= this.frame && this.frame <= stopFrame(obj);
    return obj.frame === this.frame;
  }

  /** What `id` shows on the current frame, or null (a shape of another frame, a track not started yet, an unknown id). */
  shown(id: string): Shown | null {
    const item = this.items.get(id);
    if (item !== undefined) return this.visible(item) ? { object: item, state: null } : null;
    const track = this.trackMap.get(id);
    if (track === undefined) return null;
    const state = this.states.at(track, this.frame);
    return state === null ? null : { object: stateObject(track, state), state };
  }

  /** Everything shown on the current frame, by id. */
  shownAll(): Map<string, Shown> {
    const out = new Map<string, Shown>();
    this.forEachShown((id, object, state) => out.set(id, { object, state }));
    return out;
  }

  /** Visits everything shown on the current frame, shapes and tags first, then the states of tracks (a load of 11,000 objects goes through here). */
  forEachShown(visit: (id: string, object: AnyObject, state: TrackState | null) => void): void {
    if (this.scope === "objects") {
      for (const [id, item] of this.items) visit(id, item, null);
    } else {
      for (const id of this.shapesByFrame.get(this.frame) ?? []) visit(id, this.items.get(id) as AnyObject, null);
      for (const id of this.tagIds) {
        const tag = this.items.get(id) as AnyObject;
        if (this.visible(tag)) visit(id, tag, null);
      }
    }
    for (const [id, track] of this.trackMap) {
      const state = this.states.at(track, this.frame);
      if (state !== null) visit(id, stateObject(track, state), state);
    }
  }
}
