/**
 * The annotation store of one frame: objects by id in z-order, the selection, hidden/locked
 * view flags (never saved), change sets with unbounded undo/redo, and the journal of changes
 * since the last acknowledged save, folded on demand into the server diff.
 */
import { CanvasError } from "../errors";
import { KIND_REGISTRY, type KindRegistry } from "../kinds/registry";
import type { AnyObject } from "../model/object";
import { invert, type ChangeCause, type ChangeRequest, type ChangeSet, type ObjectChange, type StoreEvent, type StoreListener } from "./changes";
import { buildDiff, type PendingDiff } from "./diff";
import { ObjectOrder } from "./order";

const EMPTY: ReadonlySet<string> = new Set();

export type SelectMode = "replace" | "add" | "toggle" | "remove";

interface Preview {
  readonly before: Map<string, AnyObject | null>;
  readonly selectionBefore: readonly string[];
}

export class AnnotationStore {
  readonly registry: KindRegistry;
  private readonly objects = new Map<string, AnyObject>();
  private readonly order = new ObjectOrder();
  private selection: string[] = [];
  private readonly hidden = new Set<string>();
  private readonly locked = new Set<string>();
  private readonly undoStack: ChangeSet[] = [];
  private readonly redoStack: ChangeSet[] = [];
  /** Changes applied since the last acknowledged save; `journalBase` is the position of its first entry. */
  private journal: (readonly ObjectChange[])[] = [];
  private journalBase = 0;
  private preview: Preview | null = null;
  private readonly listeners = new Set<StoreListener>();

  constructor(options: { registry?: KindRegistry } = {}) {
    this.registry = options.registry ?? KIND_REGISTRY;
  }

  // ---- reading ----

  get(id: string): AnyObject | undefined {
    return this.objects.get(id);
  }

  has(id: string): boolean {
    return this.objects.has(id);
  }

  get size(): number {
    return this.objects.size;
  }

  /** All objects, bottom to top: by `zOrder`, then by the order they were added. */
  ordered(): readonly AnyObject[] {
    return this.order.ordered(this.objects);
  }

  /** Position in `ordered()`; higher is drawn later (on top). -1 for an unknown id. */
  rank(id: string): number {
    return this.order.rank(id, this.objects);
  }

  /** The highest zOrder in use (0 when empty): new objects take it to land on top. */
  topZOrder(): number {
    let top = 0;
    for (const o of this.objects.values()) if (o.zOrder > top) top = o.zOrder;
    return top;
  }

