/**
 * The annotation store: the job's shapes, tags and tracks, the objects shown on the current
 * frame in z-order (shapes on it, tags covering it, each track's state there), the selection,
 * hidden/locked view flags (never saved), change sets with unbounded undo/redo, and the journal
 * of changes since the last acknowledged save, folded on demand into the server diff.
 *
 * History and the journal belong to the whole job: switching frames keeps them, so an edit of a
 * track on frame 10 can be undone on frame 20. `load` (one image's objects) starts them over.
 */
import { CanvasError } from "../errors";
import type { AnyTrack, TrackState } from "../interpolation/model";
import type { TrackStateStats } from "../interpolation/state";
import { KIND_REGISTRY, type KindRegistry } from "../kinds/registry";
import type { AnyObject } from "../model/object";
import { editedTrack } from "../tracks/edit";
import {
  invertDocument,
  isEmpty,
  type ChangeCause,
  type ChangeRequest,
  type ChangeSet,
  type DocumentChanges,
  type ObjectChange,
  type StoreEvent,
  type StoreListener,
  type TrackChange,
} from "./changes";
import { JobContent, type Scope } from "./content";
import type { PendingDiff } from "./diff";
import { joinRun } from "./history";
import { Journal } from "./journal";
import { documentChanges, previewChanges, type MutableAttributes } from "./requests";
import { Selection, type SelectMode } from "./selection";
import { ShownObjects } from "./shown";

export type { SelectMode } from "./selection";

const EMPTY: ReadonlySet<string> = new Set();

interface Preview {
  readonly before: Map<string, AnyObject | null>;
  readonly selectionBefore: readonly string[];
}

export interface StoreOptions {
  readonly registry?: KindRegistry;
  /** The mutable attribute names of a label: on a track they are set per keyframe (default: none). */
  readonly mutableAttributes?: MutableAttributes;
}

export class AnnotationStore {
  readonly registry: KindRegistry;
  private readonly content = new JobContent();
  /** What the current frame shows. */
  private readonly shown = new ShownObjects();
  private readonly sel: Selection;
  private readonly undoStack: ChangeSet[] = [];
  private readonly redoStack: ChangeSet[] = [];
  private readonly journal = new Journal();
  private preview: Preview | null = null;
  private readonly listeners = new Set<StoreListener>();
  private readonly mutable: MutableAttributes;

  constructor(options: StoreOptions = {}) {
    this.registry = options.registry ?? KIND_REGISTRY;
    this.mutable = options.mutableAttributes ?? (() => EMPTY);
    this.sel = new Selection((id) => this.shown.has(id), (e) => this.emit(e));
  }

  // ---- reading: the current frame ----

  get(id: string): AnyObject | undefined {
    return this.shown.get(id);
  }

  has(id: string): boolean {
    return this.shown.has(id);
  }

  get size(): number {
    return this.shown.objects.size;
  }

  /** All objects shown, bottom to top: by `zOrder`, then by the order they were added. */
  ordered(): readonly AnyObject[] {
    return this.shown.ordered();
  }

  /** All objects shown, in no particular order: for work that needs every object but not their order (cheaper than `ordered()`). */
  unordered(): IterableIterator<AnyObject> {
    return this.shown.objects.values();
  }

  /** Position in `ordered()`; higher is drawn later (on top). -1 for an unknown id. */
  rank(id: string): number {
    return this.shown.rank(id);
  }

  /** The highest zOrder in use (0 when empty): new objects take it to land on top. */
  topZOrder(): number {
    let top = 0;
    for (const o of this.shown.objects.values()) if (o.zOrder > top) top = o.zOrder;
    return top;
  }

  get frame(): number {
    return this.content.frame;
  }

  /** `objects` after `load` (one image's objects, all shown), `job` after `loadJob` (every frame). */
  get scope(): Scope {
    return this.content.scope;
  }

  /** The state of track `id` on the current frame, when it shows one. */
  trackState(id: string): TrackState | undefined {
    return this.shown.state(id);
  }

  /** A track absent from the current frame (outside): listed and selectable, but not drawn or picked. */
  isOutsideState(id: string): boolean {
    return this.shown.state(id)?.outside === true;
  }

