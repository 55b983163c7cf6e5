/**
 * The job's annotations as this browser knows them: the server's document at some revision with the
 * changes queued since then applied on top. Switching images reads a frame from here, so work not yet
 * saved is shown again when one comes back to its image; a video job is given to the canvas whole.
 */
import type { AnnotationInput, JobAnnotationInput } from "@annota/canvas-core";
import { WorkspaceError, type WorkspaceIssue } from "../errors";
import {
  shapeToCanvas,
  tagToCanvas,
  type Changes,
  type Collection,
  type SavedShape,
  type SavedTag,
  type SavedTrack,
  type ServerDiff,
  type ShapeWire,
  type TagWire,
  type TrackWire,
} from "./wire";

export interface DocumentBody {
  readonly revision?: number | null;
  readonly shapes?: readonly ShapeWire[];
  readonly tags?: readonly TagWire[];
  readonly tracks?: readonly TrackWire[];
}

function withIds<W extends { id?: string | null }>(list: readonly W[], collection: Collection, issues: WorkspaceIssue[]): (W & { id: string })[] {
  const out: (W & { id: string })[] = [];
  list.forEach((w, i) => {
    if (typeof w.id === "string" && w.id !== "") out.push(w as W & { id: string });
    else issues.push({ loc: ["document", collection, i, "id"], msg: "a stored object has no id", type: "missing" });
  });
  return out;
}

function tagFrames(t: SavedTag): [number, number] {
  return [t.frame, typeof t.stop_frame === "number" ? t.stop_frame : t.frame];
}

export class JobDocument {
  private readonly shapes = new Map<string, SavedShape>();
  private readonly tags = new Map<string, SavedTag>();
  /** Shape ids by frame, so that opening an image does not scan the whole job. */
  private readonly shapesByFrame = new Map<number, Set<string>>();
  private readonly trackMap = new Map<string, SavedTrack>();

  private constructor(
    public revision: number,
    shapes: readonly SavedShape[],
    tags: readonly SavedTag[],
    tracks: readonly SavedTrack[],
  ) {
    for (const s of shapes) this.putShape(s);
    for (const t of tags) this.tags.set(t.id, t);
    for (const t of tracks) this.trackMap.set(t.id, t);
  }

  /** Reads `GET /api/jobs/{id}/annotations`; throws a WorkspaceError naming every object without an id. */
  static fromBody(body: DocumentBody): JobDocument {
    const issues: WorkspaceIssue[] = [];
    if (typeof body.revision !== "number") issues.push({ loc: ["document", "revision"], msg: "the document has no revision", type: "missing" });
    const shapes = withIds(body.shapes ?? [], "shapes", issues);
    const tags = withIds(body.tags ?? [], "tags", issues);
    const tracks = withIds<TrackWire>(body.tracks ?? [], "tracks", issues);
    if (issues.length > 0) throw new WorkspaceError(issues);
    return new JobDocument(body.revision as number, shapes, tags, tracks);
  }

  private putShape(s: SavedShape): void {
    const old = this.shapes.get(s.id);
    if (old !== undefined) this.shapesByFrame.get(old.frame)?.delete(s.id);
    this.shapes.set(s.id, s);
    let ids = this.shapesByFrame.get(s.frame);
    if (ids === undefined) {
      ids = new Set();
      this.shapesByFrame.set(s.frame, ids);
    }
    ids.add(s.id);
  }

  private deleteShape(id: string): void {
    const old = this.shapes.get(id);
    if (old === undefined) return;
    this.shapesByFrame.get(old.frame)?.delete(id);
    this.shapes.delete(id);
  }

  has(collection: Collection, id: string): boolean {
    return (collection === "shapes" ? this.shapes : collection === "tags" ? this.tags : this.trackMap).has(id);
  }

  /** The job's tracks, in the order they were stored or created. */
  get tracks(): readonly SavedTrack[] {
    return [...this.trackMap.values()];
  }

  track(id: string): SavedTrack | undefined {
    return this.trackMap.get(id);
  }

  shape(id: string): SavedShape | undefined {
    return this.shapes.get(id);
  }

  tag(id: string): SavedTag | undefined {
    return this.tags.get(id);
  }

  frameShapes(frame: number): SavedShape[] {
    const ids = this.shapesByFrame.get(frame);
    if (ids === undefined) return [];
    return [...ids].map((id) => this.shapes.get(id) as SavedShape);
  }

  frameTags(frame: number): SavedTag[] {
    return [...this.tags.values()].filter((t) => {
      const [from, to] = tagFrames(t);
      return from <= frame && frame <= to;
    });
  }

  /** A frame's shapes and tags as the canvas reads them. */
  frameInput(frame: number): AnnotationInput {
    return { shapes: this.frameShapes(frame).map(shapeToCanvas), tags: this.frameTags(frame).map(tagToCanvas) };
  }

  /** The whole job as the canvas reads it (a video job): shapes and tags of every frame, and the tracks. */
  jobInput(): JobAnnotationInput {
    return { shapes: [...this.shapes.values()].map(shapeToCanvas), tags: [...this.tags.values()].map(tagToCanvas), tracks: this.tracks };
  }

  /** Frames holding at least one shape, in order. */
  shapeFrames(): number[] {
    return [...this.shapesByFrame].filter(([, ids]) => ids.size > 0).map(([frame]) => frame).sort((a, b) => a - b);
  }

  /** Shapes and tags on a frame (what the task page calls the image's objects). */
  countOnFrame(frame: number): number {
    return (this.shapesByFrame.get(frame)?.size ?? 0) + this.frameTags(frame).length;
  }

  /** Applies a diff as the server would (deletes, updates, creates), without checking it. */
  apply(diff: ServerDiff): void {
    const run = <W extends { id: string }>(c: Changes<W>, put: (w: W) => void, del: (id: string) => void) => {
      for (const id of c.delete) del(id);
      for (const w of c.update) put(w);
      for (const w of c.create) put(w);
    };
    run(diff.shapes, (s) => this.putShape(s), (id) => this.deleteShape(id));
    run(diff.tags, (t) => this.tags.set(t.id, t), (id) => this.tags.delete(id));
    if (diff.tracks !== undefined) run(diff.tracks, (t) => this.trackMap.set(t.id, t), (id) => this.trackMap.delete(id));
  }
}
