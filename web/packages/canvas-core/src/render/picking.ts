/**
 * What is under the cursor, and what a marquee encloses. The spatial index narrows the
 * candidates; each kind's exact hit test decides. Hidden objects are never picked; locked ones
 * are not picked on the canvas (they are selected from the object list instead).
 */
import { boxContainsBox, expandBox, boxArea, type Box } from "../geometry/box";
import type { Point } from "../geometry/point";
import { kindUtil } from "../kinds/registry";
import type { Label, LabelId } from "../model/label";
import type { AnnotationStore } from "../store/store";
import type { SpatialIndex } from "./spatial-index";

export interface PickScene {
  readonly store: AnnotationStore;
  readonly index: SpatialIndex;
  label(id: LabelId): Label | undefined;
}

export interface Pick {
  readonly id: string;
  readonly distance: number;
}

function pickable(scene: PickScene, id: string): boolean {
  return !scene.store.isHidden(id) && !scene.store.isLocked(id);
}

/**
 * Every object within `tolerance` (image units) of `p`, best first: higher zOrder first, then
 * the smaller one (a box inside a box stays clickable), then the one drawn later.
 */
export function pickAll(scene: PickScene, p: Point, tolerance: number): Pick[] {
  const hits: { pick: Pick; z: number; area: number; rank: number }[] = [];
  for (const id of scene.index.search(expandBox({ minX: p.x, minY: p.y, maxX: p.x, maxY: p.y }, tolerance))) {
    const obj = scene.store.get(id);
    if (obj === undefined || !pickable(scene, id)) continue;
    const distance = kindUtil(scene.store.registry, obj).hitTest(obj.geometry, p, tolerance, scene.label(obj.labelId));
    if (distance === null) continue;
    const b = scene.index.boxOf(id);
    hits.push({ pick: { id, distance }, z: obj.zOrder, area: b === undefined ? 0 : boxArea(b), rank: scene.store.rank(id) });
  }
  hits.sort((a, b) => b.z - a.z || a.area - b.area || b.rank - a.rank);
  return hits.map((h) => h.pick);
}

export function pickAt(scene: PickScene, p: Point, tolerance: number): Pick | null {
  return pickAll(scene, p, tolerance)[0] ?? null;
}

/** Pickable objects whose bounds lie wholly inside `b`, bottom to top. */
export function objectsInBox(scene: PickScene, b: Box): string[] {
  const ids = scene.index.search(b).filter((id) => {
    const ob = scene.index.boxOf(id);
    return ob !== undefined && boxContainsBox(b, ob) && pickable(scene, id);
  });
  return ids.sort((x, y) => scene.store.rank(x) - scene.store.rank(y));
}
