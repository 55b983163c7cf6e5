/**
 * Bringing something into view without changing the zoom: a point of the image to the centre of the
 * canvas, an object selected and centred (`?object=` links from quality reports, issue jumps).
 */
import { KIND_REGISTRY, kindUtil, type AnyObject } from "@annota/canvas-core";
import type { JobDocument } from "../document/jobDocument";
import type { WorkspaceController } from "./controller";

export interface ImagePoint {
  readonly x: number;
  readonly y: number;
}

/** Pans so that the image point `p` sits at the centre of the canvas. */
export function centreOn(c: WorkspaceController, p: ImagePoint): void {
  const canvas = c.canvas;
  if (canvas === null) return;
  const v = canvas.viewport();
  canvas.panBy(v.screenWidth / 2 - (p.x * v.scale + v.offsetX), v.screenHeight / 2 - (p.y * v.scale + v.offsetY));
}

function centreOf(obj: AnyObject): ImagePoint | null {
  const box = kindUtil(KIND_REGISTRY, obj).bbox(obj.geometry);
  return box === null ? null : { x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2 };
}

/**
 * Selects object `id` on the frame shown and centres it; a tag (no geometry) is selected only.
 * False when the frame has no such object.
 */
export function focusObject(c: WorkspaceController, id: string): boolean {
  const canvas = c.canvas;
  const obj = canvas?.objects().find((o) => o.id === id);
  if (canvas === null || obj === undefined) return false;
  canvas.select([id]);
  const centre = centreOf(obj);
  if (centre !== null) centreOn(c, centre);
  return true;
}

/** The frame of the job holding object `id` (a shape or tag; a track's first keyframe), or null. */
export function frameOfObject(doc: JobDocument, id: string): number | null {
  const found = doc.shape(id) ?? doc.tag(id);
  if (found !== undefined) return found.frame;
  return doc.track(id)?.keyframes[0]?.frame ?? null;
}