  // ---- events ----

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: StoreEvent): void {
    for (const l of this.listeners) l(event);
  }

  // ---- loading ----

  /** Replaces every object with a saved state: history, journal, selection and flags start empty. */
  load(objects: readonly AnyObject[]): void {
    this.cancelPreview();
    const changes: ObjectChange[] = [];
    for (const o of this.objects.values()) changes.push({ id: o.id, before: o, after: null });
    this.objects.clear();
    this.order.clear();
    for (const o of objects) {
      this.objects.set(o.id, o);
      this.order.add(o.id);
      changes.push({ id: o.id, before: null, after: o });
    }
    this.undoStack.length = 0;
    this.redoStack.length = 0;
    this.journalBase += this.journal.length;
    this.journal = [];
    this.hidden.clear();
    this.locked.clear();
    this.emit({ type: "objects", cause: "load", changes });
    this.setSelection([]);
    this.emitHistory();
  }

  // ---- actions ----

  /** Applies one user action as one change set (undoable, journaled). Null when it changes nothing. */
  apply(request: ChangeRequest, label: string): ChangeSet | null {
    if (this.preview !== null) throw CanvasError.of(["apply"], "a preview is in progress: commit or cancel it first", "invalid_state");
    const selectionBefore = this.selection;
    const changes = this.write(request, "action");
    if (changes.length === 0) return null;
    return this.record({ label, changes, selectionBefore, selectionAfter: this.selection });
  }

  /**
   * Starts a live edit (a drag): `updatePreview` then changes objects without recording, and
   * `commitPreview` turns the whole edit into one change set.
   */
  beginPreview(): void {
    if (this.preview !== null) return;
    this.preview = { before: new Map(), selectionBefore: this.selection };
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

  updatePreview(request: ChangeRequest): void {
    const preview = this.preview;
    if (preview === null) throw CanvasError.of(["updatePreview"], "no preview in progress: call beginPreview first", "invalid_state");
    const ids = [...(request.create ?? []).map((o) => o.id), ...(request.update ?? []).map((o) => o.id), ...(request.delete ?? [])];
    const firstSeen = ids.filter((id) => !preview.before.has(id)).map((id) => [id, this.objects.get(id) ?? null] as const);
    // Recorded before writing, so that listeners already see these ids as part of the preview.
    for (const [id, before] of firstSeen) preview.before.set(id, before);
    try {
      this.write(request, "preview");
    } catch (error) {
      for (const [id] of firstSeen) preview.before.delete(id);
      throw error;
    }
  }

  commitPreview(label: string): ChangeSet | null {
    const preview = this.preview;
    if (preview === null) return null;
    this.preview = null;
    this.emit({ type: "preview", active: false, ids: [...preview.before.keys()] });
    const changes: ObjectChange[] = [];
    for (const [id, before] of preview.before) {
      const after = this.objects.get(id) ?? null;
      if (before !== after) changes.push({ id, before, after });
    }
    if (changes.length === 0) return null;
    return this.record({ label, changes, selectionBefore: preview.selectionBefore, selectionAfter: this.selection });
  }

  /** Puts every object the preview touched back as it was. */
  cancelPreview(): void {
    const preview = this.preview;
    if (preview === null) return;
    const changes: ObjectChange[] = [];
    for (const [id, before] of preview.before) {
      const now = this.objects.get(id) ?? null;
      if (now !== before) changes.push({ id, before: now, after: before });
    }
    this.replay(changes, "preview");
    this.preview = null;
    this.emit({ type: "preview", active: false, ids: [...preview.before.keys()] });
  }

  undo(): ChangeSet | null {
    this.cancelPreview();
    const set = this.undoStack.pop();
    if (set === undefined) return null;
    this.redoStack.push(set);
    const changes = invert(set.changes);
    this.replay(changes, "undo");
    this.journal.push(changes);
    this.setSelection(set.selectionBefore.filter((id) => this.objects.has(id)));
    this.emitHistory();
    return set;
  }

  redo(): ChangeSet | null {
    this.cancelPreview();
    const set = this.redoStack.pop();
    if (set === undefined) return null;
    this.undoStack.push(set);
    this.replay(set.changes, "redo");
    this.journal.push(set.changes);
    this.setSelection(set.selectionAfter.filter((id) => this.objects.has(id)));
    this.emitHistory();
    return set;
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

  private record(set: ChangeSet): ChangeSet {
    this.undoStack.push(set);
    this.redoStack.length = 0;
    this.journal.push(set.changes);
    this.emitHistory();
    return set;
  }

  private emitHistory(): void {
    this.emit({ type: "history", canUndo: this.canUndo, canRedo: this.canRedo });
  }

  /** Validates the whole request first, so an invalid one changes nothing. */
  private write(request: ChangeRequest, cause: ChangeCause): ObjectChange[] {
    const problems: { loc: (string | number)[]; msg: string }[] = [];
    (request.create ?? []).forEach((o, i) => {
      if (this.objects.has(o.id)) problems.push({ loc: ["create", i, "id"], msg: `object ${o.id} already exists` });
    });
    (request.update ?? []).forEach((o, i) => {
      if (!this.objects.has(o.id)) problems.push({ loc: ["update", i, "id"], msg: `no object ${o.id}` });
    });
    (request.delete ?? []).forEach((id, i) => {
      if (!this.objects.has(id)) problems.push({ loc: ["delete", i], msg: `no object ${id}` });
    });
    if (problems.length > 0) throw new CanvasError(problems.map((p) => ({ ...p, type: "not_found" as const })));
    const changes: ObjectChange[] = [];
    for (const o of request.create ?? []) changes.push({ id: o.id, before: null, after: o });
    for (const o of request.update ?? []) {
      const before = this.objects.get(o.id) ?? null;
      if (before !== o) changes.push({ id: o.id, before, after: o });
    }
    for (const id of request.delete ?? []) changes.push({ id, before: this.objects.get(id) ?? null, after: null });
    this.replay(changes, cause);
    return changes;
  }

  private replay(changes: readonly ObjectChange[], cause: ChangeCause): void {
    if (changes.length === 0) return;
    let removedSelected = false;
    for (const c of changes) {
      if (c.after === null) {
        this.objects.delete(c.id);
        this.order.remove(c.id);
        if (this.selection.includes(c.id)) removedSelected = true;
      } else {
        const had = this.objects.has(c.id);
        this.objects.set(c.id, c.after);
        if (!had) this.order.add(c.id);
        else if (c.before !== null && c.before.zOrder !== c.after.zOrder) this.order.invalidate();
        else this.order.replace(c.id, c.after);
      }
    }
    this.emit({ type: "objects", cause, changes });
    if (removedSelected) this.setSelection(this.selection.filter((id) => this.objects.has(id)));
  }

  // ---- selection ----

  selected(): readonly string[] {
    return this.selection;
  }

  isSelected(id: string): boolean {
    return this.selection.includes(id);
  }

  select(ids: readonly string[], mode: SelectMode = "replace"): void {
    const unknown = ids.filter((id) => !this.objects.has(id));
    if (unknown.length > 0) throw new CanvasError(unknown.map((id) => ({ loc: ["select", id], msg: `no object ${id}`, type: "not_found" as const })));
    let next: string[];
    if (mode === "replace") next = [...new Set(ids)];
    else if (mode === "add") next = [...new Set([...this.selection, ...ids])];
    else if (mode === "remove") next = this.selection.filter((id) => !ids.includes(id));
    else {
      const toggled = new Set(this.selection);
      for (const id of ids) if (!toggled.delete(id)) toggled.add(id);
      next = [...toggled];
    }
    this.setSelection(next);
  }

  private setSelection(next: string[]): void {
    if (next.length === this.selection.length && next.every((id, i) => id === this.selection[i])) return;
    this.selection = next;
    this.emit({ type: "selection", selected: next });
  }

  // ---- view flags (not saved, not undoable) ----

  setHidden(ids: readonly string[], hidden: boolean): void {
    this.setFlag(this.hidden, ids, hidden);
  }

  isHidden(id: string): boolean {
    return this.hidden.has(id);
  }

  setLocked(ids: readonly string[], locked: boolean): void {
    this.setFlag(this.locked, ids, locked);
  }

  isLocked(id: string): boolean {
    return this.locked.has(id);
  }

  private setFlag(set: Set<string>, ids: readonly string[], on: boolean): void {
    const changed = ids.filter((id) => set.has(id) !== on);
    for (const id of changed) {
      if (on) set.add(id);
      else set.delete(id);
    }
    if (changed.length > 0) this.emit({ type: "flags", ids: changed });
  }

  // ---- saving ----

  hasPendingChanges(): boolean {
    const d = this.pendingDiff();
    return [d.shapes, d.tags].some((c) => c.create.length + c.update.length + c.delete.length > 0);
  }

  /**
   * The diff of everything changed since the last acknowledged save. A live preview is not
   * included: it becomes a change only when committed.
   */
  pendingDiff(): PendingDiff {
    return buildDiff(this.journal, this.registry, this.journalBase + this.journal.length);
  }

  /**
   * Marks the changes up to `through` (from `pendingDiff().through`) as saved. Changes made
   * while that save was in flight stay pending.
   */
  acknowledge(through: number): void {
    const drop = through - this.journalBase;
    if (!Number.isInteger(through) || drop < 0 || drop > this.journal.length) {
      const range = `${this.journalBase} and ${this.journalBase + this.journal.length}`;
      throw CanvasError.of(["acknowledge", "through"], `expected a journal position between ${range}, got ${through}`, "invalid");
    }
    this.journal = this.journal.slice(drop);
    this.journalBase = through;
    this.emit({ type: "saved", pending: this.hasPendingChanges() });
  }
}