  // ---- reading: the job ----

  isTrack(id: string): boolean {
    return this.content.track(id) !== undefined;
  }

  track(id: string): AnyTrack | undefined {
    return this.content.track(id);
  }

  tracks(): AnyTrack[] {
    return [...this.content.allTracks()];
  }

  /** A shape or tag of the job, on whatever frame. */
  documentObject(id: string): AnyObject | undefined {
    return this.content.item(id);
  }

  /** Work done computing track states (segments built, attribute merges) since the store was made. */
  get stateStats(): Readonly<TrackStateStats> {
    return this.content.states.stats;
  }

  // ---- events ----

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: StoreEvent): void {
    for (const l of this.listeners) l(event);
  }

  // ---- loading and frames ----

  /** Replaces everything with one image's saved objects, all shown: history, journal, selection and flags start empty. */
  load(objects: readonly AnyObject[], frame = this.content.frame): void {
    this.reset("objects", frame, objects, []);
  }

  /** Replaces everything with the job's saved shapes, tags and tracks, showing `frame`; history and journal start empty. */
  loadJob(objects: readonly AnyObject[], tracks: readonly AnyTrack[], frame: number): void {
    this.reset("job", frame, objects, tracks);
  }

  private reset(scope: Scope, frame: number, objects: readonly AnyObject[], tracks: readonly AnyTrack[]): void {
    this.cancelPreview();
    const changes: ObjectChange[] = [];
    for (const o of this.shown.objects.values()) changes.push({ id: o.id, before: o, after: null });
    const trackChanges: TrackChange[] = [...this.content.allTracks()].map((t) => ({ id: t.id, before: t, after: null }));
    this.shown.clear();
    this.content.reset(scope, frame, objects, tracks);
    // Ranks follow the document, so that objects of one zOrder keep their order on every frame.
    for (const o of objects) this.shown.order.add(o.id);
    for (const t of tracks) this.shown.order.add(t.id);
    this.content.forEachShown((id, object, state) => this.shown.add(id, object, state, changes));
    this.undoStack.length = 0;
    this.redoStack.length = 0;
    this.journal.restart();
    this.sel.clearFlags();
    this.emit({ type: "objects", cause: "load", changes });
    for (const t of tracks) trackChanges.push({ id: t.id, before: null, after: t });
    if (trackChanges.length > 0) this.emit({ type: "tracks", cause: "load", changes: trackChanges });
    this.sel.set([]);
    this.emitHistory();
  }

  /**
   * Shows another frame of the job: its shapes, the tags covering it and each track's state there.
   * History, the journal, view flags and the selection (where its objects are still shown) stay.
   */
  setFrame(frame: number): void {
    if (!Number.isInteger(frame) || frame < 0) throw CanvasError.of(["setFrame", "frame"], `expected a frame number ≥ 0, got ${frame}`, "invalid");
    if (this.content.scope !== "job") {
      throw CanvasError.of(["setFrame"], "the canvas holds one image's objects (setObjects): load the job with setAnnotations to switch frames", "invalid_state");
    }
    this.cancelPreview();
    if (frame === this.content.frame) return;
    this.content.frame = frame;
    const next = this.content.shownAll();
    const changes: ObjectChange[] = [];
    for (const id of [...this.shown.objects.keys()]) if (!next.has(id)) this.shown.put(id, null, changes);
    for (const [id, shown] of next) this.shown.put(id, shown, changes);
    if (changes.length > 0) this.emit({ type: "objects", cause: "load", changes });
    this.sel.dropMissing();
    this.emit({ type: "frame", frame });
  }

  // ---- actions ----

  /** Applies one user action as one change set (undoable, journaled). Null when it changes nothing. */
  apply(request: ChangeRequest, label: string): ChangeSet | null {
    if (this.preview !== null) throw CanvasError.of(["apply"], "a preview is in progress: commit or cancel it first", "invalid_state");
    const selectionBefore = this.sel.ids;
    const changes = documentChanges(request, this.content, this.shown.objects, this.mutable);
    if (isEmpty(changes)) return null;
    this.replay(changes, "action");
    return this.record(changes, label, selectionBefore);
  }

  /**
   * Starts a live edit (a drag): `updatePreview` then changes the objects shown without
   * recording, and `commitPreview` turns the whole edit into one change set.
   */
  beginPreview(): void {
    if (this.preview !== null) return;
    this.preview = { before: new Map(), selectionBefore: this.sel.ids };
    this.emit({ type: "preview", active: true, ids: [] });
  }

  /** Ids the current preview has touched (drawn on the overlay while it lasts). */
  previewIds(): ReadonlySet<string> {
    return this.preview === null ? EMPTY : new Set(this.preview.before.keys());
  }

  isInPreview(id: string): boolean {
    return this.preview !== null && this.preview.before.has(id);
  }

  get previewing(): boolean {
    return this.preview !== null;
  }

  /** Changes the objects shown (not the job) until the preview is committed or cancelled. */
  updatePreview(request: ChangeRequest): void {
    const preview = this.preview;
    if (preview === null) throw CanvasError.of(["updatePreview"], "no preview in progress: call beginPreview first", "invalid_state");
    const changes = previewChanges(request, this.content, this.shown.objects, preview.before);
    // Recorded before writing, so that listeners already see these ids as part of the preview.
    for (const c of changes) if (!preview.before.has(c.id)) preview.before.set(c.id, c.before);
    this.replayShown(changes, "preview");
  }

  commitPreview(label: string): ChangeSet | null {
    const preview = this.preview;
    if (preview === null) return null;
    this.preview = null;
    this.emit({ type: "preview", active: false, ids: [...preview.before.keys()] });
    const objects: ObjectChange[] = [];
    const tracks: TrackChange[] = [];
    for (const [id, before] of preview.before) {
      const after = this.shown.get(id) ?? null;
      if (before === after) continue;
      const track = this.content.track(id);
      if (track === undefined) objects.push({ id, before: this.content.item(id) ?? null, after });
      else if (after === null) tracks.push({ id, before: track, after: null });
      else tracks.push({ id, before: track, after: editedTrack(track, before ?? after, after, this.frame, this.mutable(after.labelId)) });
    }
    const changes = { objects, tracks };
    if (isEmpty(changes)) return null;
    // The objects shown already hold the result: put them back as they were before the edit, without
    // an event, so that the action reports its changes from there, as any other action does.
    for (const [id, before] of preview.before) this.shown.putObject(id, before, []);
    this.replay(changes, "action");
    return this.record(changes, label, preview.selectionBefore);
  }

  /** Puts every object the preview touched back as it was. */
  cancelPreview(): void {
    const preview = this.preview;
    if (preview === null) return;
    const changes: ObjectChange[] = [];
    for (const [id, before] of preview.before) {
      const now = this.shown.get(id) ?? null;
      if (now !== before) changes.push({ id, before: now, after: before });
    }
    this.replayShown(changes, "preview");
    this.preview = null;
    this.emit({ type: "preview", active: false, ids: [...preview.before.keys()] });
  }

  undo(): ChangeSet | null {
    this.cancelPreview();
    const set = this.undoStack.pop();
    if (set === undefined) return null;
    this.redoStack.push(set);
    const changes = invertDocument({ objects: set.changes, tracks: set.tracks });
    this.replay(changes, "undo");
    this.journal.push(changes);
    this.sel.set(set.selectionBefore.filter((id) => this.shown.has(id)));
    this.emitHistory();
    return set;
  }

  redo(): ChangeSet | null {
    this.cancelPreview();
    const set = this.redoStack.pop();
    if (set === undefined) return null;
    this.undoStack.push(set);
    const changes = { objects: set.changes, tracks: set.tracks };
    this.replay(changes, "redo");
    this.journal.push(changes);
    this.sel.set(set.selectionAfter.filter((id) => this.shown.has(id)));
    this.emitHistory();
    return set;
  }

  /**
   * Puts the server's copy of objects in place (a tracker run's track; the shape it replaced) without
   * journaling it: the server has it already. It is one undoable change set, which later copies of
   * the same `run` join while no change set after it touched those objects; undoing it puts back
   * what the editor had before, and that undo is saved like any other change. Other objects, their
   * history and their pending changes are left alone. Events come with cause `load`.
   */
  receive(changes: DocumentChanges, run: string | null): void {
    if (isEmpty(changes)) return;
    const touched = [...changes.objects, ...changes.tracks].some((c) => this.isInPreview(c.id));
    if (touched) this.cancelPreview();
    const selectionBefore = this.sel.ids;
    this.replay(changes, "load");
    if (run === null || !joinRun(this.undoStack, run, changes)) {
      const set: ChangeSet = { label: "server copy", changes: changes.objects, tracks: changes.tracks, frame: this.frame, selectionBefore, selectionAfter: this.sel.ids };
      this.undoStack.push(run === null ? set : { ...set, run });
    }
    this.redoStack.length = 0;
    this.emitHistory();
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** The change sets undo would revert, oldest first. */
  history(): readonly ChangeSet[] {
    return this.undoStack;
  }

  private record(changes: DocumentChanges, label: string, selectionBefore: readonly string[]): ChangeSet {
    const set: ChangeSet = { label, changes: changes.objects, tracks: changes.tracks, frame: this.frame, selectionBefore, selectionAfter: this.sel.ids };
    this.undoStack.push(set);
    this.redoStack.length = 0;
    this.journal.push(changes);
    this.emitHistory();
    return set;
  }

  private emitHistory(): void {
    this.emit({ type: "history", canUndo: this.canUndo, canRedo: this.canRedo });
  }

  /**
   * Writes a change set into the job, then shows what it changes on the current frame. Every
   * change set gives one objects event, empty when it changed nothing shown (an undo on another
   * frame), so that one listener hears every committed change.
   */
  private replay(changes: DocumentChanges, cause: ChangeCause): void {
    for (const c of changes.objects) this.content.putItem(c.id, c.after);
    for (const c of changes.tracks) this.content.putTrack(c.id, c.after);
    const shown: ObjectChange[] = [];
    for (const c of changes.objects) this.shown.put(c.id, this.content.shown(c.id), shown);
    for (const c of changes.tracks) this.shown.put(c.id, this.content.shown(c.id), shown);
    this.emit({ type: "objects", cause, changes: shown });
    if (changes.tracks.length > 0) this.emit({ type: "tracks", cause, changes: changes.tracks });
    if (shown.some((c) => c.after === null)) this.sel.dropMissing();
  }

  /** Changes the objects shown only (a preview, or its cancellation). */
  private replayShown(changes: readonly ObjectChange[], cause: ChangeCause): void {
    if (changes.length === 0) return;
    const applied: ObjectChange[] = [];
    for (const c of changes) this.shown.putObject(c.id, c.after, applied);
    this.emit({ type: "objects", cause, changes: applied });
    if (applied.some((c) => c.after === null)) this.sel.dropMissing();
  }

  // ---- selection and view flags (not saved, not undoable) ----

  selected(): readonly string[] {
    return this.sel.ids;
  }

  isSelected(id: string): boolean {
    return this.sel.ids.includes(id);
  }

  select(ids: readonly string[], mode: SelectMode = "replace"): void {
    this.sel.select(ids, mode);
  }

  setHidden(ids: readonly string[], hidden: boolean): void {
    this.sel.setHidden(ids, hidden);
  }

  isHidden(id: string): boolean {
    return this.sel.isHidden(id);
  }

  setLocked(ids: readonly string[], locked: boolean): void {
    this.sel.setLocked(ids, locked);
  }

  isLocked(id: string): boolean {
    return this.sel.isLocked(id);
  }

  // ---- saving ----

  hasPendingChanges(): boolean {
    const d = this.pendingDiff();
    return [d.shapes, d.tags, d.tracks].some((c) => c.create.length + c.update.length + c.delete.length > 0);
  }

  /**
   * The diff of everything changed since the last acknowledged save. A live preview is not
   * included: it becomes a change only when committed.
   */
  pendingDiff(): PendingDiff {
    return this.journal.diff(this.registry);
  }

  /**
   * Marks the changes up to `through` (from `pendingDiff().through`) as saved. Changes made
   * while that save was in flight stay pending.
   */
  acknowledge(through: number): void {
    this.journal.acknowledge(through);
    this.emit({ type: "saved", pending: this.hasPendingChanges() });
  }
}
